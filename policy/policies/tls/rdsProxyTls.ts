import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/** Clients reach a database through RDS Proxy over TLS only. */
export const rdsProxyTls = datastorePolicy(
  {
    name: "aws-rds-proxy-require-tls",
    description: "RDS Proxy (classic and aws-native) must require TLS from clients (requireTls: true).",
    severity: "high",
    framework: PCI_DSS_TRANSIT,
    tags: [groupTag("tls"), "aws"],
    remediationSteps: "Set requireTls: true on the proxy; clients connect with sslmode=require (or verify-full).",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls",
  },
  ["rds-proxy"],
  "tlsInTransit",
);
