/**
 * The ClusterRoles every cluster has, with only the grants the dangerous-permission catalogue
 * cares about — a binding to one of them is judged on these rules. Source: the Kubernetes docs,
 * "Using RBAC Authorization", sections "Default roles and role bindings" and "User-facing roles"
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles), and the
 * bootstrap policy they describe (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml).
 * `admin` and `edit` are listed with what they aggregate from the built-in
 * `system:aggregate-to-*` roles; their aggregation selectors are kept so a stack's ClusterRole
 * labelled `rbac.authorization.k8s.io/aggregate-to-view` (say) is counted into view, edit and admin.
 * A `system:` role missing here is not judged: a binding to it is reported as unresolvable.
 */

/** A built-in ClusterRole: its dangerous grants, its labels and its aggregation selectors. */
export interface BuiltinClusterRole {
  /** Rules of the role the catalogue matches; the role's harmless rules are left out. */
  readonly rules: readonly object[];
  /** The role's labels (which other roles' aggregation selectors pick it up). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** The role's `aggregationRule.clusterRoleSelectors`. @default none (not aggregated) */
  readonly aggregationSelectors?: readonly object[];
}

const AGGREGATE_TO = (role: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: "true" });
const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];

/** What `edit` grants that the catalogue calls dangerous (from `system:aggregate-to-edit`), its read and write rules merged. */
const EDIT_RULES = [
  {
    apiGroups: [""],
    resources: ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets"],
    verbs: [...READ, ...WRITE],
  },
  { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate", ...WRITE] },
  { apiGroups: [""], resources: ["pods", "replicationcontrollers"], verbs: WRITE },
  { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
  { apiGroups: ["apps"], resources: ["daemonsets", "deployments", "replicasets", "statefulsets"], verbs: WRITE },
  { apiGroups: ["batch"], resources: ["cronjobs", "jobs"], verbs: WRITE },
];

/** The built-in ClusterRoles by name. */
export const BUILTIN_CLUSTER_ROLES: Readonly<Record<string, BuiltinClusterRole>> = {
  "cluster-admin": {
    rules: [
      { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      { nonResourceURLs: ["*"], verbs: ["*"] },
    ],
  },
  admin: {
    rules: [
      ...EDIT_RULES,
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: [...READ, ...WRITE] },
    ],
    aggregationSelectors: [{ matchLabels: AGGREGATE_TO("admin") }],
  },
  edit: {
    rules: EDIT_RULES,
    labels: AGGREGATE_TO("admin"),
    aggregationSelectors: [{ matchLabels: AGGREGATE_TO("edit") }],
  },
  view: { rules: [], labels: AGGREGATE_TO("edit"), aggregationSelectors: [{ matchLabels: AGGREGATE_TO("view") }] },
  "system:aggregate-to-admin": {
    rules: [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: [...READ, ...WRITE] },
    ],
    labels: AGGREGATE_TO("admin"),
  },
  "system:aggregate-to-edit": { rules: EDIT_RULES, labels: AGGREGATE_TO("edit") },
  "system:aggregate-to-view": { rules: [], labels: AGGREGATE_TO("view") },
  "system:basic-user": { rules: [] },
  "system:discovery": { rules: [] },
  "system:public-info-viewer": { rules: [] },
  "system:monitoring": { rules: [] },
  "system:service-account-issuer-discovery": { rules: [] },
  "system:auth-delegator": { rules: [] },
  "system:heapster": { rules: [] },
  "system:kube-aggregator": { rules: [] },
  "system:kube-dns": { rules: [] },
  "system:node-proxier": { rules: [] },
  "system:node-problem-detector": { rules: [] },
  "system:node-bootstrapper": { rules: [] },
  "system:persistent-volume-provisioner": { rules: [] },
  "system:volume-scheduler": { rules: [] },
  "system:kube-scheduler": { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["delete", ...READ] }] },
  "system:kube-controller-manager": {
    rules: [
      { apiGroups: [""], resources: ["secrets", "serviceaccounts"], verbs: ["create", "get", "update"] },
      { apiGroups: ["*"], resources: ["*"], verbs: ["list", "watch"] },
      { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
    ],
  },
  "system:node": {
    rules: [
      { apiGroups: [""], resources: ["pods"], verbs: ["create", "delete", ...READ] },
      { apiGroups: [""], resources: ["configmaps", "secrets"], verbs: READ },
      { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
    ],
  },
  "system:kubelet-api-admin": {
    rules: [
      { apiGroups: [""], resources: ["nodes"], verbs: ["proxy", ...READ] },
      { apiGroups: [""], resources: ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"], verbs: ["*"] },
    ],
  },
};
