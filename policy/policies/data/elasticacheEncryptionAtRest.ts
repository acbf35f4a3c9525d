import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_AT_REST } from "../../lib/metadata";

const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

/** ElastiCache encrypts data at rest: replication groups turn it on, serverless caches with a customer key. */
export const elasticacheEncryptionAtRest: ResourceValidationPolicy = {
  name: "aws-elasticache-encryption-at-rest",
  description:
    "ElastiCache replication groups must encrypt data at rest; serverless caches (always encrypted) with a customer-managed key.",
  severity: "high",
  framework: PCI_DSS_AT_REST,
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Set atRestEncryptionEnabled: true with a customer-managed kmsKeyId (changing it replaces the group).",
  url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  validateResource: (args, report) => {
    if (args.type === "aws:elasticache/replicationGroup:ReplicationGroup") {
      if (args.props.atRestEncryptionEnabled !== true) report("atRestEncryptionEnabled is not true.");
    } else if (args.type === SERVERLESS && !("kmsKeyId" in args.props)) {
      report(
        "kmsKeyId is unset: the serverless cache is encrypted with an AWS-owned key, outside the account's key policies.",
      );
    }
  },
};
