import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** RDS instances and Aurora clusters encrypt their storage; a read replica as its source unless it declares its own. */
export const rdsStorageEncrypted = datastorePolicy(
  {
    name: "aws-rds-storage-encrypted",
    description:
      "RDS instances and clusters (classic and aws-native) must encrypt their storage; a read replica is judged by its own storageEncrypted or kmsKeyId, else as its source.",
    severity: "high",
    framework: awsFoundationalControl("RDS.3, RDS.27", "RDS DB instances and DB clusters should be encrypted at rest"),
    tags: [groupTag("tls"), "aws"],
    remediationSteps:
      "Set storageEncrypted: true with a customer-managed kmsKeyId (changing it replaces the database: restore from a snapshot); a cross-Region replica names its own kmsKeyId.",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
  },
  ["rds-instance", "rds-cluster"],
  "encryptedAtRest",
);
