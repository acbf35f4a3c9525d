import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { datastoresOf } from "../../lib/aws/datastores/model";
import { bucketAlgorithms } from "../../lib/aws/datastores/s3";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** Whether a load balancer of the stack writes its access logs to the bucket: their delivery supports SSE-S3 only. */
function receivesLoadBalancerLogs(bucket: PolicyResource, all: PolicyResource[]): boolean {
  const lbs = all.filter((r) => LOAD_BALANCER_TYPES.includes(r.type));
  return (
    lbs.some((lb) => (lb.propertyDependencies.accessLogs ?? []).some((d) => d.urn === bucket.urn)) ||
    ("bucket" in bucket.props && lbs.some((lb) => lb.props.accessLogs?.bucket === bucket.props.bucket))
  );
}

/** Every bucket has a default encryption configuration in the stack, with KMS unless configured otherwise. */
export const s3EncryptionAtRest: StackValidationPolicy = {
  name: "aws-s3-encryption-at-rest",
  description:
    "Every S3 bucket (classic and aws-native) must have a default encryption configuration, inline or a separate resource (SSE-KMS unless the config allows SSE-S3, or the bucket receives load balancer access logs, whose delivery supports SSE-S3 only).",
  severity: "high",
  framework: awsFoundationalControl(
    "S3.17",
    "S3 general purpose buckets should be encrypted at rest with AWS KMS keys",
  ),
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm aws:kms and a customer-managed kmsMasterKeyId.",
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
  configSchema: {
    properties: { requireKms: { type: "boolean", default: true } },
  },
  validateStack: (args, report) => {
    const { requireKms = true } = args.getConfig<{ requireKms?: boolean }>();
    judgeEach(
      datastoresOf(args.resources, ["s3-bucket"]).map((d) => d.where),
      (bucket) => {
        const algorithms = bucketAlgorithms(bucket, args.resources);
        if (!algorithms.length) {
          report(`bucket ${bucket.name} has no default encryption configuration in this stack.`, bucket.urn);
        } else if (
          requireKms &&
          !algorithms.some((a) => a.startsWith("aws:kms")) &&
          !receivesLoadBalancerLogs(bucket, args.resources)
        ) {
          report(`bucket ${bucket.name} is encrypted with ${algorithms.join(", ")}, not SSE-KMS.`, bucket.urn);
        }
      },
    );
  },
};
