import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/** MemoryDB clusters keep TLS on (their default). */
export const memorydbTls = datastorePolicy(
  {
    name: "aws-memorydb-tls",
    description: "MemoryDB clusters (classic and aws-native) must keep TLS on (tlsEnabled, true unless turned off).",
    severity: "high",
    framework: PCI_DSS_TRANSIT,
    tags: [groupTag("tls"), "aws"],
    remediationSteps:
      "Remove tlsEnabled: false (it can only be set at creation: recreate the cluster from a snapshot).",
    url: "https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html",
  },
  ["memorydb-cluster"],
  "tlsInTransit",
);
