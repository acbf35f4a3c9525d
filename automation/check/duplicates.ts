import { CapturedResource, isObject, unwrap, UNKNOWN_VALUE } from "../core/resourceModel";
import { parseKubernetesType } from "./k8sSchema";
import { CLUSTER_SCOPED_KINDS } from "../core/clusterScopedKinds";

/** Two or more resources that would create the same object: `pulumi preview` cannot see it, `up` fails halfway. */
export interface DuplicateIdentity {
  /** The object they all claim, e.g. `kubernetes apps/Deployment lending/api` or `aws S3 bucket acme-backups`. */
  identity: string;
  /** Their URNs, in registration order. */
  urns: string[];
  /** What happens and what to change. */
  message: string;
}

/**
 * AWS types whose physical name a program can set, and the input holding it. S3 bucket names are
 * global; the others are unique per account and region, so per provider.
 */
const AWS_NAMES: Record<string, { property: string; what: string; global?: boolean }> = {
  "aws:s3/bucket:Bucket": { property: "bucket", what: "S3 bucket", global: true },
  "aws:s3/bucketV2:BucketV2": { property: "bucket", what: "S3 bucket", global: true },
  "aws:iam/role:Role": { property: "name", what: "IAM role" },
  "aws:iam/policy:Policy": { property: "name", what: "IAM policy" },
  "aws:iam/user:User": { property: "name", what: "IAM user" },
  "aws:rds/instance:Instance": { property: "identifier", what: "RDS instance" },
  "aws:rds/cluster:Cluster": { property: "clusterIdentifier", what: "RDS cluster" },
  "aws:rds/parameterGroup:ParameterGroup": { property: "name", what: "RDS parameter group" },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": { property: "name", what: "RDS cluster parameter group" },
  "aws:rds/subnetGroup:SubnetGroup": { property: "name", what: "RDS subnet group" },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    property: "replicationGroupId",
    what: "ElastiCache replication group",
  },
  "aws:elasticache/subnetGroup:SubnetGroup": { property: "name", what: "ElastiCache subnet group" },
  "aws:cloudwatch/logGroup:LogGroup": { property: "name", what: "CloudWatch log group" },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { property: "name", what: "CloudWatch alarm" },
  "aws:kms/alias:Alias": { property: "name", what: "KMS alias" },
  "aws:secretsmanager/secret:Secret": { property: "name", what: "Secrets Manager secret" },
  "aws:sns/topic:Topic": { property: "name", what: "SNS topic" },
  "aws:sqs/queue:Queue": { property: "name", what: "SQS queue" },
  "aws:ecr/repository:Repository": { property: "name", what: "ECR repository" },
  "aws:ecs/cluster:Cluster": { property: "name", what: "ECS cluster" },
  "aws:ecs/service:Service": { property: "name", what: "ECS service" },
  "aws:lb/loadBalancer:LoadBalancer": { property: "name", what: "load balancer" },
  "aws:alb/loadBalancer:LoadBalancer": { property: "name", what: "load balancer" },
  "aws:lb/targetGroup:TargetGroup": { property: "name", what: "target group" },
  "aws:alb/targetGroup:TargetGroup": { property: "name", what: "target group" },
  "aws:msk/cluster:Cluster": { property: "clusterName", what: "MSK cluster" },
  "aws:msk/serverlessCluster:ServerlessCluster": { property: "clusterName", what: "MSK cluster" },
  "aws:ssm/parameter:Parameter": { property: "name", what: "SSM parameter" },
};

function known(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value !== UNKNOWN_VALUE;
}

/** The provider a resource goes through (its URN), which stands for the cluster or account it lands in. */
function providerOf(r: CapturedResource): string {
  const ref = r.options.provider;
  return ref ? ref.slice(0, ref.lastIndexOf("::")) : "default";
}

function identityOf(r: CapturedResource, providerNamespaces: Map<string, string>): string | undefined {
  const gvk = parseKubernetesType(r.type);
  if (gvk) {
    const props = unwrap(r.inputs) as { metadata?: { name?: unknown; namespace?: unknown } };
    const name = props.metadata?.name;
    if (!known(name)) return undefined;
    const provider = providerOf(r);
    const kind = `${gvk.group || "core"}/${gvk.kind}`;
    if (CLUSTER_SCOPED_KINDS.has(gvk.kind)) return `kubernetes ${kind} ${name} (cluster ${provider})`;
    const namespace = props.metadata?.namespace ?? providerNamespaces.get(provider) ?? "default";
    return known(namespace) ? `kubernetes ${kind} ${namespace}/${name} (cluster ${provider})` : undefined;
  }
  const aws = AWS_NAMES[r.type];
  if (!aws) return undefined;
  const name = (unwrap(r.inputs) as Record<string, unknown>)[aws.property];
  if (!known(name)) return undefined;
  return aws.global ? `aws ${aws.what} ${name}` : `aws ${aws.what} ${name} (account and region of ${providerOf(r)})`;
}

/**
 * Finds resources that claim the same real object: Kubernetes objects of one group, kind,
 * namespace and name on one cluster (whatever their API version), and AWS resources with one
 * physical name (S3 buckets worldwide, the rest per account and region). Names not known until
 * apply, autonamed resources and `*Patch` resources (which edit an object on purpose) are left out.
 */
export function findDuplicates(resources: CapturedResource[]): DuplicateIdentity[] {
  const providerNamespaces = new Map<string, string>();
  for (const r of resources) {
    if (r.type === "pulumi:providers:kubernetes" && isObject(r.inputs) && known(unwrap(r.inputs.namespace))) {
      providerNamespaces.set(r.urn, unwrap(r.inputs.namespace) as string);
    }
  }
  const byIdentity = new Map<string, string[]>();
  for (const r of resources) {
    if (!r.custom || /Patch$/.test(r.type)) continue;
    const identity = identityOf(r, providerNamespaces);
    if (!identity) continue;
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), r.urn]);
  }
  return [...byIdentity.entries()]
    .filter(([, urns]) => urns.length > 1)
    .map(([identity, urns]) => ({
      identity,
      urns,
      message: `${urns.length} resources create ${identity}: the second create fails during pulumi up, after others have changed. Give each its own name (components derive names from their own name; set objectName or the name argument).`,
    }));
}
