import { z } from "zod";
import { defaultedBy, imageRef, nonRootId } from "../config/primitives";
import { BACKUP_DEFAULTS as D } from "./postgresBackup";
import { RESTORE_DRILL_DEFAULTS } from "./restoreDrill";

const cronSchedule = (example: string) =>
  z.string().regex(/^(\S+\s+){4}\S+$/, { error: `expected a five-field cron schedule such as "${example}"` });

/** The config fragment of {@link PostgresBackup}: `data.backups`. */
export const backupsSchema = z.strictObject({
  schedule: defaultedBy(cronSchedule(D.schedule), D.schedule).describe("Cron schedule of the backup CronJob (UTC)."),
  retentionDays: defaultedBy(z.int().min(1).max(3650), D.retentionDays).describe(
    "Days a dump is kept in S3 before the lifecycle rule expires it.",
  ),
  image: imageRef.describe(
    "Backup image with pg_dump/pg_restore of at least the server's major and the AWS CLI, running as a non-root user.",
  ),
  runAsUser: defaultedBy(nonRootId, D.runAsUser).describe("UID the backup image runs as."),
  bucketName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      error: "expected an S3 bucket name (3–63 lower-case letters, digits, '.', '-')",
    })
    .optional()
    .describe(
      "Globally unique name of the backup bucket; autonamed when unset (then its policy is only known after creation).",
    ),
  prefix: defaultedBy(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9/_-]*\/$/, { error: "expected a key prefix ending in '/', such as \"postgres/\"" }),
    D.prefix,
  ).describe("Key prefix of the dumps; the backup role may write only below it."),
  restoreDrill: z
    .strictObject({
      skip: defaultedBy(z.boolean(), false).describe("Leave the restore drill out."),
      schedule: defaultedBy(cronSchedule(RESTORE_DRILL_DEFAULTS.schedule), RESTORE_DRILL_DEFAULTS.schedule).describe(
        "Cron schedule of the restore drill (UTC).",
      ),
      image: imageRef
        .optional()
        .describe(
          "Image with the PostgreSQL server (initdb, pg_ctl, psql, pg_restore) and the AWS CLI; its user must exist in /etc/passwd. Defaults to the backup image.",
        ),
    })
    .optional()
    .describe(
      "The weekly restore drill: the newest dump restored into a scratch server in the job's own scratch space, every table with data checked.",
    ),
});
