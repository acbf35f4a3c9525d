/**
 * One place that knows where every workload kind keeps its pod spec — of any API version, and of
 * server-side-apply patches — so each policy reads pods the same way. Reads go through the
 * analyzer's unknown-checking proxy: touching a value that is not known during preview throws,
 * and the run reports the policy as not judged.
 */

/** Path from a workload's props to its pod template (or the Pod itself), by kind, whatever the API version. */
const POD_PATHS: Record<string, string[]> = {
  Pod: [],
  Deployment: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
  PodTemplate: ["template"],
};

/** Every Kubernetes type token (of the current API versions) that carries a pod spec. */
export const WORKLOAD_TYPES: readonly string[] = [
  "kubernetes:core/v1:Pod",
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:ReplicaSet",
  "kubernetes:apps/v1:StatefulSet",
  "kubernetes:apps/v1:DaemonSet",
  "kubernetes:core/v1:ReplicationController",
  "kubernetes:batch/v1:Job",
  "kubernetes:batch/v1:CronJob",
  "kubernetes:core/v1:PodTemplate",
];

/** Workload kinds that run continuously (and so serve, scale and get disrupted). */
export const LONG_RUNNING_TYPES: readonly string[] = [
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:ReplicaSet",
  "kubernetes:apps/v1:StatefulSet",
  "kubernetes:apps/v1:DaemonSet",
  "kubernetes:core/v1:ReplicationController",
];

/** {@link workloadKind} by type token: a pack sees few types, each many times. */
const workloadKinds = new Map<string, Readonly<{ kind: string; patch: boolean }> | undefined>();

/** The kind of a Kubernetes type token, and whether it is a server-side-apply patch of it (`DeploymentPatch`). */
export function workloadKind(type: string): Readonly<{ kind: string; patch: boolean }> | undefined {
  if (!workloadKinds.has(type)) {
    const m = /^kubernetes:[^:]+:([A-Za-z]+)$/.exec(type);
    const patch = !!m && m[1].endsWith("Patch");
    const kind = m ? (patch ? m[1].slice(0, -"Patch".length) : m[1]) : "";
    workloadKinds.set(type, m && kind in POD_PATHS ? Object.freeze({ kind, patch }) : undefined);
  }
  return workloadKinds.get(type);
}

/**
 * What a patch leaves as the live object has it: judged as if laid over a compliant object, so a
 * patch is reported for what it sets (a privileged container), not for what it leaves alone.
 */
const COMPLIANT_CONTAINER = {
  image: "unchanged.invalid/by-the-patch@sha256:0000000000000000000000000000000000000000000000000000000000000000",
  securityContext: {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
  },
  resources: { requests: { cpu: "1m", memory: "1Mi" }, limits: { cpu: "1", memory: "1Mi" } },
  readinessProbe: { tcpSocket: { port: 1 } },
  livenessProbe: { tcpSocket: { port: 1 } },
  startupProbe: { tcpSocket: { port: 1 } },
};
const COMPLIANT_POD_SPEC = {
  automountServiceAccountToken: false,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 65534,
    runAsGroup: 65534,
    seccompProfile: { type: "RuntimeDefault" },
  },
};

function overlayContainers(list: any): any {
  if (!Array.isArray(list)) return list;
  return new Proxy(list, {
    get: (t, k) =>
      typeof k === "string" && /^\d+$/.test(k) ? overlay(t[k as any], COMPLIANT_CONTAINER) : (t as any)[k],
  });
}

/** `patch` seen over `base`: its own values where it has them (read lazily, so unknowns still surface), the base's elsewhere. */
function overlay(patch: any, base: any): any {
  if (patch === undefined || patch === null) return base;
  if (typeof patch !== "object" || Array.isArray(patch) || typeof base !== "object" || base === null) return patch;
  return new Proxy(patch, {
    get: (t, k) => {
      if (!(k in t)) return base[k];
      const v = t[k];
      if (typeof k === "string" && (CONTAINER_LISTS as readonly string[]).includes(k)) return overlayContainers(v);
      return overlay(v, base[k]);
    },
    has: (t, k) => k in t || k in base,
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...Reflect.ownKeys(base)])],
    getOwnPropertyDescriptor: (t, k) =>
      Reflect.getOwnPropertyDescriptor(t, k) ??
      (k in base ? { configurable: true, enumerable: true, writable: true, value: base[k] } : undefined),
  });
}

/** A pod spec and the metadata of the pod it describes. */
export interface PodView {
  /** The pod spec (`PodSpec`). */
  spec: any;
  /** The pod's metadata (template metadata for controllers). */
  metadata: any;
  /** Dotted path of the pod spec in the resource, for messages (`spec.template.spec`). */
  specPath: string;
  /** A server-side-apply patch: absent fields are the live object's, judged as compliant. */
  partial: boolean;
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

/**
 * The pod of a workload resource of any API version, or of a patch of one, or `undefined` when
 * the type has none or it is absent.
 */
export function podOf(type: string, props: any): PodView | undefined {
  const kind = workloadKind(type);
  if (!kind) return undefined;
  const path = POD_PATHS[kind.kind];
  let node = props;
  for (const key of path) {
    node = node?.[key];
    if (node === undefined || node === null) return undefined;
  }
  const raw = path.length ? node.spec : props.spec;
  if (!raw) return undefined;
  const spec = kind.patch ? overlay(raw, COMPLIANT_POD_SPEC) : raw;
  return {
    spec,
    metadata: (path.length ? node.metadata : props.metadata) ?? {},
    specPath: [...path, "spec"].join("."),
    partial: kind.patch,
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
