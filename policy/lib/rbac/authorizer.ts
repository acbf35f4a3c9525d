import { PolicyRule } from "./policyRule";

/**
 * Matching a rule the way the Kubernetes RBAC authorizer does (`pkg/apis/rbac/v1/evaluation_helpers.go`):
 * `"*"` in verbs, apiGroups or resources matches everything, a resource written as `*`, a slash
 * and a subresource (say `exec`) matches that subresource of every resource, and nothing else is
 * a pattern: `pods`, a slash and `*` matches only a subresource literally named `*`, so it grants
 * no pods subresource.
 */

/** A resource an API request names: its group, resource and subresource. */
export interface ResourceRequest {
  /** API group, `""` for the core group. */
  readonly apiGroup: string;
  /** Resource (plural). */
  readonly resource: string;
  /** Subresource. @default none */
  readonly subresource?: string;
}

/** Whether the rule covers the resource (group and resource; verbs aside). */
export function ruleCoversResource(rule: PolicyRule, request: ResourceRequest): boolean {
  if (!rule.apiGroups.some((g) => g === "*" || g === request.apiGroup)) return false;
  const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  return rule.resources.some(
    (r) => r === "*" || r === combined || (request.subresource !== undefined && r === `*/${request.subresource}`),
  );
}

/** The verbs among `verbs` the rule grants, or `["*"]` when it grants every verb. */
export function grantedVerbs(rule: PolicyRule, verbs: readonly string[]): string[] {
  if (rule.verbs.includes("*")) return ["*"];
  return verbs.filter((v) => rule.verbs.includes(v));
}

/** Whether the rule grants every verb on every resource of every API group: cluster-admin by effect. */
export function grantsEverything(rule: PolicyRule): boolean {
  return rule.verbs.includes("*") && rule.resources.includes("*") && rule.apiGroups.includes("*");
}
