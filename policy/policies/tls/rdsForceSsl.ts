import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

/** How each database resource names its parameter group, and which group type that is. */
const LINKS: Record<string, { property: string; groupType: string }> = {
  "aws:rds/instance:Instance": { property: "parameterGroupName", groupType: "aws:rds/parameterGroup:ParameterGroup" },
  "aws:rds/cluster:Cluster": {
    property: "dbClusterParameterGroupName",
    groupType: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  },
};

/** The parameter that forces TLS for an engine, or `undefined` when parameters cannot force it. */
export function forceSslParameter(engine: string): string | undefined {
  if (/postgres|sqlserver/.test(engine)) return "rds.force_ssl";
  if (/mysql|mariadb/.test(engine)) return "require_secure_transport";
  return undefined;
}

function forcesSsl(group: PolicyResource, parameter: string): boolean {
  const params: any[] = group.props.parameters ?? [];
  return params.some((p) => p?.name === parameter && ["1", "on", "true"].includes(String(p.value).toLowerCase()));
}

/** The group a database uses: linked through the property's dependencies, else matched by name. */
function findGroup(
  db: PolicyResource,
  all: PolicyResource[],
  property: string,
  groupType: string,
): PolicyResource | undefined {
  const linked = (db.propertyDependencies[property] ?? []).find((r) => r.type === groupType);
  if (linked) return linked;
  const name = db.props[property];
  return all.find((r) => r.type === groupType && "name" in r.props && r.props.name === name);
}

/** Every RDS database uses a parameter group of this stack that forces TLS connections. */
export const rdsForceSsl: StackValidationPolicy = {
  name: "aws-rds-force-ssl",
  description: "RDS databases must use a parameter group that forces TLS (rds.force_ssl / require_secure_transport).",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    "Create a parameter group with rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = 1 (MySQL, MariaDB) and set it as the database's parameterGroupName.",
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => r.type in LINKS),
      (db) => {
        const link = LINKS[db.type];
        // `in` tests presence without reading values that may be unknown in a preview.
        if (
          "replicateSourceDb" in db.props ||
          (db.type === "aws:rds/instance:Instance" && "clusterIdentifier" in db.props)
        )
          return;
        if (!("engine" in db.props)) {
          // Restored from a snapshot or a point in time, the engine comes from there: still judged, never skipped.
          const from =
            "snapshotIdentifier" in db.props
              ? "a snapshot"
              : "restoreToPointInTime" in db.props
                ? "a point in time"
                : undefined;
          report(
            `${db.name} names no engine${from ? ` (restored from ${from})` : ""}, so whether its parameter group forces TLS cannot be judged; set engine.`,
            db.urn,
          );
          return;
        }
        const parameter = forceSslParameter(String(db.props.engine));
        if (!parameter) return;
        if (!(link.property in db.props)) {
          report(`${db.name} uses the default parameter group, which does not force TLS (${parameter}).`, db.urn);
          return;
        }
        const group = findGroup(db, args.resources, link.property, link.groupType);
        if (!group)
          report(
            `${db.name}: parameter group "${String(db.props[link.property])}" is not in this stack, so ${parameter} cannot be verified.`,
            db.urn,
          );
        else if (!forcesSsl(group, parameter))
          report(`${db.name}: parameter group ${group.name} does not set ${parameter} = 1.`, db.urn);
      },
    );
  },
};
