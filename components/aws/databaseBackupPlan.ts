import * as backup from "@pulumi/aws/backup";
import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { statefulOptions } from "../protection";
import { KmsKeyOption, serviceKeyArn } from "./kmsKey";

/** Every default of a {@link DatabaseBackupPlan}. */
export const DATABASE_BACKUP_PLAN_DEFAULTS = {
  /** Nightly at 02:00 UTC (AWS Backup cron). */
  schedule: "cron(0 2 * * ? *)",
  /** Days a recovery point is kept. */
  retentionDays: 35,
  /** Minutes a job may wait to start, and to complete. */
  startWindowMinutes: 60,
  completionWindowMinutes: 240,
} as const;

const D = DATABASE_BACKUP_PLAN_DEFAULTS;

/** Arguments of {@link DatabaseBackupPlan}. */
export interface DatabaseBackupPlanArgs {
  /** ARNs of the databases (RDS instances) backed up. */
  readonly resourceArns: readonly pulumi.Input<string>[];
  /** AWS Backup cron expression, UTC. @default "cron(0 2 * * ? *)" */
  readonly schedule?: string;
  /** Days recovery points are kept. @default 35 */
  readonly retentionDays?: number;
  /** A vault in another region or account that every recovery point is copied to. @default none */
  readonly copyToVaultArn?: pulumi.Input<string>;
  /** Key of the vault. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** Protect and retain the vault (prod). @default false */
  readonly protect?: boolean;
}

/**
 * Nightly AWS Backup snapshots of databases, kept apart from the databases' own automated
 * backups (they survive the instance's deletion): an encrypted vault, a plan with retention and
 * an optional copy to another vault, and a role AWS Backup assumes to take and restore them.
 */
export class DatabaseBackupPlan extends pulumi.ComponentResource {
  /** The vault recovery points land in. */
  public readonly vault: backup.Vault;
  /** The plan. */
  public readonly plan: backup.Plan;

  constructor(name: string, args: DatabaseBackupPlanArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:DatabaseBackupPlan", name, {}, opts);
    const child = { parent: this };
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: backup vault`,
      protect: args.protect,
    });
    this.vault = new backup.Vault(
      childName(name, "backupVault"),
      { name, kmsKeyArn: keyArn },
      statefulOptions(this, args.protect),
    );
    const deleteAfter = args.retentionDays ?? D.retentionDays;
    this.plan = new backup.Plan(
      childName(name, "backupPlan"),
      {
        name,
        rules: [
          {
            ruleName: "nightly",
            targetVaultName: this.vault.name,
            schedule: args.schedule ?? D.schedule,
            startWindow: D.startWindowMinutes,
            completionWindow: D.completionWindowMinutes,
            lifecycle: { deleteAfter },
            ...(args.copyToVaultArn !== undefined
              ? { copyActions: [{ destinationVaultArn: args.copyToVaultArn, lifecycle: { deleteAfter } }] }
              : {}),
          },
        ],
      },
      child,
    );
    const role = new iam.Role(
      childName(name, "role"),
      {
        description: `${name}: AWS Backup takes and restores the snapshots`,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        managedPolicyArns: [
          "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
          "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ],
      },
      child,
    );
    new backup.Selection(
      childName(name, "backupSelection"),
      {
        name,
        planId: this.plan.id,
        iamRoleArn: role.arn,
        resources: [...args.resourceArns],
      },
      child,
    );
    this.registerOutputs({ vault: this.vault.name });
  }
}
