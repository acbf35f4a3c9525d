import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";

const INSTANCE = "aws:rds/instance:Instance";
const GROUP = "aws:rds/parameterGroup:ParameterGroup";

/** The parameter group family an engine version needs: `postgres` 15.4 → `postgres15`, `mysql` 8.0.35 → `mysql8.0`. */
export function familyFor(engine: string, version: string): string | undefined {
  const parts = version.split(".");
  if (engine === "postgres") return `postgres${parts[0]}`;
  if (engine === "mysql" || engine === "mariadb") return `${engine}${parts.slice(0, 2).join(".")}`;
  return undefined;
}

function groupOf(db: PolicyResource, all: PolicyResource[]): PolicyResource | undefined {
  return (
    (db.propertyDependencies.parameterGroupName ?? []).find((r) => r.type === GROUP) ??
    all.find((r) => r.type === GROUP && "name" in r.props && r.props.name === db.props.parameterGroupName)
  );
}

/** An RDS instance's parameter group is of its engine version's family, which AWS requires. */
export const rdsParameterGroupFamily: StackValidationPolicy = {
  name: "aws-rds-parameter-group-family",
  description: "An RDS instance's parameter group must be of the family of its engine version; AWS refuses any other.",
  severity: "medium",
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Create the parameter group with family postgres<major> (mysql<major.minor>) of the instance's engineVersion, e.g. postgres15 for 15.4.",
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/parameter-groups-overview.html",
  validateStack: (args, report) => {
    for (const db of args.resources.filter((r) => r.type === INSTANCE)) {
      // Presence first, so replicas and values computed in a preview do not stop the policy.
      if (!("engine" in db.props) || !("engineVersion" in db.props) || !("parameterGroupName" in db.props)) continue;
      const wanted = familyFor(String(db.props.engine), String(db.props.engineVersion));
      const group = groupOf(db, args.resources);
      if (!wanted || !group || !("family" in group.props)) continue;
      if (group.props.family !== wanted) {
        report(
          `${db.name} runs ${db.props.engine} ${db.props.engineVersion}, whose parameter groups are of family ${wanted}, but ${group.name} is of family ${group.props.family}.`,
          db.urn,
        );
      }
    }
  },
};
