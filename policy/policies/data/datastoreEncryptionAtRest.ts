import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** DocumentDB, OpenSearch, EFS and DAX encrypt their data at rest. */
export const datastoreEncryptionAtRest = datastorePolicy(
  {
    name: "aws-datastore-encryption-at-rest",
    description:
      "DocumentDB clusters, OpenSearch domains, EFS file systems and DAX clusters (classic and aws-native) must encrypt data at rest (DynamoDB tables and MemoryDB always do).",
    severity: "high",
    framework: awsFoundationalControl(
      "DocumentDB.1, Opensearch.1, EFS.1, DynamoDB.3",
      "DocumentDB clusters, OpenSearch domains, EFS file systems and DAX clusters should be encrypted at rest",
    ),
    tags: [groupTag("data"), "aws"],
    remediationSteps:
      "Set storageEncrypted (DocumentDB), encryptAtRest.enabled (OpenSearch), encrypted (EFS) or serverSideEncryption.enabled (DAX) with a customer-managed KMS key; each replaces the resource: restore from a snapshot or copy the data.",
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html",
  },
  ["docdb-cluster", "opensearch-domain", "efs-file-system", "dax-cluster", "dynamodb-table", "memorydb-cluster"],
  "encryptedAtRest",
);
