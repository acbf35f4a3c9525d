/** The names of the RBAC policies, which the catalogue assigns its entries to. */
export const RBAC_POLICY = {
  clusterAdmin: "rbac-no-cluster-admin-binding",
  execAttach: "rbac-no-pod-exec-attach",
  wildcards: "rbac-no-wildcards",
  secretsRead: "rbac-no-secrets-read",
  privilegeEscalation: "rbac-no-privilege-escalation",
  nodeProxy: "rbac-no-node-proxy",
  tokenCreation: "rbac-no-token-creation",
  unresolvable: "rbac-unresolvable-binding",
} as const;
