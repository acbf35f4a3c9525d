/**
 * The pod finder: the one place that knows where any object keeps its pods — built-in workloads
 * of any API version and their server-side-apply patches, known custom kinds, and pod-shaped
 * specs inside any other custom kind — so every pod policy reads pods the same way. Reads go through the
 * analyzer's unknown-checking proxy: touching a value that is not known during preview throws,
 * and the run reports the policy as not judged.
 */

import { parseKubernetesType } from "./kubernetesType";
import { knownOrUndefined } from "./unknowns";
import { BUILT_IN_POD_KINDS, CUSTOM_POD_KINDS, isBuiltInGroup, PodKind, POLICY_ENGINE_GROUPS } from "./podKinds";

const podKinds = new Map<string, PodKind | "search" | undefined>();

/** Where a type keeps its pods: a built-in or known custom kind's entry, `"search"` for another custom kind, `undefined` for none. */
function podKindOf(type: string): PodKind | "search" | undefined {
  if (!podKinds.has(type)) podKinds.set(type, findPodKind(type));
  return podKinds.get(type);
}

function findPodKind(type: string): PodKind | "search" | undefined {
  const k = parseKubernetesType(type);
  if (!k) return undefined;
  const key = `${k.group}:${k.kind}`;
  if (isBuiltInGroup(k.group)) return BUILT_IN_POD_KINDS[key];
  if (POLICY_ENGINE_GROUPS.has(k.group)) return undefined;
  return CUSTOM_POD_KINDS[key] ?? "search";
}

/**
 * Whether objects of this type may hold pods: a built-in workload kind, or any custom kind (its
 * pods are found by searching it). Cheap: for filtering before {@link podsOf} reads the object.
 */
export function mayHavePods(type: string): boolean {
  return podKindOf(type) !== undefined;
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
  /** A server-side-apply patch, or pod fields a controller completes: absent fields are judged as compliant. */
  partial: boolean;
  /** Whether the object runs its pods continuously (serves, scales, is disrupted), rather than to completion. */
  longRunning: boolean;
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

function viewAt(props: any, kind: PodKind, patch: boolean): PodView | undefined {
  let node = props;
  for (const key of kind.templatePath) {
    node = node?.[key];
    if (node === undefined || node === null) return undefined;
  }
  const atRoot = kind.templatePath.length === 0;
  const raw = kind.podFields ? node : atRoot ? props.spec : node.spec;
  if (!raw || typeof raw !== "object") return undefined;
  const specPath = kind.podFields ? kind.templatePath.join(".") || "spec" : [...kind.templatePath, "spec"].join(".");
  if (kind.podFields) return podFieldsView(kind.templatePath.length ? raw : props.spec, specPath, kind.longRunning);
  return {
    spec: patch ? overlay(raw, COMPLIANT_POD_SPEC) : raw,
    metadata: (atRoot ? props.metadata : node.metadata) ?? {},
    specPath,
    partial: patch,
    longRunning: kind.longRunning,
  };
}

const POD_ONLY_FIELDS = ["securityContext", "volumes", "hostNetwork", "hostPID", "hostIPC", "hostUsers"];

/** An object holding pod fields a controller merges into its own pods, its image and security fields read as a container's too. */
function podFieldsView(fields: any, specPath: string, longRunning: boolean): PodView | undefined {
  if (!fields || typeof fields !== "object") return undefined;
  const spec = overlay(fields, COMPLIANT_POD_SPEC);
  const own = Array.isArray(fields.containers) && fields.containers.length > 0;
  const asContainer = typeof fields.image === "string" ? [overlay(fields, COMPLIANT_CONTAINER)] : [];
  return {
    spec: own ? spec : new Proxy(spec, { get: (t, k) => (k === "containers" ? asContainer : t[k]) }),
    metadata: {},
    specPath,
    partial: true,
    longRunning,
  };
}

const isPodSpec = (node: any) =>
  Array.isArray(node.containers) &&
  node.containers.some((c: any) => c !== null && typeof c === "object" && typeof c.image === "string");

const hasPodFields = (node: any) => typeof node.image === "string" && POD_ONLY_FIELDS.some((f) => f in node);

/**
 * The pods of a custom kind no table knows: every pod-shaped object at any depth (a `containers`
 * list of objects with an `image`), its template's metadata when it sits in one, and every object
 * with an image beside pod fields (an operator's server spec). A value unknown in preview is not
 * searched; metadata and status never hold pods.
 */
function searchPods(props: any): PodView[] {
  const found: PodView[] = [];
  const walk = (node: any, path: string[], parent: any, depth: number): void => {
    if (depth > 12 || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((_, i) =>
        walk(
          knownOrUndefined(() => node[i]),
          [...path.slice(0, -1), `${path.at(-1)}[${i}]`],
          node,
          depth + 1,
        ),
      );
      return;
    }
    if (path.length && knownOrUndefined(() => isPodSpec(node))) {
      const inTemplate = parent && !Array.isArray(parent) && knownOrUndefined(() => parent.spec === node);
      found.push({
        spec: node,
        metadata: (inTemplate && knownOrUndefined(() => parent.metadata)) ?? {},
        specPath: path.join("."),
        partial: false,
        longRunning: false,
      });
      return;
    }
    if (path.length && knownOrUndefined(() => hasPodFields(node))) {
      const view = podFieldsView(node, path.join("."), false);
      if (view) found.push(view);
      return;
    }
    for (const key of Object.keys(node)) {
      if (depth === 0 && (key === "metadata" || key === "status")) continue;
      walk(
        knownOrUndefined(() => node[key]),
        [...path, key],
        node,
        depth + 1,
      );
    }
  };
  walk(props, [], undefined, 0);
  return found;
}

/** {@link podsOf} by props object: every pod policy asks for the same resource's pods. */
const podCache = new WeakMap<object, PodView[]>();

/**
 * Every pod an object runs, whatever its kind: a built-in workload's of any API version (or of a
 * server-side-apply patch of one), a known custom kind's from its table entry, and any other
 * custom kind's found by searching it for pod-shaped specs. A kind named like a built-in one in
 * another API group is searched, not read at the built-in's path. Empty for objects without pods.
 */
export function podsOf(type: string, props: any): PodView[] {
  const kind = podKindOf(type);
  if (!kind || props === null || typeof props !== "object") return [];
  const cached = podCache.get(props);
  if (cached) return cached;
  const pods =
    kind === "search"
      ? searchPods(props)
      : [viewAt(props, kind, parseKubernetesType(type)?.patch ?? false)].filter((p): p is PodView => !!p);
  podCache.set(props, pods);
  return pods;
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
