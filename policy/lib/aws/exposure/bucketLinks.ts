import { PolicyResource } from "@pulumi/policy";
import { knownOrUndefined } from "../../unknowns";

/** S3 bucket types of both providers. */
export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket"];

/**
 * The key of the bucket a bucket-scoped resource (policy, ACL, public access block) applies to:
 * the URN its `bucket` input came from, else the literal bucket name it gives (an unknown name
 * links nothing).
 */
export function bucketKeyOf(r: PolicyResource): string | undefined {
  const [dep] = r.propertyDependencies.bucket ?? [];
  if (dep) return dep.urn;
  const name = knownOrUndefined(() => r.props.bucket as unknown);
  return typeof name === "string" ? `name:${name}` : undefined;
}

/** The keys a bucket is known by: its URN and, when its inputs name it, its name. */
export function keysOfBucket(bucket: PolicyResource): string[] {
  const name = knownOrUndefined(() => (bucket.props.bucket ?? bucket.props.bucketName) as unknown);
  return typeof name === "string" ? [bucket.urn, `name:${name}`] : [bucket.urn];
}
