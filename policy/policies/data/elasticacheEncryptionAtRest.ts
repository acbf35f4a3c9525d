import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** ElastiCache encrypts data at rest: replication groups turn it on, serverless caches with a customer key. */
export const elasticacheEncryptionAtRest = datastorePolicy(
  {
    name: "aws-elasticache-encryption-at-rest",
    description:
      "ElastiCache replication groups (classic and aws-native) must encrypt data at rest; serverless caches (always encrypted) with a customer-managed key.",
    severity: "high",
    framework: awsFoundationalControl("ElastiCache.4", "ElastiCache replication groups should be encrypted at rest"),
    tags: [groupTag("data"), "aws"],
    remediationSteps:
      "Set atRestEncryptionEnabled: true with a customer-managed kmsKeyId (changing it replaces the group); give a serverless cache a kmsKeyId.",
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  },
  ["elasticache-replication-group", "elasticache-serverless"],
  "encryptedAtRest",
);
