import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";
import { statefulOptions } from "../protection";
import { accountContext } from "./accountContext";

/** What {@link privateBucket} makes. */
export interface PrivateBucketSpec {
  /** Bucket args over the defaults (e.g. `bucket`, its globally unique name). @default autonamed */
  readonly args?: DeepOverride<s3.BucketArgs>;
  /** Default encryption: SSE-KMS with this key, or SSE-S3 where the writer supports nothing else (load balancer access logs). */
  readonly encryption: { readonly kmsKeyArn: pulumi.Input<string> } | "SSE-S3";
  /** Keep object versions. */
  readonly versioning: boolean;
  /** Lifecycle rules. @default none */
  readonly lifecycle?: s3.BucketLifecycleConfigurationArgs["rules"];
  /** Statements the bucket policy grants besides denying requests without TLS, given the bucket's ARN. @default none */
  readonly statements?: (bucketArn: pulumi.Input<string>) => pulumi.Input<Record<string, unknown>>[];
  /** Protect and retain the bucket (prod). @default false */
  readonly protect?: boolean;
}

/**
 * A globally unique bucket name derived from a component's name: `<base>-<purpose>-<account>-<region>`,
 * or none (autonaming) when `base` cannot start a bucket name or would make it too long.
 */
export function accountScopedBucketName(
  parent: pulumi.Resource,
  base: string,
  purpose: string,
): pulumi.Output<string> | undefined {
  const stem = `${base}-${purpose}`;
  // 12 digits of account, the longest region name (14) and two dashes.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stem) || stem.length + 28 > 63) return undefined;
  const ctx = accountContext(parent);
  return pulumi.interpolate`${stem}-${ctx.accountId}-${ctx.region}`;
}

/** A bucket and what it is known by. */
export interface PrivateBucket {
  /** The bucket. */
  readonly bucket: s3.Bucket;
  /** Its ARN, known before creation when its name is. */
  readonly arn: pulumi.Input<string>;
  /** Its policy. */
  readonly policy: s3.BucketPolicy;
}

/**
 * A locked-down bucket: public access blocked, default encryption, optional versioning and
 * lifecycle, and a policy denying every request made without TLS next to the grants it needs.
 */
export function privateBucket(parent: pulumi.Resource, parentName: string, spec: PrivateBucketSpec): PrivateBucket {
  const child = { parent };
  const givenName = spec.args?.bucket;
  const bucket = new s3.Bucket(
    childName(parentName, "bucket"),
    deepMerge<s3.BucketArgs>({ forceDestroy: false }, spec.args),
    statefulOptions(parent, spec.protect),
  );
  const bucketId = bucket.id;
  // A given name gives an ARN known before creation, so the policy can be judged in a first preview.
  const arn =
    givenName === undefined || givenName === null
      ? bucket.arn
      : pulumi.interpolate`arn:${accountContext(parent).partition}:s3:::${givenName}`;
  if (spec.versioning) {
    new s3.BucketVersioning(
      childName(parentName, "bucketVersioning"),
      { bucket: bucketId, versioningConfiguration: { status: "Enabled" } },
      child,
    );
  }
  new s3.BucketServerSideEncryptionConfiguration(
    childName(parentName, "bucketEncryption"),
    {
      bucket: bucketId,
      rules: [
        spec.encryption === "SSE-S3"
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: spec.encryption.kmsKeyArn,
              },
              bucketKeyEnabled: true,
            },
      ],
    },
    child,
  );
  new s3.BucketPublicAccessBlock(
    childName(parentName, "publicAccessBlock"),
    {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    child,
  );
  if (spec.lifecycle)
    new s3.BucketLifecycleConfiguration(
      childName(parentName, "bucketLifecycle"),
      { bucket: bucketId, rules: spec.lifecycle },
      child,
    );
  const policy = new s3.BucketPolicy(
    childName(parentName, "bucketPolicy"),
    {
      bucket: bucketId,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [arn, pulumi.interpolate`${arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          ...(spec.statements?.(arn) ?? []),
        ],
      }),
    },
    child,
  );
  return { bucket, arn, policy };
}
