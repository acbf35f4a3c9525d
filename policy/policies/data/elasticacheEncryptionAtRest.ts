import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_AT_REST } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** ElastiCache replication groups encrypt data at rest. */
export const elasticacheEncryptionAtRest: ResourceValidationPolicy = {
  name: "aws-elasticache-encryption-at-rest",
  description: "ElastiCache replication groups must encrypt data at rest.",
  severity: "high",
  framework: PCI_DSS_AT_REST,
  tags: [groupTag("data"), "aws"],
  remediationSteps: "Set atRestEncryptionEnabled: true with a customer-managed kmsKeyId (changing it replaces the group).",
  url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  validateResource: forType("aws:elasticache/replicationGroup:ReplicationGroup", (args, report) => {
    if (args.props.atRestEncryptionEnabled !== true) report("atRestEncryptionEnabled is not true.");
  }),
};
