import { PolicyResource } from "@pulumi/policy";
import { broken, KEPT, Verdict } from "./datastore";
import { allOf, always, declared, declares, flag, Read, unlessMember, valueAt, when } from "./read";
import { DatastoreRow } from "./row";

/** Whether a list property is declared and not empty (an unknown list counts as declared). */
function listed(r: PolicyResource, path: string): boolean {
  if (!declares(r.props, path)) return false;
  const v = valueAt(r.props, path);
  return !Array.isArray(v) || v.length > 0;
}

const isRedisLike = (r: PolicyResource) => !("engine" in r.props) || /^(redis|valkey)$/.test(String(r.props.engine));

const transitRequired = allOf(
  flag("transitEncryptionEnabled", "transitEncryptionEnabled is not true: clients talk to the cache in plain text."),
  (r) =>
    declares(r.props, "transitEncryptionMode") && r.props.transitEncryptionMode === "preferred"
      ? broken('transitEncryptionMode is "preferred", which still accepts plaintext clients; use "required".')
      : KEPT,
);

/** Redis OSS AUTH (an auth token) or RBAC (user groups) on a replication group. */
const groupAuth: Read<Verdict> = (r) =>
  declares(r.props, "authToken") || listed(r, "userGroupIds")
    ? KEPT
    : broken("neither authToken nor userGroupIds is set: any client that reaches the cache can read and write it.");

/** RBAC on a serverless cache: without a user group its default user needs no password. */
const serverlessAuth: Read<Verdict> = when(isRedisLike, (r) =>
  declares(r.props, "userGroupId")
    ? KEPT
    : broken("userGroupId is unset: the cache's default user connects without a password."),
);

/** A serverless cache is always encrypted; the account's key policies govern it only with a customer key. */
const serverlessAtRest: Read<Verdict> = (r) =>
  declares(r.props, "kmsKeyId")
    ? KEPT
    : broken(
        "kmsKeyId is unset: the serverless cache is encrypted with an AWS-owned key, outside the account's key policies.",
      );

/** A serverless cache speaks TLS only; what remains is who may connect, so it must name its security groups. */
const serverlessTransit: Read<Verdict> = (r) =>
  declares(r.props, "securityGroupIds")
    ? KEPT
    : broken("securityGroupIds is unset: the serverless cache takes the VPC's default security group.");

const replicationGroup = (type: string): DatastoreRow => ({
  type,
  kind: "elasticache-replication-group",
  encryptedAtRest: flag("atRestEncryptionEnabled", "atRestEncryptionEnabled is not true."),
  kmsKey: declared("kmsKeyId"),
  tlsInTransit: transitRequired,
  auth: groupAuth,
});

const serverless = (type: string): DatastoreRow => ({
  type,
  kind: "elasticache-serverless",
  encryptedAtRest: serverlessAtRest,
  kmsKey: declared("kmsKeyId"),
  tlsInTransit: serverlessTransit,
  auth: serverlessAuth,
});

/** A MemoryDB cluster's ACL: one of the stack's (never the reserved open one), else any but `open-access`. */
const memorydbAcl: Read<Verdict> = (r) => {
  const acl = (r.propertyDependencies.aclName ?? []).some((d) => /memorydb[/:]acl:Acl$/.test(d.type));
  return acl || r.props.aclName !== "open-access"
    ? KEPT
    : broken('aclName is "open-access": every client connects as the default user, with no password.');
};

const memorydb = (type: string, key: string): DatastoreRow => ({
  type,
  kind: "memorydb-cluster",
  encryptedAtRest: always,
  kmsKey: declared(key),
  tlsInTransit: flag("tlsEnabled", "tlsEnabled is false: clients talk to the cluster in plain text.", true, true),
  auth: memorydbAcl,
});

/** ElastiCache (Redis OSS, Valkey, Memcached) and MemoryDB, classic and aws-native. */
export const CACHE_ROWS: readonly DatastoreRow[] = [
  replicationGroup("aws:elasticache/replicationGroup:ReplicationGroup"),
  replicationGroup("aws-native:elasticache:ReplicationGroup"),
  {
    type: "aws:elasticache/cluster:Cluster",
    kind: "elasticache-cluster",
    tlsInTransit: unlessMember("replicationGroupId", transitRequired),
    auth: unlessMember(
      "replicationGroupId",
      when(isRedisLike, () =>
        broken(
          "a standalone Redis OSS or Valkey node cannot require AUTH: use a replication group with authToken or userGroupIds.",
        ),
      ),
    ),
  },
  serverless("aws:elasticache/serverlessCache:ServerlessCache"),
  serverless("aws-native:elasticache:ServerlessCache"),
  memorydb("aws:memorydb/cluster:Cluster", "kmsKeyArn"),
  memorydb("aws-native:memorydb:Cluster", "kmsKeyId"),
];
