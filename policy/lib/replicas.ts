import { PolicyResource } from "@pulumi/policy";
import { parseKubernetesType } from "./kubernetesType";
import { namespaceOf } from "./selectors";

/** Whether a resource is a HorizontalPodAutoscaler, of any API version. */
export const isHpa = (r: PolicyResource): boolean => {
  const t = parseKubernetesType(r.type);
  return t?.group === "autoscaling" && t.kind === "HorizontalPodAutoscaler" && !t.patch;
};

const scaleKey = (namespace: unknown, kind: unknown, name: unknown) => `${namespace}/${kind}/${name}`;

/** Each stack's HPAs by the namespace, kind and name they scale, built once per resource list. */
const hpaIndexes = new WeakMap<PolicyResource[], Map<string, PolicyResource>>();

function hpaIndex(all: PolicyResource[]): Map<string, PolicyResource> {
  let index = hpaIndexes.get(all);
  if (!index) {
    index = new Map();
    for (const r of all) {
      const ref = isHpa(r) ? r.props.spec?.scaleTargetRef : undefined;
      const key = ref && scaleKey(namespaceOf(r.props), ref.kind, ref.name);
      if (key && !index.has(key)) index.set(key, r);
    }
    hpaIndexes.set(all, index);
  }
  return index;
}

/** The HorizontalPodAutoscaler that scales a workload (same namespace, kind and name), if any. */
export function hpaFor(workload: PolicyResource, all: PolicyResource[]): PolicyResource | undefined {
  const kind = workload.type.slice(workload.type.lastIndexOf(":") + 1);
  return hpaIndex(all).get(scaleKey(namespaceOf(workload.props), kind, workload.props.metadata?.name));
}

/** The fewest replicas a workload runs with: its HPA's `minReplicas` (Kubernetes defaults it to 1), else its own `replicas` (also 1 by default). */
export function floorOf(workload: PolicyResource, all: PolicyResource[]): number {
  const hpa = hpaFor(workload, all);
  if (hpa) return Number(hpa.props.spec?.minReplicas ?? 1);
  return Number(workload.props.spec?.replicas ?? 1);
}
