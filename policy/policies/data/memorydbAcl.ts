import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { groupTag } from "../../lib/metadata";

/** MemoryDB clusters authenticate clients through an ACL of users, never the open-access one. */
export const memorydbAcl = datastorePolicy(
  {
    name: "aws-memorydb-acl",
    description:
      'MemoryDB clusters (classic and aws-native) must use an access control list of authenticated users, not "open-access".',
    severity: "critical",
    tags: [groupTag("data"), "aws"],
    remediationSteps:
      "Create an aws.memorydb.Acl of aws.memorydb.User entries with passwords or IAM authentication and set it as the cluster's aclName.",
    url: "https://docs.aws.amazon.com/memorydb/latest/devguide/clusters.acls.html",
  },
  ["memorydb-cluster"],
  "auth",
);
