import { z } from "zod";

/**
 * Stack config of the data tier (`platform:data`) and of the AWS account it lives in
 * (`platform:aws`). Part of the one stack config schema (`schema.ts`).
 */

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, {
  error: "expected a lower-case identifier (letters, digits, '_'; starts with a letter)",
});

const quantity = z.string().refine((v) => /^\d+(\.\d+)?(Ki|Mi|Gi|Ti)$/.test(v), {
  error: "expected a storage quantity such as \"10Gi\"",
});

const pinnedImage = z.string().regex(/^[^\s:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/, {
  error: "expected an image reference such as \"postgres:16.4-alpine\"",
}).refine((v) => /:[A-Za-z0-9_][A-Za-z0-9_.-]*$|@sha256:/.test(v) && !/:latest$/.test(v), {
  error: "expected an image pinned to a version tag or digest (not :latest)",
});

const storageGiB = z.int({ error: "expected a size in GiB as a whole number, such as 100" });

const containerResources = z.strictObject({
  requests: z.strictObject({ cpu: z.string(), memory: z.string() }),
  limits: z.strictObject({ cpu: z.string().optional(), memory: z.string() }),
});

const mode = z.enum(["managed", "in-cluster"]).describe("managed: the AWS service (RDS / ElastiCache); in-cluster: a StatefulSet in the namespace.");

/** PostgreSQL: RDS in managed mode, a StatefulSet in-cluster. */
export const postgresSchema = z.strictObject({
  mode,
  database: identifier.default("app").describe("Database name."),
  username: identifier.default("app").describe("Owner role the apps connect as."),
  engineVersion: z.string().regex(/^16(\.\d+)?$/, { error: "expected a PostgreSQL 16 version such as \"16.4\"" }).default("16.4")
    .describe("Managed: RDS engine version (PostgreSQL 16)."),
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: "expected an RDS instance class such as \"db.r6g.large\"" })
    .default("db.t4g.medium").describe("Managed: RDS instance class."),
  storageGb: storageGiB.min(20, { error: "expected at least 20 GiB (the RDS gp3 minimum)" }).max(65536).default(20)
    .describe("Managed: allocated gp3 storage in GiB (at least 20)."),
  maxStorageGb: storageGiB.max(65536).optional().describe("Managed: storage autoscaling ceiling in GiB; default 5 × storageGb."),
  multiAz: z.boolean().default(true).describe("Managed: a synchronous standby in another AZ."),
  backupRetentionDays: z.int().min(1, { error: "expected 1 to 35 days" }).max(35, { error: "expected 1 to 35 days" }).default(7)
    .describe("Managed: RDS automated backup retention, 1–35 days."),
  readReplica: z.boolean().default(false).describe("Managed: an asynchronous read replica."),
  image: pinnedImage.default("postgres:16.4-alpine").describe("In-cluster: PostgreSQL image (its postgres user must match runAsUser)."),
  runAsUser: z.int().min(1).default(70).describe("In-cluster: UID of the image's postgres user (70 in the Alpine images)."),
  storage: quantity.default("10Gi").describe("In-cluster: PersistentVolumeClaim size."),
  storageClassName: z.string().optional().describe("In-cluster: StorageClass of the volume; the cluster default when unset."),
  resources: containerResources.default({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } })
    .describe("In-cluster: requests and limits of the database container."),
});

/** Redis: ElastiCache in managed mode, a StatefulSet in-cluster. */
export const redisSchema = z.strictObject({
  mode,
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { error: "expected an ElastiCache node type such as \"cache.r6g.large\"" })
    .default("cache.t4g.medium").describe("Managed: ElastiCache node type."),
  nodes: z.int().min(2, { error: "expected at least 2 nodes (automatic failover needs a replica)" }).max(6).default(2)
    .describe("Managed: nodes in the replication group (primary + replicas, across AZs)."),
  engineVersion: z.string().regex(/^7(\.\d+)?$/, { error: "expected a Redis 7 version such as \"7.1\"" }).default("7.1").describe("Managed: Redis engine version."),
  snapshotRetentionDays: z.int().min(0).max(35).default(7).describe("Managed: daily snapshot retention in days."),
  image: pinnedImage.default("redis:7.4.1-alpine").describe("In-cluster: Redis image."),
  runAsUser: z.int().min(1).default(999).describe("In-cluster: UID of the image's redis user (999)."),
  storage: quantity.default("2Gi").describe("In-cluster: PersistentVolumeClaim size for the append-only file."),
  resources: containerResources.default({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } })
    .describe("In-cluster: requests and limits of the Redis container."),
});

/** Nightly `pg_dump` to S3. */
export const backupsSchema = z.strictObject({
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, { error: "expected a five-field cron schedule such as \"0 2 * * *\"" }).default("0 2 * * *")
    .describe("Cron schedule of the backup CronJob (UTC)."),
  retentionDays: z.int().min(1).max(3650).default(30).describe("Days a dump is kept in S3 before the lifecycle rule expires it."),
  image: pinnedImage.describe("Backup image with pg_dump/pg_restore 16 and the AWS CLI, running as a non-root user."),
  runAsUser: z.int().min(1).default(10001).describe("UID the backup image runs as."),
  bucketName: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "expected an S3 bucket name (3–63 lower-case letters, digits, '.', '-')" })
    .optional().describe("Globally unique name of the backup bucket; autonamed when unset (then its policy is only known after creation)."),
  prefix: z.string().regex(/^[a-z0-9][a-z0-9/_-]*\/$/, { error: "expected a key prefix ending in '/', such as \"postgres/\"" }).default("postgres/")
    .describe("Key prefix of the dumps; the backup role may write only below it."),
});

/** The data tier. */
export const dataSchema = z.strictObject({
  postgres: postgresSchema.optional().describe("PostgreSQL; apps reach it by listing \"postgres\" in dependsOn."),
  redis: redisSchema.optional().describe("Redis; apps reach it by listing \"redis\" in dependsOn."),
  backups: backupsSchema.optional().describe("Nightly verified pg_dump to S3 (requires postgres)."),
});

const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, { error: "expected an IPv4 CIDR such as \"10.20.0.0/16\"" });

/** Where managed data services go. */
export const networkSchema = z.strictObject({
  stackReference: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
    error: "expected a stack reference of the form <org>/<project>/<stack>",
  }).optional().describe("Stack exporting vpcId, privateSubnetIds, clusterSecurityGroupId and vpcCidr (instead of giving them here)."),
  vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, { error: "expected a VPC id such as \"vpc-0a1b2c3d\"" }).optional().describe("VPC of the cluster."),
  privateSubnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: "expected a subnet id such as \"subnet-0a1b2c3d\"" }))
    .min(2, { error: "expected at least 2 private subnets in different AZs" }).optional().describe("Private subnets for the DB and cache subnet groups."),
  clusterSecurityGroupId: z.string().regex(/^sg-[0-9a-f]{8,17}$/, { error: "expected a security group id such as \"sg-0a1b2c3d\"" }).optional()
    .describe("Security group of the cluster's nodes/pods, the only source admitted to the data services."),
  vpcCidr: cidr.optional().describe("CIDR of the VPC; app NetworkPolicies allow egress to the data ports there."),
});

/** The AWS side of the stack. */
export const awsSchema = z.strictObject({
  oidcProviderArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/, {
    error: "expected the cluster's IAM OIDC provider ARN, arn:aws:iam::<account>:oidc-provider/<issuer>",
  }).describe("IAM OIDC provider of the cluster, for IRSA (the backup job's role)."),
  network: networkSchema.optional().describe("Network of managed data services; required when any of them is managed."),
});

/** Validated data tier config. */
export type DataConfig = z.output<typeof dataSchema>;
/** Validated AWS config. */
export type AwsConfig = z.output<typeof awsSchema>;
