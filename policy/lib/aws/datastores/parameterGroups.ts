import { PolicyResource } from "@pulumi/policy";

/** A parameter group type and the property holding its name. */
export interface GroupType {
  /** Type token of the group. */
  readonly type: string;
  /** Property naming the group. */
  readonly nameProperty: string;
}

/** How a database names its parameter group. */
export interface GroupLink {
  /** The database's property naming the group. */
  readonly property: string;
  /** The group types it may name. */
  readonly groups: readonly GroupType[];
}

/**
 * The group a database uses: linked through the property's dependencies, else matched by name
 * (read only then, since a name computed in a preview is unknown); `undefined` when the group is
 * not in the stack.
 */
export function linkedGroup(db: PolicyResource, link: GroupLink, all: PolicyResource[]): PolicyResource | undefined {
  const types = link.groups.map((g) => g.type);
  const linked = (db.propertyDependencies[link.property] ?? []).find((r) => types.includes(r.type));
  if (linked) return linked;
  const name = db.props[link.property];
  return all.find((r) => {
    const g = link.groups.find((t) => t.type === r.type);
    return g !== undefined && g.nameProperty in r.props && r.props[g.nameProperty] === name;
  });
}

/**
 * A parameter's value in a group, lower case: classic groups list `{ name, value }`, aws-native
 * ones map names to values.
 */
export function parameterValue(group: PolicyResource, parameter: string): string | undefined {
  const params = group.props.parameters;
  if (Array.isArray(params)) {
    const found = params.find((p: any) => p?.name === parameter);
    return found === undefined ? undefined : String(found.value).toLowerCase();
  }
  if (params && typeof params === "object" && parameter in params) return String(params[parameter]).toLowerCase();
  return undefined;
}
