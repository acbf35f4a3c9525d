import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** Redis OSS and Valkey caches authenticate every client: an AUTH token or RBAC user groups. */
export const elasticacheAuthentication = datastorePolicy(
  {
    name: "aws-elasticache-authentication",
    description:
      "ElastiCache Redis OSS and Valkey (classic and aws-native) must authenticate clients: a replication group with authToken or userGroupIds, a serverless cache with userGroupId; a standalone node, which cannot, is reported.",
    severity: "critical",
    framework: awsFoundationalControl(
      "ElastiCache.6",
      "ElastiCache (Redis OSS) replication groups of earlier versions should have Redis OSS AUTH enabled",
    ),
    tags: [groupTag("data"), "aws"],
    remediationSteps:
      "Create an aws.elasticache.UserGroup of users with passwords or IAM authentication and set userGroupIds (RBAC, Redis OSS 6+ and Valkey), or set authToken with transit encryption on (RedisCache does).",
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
  },
  ["elasticache-replication-group", "elasticache-cluster", "elasticache-serverless"],
  "auth",
);
