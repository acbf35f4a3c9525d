import { grantedVerbs, grantsEverything, ResourceRequest, ruleCoversResource } from "./authorizer";
import { PolicyRule } from "./policyRule";
import { RBAC_POLICY } from "./rbacPolicyNames";

/**
 * The catalogue of dangerous permissions, after the RBAC auditing tools' own catalogues:
 * rbac-police (https://github.com/PaloAltoNetworks/rbac-police, its `lib/` policies) and KubiScan
 * (https://github.com/cyberark/KubiScan, its risky roles), and the Kubernetes docs' "RBAC good
 * practices" (https://kubernetes.io/docs/concepts/security/rbac-good-practices/). Workload
 * creation is not an entry (a deployer legitimately creates workloads); it only makes a
 * namespace-wide Secrets read redundant.
 */

/** One dangerous permission: what grants it and why it is dangerous. */
export interface DangerousPermission {
  /** How a finding names it. */
  readonly name: string;
  /** The policy that reports it. */
  readonly policy: string;
  /** Why it is dangerous, as a finding ends. */
  readonly why: string;
  /** What of it the rule grants, as a finding says it (`pods/exec (create)`); undefined when the rule grants none of it. */
  grantedBy(rule: PolicyRule): string | undefined;
  /** Only rules the stack writes are judged (built-in roles' rules are not). @default false */
  readonly stackRulesOnly?: boolean;
  /** Granted in one namespace, it adds nothing for a holder that can create workloads there (which mount any Secret of it). @default false */
  readonly coveredByWorkloadCreation?: boolean;
}

function narrowed(rule: PolicyRule): string {
  if (!rule.resourceNames.length) return "";
  const names = rule.resourceNames.map((n) => `"${n}"`).join(", ");
  return ` on ${names} only (resourceNames narrows the rule; the authorizer still grants those objects)`;
}

function onResources(
  name: string,
  requests: ResourceRequest[],
  verbs: string[],
): (rule: PolicyRule) => string | undefined {
  return (rule) => {
    if (!requests.some((request) => ruleCoversResource(rule, request))) return undefined;
    const granted = grantedVerbs(rule, verbs);
    return granted.length ? `${name} (${granted.join(", ")})${narrowed(rule)}` : undefined;
  };
}

const core = (resource: string, subresource?: string): ResourceRequest => ({ apiGroup: "", resource, subresource });
const RBAC_GROUP = "rbac.authorization.k8s.io";
const ROLES: ResourceRequest[] = [
  { apiGroup: RBAC_GROUP, resource: "roles" },
  { apiGroup: RBAC_GROUP, resource: "clusterroles" },
];
const SHELL_VERBS = ["create", "get"];

/** Every verb on every resource: cluster-admin, by name or by effect. */
export const CLUSTER_ADMIN: DangerousPermission = {
  name: "cluster-admin",
  policy: RBAC_POLICY.clusterAdmin,
  why: "full control of every object the binding reaches, RBAC included",
  grantedBy: (rule) => (grantsEverything(rule) ? "every verb on every resource (cluster-admin)" : undefined),
};

/** A `"*"` in a rule the stack writes. */
export const WILDCARD: DangerousPermission = {
  name: "wildcard",
  policy: RBAC_POLICY.wildcards,
  why: "a wildcard grants whatever the API adds later too",
  stackRulesOnly: true,
  grantedBy: (rule) => {
    const wild = (["verbs", "resources", "apiGroups", "nonResourceURLs"] as const).filter((k) => rule[k].includes("*"));
    return wild.length ? `"*" in ${wild.join(" and ")}` : undefined;
  },
};

/** The permissions judged on rules that do not grant everything (one finding each). */
export const DANGEROUS_PERMISSIONS: readonly DangerousPermission[] = [
  WILDCARD,
  ...(["exec", "attach", "portforward"] as const).map((sub) => ({
    name: `pods/${sub}`,
    policy: RBAC_POLICY.execAttach,
    why:
      sub === "portforward"
        ? "a network path into any pod, past its Service and NetworkPolicies"
        : "a shell in any pod, with its Secrets and service-account token",
    grantedBy: onResources(`pods/${sub}`, [core("pods", sub)], SHELL_VERBS),
  })),
  {
    name: "secrets read",
    policy: RBAC_POLICY.secretsRead,
    why: "reads every Secret's value: credentials, keys and service-account tokens",
    coveredByWorkloadCreation: true,
    grantedBy: onResources("secrets read", [core("secrets")], ["get", "list", "watch"]),
  },
  {
    name: "impersonate",
    policy: RBAC_POLICY.privilegeEscalation,
    why: "acts as another user, group or ServiceAccount, with all of its rights",
    grantedBy: onResources(
      "impersonation",
      [core("users"), core("groups"), core("serviceaccounts"), { apiGroup: "authentication.k8s.io", resource: "uids" }],
      ["impersonate"],
    ),
  },
  {
    name: "escalate",
    policy: RBAC_POLICY.privilegeEscalation,
    why: "writes Roles granting more than its holder has, past RBAC's escalation check",
    grantedBy: onResources("escalation past its own rights on roles", ROLES, ["escalate"]),
  },
  {
    name: "bind",
    policy: RBAC_POLICY.privilegeEscalation,
    why: "binds any Role, to anyone, past RBAC's escalation check",
    grantedBy: onResources("binding of any role", ROLES, ["bind"]),
  },
  {
    name: "nodes/proxy",
    policy: RBAC_POLICY.nodeProxy,
    why: "the kubelet API of every node: exec into any pod on it, bypassing the API server's audit and admission",
    grantedBy: onResources("nodes/proxy", [core("nodes", "proxy")], ["get", "create"]),
  },
  {
    name: "serviceaccounts/token",
    policy: RBAC_POLICY.tokenCreation,
    why: "mints tokens for any ServiceAccount in reach, acting with its rights",
    grantedBy: onResources("serviceaccounts/token", [core("serviceaccounts", "token")], ["create"]),
  },
];

/** Creating any of these runs a pod, which can mount any Secret of its namespace. */
const WORKLOADS: ResourceRequest[] = [
  core("pods"),
  core("replicationcontrollers"),
  ...["deployments", "statefulsets", "daemonsets", "replicasets"].map((resource) => ({ apiGroup: "apps", resource })),
  ...["jobs", "cronjobs"].map((resource) => ({ apiGroup: "batch", resource })),
];

/** Whether the rules let their holder create a workload (a rule with resourceNames grants no create: a create names no object yet). */
export function createsWorkloads(rules: readonly PolicyRule[]): boolean {
  return rules.some(
    (rule) =>
      !rule.resourceNames.length &&
      grantedVerbs(rule, ["create"]).length > 0 &&
      WORKLOADS.some((request) => ruleCoversResource(rule, request)),
  );
}
