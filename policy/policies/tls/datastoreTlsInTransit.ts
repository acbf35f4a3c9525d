import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** DocumentDB, OpenSearch and DAX refuse plaintext clients. */
export const datastoreTlsInTransit = datastorePolicy(
  {
    name: "aws-datastore-tls-in-transit",
    description:
      "DocumentDB clusters (tls parameter), OpenSearch domains (node-to-node encryption, HTTPS only, a TLS 1.2+ policy) and DAX clusters (TLS endpoint) must encrypt data in transit.",
    severity: "high",
    framework: awsFoundationalControl(
      "Opensearch.3, Opensearch.8, DynamoDB.7",
      "OpenSearch domains should encrypt data sent between nodes and use the latest TLS security policy; DAX clusters should be encrypted in transit",
    ),
    tags: [groupTag("tls"), "aws"],
    remediationSteps:
      'Keep DocumentDB\'s tls parameter "enabled"; on OpenSearch set nodeToNodeEncryption.enabled, domainEndpointOptions.enforceHttps and tlsSecurityPolicy "Policy-Min-TLS-1-2-2019-07" or later; create DAX with clusterEndpointEncryptionType "TLS".',
    url: "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html",
  },
  ["docdb-cluster", "opensearch-domain", "dax-cluster"],
  "tlsInTransit",
);
