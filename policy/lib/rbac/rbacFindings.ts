import { grantsEverything } from "./authorizer";
import { CLUSTER_ADMIN, createsWorkloads, DANGEROUS_PERMISSIONS, WILDCARD } from "./dangerousPermissions";
import { RbacHolder } from "./rbacHolders";
import { RBAC_POLICY } from "./rbacPolicyNames";

/** One finding: the policy that reports it and what it says. */
export interface RbacFinding {
  /** Name of the policy reporting it. */
  readonly policy: string;
  /** The finding: holder, permission, subjects, scope, the rule it came from, and why it is dangerous. */
  readonly message: string;
}

/** Names a policy's config exempts (the `allowedRoles` and `allowedSubjects` properties). */
export interface RbacExemptions {
  /** Role names whose grants are not judged. */
  readonly allowedRoles: readonly string[];
  /** Subjects, as `Kind:name`, that may hold any grant. */
  readonly allowedSubjects: readonly string[];
}

/**
 * What a holder grants that the catalogue calls dangerous, one finding per permission and rule.
 * A rule granting everything is one finding — cluster-admin through a binding, a wildcard on a role
 * judged on its own — not one per permission it includes. A binding to a role nobody defines is
 * one unresolvable finding: what it grants cannot be judged.
 */
export function rbacFindings(holder: RbacHolder, exempt: RbacExemptions): RbacFinding[] {
  if (holder.roleNames.some((name) => exempt.allowedRoles.includes(name))) return [];
  const named = holder.subjects?.filter((s) => !exempt.allowedSubjects.includes(s));
  if (holder.subjects?.length && !named?.length) return [];
  const scope = holder.namespace ? `in namespace ${holder.namespace}` : "cluster-wide";
  const who = !holder.subjects
    ? `${holder.namespace ? scope : "cluster-wide once a ClusterRoleBinding binds it,"} to whoever is bound to it (no binding in the stack names it)`
    : `to ${named?.length ? named.join(", ") : "its subjects (none listed yet)"} ${scope}`;
  const resolved = holder.resolve();
  if ("unresolvable" in resolved)
    return [
      { policy: RBAC_POLICY.unresolvable, message: `${resolved.unresolvable}: cannot judge what it grants ${who}.` },
    ];
  const workloadsReachSecrets = holder.namespace !== undefined && createsWorkloads(resolved.rules.map((r) => r.rule));
  const messages = new Map<string, RbacFinding>();
  for (const { rule, origin, stackDefined } of resolved.rules) {
    const entries = grantsEverything(rule) ? [holder.subjects ? CLUSTER_ADMIN : WILDCARD] : DANGEROUS_PERMISSIONS;
    for (const entry of entries) {
      if (entry.stackRulesOnly && !stackDefined) continue;
      if (entry.coveredByWorkloadCreation && workloadsReachSecrets) continue;
      const granted = entry.grantedBy(rule);
      if (!granted) continue;
      const message = `${holder.title} grants ${granted} ${who} through ${origin}: ${entry.why}.`;
      messages.set(message, { policy: entry.policy, message });
    }
  }
  return [...messages.values()];
}
