import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** ElastiCache encrypts traffic in transit and requires it (no "preferred" plaintext fallback). */
export const elasticacheTransitEncryption = datastorePolicy(
  {
    name: "aws-elasticache-transit-encryption",
    description:
      "ElastiCache (classic and aws-native) must require encryption in transit; serverless caches, TLS-only, must name their security groups.",
    severity: "high",
    framework: awsFoundationalControl("ElastiCache.5", "ElastiCache replication groups should be encrypted in transit"),
    tags: [groupTag("tls"), "aws"],
    remediationSteps:
      'Set transitEncryptionEnabled: true and transitEncryptionMode: "required"; clients connect with rediss://.',
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
  },
  ["elasticache-replication-group", "elasticache-cluster", "elasticache-serverless"],
  "tlsInTransit",
);
