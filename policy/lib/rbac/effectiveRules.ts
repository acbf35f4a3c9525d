import { selects } from "../selectors";
import { PolicyRule } from "./policyRule";
import { RoleDefinition, RoleIndex } from "./roleIndex";

/** A rule a role grants, with where it comes from. */
export interface SourcedRule {
  /** The rule. */
  readonly rule: PolicyRule;
  /** Where it is written, for a finding: `rules[1] of Role "debugger"`, `ClusterRole "edit" (built-in)`, or through an aggregation. */
  readonly origin: string;
  /** Whether the stack wrote the rule (not the built-in table). */
  readonly stackDefined: boolean;
}

const describe = (role: RoleDefinition) => `${role.kind} "${role.name}"`;

/**
 * Every rule a role grants: its own, and for a ClusterRole with an `aggregationRule` the rules of
 * every ClusterRole its selectors pick up by label (matchLabels and matchExpressions),
 * transitively. Built-in roles aggregate only the stack's roles: the built-in table already lists
 * what they aggregate from each other.
 */
export function effectiveRules(
  role: RoleDefinition,
  index: RoleIndex,
  seen = new Set<RoleDefinition>(),
): SourcedRule[] {
  seen.add(role);
  const own = role.rules().map((rule, i) => ({
    rule,
    origin: role.resource ? `rules[${i}] of ${describe(role)}` : `${describe(role)} (built-in)`,
    stackDefined: role.resource !== undefined,
  }));
  const selectors = role.kind === "ClusterRole" ? role.aggregationSelectors() : [];
  if (!selectors.length) return own;
  const aggregated = index
    .clusterRoles()
    .filter((other) => !seen.has(other) && (role.resource || other.resource))
    .filter((other) => selectors.some((s) => selects(s, other.labels())))
    .flatMap((other) =>
      effectiveRules(other, index, seen).map((r) => ({
        ...r,
        origin: `${r.origin}, aggregated into ${describe(role)}`,
      })),
    );
  return [...own, ...aggregated];
}
