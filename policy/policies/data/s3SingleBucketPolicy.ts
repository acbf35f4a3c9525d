import { StackValidationPolicy } from "@pulumi/policy";
import { bucketKeyOf } from "../../lib/aws/exposure/bucketLinks";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

const BUCKET_POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy", "aws-native:s3:BucketPolicy"];

/** A bucket has one policy: S3 keeps only the last one written, so a second replaces the first. */
export const s3SingleBucketPolicy: StackValidationPolicy = {
  name: "aws-s3-single-bucket-policy",
  description:
    "A bucket must have at most one BucketPolicy resource in the stack (either provider): S3 keeps one policy per bucket, so a second silently replaces the first — and with it, possibly, the Deny of requests without TLS. Bucket policies are linked to their bucket by the output their bucket came from, else by the bucket's name.",
  severity: "high",
  framework: awsFoundationalControl("S3.5", "S3 general purpose buckets should require requests to use SSL"),
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Merge the statements into one BucketPolicy (privateBucket's `statements` adds grants next to its Deny of requests without TLS).",
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html",
  validateStack: (args, report) => {
    const byBucket = new Map<string, string[]>();
    for (const r of args.resources.filter((x) => BUCKET_POLICY_TYPES.includes(x.type))) {
      const key = bucketKeyOf(r);
      if (key === undefined) continue;
      const seen = byBucket.get(key) ?? [];
      if (seen.length)
        report(
          `bucket policy ${r.name} applies to the same bucket as ${seen.join(", ")}: S3 keeps only one, so one replaces the other.`,
          r.urn,
        );
      byBucket.set(key, [...seen, r.name]);
    }
  },
};
