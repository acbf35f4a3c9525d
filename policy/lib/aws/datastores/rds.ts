import { PolicyResource } from "@pulumi/policy";
import { KEPT, Verdict } from "./datastore";
import { GroupLink } from "./parameterGroups";
import { declares, flag, INHERIT, ownOrInherited, Read, unlessMember } from "./read";
import { DatastoreRow } from "./row";
import { SourceLink } from "./sources";
import { engineParameterTls } from "./tlsParameters";

const INSTANCE_GROUPS = [
  { type: "aws:rds/parameterGroup:ParameterGroup", nameProperty: "name" },
  { type: "aws-native:rds:DBParameterGroup", nameProperty: "dbParameterGroupName" },
];
const CLUSTER_GROUPS = [
  { type: "aws:rds/clusterParameterGroup:ClusterParameterGroup", nameProperty: "name" },
  { type: "aws-native:rds:DBClusterParameterGroup", nameProperty: "dbClusterParameterGroupName" },
];
const INSTANCES = { "aws:rds/instance:Instance": "identifier", "aws-native:rds:DBInstance": "dbInstanceIdentifier" };
const CLUSTERS = { "aws:rds/cluster:Cluster": "clusterIdentifier", "aws-native:rds:DBCluster": "dbClusterIdentifier" };

const UNENCRYPTED = "storageEncrypted is not true.";

/** Read as `replica` when `property` names a source, else as `primary`. */
function replicaOr(property: string, replica: Read<Verdict>, primary: Read<Verdict>): Read<Verdict> {
  return (r, all) => (declares(r.props, property) ? replica : primary)(r, all);
}

/** A replica's storage: its own `storageEncrypted`, or a key of its own (cross-Region), else its source's. */
const replicaStorage: Read<Verdict> = (r) =>
  declares(r.props, "storageEncrypted")
    ? flag("storageEncrypted", UNENCRYPTED)(r, [])
    : declares(r.props, "kmsKeyId")
      ? KEPT
      : INHERIT;

/** The rows of one database type: storage, key, TLS through its parameter group, replicas and membership. */
function database(
  type: string,
  kind: "rds-instance" | "rds-cluster",
  names: { group: string; source: string; member?: string },
  groups: GroupLink["groups"],
  sources: Record<string, string>,
): DatastoreRow {
  const link: GroupLink = { property: names.group, groups };
  const source: SourceLink = { property: names.source, sources, member: false };
  const member = (read: Read<Verdict>) => (names.member ? unlessMember(names.member, read) : read);
  const tls = engineParameterTls(link, { clusterLevelElsewhere: kind === "rds-instance" });
  return {
    type,
    kind,
    source,
    kmsKey: (r: PolicyResource) => declares(r.props, "kmsKeyId"),
    encryptedAtRest: member(replicaOr(names.source, replicaStorage, flag("storageEncrypted", UNENCRYPTED))),
    tlsInTransit: member(
      replicaOr(
        names.source,
        ownOrInherited(
          names.group,
          engineParameterTls(link, { clusterLevelElsewhere: kind === "rds-instance", source }),
        ),
        tls,
      ),
    ),
  };
}

const proxyTls = flag(
  "requireTls",
  "requireTls is not true: clients may reach the database through the proxy in plain text.",
);

/** RDS and Aurora, classic and aws-native: instances (and read replicas), clusters, cluster members, proxies. */
export const RDS_ROWS: readonly DatastoreRow[] = [
  database(
    "aws:rds/instance:Instance",
    "rds-instance",
    { group: "parameterGroupName", source: "replicateSourceDb", member: "clusterIdentifier" },
    INSTANCE_GROUPS,
    INSTANCES,
  ),
  database(
    "aws-native:rds:DBInstance",
    "rds-instance",
    { group: "dbParameterGroupName", source: "sourceDbInstanceIdentifier", member: "dbClusterIdentifier" },
    INSTANCE_GROUPS,
    INSTANCES,
  ),
  database(
    "aws:rds/cluster:Cluster",
    "rds-cluster",
    { group: "dbClusterParameterGroupName", source: "replicationSourceIdentifier" },
    CLUSTER_GROUPS,
    CLUSTERS,
  ),
  database(
    "aws-native:rds:DBCluster",
    "rds-cluster",
    { group: "dbClusterParameterGroupName", source: "replicationSourceIdentifier" },
    CLUSTER_GROUPS,
    CLUSTERS,
  ),
  {
    type: "aws:rds/clusterInstance:ClusterInstance",
    kind: "rds-cluster-member",
    source: { property: "clusterIdentifier", sources: CLUSTERS, member: true },
  },
  { type: "aws:rds/proxy:Proxy", kind: "rds-proxy", tlsInTransit: proxyTls },
  { type: "aws-native:rds:DBProxy", kind: "rds-proxy", tlsInTransit: proxyTls },
];
