import { broken, KEPT, Verdict } from "./datastore";
import { allOf, always, declared, declares, flag, Read, valueAt } from "./read";
import { DatastoreRow } from "./row";
import { engineParameterTls } from "./tlsParameters";

const DOCDB_GROUPS = [
  { type: "aws:docdb/clusterParameterGroup:ClusterParameterGroup", nameProperty: "name" },
  { type: "aws-native:docdb:DBClusterParameterGroup", nameProperty: "name" },
];

/** TLS security policies OpenSearch offers that allow TLS 1.2 and later only. */
const OPENSEARCH_TLS_POLICIES = ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"];

/** The latest TLS policy at `path`, explicitly: a domain's default has changed over the years. */
function tlsPolicy(path: string): Read<Verdict> {
  return (r) => {
    const policy = declares(r.props, path) ? valueAt(r.props, path) : undefined;
    return OPENSEARCH_TLS_POLICIES.includes(String(policy))
      ? KEPT
      : broken(
          `${path} is ${policy ?? "unset"}: clients may negotiate TLS 1.0 or 1.1; use ${OPENSEARCH_TLS_POLICIES[0]} or later.`,
        );
  };
}

/** OpenSearch (and Elasticsearch) domains by the property names of their provider. */
function domain(type: string, p: { atRest: string; key: string; nodeToNode: string; endpoint: string }): DatastoreRow {
  return {
    type,
    kind: "opensearch-domain",
    encryptedAtRest: flag(`${p.atRest}.enabled`, `${p.atRest}.enabled is not true.`),
    kmsKey: declared(p.key),
    tlsInTransit: allOf(
      flag(`${p.nodeToNode}.enabled`, `${p.nodeToNode}.enabled is not true: nodes exchange data in plain text.`),
      flag(`${p.endpoint}.enforceHttps`, `${p.endpoint}.enforceHttps is not true: the endpoint answers plain HTTP.`),
      tlsPolicy(`${p.endpoint}.tlsSecurityPolicy`),
    ),
  };
}

const CLASSIC_DOMAIN = {
  atRest: "encryptAtRest",
  key: "encryptAtRest.kmsKeyId",
  nodeToNode: "nodeToNodeEncryption",
  endpoint: "domainEndpointOptions",
};

/** DocumentDB, OpenSearch, EFS, DynamoDB and DAX, classic and aws-native. */
export const STORE_ROWS: readonly DatastoreRow[] = [
  ...["aws:docdb/cluster:Cluster", "aws-native:docdb:DBCluster"].map((type): DatastoreRow => ({
    type,
    kind: "docdb-cluster",
    encryptedAtRest: flag("storageEncrypted", "storageEncrypted is not true."),
    kmsKey: declared("kmsKeyId"),
    tlsInTransit: engineParameterTls(
      { property: "dbClusterParameterGroupName", groups: DOCDB_GROUPS },
      { defaultEngine: "docdb" },
    ),
  })),
  domain("aws:opensearch/domain:Domain", CLASSIC_DOMAIN),
  domain("aws:elasticsearch/domain:Domain", CLASSIC_DOMAIN),
  domain("aws-native:opensearchservice:Domain", {
    atRest: "encryptionAtRestOptions",
    key: "encryptionAtRestOptions.kmsKeyId",
    nodeToNode: "nodeToNodeEncryptionOptions",
    endpoint: "domainEndpointOptions",
  }),
  ...["aws:efs/fileSystem:FileSystem", "aws-native:efs:FileSystem"].map((type): DatastoreRow => ({
    type,
    kind: "efs-file-system",
    encryptedAtRest: flag("encrypted", "encrypted is not true: file data is stored unencrypted."),
    kmsKey: declared("kmsKeyId"),
  })),
  {
    type: "aws:dynamodb/table:Table",
    kind: "dynamodb-table",
    encryptedAtRest: always,
    kmsKey: declared("serverSideEncryption.kmsKeyArn"),
  },
  {
    type: "aws-native:dynamodb:Table",
    kind: "dynamodb-table",
    encryptedAtRest: always,
    kmsKey: declared("sseSpecification.kmsMasterKeyId"),
  },
  {
    type: "aws:dax/cluster:Cluster",
    kind: "dax-cluster",
    encryptedAtRest: flag("serverSideEncryption.enabled", "serverSideEncryption.enabled is not true."),
    tlsInTransit: flag("clusterEndpointEncryptionType", 'clusterEndpointEncryptionType is not "TLS".', "TLS"),
  },
  {
    type: "aws-native:dax:Cluster",
    kind: "dax-cluster",
    encryptedAtRest: flag("sseSpecification.sseEnabled", "sseSpecification.sseEnabled is not true."),
    tlsInTransit: flag("clusterEndpointEncryptionType", 'clusterEndpointEncryptionType is not "TLS".', "TLS"),
  },
];
