import { z } from "zod";
import { defaultedBy } from "../config/primitives";
import { awsArn } from "./awsPrimitives";
import { DATABASE_BACKUP_PLAN_DEFAULTS as D } from "./databaseBackupPlan";

/** The config fragment of {@link DatabaseBackupPlan}. */
export const databaseBackupPlanSchema = z.strictObject({
  schedule: defaultedBy(
    z.string().regex(/^cron\(.+\)$/, { error: 'expected an AWS Backup cron expression such as "cron(0 2 * * ? *)"' }),
    D.schedule,
  ).describe("When the nightly snapshot runs (AWS Backup cron, UTC)."),
  retentionDays: defaultedBy(z.int().min(1).max(36500), D.retentionDays).describe("Days recovery points are kept."),
  copyToVaultArn: awsArn.optional().describe("Vault in another region or account every recovery point is copied to."),
});

/** A backup plan as a stack file gives it. */
export type DatabaseBackupPlanConfig = z.output<typeof databaseBackupPlanSchema>;
