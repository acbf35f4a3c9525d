import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";

const BINDINGS = [
  "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
];
const ROLES = ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "kubernetes:rbac.authorization.k8s.io/v1:Role"];
const URL = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/";

const kindOf = (type: string) => type.slice(type.lastIndexOf(":") + 1);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Roles named in `allowedRoles` (break-glass or controller roles reviewed elsewhere) are not judged. */
const allowedRolesSchema = {
  properties: { allowedRoles: { type: "array", items: { type: "string" }, default: [] } },
} as const;
const allowedRole = (args: ResourceValidationArgs) => {
  const { allowedRoles = [] } = args.getConfig<{ allowedRoles?: string[] }>();
  return allowedRoles.includes(args.props.metadata?.name) || allowedRoles.includes(args.name);
};

/** No binding hands out cluster-admin. */
export const rbacNoClusterAdmin: ResourceValidationPolicy = {
  name: "rbac-no-cluster-admin-binding",
  description: "No ClusterRoleBinding or RoleBinding may grant the cluster-admin ClusterRole.",
  severity: "critical",
  tags: [groupTag("rbac")],
  remediationSteps:
    "Bind a Role with the verbs and resources the subject needs (the platform's deployer and auditor Roles) instead of cluster-admin.",
  url: URL,
  configSchema: {
    properties: {
      allowedSubjects: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Subjects that may hold cluster-admin, as Kind:name (Group:platform-break-glass).",
      },
    },
  },
  validateResource: (args, report) => {
    if (!BINDINGS.includes(args.type)) return;
    const ref = args.props.roleRef ?? {};
    if (ref.kind !== "ClusterRole" || ref.name !== "cluster-admin") return;
    const { allowedSubjects = [] } = args.getConfig<{ allowedSubjects?: string[] }>();
    const subjects = list(
      (Array.isArray(args.props.subjects) ? args.props.subjects : []).map((s: any) => `${s?.kind}:${s?.name}`),
    );
    const granted = subjects.filter((s) => !allowedSubjects.includes(s));
    if (granted.length || !subjects.length)
      report(`${kindOf(args.type)} grants cluster-admin to ${granted.join(", ") || "its subjects"}.`);
  },
};

/** Roles never grant a shell into pods. */
export const rbacNoExecAttach: ResourceValidationPolicy = {
  name: "rbac-no-pod-exec-attach",
  description: "Roles and ClusterRoles must not grant pods/exec or pods/attach (a shell in any pod, with its secrets).",
  severity: "high",
  tags: [groupTag("rbac")],
  remediationSteps:
    "Remove pods/exec and pods/attach from the rule; give break-glass access through a separate, audited role.",
  url: URL,
  configSchema: allowedRolesSchema,
  validateResource: (args, report) => {
    if (!ROLES.includes(args.type) || allowedRole(args)) return;
    (args.props.rules ?? []).forEach((rule: any, i: number) => {
      const resources = list(rule?.resources);
      const verbs = list(rule?.verbs);
      const grants = resources.filter((r) => ["pods/exec", "pods/attach", "pods/*"].includes(r));
      if (grants.length && verbs.some((v) => ["create", "get", "*"].includes(v)))
        report(`rules[${i}] grants ${grants.join(", ")} (${verbs.join(", ")}).`);
    });
  },
};

/** Role rules name their verbs and resources. */
export const rbacNoWildcards: ResourceValidationPolicy = {
  name: "rbac-no-wildcards",
  description:
    "Roles and ClusterRoles must name their verbs and resources; a wildcard grants whatever the API adds later too.",
  severity: "high",
  tags: [groupTag("rbac")],
  remediationSteps: 'List the verbs (get, list, watch, …) and resources the subject needs instead of "*".',
  url: URL,
  configSchema: allowedRolesSchema,
  validateResource: (args, report) => {
    if (!ROLES.includes(args.type) || allowedRole(args)) return;
    (args.props.rules ?? []).forEach((rule: any, i: number) => {
      const wild = [
        ["verbs", list(rule?.verbs)],
        ["resources", list(rule?.resources)],
        ["apiGroups", list(rule?.apiGroups)],
      ]
        .filter(([, v]) => (v as string[]).includes("*"))
        .map(([k]) => k);
      if (wild.length) report(`rules[${i}] has "*" in ${wild.join(" and ")}.`);
    });
  },
};
