import { StackValidationPolicy } from "@pulumi/policy";
import { rbacPolicy } from "../../lib/rbac/rbacPolicy";
import { RBAC_POLICY } from "../../lib/rbac/rbacPolicyNames";

/** No binding hands out cluster-admin, by name or by effect. */
export const rbacNoClusterAdmin: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.clusterAdmin,
  description:
    "No ClusterRoleBinding or RoleBinding may grant every verb on every resource: the cluster-admin ClusterRole, or any role (aggregated ones included) with such a rule.",
  severity: "critical",
  remediationSteps:
    "Bind a Role with the verbs and resources the subject needs (the platform's deployer and auditor Roles) instead of cluster-admin.",
});

/** No binding or role grants a shell in pods, or a port-forward into them. */
export const rbacNoExecAttach: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.execAttach,
  description:
    "No binding or role may grant pods/exec, pods/attach or pods/portforward (a shell in any pod, with its secrets), through its own rules or a built-in role (admin, edit).",
  severity: "high",
  remediationSteps:
    "Remove pods/exec, pods/attach and pods/portforward from the rule, and bind view instead of edit or admin; give break-glass access through a separate, audited role.",
});

/** Role rules the stack writes name their verbs, resources and API groups. */
export const rbacNoWildcards: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.wildcards,
  description:
    "Roles and ClusterRoles the stack writes must name their verbs, resources and API groups; a wildcard grants whatever the API adds later too.",
  severity: "high",
  remediationSteps: 'List the verbs (get, list, watch, …) and resources the subject needs instead of "*".',
});

/** No binding or role grants reading Secrets beyond what creating workloads in a namespace already gives. */
export const rbacNoSecretsRead: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.secretsRead,
  description:
    "No binding or role may grant get, list or watch on Secrets cluster-wide, nor in a namespace where it cannot already create workloads (which mount any Secret of it).",
  severity: "high",
  remediationSteps:
    "Mount the Secrets the workload needs instead of reading them through the API; narrow a read to named Secrets with resourceNames, in one namespace with a RoleBinding.",
});

/** No binding or role grants a way around RBAC: impersonate, escalate, bind. */
export const rbacNoPrivilegeEscalation: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.privilegeEscalation,
  description:
    "No binding or role may grant impersonate (users, groups, ServiceAccounts), or escalate or bind on roles: each lets its holder take rights RBAC does not give it.",
  severity: "critical",
  remediationSteps:
    "Remove impersonate, escalate and bind; bind view instead of edit or admin (both can impersonate ServiceAccounts). Grant roles through the platform's reviewed stacks.",
  url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks",
});

/** No binding or role grants the kubelet API through nodes/proxy. */
export const rbacNoNodeProxy: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.nodeProxy,
  description:
    "No binding or role may grant nodes/proxy: the kubelet API runs commands in any pod of the node, bypassing the API server's audit and admission.",
  severity: "critical",
  remediationSteps: "Read node metrics through the metrics API or nodes/metrics instead of nodes/proxy.",
});

/** No binding or role mints ServiceAccount tokens. */
export const rbacNoTokenCreation: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.tokenCreation,
  description:
    "No binding or role may grant create on serviceaccounts/token: a minted token acts with the ServiceAccount's rights.",
  severity: "high",
  remediationSteps:
    "Let the kubelet project tokens into the pods that need them (a projected serviceAccountToken volume) instead of granting token creation; bind view instead of edit or admin.",
});

/** Every binding names a role whose rules can be judged. */
export const rbacUnresolvableBinding: StackValidationPolicy = rbacPolicy({
  name: RBAC_POLICY.unresolvable,
  description:
    "Every binding must name a role the stack defines or a built-in ClusterRole the pack knows; a binding to any other role is reported, since what it grants cannot be judged.",
  severity: "high",
  remediationSteps:
    "Define the role in the stack (so the pack judges its rules), or list it in allowedRoles once it has been reviewed elsewhere.",
});
