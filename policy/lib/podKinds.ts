/**
 * The tables the pod finder reads: where each kind keeps its pods, by API group, so a kind named
 * like a built-in one in another group is not mistaken for it.
 */

/** Where a kind keeps a pod and what it runs. */
export interface PodKind {
  /** Path from the object's props to the pod template (`{ metadata, spec }`), or `[]` for a Pod itself. */
  templatePath: readonly string[];
  /** Whether it runs pods continuously (serves, scales, is disrupted), rather than to completion. */
  longRunning: boolean;
  /**
   * The path holds pod *fields* the controller merges into pods it builds itself (an operator's
   * server resource): judged for what it sets, absent fields counting as the controller's compliant
   * defaults. @default false
   */
  podFields?: boolean;
}

const template = (longRunning: boolean, ...templatePath: string[]): PodKind => ({ templatePath, longRunning });

/** Built-in kinds with pods, by `<group>:<Kind>` (`core` for the core group), every API version. */
export const BUILT_IN_POD_KINDS: Readonly<Record<string, PodKind>> = {
  "core:Pod": template(false),
  "core:ReplicationController": template(true, "spec", "template"),
  "core:PodTemplate": template(false, "template"),
  "apps:Deployment": template(true, "spec", "template"),
  "apps:ReplicaSet": template(true, "spec", "template"),
  "apps:StatefulSet": template(true, "spec", "template"),
  "apps:DaemonSet": template(true, "spec", "template"),
  "extensions:Deployment": template(true, "spec", "template"),
  "extensions:ReplicaSet": template(true, "spec", "template"),
  "extensions:DaemonSet": template(true, "spec", "template"),
  "batch:Job": template(false, "spec", "template"),
  "batch:CronJob": template(false, "spec", "jobTemplate", "spec", "template"),
};

/**
 * Custom kinds whose pods the generic search would not find, or whose pods it could not tell
 * long-running: by `<group>:<Kind>`. Any other custom kind is searched for pod-shaped specs.
 */
export const CUSTOM_POD_KINDS: Readonly<Record<string, PodKind>> = {
  "argoproj.io:Rollout": template(true, "spec", "template"),
  "serving.knative.dev:Service": template(true, "spec", "template"),
  "serving.knative.dev:Configuration": template(true, "spec", "template"),
  "serving.knative.dev:Revision": template(true),
  "keda.sh:ScaledJob": template(false, "spec", "jobTargetRef", "template"),
  "apps.kruise.io:CloneSet": template(true, "spec", "template"),
  "apps.kruise.io:StatefulSet": template(true, "spec", "template"),
  "apps.kruise.io:DaemonSet": template(true, "spec", "template"),
  "monitoring.coreos.com:Prometheus": { templatePath: [], longRunning: true, podFields: true },
  "monitoring.coreos.com:PrometheusAgent": { templatePath: [], longRunning: true, podFields: true },
  "monitoring.coreos.com:Alertmanager": { templatePath: [], longRunning: true, podFields: true },
  "monitoring.coreos.com:ThanosRuler": { templatePath: [], longRunning: true, podFields: true },
};

/**
 * Custom API groups whose objects hold patterns and patches of other objects (admission policy
 * engines), never pods of their own: a `containers` list there is a rule, not a workload.
 */
export const POLICY_ENGINE_GROUPS: ReadonlySet<string> = new Set([
  "kyverno.io",
  "mutations.gatekeeper.sh",
  "templates.gatekeeper.sh",
  "constraints.gatekeeper.sh",
  "policies.kubewarden.io",
]);

/** API groups of Kubernetes itself: their kinds are known, so only the built-in table says which carry pods. */
export function isBuiltInGroup(group: string): boolean {
  return (
    ["core", "apps", "batch", "extensions", "policy", "autoscaling"].includes(group) ||
    group.endsWith(".k8s.io") ||
    !group.includes(".")
  );
}
