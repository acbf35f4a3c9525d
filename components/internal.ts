/**
 * The building blocks the components are made of (`@acme/platform/internal`): hardened pod and
 * container specs, labels, network peers, credential Secrets, child naming, the monitoring
 * renderers. For a team writing a component of its own in the platform's style. No compatibility
 * promise: these change with the components, in any release, and are not in the API report.
 */

// Kubernetes building blocks.
export { hardenedContainer, hardenedPodSpec } from "./kube/podSpec";
export type { HardenedContainerInputs, HardenedPodInputs } from "./kube/podSpec";
export { restrictedContainerContext, restrictedPodContext } from "./kube/securityContext";
export { renderProbe, PROBE_TIMING } from "./kube/probes";
export type { ProbeKind } from "./kube/probes";
export { MANAGED_BY, ownerLabels, recommendedLabels, selectorLabels, versionFromImage } from "./kube/labels";
export type { WorkloadIdentity } from "./kube/labels";
export { peerSelector, trafficPolicySpec } from "./kube/network";
export type { WorkloadTraffic } from "./kube/network";
export { credentialsSecret } from "./kube/credentialsSecret";
export type { CredentialsSecretSpec } from "./kube/credentialsSecret";
export { generatedPassword } from "./kube/password";
export { serviceCertificate } from "./kube/certificate";

// Children's names and overrides.
export { childName, CHILD_ROLES } from "./naming";
export type { ChildRole } from "./naming";
export { deepMerge } from "./merge";

// AWS building blocks.
export { hardenedContainerDefinition } from "./aws/containerDefinition";
export type { ContainerSpec } from "./aws/containerDefinition";
export { accountContext } from "./aws/accountContext";
export type { AccountContext } from "./aws/accountContext";
export { fargateSizeProblem } from "./aws/fargateSize";

// Monitoring renderers and the shared stack's contract.
export { SHARED_MONITORING } from "./monitoring/sharedMonitoring";
export { alertRuleGroups } from "./monitoring/alertRules";
export type { AlertRule } from "./monitoring/alertRules";
export { platformOverview, dataDashboard, customDashboard } from "./monitoring/dashboards";
export { alertmanagerConfig, teamAlertmanagerConfigSpec } from "./monitoring/alertmanagerConfig";
export { prometheusRule } from "./monitoring/alertRuleSchema";
export type { PrometheusRule } from "./monitoring/alertRuleSchema";
export { promqlProblem } from "./monitoring/promql";

// The config-driven platform's own names.
export { CONFIG_NAMESPACE, configKeyPath, stackFileName } from "./config/load";
export { CONFIG_OBJECT_NAMES } from "./config/platformArgs";
