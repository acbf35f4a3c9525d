/**
 * The platform's CrossGuard policies as a library (`@acme/platform/policy`): every policy, the
 * helpers they are written with, and the functions that build a pack from them — the platform's,
 * or the platform's plus a team's own. Importing it serves nothing; `pack.ts` is the entry that
 * `pulumi preview --policy-pack` runs.
 */
export { PACK_NAME, policies } from "./policies";
export { createPolicyPack, policyPackDefinition } from "./packDefinition";
export type { PolicyPackDefinition, PolicyPackOptions } from "./packDefinition";
export { podPolicy, ensure } from "./lib/podPolicy";
export type { PodCheck, PodFix, PodPolicyMeta } from "./lib/podPolicy";
export { podsOf, mayHavePods, containersOf, where, CONTAINER_LISTS } from "./lib/workloads";
export { parseKubernetesType } from "./lib/kubernetesType";
export type { KubernetesType } from "./lib/kubernetesType";
export type { PodView, ContainerView } from "./lib/workloads";
export { effective } from "./lib/securityContext";
export type { InheritedField } from "./lib/securityContext";
export { forType } from "./lib/typed";
export { ACCEPTED_PROPERTY, withAcceptance } from "./lib/acceptance";
export { groupTag, podSecurityStandards, PCI_DSS_AT_REST, PCI_DSS_TRANSIT } from "./lib/metadata";
export type { PolicyGroup } from "./lib/metadata";
