import { PolicyResource } from "@pulumi/policy";
import { knownOrUndefined } from "../unknowns";
import { namespaceOf } from "../selectors";
import { BUILTIN_CLUSTER_ROLES } from "./builtinClusterRoles";
import { PolicyRule, policyRuleOf } from "./policyRule";
import { rbacTypeOf } from "./rbacKinds";

/**
 * A Role or ClusterRole a binding can name: one of the stack (a Role, ClusterRole or their Patch)
 * or a built-in ClusterRole. Its rules, labels and aggregation selectors are read when asked, so
 * a value unknown in a preview stops only the verdict that needs it.
 */
export interface RoleDefinition {
  /** Role or ClusterRole. */
  readonly kind: "Role" | "ClusterRole";
  /** Object name; the logical name when the object's name is unknown. */
  readonly name: string;
  /** Namespace of a Role. @default none (a ClusterRole) */
  readonly namespace?: string;
  /** The stack resource defining it. @default none (a built-in ClusterRole) */
  readonly resource?: PolicyResource;
  /** The rules it holds itself. */
  rules(): PolicyRule[];
  /** Its labels. */
  labels(): Record<string, string>;
  /** Its `aggregationRule.clusterRoleSelectors`, empty when it aggregates nothing. */
  aggregationSelectors(): object[];
}

const keyOf = (kind: string, name: string, namespace?: string) => `${kind}/${namespace ?? ""}/${name}`;

function stackRole(r: PolicyResource, kind: "Role" | "ClusterRole"): RoleDefinition {
  const name = knownOrUndefined(() => r.props.metadata?.name) ?? r.name;
  return {
    kind,
    name: String(name),
    namespace: kind === "Role" ? knownOrUndefined(() => namespaceOf(r.props)) : undefined,
    resource: r,
    rules: () => (Array.isArray(r.props.rules) ? r.props.rules.map(policyRuleOf) : []),
    labels: () => ({ ...(r.props.metadata?.labels ?? {}) }),
    aggregationSelectors: () => {
      const selectors = r.props.aggregationRule?.clusterRoleSelectors;
      return Array.isArray(selectors) ? [...selectors] : [];
    },
  };
}

function builtinRole(name: string): RoleDefinition {
  const role = BUILTIN_CLUSTER_ROLES[name];
  return {
    kind: "ClusterRole",
    name,
    rules: () => role.rules.map(policyRuleOf),
    labels: () => ({ ...role.labels }),
    aggregationSelectors: () => [...(role.aggregationSelectors ?? [])],
  };
}

/** The stack's Roles and ClusterRoles (Patch types included) and the built-in ClusterRoles, by name. */
export class RoleIndex {
  /** The stack's own roles, in stack order. */
  readonly stackRoles: RoleDefinition[];
  private readonly byKey = new Map<string, RoleDefinition[]>();

  constructor(resources: PolicyResource[]) {
    this.stackRoles = resources.flatMap((r) => {
      const kind = rbacTypeOf(r.type)?.kind;
      return kind === "Role" || kind === "ClusterRole" ? [stackRole(r, kind)] : [];
    });
    for (const role of this.stackRoles) {
      const key = keyOf(role.kind, role.name, role.namespace);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), role]);
    }
  }

  /**
   * The definitions a roleRef names: the stack's (a Role and its Patch count together), else the
   * built-in ClusterRole; empty when neither defines it.
   */
  lookup(kind: string, name: string, namespace?: string): RoleDefinition[] {
    if (kind === "Role") return this.byKey.get(keyOf("Role", name, namespace)) ?? [];
    if (kind !== "ClusterRole") return [];
    const own = this.byKey.get(keyOf("ClusterRole", name));
    if (own) return own;
    return Object.hasOwn(BUILTIN_CLUSTER_ROLES, name) ? [builtinRole(name)] : [];
  }

  /** Every ClusterRole aggregation can pick up: the stack's, and the built-in ones the stack does not redefine. */
  clusterRoles(): RoleDefinition[] {
    const own = this.stackRoles.filter((r) => r.kind === "ClusterRole");
    const names = new Set(own.map((r) => r.name));
    return [
      ...own,
      ...Object.keys(BUILTIN_CLUSTER_ROLES)
        .filter((n) => !names.has(n))
        .map(builtinRole),
    ];
  }
}
