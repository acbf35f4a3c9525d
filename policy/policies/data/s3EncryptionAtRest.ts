import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_AT_REST } from "../../lib/metadata";

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const SSE_TYPES = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

/**
 * The encryption configurations of a bucket: those whose `bucket` came from it, else those naming
 * it (read only then, since a name computed in a preview is unknown).
 */
function configurationsOf(bucket: PolicyResource, configs: PolicyResource[]): PolicyResource[] {
  const linked = configs.filter((sse) => (sse.propertyDependencies.bucket ?? []).some((d) => d.urn === bucket.urn));
  if (linked.length || !("bucket" in bucket.props)) return linked;
  return configs.filter((sse) => "bucket" in sse.props && sse.props.bucket === bucket.props.bucket);
}

const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** Whether a load balancer of the stack writes its access logs to the bucket: their delivery supports SSE-S3 only. */
function receivesLoadBalancerLogs(bucket: PolicyResource, all: PolicyResource[]): boolean {
  const lbs = all.filter((r) => LOAD_BALANCER_TYPES.includes(r.type));
  return (
    lbs.some((lb) => (lb.propertyDependencies.accessLogs ?? []).some((d) => d.urn === bucket.urn)) ||
    ("bucket" in bucket.props && lbs.some((lb) => lb.props.accessLogs?.bucket === bucket.props.bucket))
  );
}

function algorithms(sse: PolicyResource): string[] {
  return (sse.props.rules ?? []).map((r: any) => r?.applyServerSideEncryptionByDefault?.sseAlgorithm).filter(Boolean);
}

/** Every bucket has a default encryption configuration in the stack, with KMS unless configured otherwise. */
export const s3EncryptionAtRest: StackValidationPolicy = {
  name: "aws-s3-encryption-at-rest",
  description:
    "Every S3 bucket must have a default encryption configuration (SSE-KMS unless the config allows SSE-S3, or the bucket receives load balancer access logs, whose delivery supports SSE-S3 only).",
  severity: "high",
  framework: PCI_DSS_AT_REST,
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm aws:kms and a customer-managed kmsMasterKeyId.",
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
  configSchema: {
    properties: { requireKms: { type: "boolean", default: true } },
  },
  validateStack: (args, report) => {
    const { requireKms = true } = args.getConfig<{ requireKms?: boolean }>();
    const configs = args.resources.filter((r) => SSE_TYPES.includes(r.type));
    for (const bucket of args.resources.filter((r) => BUCKET_TYPES.includes(r.type))) {
      const own = configurationsOf(bucket, configs);
      if (!own.length) {
        report(`bucket ${bucket.name} has no default encryption configuration in this stack.`, bucket.urn);
      } else if (
        requireKms &&
        !own.some((c) => algorithms(c).some((a) => a.startsWith("aws:kms"))) &&
        !receivesLoadBalancerLogs(bucket, args.resources)
      ) {
        report(
          `bucket ${bucket.name} is encrypted with ${algorithms(own[0]).join(", ") || "an unset algorithm"}, not SSE-KMS.`,
          bucket.urn,
        );
      }
    }
  },
};
