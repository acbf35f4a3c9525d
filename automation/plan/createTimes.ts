import { readUserFile, UsageError } from "../core/errors";

/** Seconds a resource of each type typically takes to create; a team overrides any of them with `plan --times FILE`. */
export type CreateTimes = Readonly<Record<string, number>>;

/** The key of the time every other custom resource takes. */
export const OTHER_RESOURCES = "*";

/**
 * Typical first-create times, in seconds (AWS's and the Kubernetes provider's waits included:
 * a Deployment or StatefulSet counts until its rollout is ready, an ECS service until steady
 * state). Components and providers take none.
 */
export const DEFAULT_CREATE_TIMES: CreateTimes = {
  "aws:rds/instance:Instance": 900,
  "aws:rds/cluster:Cluster": 600,
  "aws:rds/clusterInstance:ClusterInstance": 600,
  "aws:elasticache/replicationGroup:ReplicationGroup": 720,
  "aws:elasticache/serverlessCache:ServerlessCache": 300,
  "aws:msk/cluster:Cluster": 1800,
  "aws:msk/serverlessCluster:ServerlessCluster": 300,
  "aws:cloudfront/distribution:Distribution": 300,
  "aws:lb/loadBalancer:LoadBalancer": 180,
  "aws:alb/loadBalancer:LoadBalancer": 180,
  "aws:ecs/service:Service": 180,
  "aws:acm/certificateValidation:CertificateValidation": 120,
  "aws:amp/workspace:Workspace": 60,
  "kubernetes:apps/v1:Deployment": 90,
  "kubernetes:apps/v1:StatefulSet": 120,
  "kubernetes:apps/v1:DaemonSet": 90,
  "kubernetes:batch/v1:Job": 20,
  "kubernetes:networking.k8s.io/v1:Ingress": 20,
  "kubernetes:helm.sh/v3:Release": 180,
  [OTHER_RESOURCES]: 2,
};

/** Seconds `type` takes to create under `times`: components and providers none, an unlisted custom resource the `*` entry. */
export function createSeconds(type: string, custom: boolean, times: CreateTimes): number {
  if (!custom || type.startsWith("pulumi:providers:")) return 0;
  return times[type] ?? times[OTHER_RESOURCES] ?? DEFAULT_CREATE_TIMES[OTHER_RESOURCES];
}

/**
 * The default table with a team's file laid over it: a JSON object of type token (or `*`) →
 * seconds, each a number of 0 or more.
 * @throws UsageError naming the file and the entry when it is anything else.
 */
export function readCreateTimes(file: string): CreateTimes {
  const text = readUserFile(file, (reason) => `--times ${file}: cannot read it (${reason})`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--times ${file}: not JSON (${(err as Error).message})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new UsageError(`--times ${file}: expected an object of type token → seconds`);
  for (const [type, seconds] of Object.entries(doc)) {
    if (type !== OTHER_RESOURCES && !/^[A-Za-z0-9-]+:[^:]*:[A-Za-z0-9]+$/.test(type))
      throw new UsageError(
        `--times ${file}: "${type}": expected a type token such as aws:rds/instance:Instance, or "*"`,
      );
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0)
      throw new UsageError(
        `--times ${file}: "${type}": expected a number of seconds >= 0, got ${JSON.stringify(seconds)}`,
      );
  }
  return { ...DEFAULT_CREATE_TIMES, ...(doc as Record<string, number>) };
}
