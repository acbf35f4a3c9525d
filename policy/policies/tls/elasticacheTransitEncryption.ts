import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";

/** ElastiCache encrypts traffic in transit and requires it (no "preferred" plaintext fallback). */
export const elasticacheTransitEncryption: ResourceValidationPolicy = {
  name: "aws-elasticache-transit-encryption",
  description: "ElastiCache must require encryption in transit.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    'Set transitEncryptionEnabled: true and transitEncryptionMode: "required"; clients connect with rediss://.',
  url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
  validateResource: (args, report) => {
    if (args.type === "aws:elasticache/serverlessCache:ServerlessCache") {
      // Serverless caches speak TLS only; what remains is who may connect.
      if (!("securityGroupIds" in args.props))
        report("securityGroupIds is unset: the serverless cache takes the VPC's default security group.");
      return;
    }
    if (args.type !== REPLICATION_GROUP && args.type !== CLUSTER) return;
    if (args.type === CLUSTER && args.props.replicationGroupId) return;
    if (args.props.transitEncryptionEnabled !== true)
      report("transitEncryptionEnabled is not true: clients talk to the cache in plain text.");
    else if (args.props.transitEncryptionMode === "preferred")
      report('transitEncryptionMode is "preferred", which still accepts plaintext clients; use "required".');
  },
};
