import { PolicyResource } from "@pulumi/policy";
import { broken, KEPT } from "./datastore";
import { DatastoreRow } from "./row";

/** Bucket types, classic and aws-native. */
export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket"];

const CONFIGURATION_TYPES = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

const asList = (v: unknown): any[] => (Array.isArray(v) ? v : v && typeof v === "object" ? [v] : []);

/** The algorithms of classic rules (`rule` or `rules`, one or a list), as both the inline and the separate resource write them. */
function classicAlgorithms(config: any): string[] {
  return [...asList(config?.rule), ...asList(config?.rules)].map(
    (rule) => rule?.applyServerSideEncryptionByDefault?.sseAlgorithm,
  );
}

/**
 * The encryption configurations of a bucket: those whose `bucket` came from it, else those naming
 * it (read only then, since a name computed in a preview is unknown).
 */
function configurationsOf(bucket: PolicyResource, all: PolicyResource[]): PolicyResource[] {
  const configs = all.filter((r) => CONFIGURATION_TYPES.includes(r.type));
  const linked = configs.filter((sse) => (sse.propertyDependencies.bucket ?? []).some((d) => d.urn === bucket.urn));
  if (linked.length || !("bucket" in bucket.props)) return linked;
  return configs.filter((sse) => "bucket" in sse.props && sse.props.bucket === bucket.props.bucket);
}

/**
 * The default encryption algorithms a bucket gets: declared inline (`serverSideEncryptionConfiguration`
 * of the classic Bucket, `serverSideEncryptionConfigurations` of BucketV2, `bucketEncryption` of
 * aws-native) or by an encryption configuration resource of the stack.
 */
export function bucketAlgorithms(bucket: PolicyResource, all: PolicyResource[]): string[] {
  const p = bucket.props;
  const inline = [
    ...("serverSideEncryptionConfiguration" in p ? classicAlgorithms(p.serverSideEncryptionConfiguration) : []),
    ...("serverSideEncryptionConfigurations" in p
      ? asList(p.serverSideEncryptionConfigurations).flatMap(classicAlgorithms)
      : []),
    ...("bucketEncryption" in p
      ? asList(p.bucketEncryption?.serverSideEncryptionConfiguration).map(
          (rule: any) => rule?.serverSideEncryptionByDefault?.sseAlgorithm,
        )
      : []),
  ];
  const separate = configurationsOf(bucket, all).flatMap((c) => classicAlgorithms(c.props));
  return [...inline, ...separate].filter((a): a is string => typeof a === "string" && a.length > 0);
}

/** S3 buckets: encrypted by default when any configuration sets an algorithm; a KMS key when one is `aws:kms*`. */
export const S3_ROWS: readonly DatastoreRow[] = BUCKET_TYPES.map((type) => ({
  type,
  kind: "s3-bucket",
  encryptedAtRest: (r, all) =>
    bucketAlgorithms(r, all).length
      ? KEPT
      : broken(`bucket ${r.name} has no default encryption configuration in this stack.`),
  kmsKey: (r, all) => bucketAlgorithms(r, all).some((a) => a.startsWith("aws:kms")),
}));
