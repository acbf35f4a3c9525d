import { PolicyResource } from "@pulumi/policy";
import { broken, KEPT, Verdict } from "./datastore";
import { engineTls } from "./engineTls";
import { GroupLink, linkedGroup, parameterValue } from "./parameterGroups";
import { Read } from "./read";
import { SourceLink, sourceOf } from "./sources";

/** Properties that restore a database from elsewhere, which then supplies the engine; their wording in messages. */
const RESTORED_FROM: Record<string, string> = {
  snapshotIdentifier: "a snapshot",
  dbSnapshotIdentifier: "a snapshot",
  restoreToPointInTime: "a point in time",
  restoreTime: "a point in time",
};

/** Whether the database's parameter group forces TLS for an engine, by the engine's row of {@link engineTls}. */
export function tlsByParameters(
  db: PolicyResource,
  link: GroupLink,
  all: PolicyResource[],
  engine: string,
): Verdict | undefined {
  const row = engineTls(engine);
  if (!row) return undefined;
  if (!(link.property in db.props))
    return row.defaultForces
      ? KEPT
      : broken(`${db.name} uses the default parameter group, which does not force TLS (${row.parameter}).`);
  const group = linkedGroup(db, link, all);
  if (!group)
    return broken(
      `${db.name}: parameter group "${String(db.props[link.property])}" is not in this stack, so ${row.parameter} cannot be verified.`,
    );
  const value = parameterValue(group, row.parameter);
  if (value === undefined ? row.defaultForces : row.values.includes(value)) return KEPT;
  return broken(`${db.name}: parameter group ${group.name} does not set ${row.parameter} = ${row.values[0]}.`);
}

/**
 * TLS forced by the parameter group `link` names, for the database's engine. A database naming
 * no engine (restored from a snapshot or a point in time) is reported, never skipped; an engine
 * whose parameter sits in the cluster group is left to its cluster when `clusterLevelElsewhere`.
 * A replica naming no engine runs its source's, when the source is in the stack; a service with
 * one engine (DocumentDB) names it as `defaultEngine`.
 */
export function engineParameterTls(
  link: GroupLink,
  options: { clusterLevelElsewhere?: boolean; source?: SourceLink; defaultEngine?: string } = {},
): Read<Verdict> {
  return (db, all) => {
    const source = options.source && sourceOf(db, options.source, all);
    const engineOf = "engine" in db.props ? db : source && "engine" in source.props ? source : undefined;
    if (!engineOf && options.defaultEngine) return tlsByParameters(db, link, all, options.defaultEngine);
    if (!engineOf) {
      const from = Object.keys(RESTORED_FROM).find((k) => k in db.props);
      return broken(
        `${db.name} names no engine${from ? ` (restored from ${RESTORED_FROM[from]})` : ""}, so whether its parameter group forces TLS cannot be judged; set engine.`,
      );
    }
    const engine = String(engineOf.props.engine);
    if (options.clusterLevelElsewhere && engineTls(engine)?.clusterLevel) return undefined;
    return tlsByParameters(db, link, all, engine);
  };
}
