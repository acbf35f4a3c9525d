import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { recommendedLabels, selectorLabels } from "../kube/labels";
import { trafficPolicySpec } from "../kube/network";
import { ContainerResources, hardenedContainer, hardenedPodSpec } from "../kube/podSpec";
import { childName } from "../naming";
import { serviceAccountRole } from "../aws/serviceAccountRole";

/** Every default of a {@link restoreDrill}: `PostgresBackup` applies these, its config fragment documents them. */
export const RESTORE_DRILL_DEFAULTS = {
  /** Cron schedule (UTC): weekly, Sunday 05:00, after the night's dump. */
  schedule: "0 5 * * 0",
  /** Hours one drill may take (the Job's deadline; the drill alert waits as long). */
  runDeadlineHours: 4,
  /** Scratch space for the dump and the restored cluster. */
  scratchSize: "20Gi",
  /** Requests and limits of the drill. */
  resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } } as ContainerResources,
} as const;

/**
 * The shell the restore drill runs: fetch the newest dump below the prefix, restore it into a
 * throwaway PostgreSQL cluster in the job's scratch space (a Unix socket in a private directory,
 * no TCP listener), and fail unless every table the dump holds data for came back. It connects to
 * no live database and holds no credentials.
 */
export const RESTORE_DRILL_SCRIPT = [
  "set -eu",
  "work=$(mktemp -d)",
  `trap 'pg_ctl --pgdata="$work/data" --mode=fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT`,
  `latest=$(aws s3 ls "s3://$BACKUP_BUCKET/$BACKUP_PREFIX" --only-show-errors | awk '$4 ~ /\\.dump$/ { print $4 }' | sort | tail -n 1)`,
  `[ -n "$latest" ] || { echo "restore drill: no dump below s3://$BACKUP_BUCKET/$BACKUP_PREFIX" >&2; exit 1; }`,
  'aws s3 cp "s3://$BACKUP_BUCKET/$BACKUP_PREFIX$latest" "$work/drill.dump" --only-show-errors',
  'initdb --pgdata="$work/data" --username=drill --auth-local=trust --auth-host=reject --no-sync > "$work/initdb.log"',
  `pg_ctl --pgdata="$work/data" --options="-c listen_addresses='' -k $work" --log="$work/server.log" --wait start > /dev/null`,
  'export PGHOST="$work" PGUSER=drill',
  "createdb restored",
  'pg_restore --no-owner --no-privileges --exit-on-error --dbname=restored "$work/drill.dump"',
  `expected=$(pg_restore --list "$work/drill.dump" | grep -c ' TABLE DATA ' || true)`,
  `restored=$(psql -X -A -t -d restored -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')")`,
  `[ "$restored" -ge "$expected" ] || { echo "restore drill: $latest restored $restored tables of the $expected it holds data for" >&2; exit 1; }`,
  'echo "restore drill: $latest restored into a scratch server ($restored tables, $expected with data)"',
].join("\n");

/** The weekly restore drill of a {@link PostgresBackup}; `skip` leaves it out. */
export interface RestoreDrillOption {
  /** Leave the drill out. @default false */
  readonly skip?: boolean;
  /** Cron schedule (UTC). @default "0 5 * * 0" */
  readonly schedule?: string;
  /**
   * Image with the PostgreSQL server (initdb, pg_ctl, postgres, psql, pg_restore) of at least the
   * dump's major and the AWS CLI; its user must exist in its /etc/passwd (initdb looks it up).
   * @default the backup image
   */
  readonly image?: pulumi.Input<string>;
}

/** What the drill needs of its backup. */
export interface RestoreDrillArgs {
  /** Namespace of the CronJob (the Namespace resource's name output). */
  namespace: pulumi.Input<string>;
  /** The same namespace as a plain string, for the IAM trust policy. */
  namespaceName: string;
  /** Platform name. */
  partOf: string;
  /** Name of the CronJob and its companions. */
  objectName: string;
  /** The backup's settings ConfigMap (`BACKUP_BUCKET`, `BACKUP_PREFIX`). */
  settingsConfigMap: pulumi.Input<string>;
  /** ARN of the bucket the dumps are in. */
  bucketArn: pulumi.Input<string>;
  /** Key prefix of the dumps. */
  prefix: string;
  /** ARN of the key the dumps are encrypted with. */
  kmsKeyArn: pulumi.Input<string>;
  /** IAM OIDC provider of the cluster, for IRSA. */
  oidcProviderArn: pulumi.Input<string>;
  /** Image (the option's, else the backup's). */
  image: pulumi.Input<string>;
  /** UID the image runs as. */
  runAsUser: number;
  /** Cron schedule (UTC). */
  schedule: string;
}

/**
 * A CronJob that proves the backups restore: weekly, it restores the newest dump into a scratch
 * server and checks its tables. Its ServiceAccount assumes (IRSA) a role that may only list and
 * read dumps below the prefix and decrypt them; it may reach only HTTPS (S3).
 */
export function restoreDrill(parent: pulumi.Resource, name: string, args: RestoreDrillArgs): k8s.batch.v1.CronJob {
  const child = { parent };
  const role = serviceAccountRole(parent, childName(name, "restoreDrill"), {
    oidcProviderArn: args.oidcProviderArn,
    namespace: args.namespaceName,
    serviceAccount: args.objectName,
    description: `${name}: reads PostgreSQL dumps below ${args.prefix} to restore them`,
    statements: [
      {
        Sid: "ListDumps",
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: args.bucketArn,
        Condition: { StringLike: { "s3:prefix": [`${args.prefix}*`] } },
      },
      {
        Sid: "ReadDumps",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: pulumi.interpolate`${args.bucketArn}/${args.prefix}*`,
      },
      { Sid: "DecryptDumps", Effect: "Allow", Action: ["kms:Decrypt"], Resource: args.kmsKeyArn },
    ],
  });
  const id = { name: args.objectName, partOf: args.partOf, image: args.image, component: "backup" };
  const labels = recommendedLabels(id);
  const metadata = { name: args.objectName, namespace: args.namespace, labels };
  const account = new k8s.core.v1.ServiceAccount(
    childName(name, "restoreDrillServiceAccount"),
    {
      metadata: { ...metadata, annotations: { "eks.amazonaws.com/role-arn": role.arn } },
      automountServiceAccountToken: false,
    },
    child,
  );
  const scratch = [{ name: "scratch", mountPath: "/tmp", sizeLimit: RESTORE_DRILL_DEFAULTS.scratchSize }];
  const cronJob = new k8s.batch.v1.CronJob(
    childName(name, "restoreDrillCronJob"),
    {
      metadata,
      spec: {
        schedule: args.schedule,
        timeZone: "Etc/UTC",
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 1,
            activeDeadlineSeconds: RESTORE_DRILL_DEFAULTS.runDeadlineHours * 3600,
            ttlSecondsAfterFinished: 7 * 86400,
            template: {
              metadata: { labels },
              spec: hardenedPodSpec({
                serviceAccountName: account.metadata.name,
                runAsUser: args.runAsUser,
                restartPolicy: "Never",
                scratch,
                containers: [
                  hardenedContainer({
                    name: "restore-drill",
                    image: args.image,
                    command: ["/bin/sh", "-c", RESTORE_DRILL_SCRIPT],
                    envFrom: [{ configMap: args.settingsConfigMap }],
                    resources: RESTORE_DRILL_DEFAULTS.resources,
                    runAsUser: args.runAsUser,
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
    childName(name, "restoreDrillNetworkPolicy"),
    { metadata, spec: trafficPolicySpec(selectorLabels(id), { egress: [{ cidr: "0.0.0.0/0", port: 443 }] }) },
    child,
  );
  return cronJob;
}
