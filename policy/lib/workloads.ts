/**
 * One place that knows where every workload kind keeps its pod spec, so each policy reads pods the
 * same way. Reads go through the analyzer's unknown-checking proxy: touching a value that is not
 * known during preview throws, and the analyzer reports the policy as skipped (advisory).
 */

/** Path from a workload's props to its pod template (or the Pod itself). */
const POD_PATHS: Record<string, string[]> = {
  "kubernetes:core/v1:Pod": [],
  "kubernetes:apps/v1:Deployment": ["spec", "template"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template"],
  "kubernetes:batch/v1:Job": ["spec", "template"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
};

/** Every Kubernetes type token that carries a pod spec. */
export const WORKLOAD_TYPES: readonly string[] = Object.keys(POD_PATHS);

/** Workload kinds that run continuously (and so serve, scale and get disrupted). */
export const LONG_RUNNING_TYPES: readonly string[] = [
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:ReplicaSet",
  "kubernetes:apps/v1:StatefulSet",
  "kubernetes:apps/v1:DaemonSet",
];

/** A pod spec and the metadata of the pod it describes. */
export interface PodView {
  /** The pod spec (`PodSpec`). */
  spec: any;
  /** The pod's metadata (template metadata for controllers). */
  metadata: any;
  /** Dotted path of the pod spec in the resource, for messages (`spec.template.spec`). */
  specPath: string;
}

/** The container lists a pod spec can hold; Pod Security Standards check all three. */
export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

/** One container and where it sits. */
export interface ContainerView {
  /** The container object. */
  container: any;
  /** Which list it is in. */
  list: (typeof CONTAINER_LISTS)[number];
  /** Its name (or `#<index>` if unnamed). */
  name: string;
  /** Dotted path, e.g. `spec.template.spec.containers[0]`. */
  path: string;
}

/** The pod of a workload resource, or `undefined` when the type has none or it is absent. */
export function podOf(type: string, props: any): PodView | undefined {
  const path = POD_PATHS[type];
  if (!path) return undefined;
  let node = props;
  for (const key of path) {
    node = node?.[key];
    if (node === undefined || node === null) return undefined;
  }
  const spec = path.length ? node.spec : props.spec;
  if (!spec) return undefined;
  return {
    spec,
    metadata: (path.length ? node.metadata : props.metadata) ?? {},
    specPath: [...path, "spec"].join("."),
  };
}

/** Every container of a pod: init, regular and ephemeral. */
export function containersOf(pod: PodView, lists: readonly ContainerView["list"][] = CONTAINER_LISTS): ContainerView[] {
  const out: ContainerView[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container: any, index: number) => {
      out.push({ container, list, name: container?.name ?? `#${index}`, path: `${pod.specPath}.${list}[${index}]` });
    });
  }
  return out;
}

/** Whether the pod declares itself a Windows pod (Linux-only restricted controls then do not apply). */
export function isWindowsPod(pod: PodView): boolean {
  return pod.spec.os?.name === "windows";
}

/** Describes a container for a violation message: `container "api" (spec.template.spec.containers[0])`. */
export function where(c: ContainerView): string {
  return `${c.list === "containers" ? "container" : c.list === "initContainers" ? "init container" : "ephemeral container"} "${c.name}" (${c.path})`;
}
