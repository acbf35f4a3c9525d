import * as iam from "@pulumi/aws/iam";
import * as s3 from "@pulumi/aws/s3";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { recommendedLabels, selectorLabels } from "../kube/labels";
import { NetworkPeer, trafficPolicySpec } from "../kube/network";
import { ContainerResources, hardenedContainer, hardenedPodSpec } from "../kube/podSpec";
import { DeepOverride } from "../merge";
import { childName } from "../naming";
import { privateBucket } from "../aws/privateBucket";
import { serviceAccountRole } from "../aws/serviceAccountRole";
import { RESTORE_DRILL_DEFAULTS, restoreDrill, RestoreDrillOption } from "./restoreDrill";

/** Every default of a {@link PostgresBackup}: the constructor applies these, its config fragment documents them. */
export const BACKUP_DEFAULTS = {
  /** UID the backup image runs as. */
  runAsUser: 10001,
  /** Cron schedule (UTC). */
  schedule: "0 2 * * *",
  /** Days a dump is kept. */
  retentionDays: 30,
  /** Key prefix of the dumps. */
  prefix: "postgres/",
  /** Scratch space for one dump. */
  scratchSize: "10Gi",
  /** Hours one backup run may take (the Job's deadline; the backup alert waits as long). */
  runDeadlineHours: 3,
  /** Requests and limits of the job. */
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } } as ContainerResources,
} as const;

const D = BACKUP_DEFAULTS;

/** A bucket the caller already has. */
export interface ExistingBucket {
  /** Bucket name. */
  name: pulumi.Input<string>;
  /** Bucket ARN. */
  arn: pulumi.Input<string>;
}

/** Arguments of {@link PostgresBackup}. */
export interface PostgresBackupArgs {
  /** Namespace of the CronJob (the Namespace resource's name output). */
  namespace: pulumi.Input<string>;
  /** The same namespace as a plain string, for the IAM trust policy. */
  namespaceName: string;
  /** Platform name. */
  partOf: string;
  /** Name of the CronJob and its ServiceAccount, NetworkPolicy and settings. @default the component name */
  objectName?: string;
  /** Secret with the database's `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD` and `PGSSLMODE`. */
  credentialsSecret: pulumi.Input<string>;
  /** Where the database listens (egress from the job). */
  database: NetworkPeer;
  /** ARN of the key for the bucket's SSE-KMS. */
  kmsKeyArn: pulumi.Input<string>;
  /** IAM OIDC provider of the cluster, for IRSA. */
  oidcProviderArn: pulumi.Input<string>;
  /** Image with pg_dump/pg_restore 16 and the AWS CLI. */
  image: pulumi.Input<string>;
  /** UID the image runs as. @default 10001 */
  runAsUser?: number;
  /** Cron schedule (UTC). @default "0 2 * * *" */
  schedule?: string;
  /** Days dumps are kept. @default 30 */
  retentionDays?: number;
  /** Key prefix of the dumps; the role may write only below it. @default "postgres/" */
  prefix?: string;
  /**
   * The bucket: its own (versioned, SSE-KMS, public access blocked, lifecycle, TLS-only policy;
   * `args.bucket` gives it a known name, which keeps its policy checkable in previews), or an
   * `existing` one, which the caller then keeps secure. @default its own, autonamed
   */
  bucket?: ChildOption<DeepOverride<s3.BucketArgs>, ExistingBucket>;
  /** Scratch space for one dump. @default "10Gi" */
  scratchSize?: string;
  /** Protect and retain the bucket (prod). @default false */
  protect?: boolean;
  /**
   * The weekly restore drill: the newest dump restored into a scratch server and its tables
   * checked (`{ skip: true }` leaves it out). @default weekly on Sundays at 05:00 UTC, the backup image
   */
  restoreDrill?: RestoreDrillOption;
}

/**
 * The shell the backup job runs: dump, verify the archive's table of contents, then upload. The
 * connection comes from the `PG*` environment (the password in `PGPASSWORD`), never the command line.
 */
export const BACKUP_SCRIPT = [
  "set -eu",
  "stamp=$(date -u +%Y%m%dT%H%M%SZ)",
  "dump=/tmp/backup-$stamp.dump",
  'pg_dump --format=custom --no-owner --file="$dump"',
  'pg_restore --list "$dump" > /tmp/toc.txt',
  "test -s /tmp/toc.txt",
  'aws s3 cp "$dump" "s3://$BACKUP_BUCKET/$BACKUP_PREFIX$stamp.dump" --sse aws:kms --sse-kms-key-id "$KMS_KEY_ARN" --only-show-errors',
  'echo "backup $stamp verified ($(wc -l < /tmp/toc.txt) entries) and uploaded"',
].join("\n");

/**
 * Nightly `pg_dump --format=custom` to S3, verified with `pg_restore --list` before upload, and a
 * weekly restore drill that restores the newest dump into a scratch server. The
 * bucket is versioned, SSE-KMS encrypted, closed to the public, expires dumps after the retention
 * period and refuses non-TLS requests. The job's ServiceAccount assumes (IRSA) a role that may only
 * put objects below the prefix with the key.
 */
export class PostgresBackup extends pulumi.ComponentResource {
  /** The bucket, unless an existing one was given. */
  public readonly bucket?: s3.Bucket;
  /** Name of the bucket the dumps go to. */
  public readonly bucketName: pulumi.Output<string>;
  /** The IRSA role of the job. */
  public readonly role: iam.Role;
  /** The CronJob. */
  public readonly cronJob: k8s.batch.v1.CronJob;
  /** Pod labels of the job (for the database's NetworkPolicy). */
  public readonly podLabels: Record<string, string>;
  /** Name of the CronJob and its companions. */
  public readonly objectName: string;
  /** The restore drill's CronJob, unless skipped. */
  public readonly restoreDrill?: k8s.batch.v1.CronJob;
  /** Name of the restore drill's CronJob, unless skipped. */
  public readonly restoreDrillName?: string;

  constructor(name: string, args: PostgresBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:PostgresBackup", name, {}, opts);
    const child = { parent: this };
    const objectName = args.objectName ?? name;
    this.objectName = objectName;
    const prefix = args.prefix ?? D.prefix;
    const runAsUser = args.runAsUser ?? D.runAsUser;

    const existing = args.bucket?.existing;
    let bucketArn: pulumi.Input<string>;
    if (existing) {
      this.bucketName = pulumi.output(existing.name);
      bucketArn = existing.arn;
    } else {
      const own = this.ownBucket(name, args);
      this.bucket = own.bucket;
      this.bucketName = own.bucket.bucket;
      bucketArn = own.arn;
    }

    this.role = serviceAccountRole(this, name, {
      oidcProviderArn: args.oidcProviderArn,
      namespace: args.namespaceName,
      serviceAccount: objectName,
      description: `${name}: writes PostgreSQL dumps below ${prefix}`,
      statements: [
        {
          Sid: "PutDumps",
          Effect: "Allow",
          Action: ["s3:PutObject"],
          Resource: pulumi.interpolate`${bucketArn}/${prefix}*`,
        },
        {
          Sid: "EncryptDumps",
          Effect: "Allow",
          Action: ["kms:GenerateDataKey", "kms:Encrypt"],
          Resource: args.kmsKeyArn,
        },
      ],
    });
    const id = { name: objectName, partOf: args.partOf, image: args.image, component: "backup" };
    const labels = recommendedLabels(id);
    this.podLabels = selectorLabels(id);
    const metadata = { name: objectName, namespace: args.namespace, labels };
    const settings = new k8s.core.v1.ConfigMap(
      childName(name, "settings"),
      {
        metadata: { ...metadata, name: `${objectName}-settings` },
        data: { BACKUP_BUCKET: this.bucketName, BACKUP_PREFIX: prefix, KMS_KEY_ARN: args.kmsKeyArn, HOME: "/tmp" },
      },
      child,
    );
    const account = new k8s.core.v1.ServiceAccount(
      childName(name, "serviceAccount"),
      {
        metadata: { ...metadata, annotations: { "eks.amazonaws.com/role-arn": this.role.arn } },
        automountServiceAccountToken: false,
      },
      child,
    );
    const scratch = [{ name: "scratch", mountPath: "/tmp", sizeLimit: args.scratchSize ?? D.scratchSize }];
    this.cronJob = new k8s.batch.v1.CronJob(
      childName(name, "cronJob"),
      {
        metadata,
        spec: {
          schedule: args.schedule ?? D.schedule,
          timeZone: "Etc/UTC",
          concurrencyPolicy: "Forbid",
          startingDeadlineSeconds: 3600,
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          jobTemplate: {
            metadata: { labels },
            spec: {
              backoffLimit: 2,
              activeDeadlineSeconds: D.runDeadlineHours * 3600,
              ttlSecondsAfterFinished: 7 * 86400,
              template: {
                metadata: { labels },
                spec: hardenedPodSpec({
                  serviceAccountName: account.metadata.name,
                  runAsUser,
                  restartPolicy: "Never",
                  scratch,
                  containers: [
                    hardenedContainer({
                      name: "backup",
                      image: args.image,
                      command: ["/bin/sh", "-c", BACKUP_SCRIPT],
                      envFrom: [{ configMap: settings.metadata.name }, { secret: args.credentialsSecret }],
                      resources: D.resources,
                      runAsUser,
                      scratch,
                    }),
                  ],
                }),
              },
            },
          },
        },
      },
      child,
    );
    new k8s.networking.v1.NetworkPolicy(
      childName(name, "networkPolicy"),
      {
        metadata,
        spec: trafficPolicySpec(this.podLabels, {
          egress: [
            { ...args.database, port: args.database.port ?? 5432 },
            { cidr: "0.0.0.0/0", port: 443 },
          ],
        }),
      },
      child,
    );
    if (!args.restoreDrill?.skip) {
      this.restoreDrillName = `${objectName}-restore-drill`;
      this.restoreDrill = restoreDrill(this, name, {
        namespace: args.namespace,
        namespaceName: args.namespaceName,
        partOf: args.partOf,
        objectName: this.restoreDrillName,
        settingsConfigMap: settings.metadata.name,
        bucketArn,
        prefix,
        kmsKeyArn: args.kmsKeyArn,
        oidcProviderArn: args.oidcProviderArn,
        image: args.restoreDrill?.image ?? args.image,
        runAsUser,
        schedule: args.restoreDrill?.schedule ?? RESTORE_DRILL_DEFAULTS.schedule,
      });
    }
    this.registerOutputs({ bucket: this.bucketName });
  }

  /** The component's own bucket, locked down: versioned, SSE-KMS, public access blocked, dumps expiring, TLS only. */
  private ownBucket(name: string, args: PostgresBackupArgs): { bucket: s3.Bucket; arn: pulumi.Input<string> } {
    const { bucket, arn } = privateBucket(this, name, {
      args: args.bucket?.args,
      encryption: { kmsKeyArn: args.kmsKeyArn },
      versioning: true,
      lifecycle: [
        {
          id: "expire-dumps",
          status: "Enabled",
          filter: { prefix: args.prefix ?? D.prefix },
          expiration: { days: args.retentionDays ?? D.retentionDays },
          noncurrentVersionExpiration: { noncurrentDays: 7 },
        },
      ],
      protect: args.protect,
    });
    return { bucket, arn };
  }
}
