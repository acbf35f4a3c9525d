import { z } from "zod";
import { containerResources, defaultedBy, imageRef, memoryQuantity, nonRootId } from "../config/primitives";
import { pgBouncerSchema } from "./pgBouncerSchema";
import { POSTGRES_DEFAULTS as D, postgresMajor } from "./postgresDatabase";
import { POSTGRES_PROXY_DEFAULTS as P } from "./postgresProxy";

/** The config fragment of {@link PostgresDatabase}: `data.postgres`, one shape per mode. */

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, {
  error: "expected a lower-case identifier (letters, digits, '_'; starts with a letter)",
});

const majors = D.majors.join(", ");
const supportedMajor = (v: string) => D.majors.includes(postgresMajor(v) ?? -1);

const storageGiB = z.int({ error: "expected a size in GiB as a whole number, such as 100" });

/** `hh24:mi-hh24:mi` UTC. */
export const dailyWindow = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
  error: 'expected a daily window such as "02:00-03:00" (UTC)',
});

/** `ddd:hh24:mi-ddd:hh24:mi` UTC. */
export const weeklyWindow = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    {
      error: 'expected a weekly window such as "sun:04:00-sun:05:00" (UTC)',
    },
  );

const parameters = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_.]*$/, { error: "expected a PostgreSQL parameter name" }),
    z.union([z.string(), z.number()]).transform(String),
  )
  .refine((p) => !("rds.force_ssl" in p) && !("ssl" in p), {
    error: "expected no TLS parameter: TLS is always on and cannot be turned off",
  });

const PARAMETERS_DOC =
  'Server parameters: the parameter group\'s when managed (e.g. {shared_buffers: "{DBInstanceClassMemory/32768}", max_connections: 200}), -c name=value in the cluster; TLS is always on.';

const common = {
  database: defaultedBy(identifier, D.database).describe("Database name."),
  username: defaultedBy(identifier, D.username).describe("Owner role the apps connect as."),
  pooler: pgBouncerSchema
    .optional()
    .describe(
      "PgBouncer in front of the database; apps then connect through it (tools such as backups connect directly).",
    ),
};

/** `data.postgres` in managed mode (RDS); also what AWS-only projects configure. */
export const managedPostgresSchema = z.strictObject({
  mode: z.literal("managed").describe("managed: RDS; in-cluster: a StatefulSet in the namespace."),
  ...common,
  engineVersion: defaultedBy(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'expected a PostgreSQL version such as "15.4"' })
      .refine(supportedMajor, { error: `expected a PostgreSQL major the platform runs (${majors})` }),
    D.managed.engineVersion,
  ).describe(`RDS engine version, PostgreSQL ${majors}; the parameter group family (postgres<major>) follows it.`),
  instanceClass: defaultedBy(
    z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'expected an RDS instance class such as "db.r6g.large"' }),
    D.managed.instanceClass,
  ).describe("RDS instance class."),
  storageGb: defaultedBy(
    storageGiB.min(20, { error: "expected at least 20 GiB (the RDS gp3 minimum)" }).max(65536),
    D.managed.storageGb,
  ).describe("Allocated gp3 storage in GiB (at least 20)."),
  maxStorageGb: storageGiB
    .max(65536)
    .optional()
    .describe(`Storage autoscaling ceiling in GiB; default ${D.managed.maxStorageFactor} × storageGb.`),
  multiAz: defaultedBy(z.boolean(), D.managed.multiAz).describe("A synchronous standby in another AZ."),
  backupRetentionDays: defaultedBy(
    z.int().min(1, { error: "expected 1 to 35 days" }).max(35, { error: "expected 1 to 35 days" }),
    D.managed.backupRetentionDays,
  ).describe("RDS automated backup retention, 1–35 days."),
  backupWindow: dailyWindow
    .optional()
    .describe('Daily automated backup window, UTC, e.g. "02:00-03:00"; chosen by AWS when unset.'),
  maintenanceWindow: weeklyWindow
    .optional()
    .describe('Weekly maintenance window, UTC, e.g. "sun:04:00-sun:05:00"; chosen by AWS when unset.'),
  readReplica: defaultedBy(z.boolean(), D.managed.readReplica).describe(
    'An asynchronous read replica; apps that list "postgres-read" in dependsOn get its URL as DATABASE_READ_URL.',
  ),
  proxy: z
    .strictObject({
      iamAuth: defaultedBy(z.enum(["DISABLED", "REQUIRED"]), P.iamAuth).describe(
        "Clients authenticate with IAM tokens (REQUIRED) or the password over TLS.",
      ),
      maxConnectionsPercent: defaultedBy(z.int().min(1).max(100), P.maxConnectionsPercent).describe(
        "Share of max_connections the proxy may open, %.",
      ),
      maxIdleConnectionsPercent: defaultedBy(z.int().min(0).max(100), P.maxIdleConnectionsPercent).describe(
        "Share kept open while idle, %.",
      ),
      idleClientTimeoutSeconds: defaultedBy(z.int().min(1).max(28800), P.idleClientTimeoutSeconds).describe(
        "Seconds an idle client connection is kept.",
      ),
    })
    .optional()
    .describe(
      "RDS Proxy between the apps and the server (TLS required): many app pools on a bounded share of max_connections.",
    ),
  parameters: parameters.optional().describe(PARAMETERS_DOC),
  monitoringIntervalSeconds: defaultedBy(
    z.union([z.literal(0), z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)], {
      error: "expected one of 0, 1, 5, 10, 15, 30, 60",
    }),
    D.managed.monitoringIntervalSeconds,
  ).describe("Enhanced Monitoring interval in seconds (0 turns it off)."),
  performanceInsightsRetentionDays: defaultedBy(
    z.int().refine((d) => d === 7 || d === 731 || (d % 31 === 0 && d >= 31 && d <= 731), {
      error: "expected 7, or a multiple of 31 up to 731",
    }),
    D.managed.performanceInsightsRetentionDays,
  ).describe("Performance Insights retention in days: 7 (free), or a multiple of 31 up to 731."),
});

const inCluster = z.strictObject({
  mode: z.literal("in-cluster").describe("managed: RDS; in-cluster: a StatefulSet in the namespace."),
  ...common,
  image: defaultedBy(
    imageRef.refine(supportedMajor, {
      error: `expected a PostgreSQL image tagged with a major the platform runs (${majors}), such as "postgres:16.4-alpine"`,
    }),
    D.inCluster.image,
  ).describe("PostgreSQL image (its postgres user must match runAsUser)."),
  runAsUser: defaultedBy(nonRootId, D.inCluster.runAsUser).describe(
    "UID of the image's postgres user (70 in the Alpine images).",
  ),
  storage: defaultedBy(memoryQuantity, D.inCluster.storage).describe("PersistentVolumeClaim size."),
  storageClassName: z.string().optional().describe("StorageClass of the volume; the cluster default when unset."),
  resources: containerResources.optional().describe("Requests and limits of the database container."),
  parameters: parameters.optional().describe(PARAMETERS_DOC),
  tlsIssuer: defaultedBy(
    z.strictObject({ kind: z.enum(["ClusterIssuer", "Issuer"]), name: z.string().min(1) }),
    D.inCluster.tlsIssuer,
  ).describe("cert-manager issuer of the server certificate; clients connect with sslmode=require."),
});

/** `data.postgres`. */
export const postgresSchema = z.discriminatedUnion("mode", [managedPostgresSchema, inCluster]);

/** The PostgreSQL major a config runs (from engineVersion or the image tag). */
export function configuredMajor(pg: z.output<typeof postgresSchema>): number {
  return (
    postgresMajor(
      pg.mode === "managed" ? (pg.engineVersion ?? D.managed.engineVersion) : (pg.image ?? D.inCluster.image),
    ) ?? 0
  );
}
