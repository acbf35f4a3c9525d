/** A policy document a resource carries, and where. */
export interface CarriedDocument {
  /** The input holding it, e.g. `policy`, `inlinePolicies[0].policy`. */
  where: string;
  /** The document (JSON string or object). */
  doc: unknown;
}

const at =
  (field: string) =>
  (p: Record<string, any>): CarriedDocument[] =>
    p[field] === undefined || p[field] === null ? [] : [{ where: field, doc: p[field] }];

const each =
  (list: string, field: string) =>
  (p: Record<string, any>): CarriedDocument[] =>
    (Array.isArray(p[list]) ? p[list] : []).flatMap((x: any, i: number) =>
      x?.[field] === undefined ? [] : [{ where: `${list}[${i}].${field}`, doc: x[field] }],
    );

/** Resource policies (who may call the resource), in both providers. S3 bucket policies are judged by the S3 policy. */
export const RESOURCE_POLICY_DOCUMENTS: Record<string, (p: Record<string, any>) => CarriedDocument[]> = {
  "aws:ecr/repositoryPolicy:RepositoryPolicy": at("policy"),
  "aws:sns/topicPolicy:TopicPolicy": at("policy"),
  "aws:sns/topic:Topic": at("policy"),
  "aws:sqs/queuePolicy:QueuePolicy": at("policy"),
  "aws:sqs/queue:Queue": at("policy"),
  "aws:kms/key:Key": at("policy"),
  "aws:kms/replicaKey:ReplicaKey": at("policy"),
  "aws-native:ecr:Repository": at("repositoryPolicyText"),
  "aws-native:sns:TopicPolicy": at("policyDocument"),
  "aws-native:sqs:QueuePolicy": at("policyDocument"),
  "aws-native:kms:Key": at("keyPolicy"),
};

/** S3 bucket policies, in both providers. */
export const BUCKET_POLICY_DOCUMENTS: Record<string, (p: Record<string, any>) => CarriedDocument[]> = {
  "aws:s3/bucketPolicy:BucketPolicy": at("policy"),
  "aws:s3/bucket:Bucket": at("policy"),
  "aws:s3/bucketV2:BucketV2": at("policy"),
  "aws-native:s3:BucketPolicy": at("policyDocument"),
};

/** Identity policies (what a principal may do), in both providers. */
export const IDENTITY_POLICY_DOCUMENTS: Record<string, (p: Record<string, any>) => CarriedDocument[]> = {
  "aws:iam/policy:Policy": at("policy"),
  "aws:iam/rolePolicy:RolePolicy": at("policy"),
  "aws:iam/userPolicy:UserPolicy": at("policy"),
  "aws:iam/groupPolicy:GroupPolicy": at("policy"),
  "aws:iam/role:Role": each("inlinePolicies", "policy"),
  "aws-native:iam:ManagedPolicy": at("policyDocument"),
  "aws-native:iam:RolePolicy": at("policyDocument"),
  "aws-native:iam:UserPolicy": at("policyDocument"),
  "aws-native:iam:GroupPolicy": at("policyDocument"),
  "aws-native:iam:Role": each("policies", "policyDocument"),
  "aws-native:iam:User": each("policies", "policyDocument"),
  "aws-native:iam:Group": each("policies", "policyDocument"),
};
