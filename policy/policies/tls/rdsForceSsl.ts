import { datastorePolicy } from "../../lib/aws/datastores/datastorePolicy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/** Every RDS database uses a parameter group of this stack that forces TLS, by its engine's parameter. */
export const rdsForceSsl = datastorePolicy(
  {
    name: "aws-rds-force-ssl",
    description:
      "RDS instances and clusters (classic and aws-native, read replicas included) must use a parameter group that forces TLS: rds.force_ssl (PostgreSQL, SQL Server, Aurora PostgreSQL on the cluster group), require_secure_transport (MySQL, MariaDB, Aurora MySQL on the cluster group).",
    severity: "high",
    framework: PCI_DSS_TRANSIT,
    tags: [groupTag("tls"), "aws"],
    remediationSteps:
      "Create a parameter group with rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = 1 (MySQL, MariaDB) and set it as the database's parameterGroupName; for Aurora set it in the cluster parameter group (dbClusterParameterGroupName).",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html",
  },
  ["rds-instance", "rds-cluster"],
  "tlsInTransit",
);
