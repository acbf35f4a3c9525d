import { z } from "zod";
import { backupsSchema } from "./postgresBackupSchema";
import { configuredMajor, postgresSchema } from "./postgresDatabaseSchema";
import { POSTGRES_DEFAULTS, postgresMajor } from "./postgresDatabase";
import { redisSchema } from "./redisCacheSchema";

/** The config fragment of {@link DataTier}: `<project>:data`. */
export const dataSchema = z
  .strictObject({
    postgres: postgresSchema.optional().describe('PostgreSQL; apps reach it by listing "postgres" in dependsOn.'),
    redis: redisSchema.optional().describe('Redis; apps reach it by listing "redis" in dependsOn.'),
    backups: backupsSchema.optional().describe("Nightly verified pg_dump to S3 (requires postgres)."),
  })
  .superRefine((data, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const pg = data.postgres;
    if (data.backups && !pg) issue(["backups"], "expected data.postgres to be set (backups dump PostgreSQL)");
    const storageGb = pg?.mode === "managed" ? (pg.storageGb ?? POSTGRES_DEFAULTS.managed.storageGb) : 0;
    if (pg?.mode === "managed" && pg.maxStorageGb !== undefined && pg.maxStorageGb < storageGb) {
      issue(["postgres", "maxStorageGb"], `expected at least storageGb (${storageGb})`);
    }
    if (pg && data.backups) {
      const server = configuredMajor(pg);
      const tools = postgresMajor(data.backups.image);
      if (tools !== undefined && tools < server) {
        issue(
          ["backups", "image"],
          `expected pg_dump of PostgreSQL ${server} or newer (the image is tagged ${tools}); an older pg_dump refuses a newer server`,
        );
      }
    }
  });

/** Validated data tier config. */
export type DataConfig = z.output<typeof dataSchema>;
