import * as k8s from "@pulumi/kubernetes";

/** Who a Role is bound to. */
export interface RbacSubjects {
  /** Identity-provider groups. @default [] */
  groups?: string[];
  /** Individual users. @default [] */
  users?: string[];
}

/** RoleBinding subjects for groups and users. */
export function bindingSubjects(subjects: RbacSubjects | undefined): k8s.types.input.rbac.v1.Subject[] {
  const apiGroup = "rbac.authorization.k8s.io";
  return [
    ...(subjects?.groups ?? []).map((name) => ({ kind: "Group", name, apiGroup })),
    ...(subjects?.users ?? []).map((name) => ({ kind: "User", name, apiGroup })),
  ];
}

/** Namespaced kinds the platform deploys, by API group. */
const WORKLOAD_RESOURCES: { apiGroups: string[]; resources: string[] }[] = [
  { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets", "daemonsets"] },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"] },
  { apiGroups: [""], resources: ["services", "serviceaccounts", "configmaps", "persistentvolumeclaims"] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"] },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"] },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"] },
  { apiGroups: ["autoscaling.k8s.io"], resources: ["verticalpodautoscalers"] },
  {
    apiGroups: ["monitoring.coreos.com"],
    resources: ["servicemonitors", "podmonitors", "prometheusrules", "alertmanagerconfigs"],
  },
  { apiGroups: ["external-secrets.io"], resources: ["externalsecrets"] },
  { apiGroups: ["cert-manager.io"], resources: ["certificates"] },
];

/**
 * The deployer Role: manages the platform's workload kinds and their Secrets, but cannot touch
 * RBAC, quotas, limit ranges or the namespace itself, so it cannot widen its own rights.
 */
export function deployerRules(): k8s.types.input.rbac.v1.PolicyRule[] {
  const write = ["get", "list", "watch", "create", "update", "patch", "delete"];
  return [
    ...WORKLOAD_RESOURCES.map((r) => ({ ...r, verbs: write })),
    { apiGroups: [""], resources: ["secrets"], verbs: write },
    { apiGroups: [""], resources: ["pods", "pods/log", "events"], verbs: ["get", "list", "watch"] },
  ];
}

/** The auditor Role: read-only on everything the platform deploys, and never Secrets' contents. */
export function auditorRules(): k8s.types.input.rbac.v1.PolicyRule[] {
  const read = ["get", "list", "watch"];
  return [
    ...WORKLOAD_RESOURCES.map((r) => ({ ...r, verbs: read })),
    { apiGroups: [""], resources: ["pods", "events", "resourcequotas", "limitranges"], verbs: read },
    { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: read },
  ];
}
