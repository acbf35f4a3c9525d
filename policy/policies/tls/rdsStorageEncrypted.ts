import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_AT_REST } from "../../lib/metadata";

const TYPES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];

/** RDS instances and Aurora clusters encrypt their storage. */
export const rdsStorageEncrypted: ResourceValidationPolicy = {
  name: "aws-rds-storage-encrypted",
  description: "RDS instances and clusters must encrypt their storage.",
  severity: "high",
  framework: PCI_DSS_AT_REST,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    "Set storageEncrypted: true with a customer-managed kmsKeyId (changing it replaces the database: restore from a snapshot).",
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
  validateResource: (args, report) => {
    if (!TYPES.includes(args.type) || args.props.storageEncrypted === true) return;
    // Replicas and Aurora members take encryption from their source; `in` reads no (possibly unknown) value.
    if (args.type === TYPES[0] && ("replicateSourceDb" in args.props || "clusterIdentifier" in args.props)) return;
    report("storageEncrypted is not true.");
  },
};
