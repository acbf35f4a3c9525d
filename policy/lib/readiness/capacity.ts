import { parseQuantity } from "../quantity";
import { hpaFor } from "../replicas";
import { StackModel, WorkloadModel } from "./stackModel";

/** CPU (cores) and memory (bytes) of requests and limits. */
export interface PodResources {
  /** `requests.cpu`. */
  "requests.cpu": number;
  /** `requests.memory`. */
  "requests.memory": number;
  /** `limits.cpu`. */
  "limits.cpu": number;
  /** `limits.memory`. */
  "limits.memory": number;
}

/** The resource names a quota counts, each with the keys `hard` may spell it as. */
export const QUOTA_RESOURCES: Record<keyof PodResources, string[]> = {
  "requests.cpu": ["requests.cpu", "cpu"],
  "requests.memory": ["requests.memory", "memory"],
  "limits.cpu": ["limits.cpu"],
  "limits.memory": ["limits.memory"],
};

const ZERO: PodResources = { "requests.cpu": 0, "requests.memory": 0, "limits.cpu": 0, "limits.memory": 0 };

/** A LimitRange's container defaults in a namespace: what admission fills in. */
function containerDefaults(model: StackModel, namespace: string): { requests: any; limits: any } {
  const out = { requests: {} as any, limits: {} as any };
  for (const lr of model.ofKind("LimitRange", "core").filter((o) => o.namespace === namespace))
    for (const l of lr.props.spec?.limits ?? [])
      if (l?.type === "Container") {
        Object.assign(out.limits, l.default ?? {});
        // A default limit without a default request is the request too.
        Object.assign(out.requests, l.default ?? {}, l.defaultRequest ?? {});
      }
  return out;
}

/** One container's requests and limits as admission leaves them; `missing` names what nothing sets. */
function containerResources(
  container: any,
  defaults: { requests: any; limits: any },
): { r: PodResources; missing: string[] } {
  const r = { ...ZERO };
  const missing: string[] = [];
  for (const [section, res] of [
    ["requests", "cpu"],
    ["requests", "memory"],
    ["limits", "cpu"],
    ["limits", "memory"],
  ] as const) {
    const own = container?.resources?.[section]?.[res];
    // A limit alone is the request too.
    const fallback = section === "requests" ? container?.resources?.limits?.[res] : undefined;
    const value = own ?? fallback ?? defaults[section][res];
    const key = `${section}.${res}` as keyof PodResources;
    if (value === undefined) missing.push(key);
    else r[key] = parseQuantity(value) ?? 0;
  }
  return { r, missing };
}

/** One pod's requests and limits as the quota counts them: the sum of its running containers, or its largest init container when larger. */
export function podResources(w: WorkloadModel, model: StackModel): { perPod: PodResources; missing: string[] } {
  const defaults = containerDefaults(model, w.namespace);
  const running = { ...ZERO };
  const init = { ...ZERO };
  const missing = new Set<string>();
  for (const c of w.containers) {
    if (c.list === "ephemeralContainers") continue;
    const { r, missing: m } = containerResources(c.container, defaults);
    m.forEach((x) => missing.add(x));
    const sidecar = c.list === "initContainers" && c.container.restartPolicy === "Always";
    for (const k of Object.keys(r) as (keyof PodResources)[]) {
      if (c.list === "containers" || sidecar) running[k] += r[k];
      else init[k] = Math.max(init[k], r[k]);
    }
  }
  const perPod = { ...ZERO };
  for (const k of Object.keys(perPod) as (keyof PodResources)[]) perPod[k] = Math.max(running[k], init[k]);
  return { perPod, missing: [...missing] };
}

function scaled(value: unknown, of: number, roundUp: boolean): number {
  const percent = /^(\d+)%$/.exec(String(value));
  if (!percent) return Number(value) || 0;
  const exact = (of * Number(percent[1])) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * The most pods a workload runs at once: its autoscaler's maximum (else its replicas, 1 by
 * default) plus the rolling update's surge (Deployments' `maxSurge`, 25% by default, rounded up);
 * a Job's parallelism; one for a Pod. `undefined` for a DaemonSet (one per node).
 */
export function mostPods(w: WorkloadModel, model: StackModel): number | undefined {
  if (w.kind === "DaemonSet") return undefined;
  if (w.kind === "Job") return Number(w.props.spec?.parallelism ?? 1);
  if (w.kind === "CronJob") return Number(w.props.spec?.jobTemplate?.spec?.parallelism ?? 1);
  if (w.kind === "Pod") return 1;
  const hpa = hpaFor(w.resource, model.resources);
  const most = Number(hpa?.props.spec?.maxReplicas ?? w.props.spec?.replicas ?? 1);
  const strategy = w.props.spec?.strategy;
  if (w.kind !== "Deployment" || strategy?.type === "Recreate") return most;
  return most + scaled(strategy?.rollingUpdate?.maxSurge ?? "25%", most, true);
}
