import { mostPods, podResources, PodResources, QUOTA_RESOURCES } from "../../lib/readiness/capacity";
import { parseQuantity } from "../../lib/quantity";
import { KubeObject, StackModel } from "../../lib/readiness/stackModel";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";

const CORES = (n: number) => `${Math.round(n * 1000) / 1000}`;
const GIB = (n: number) => `${Math.round((n / 2 ** 30) * 100) / 100}Gi`;
const show = (key: string, n: number) => (key.endsWith("memory") ? GIB(n) : CORES(n));

/** What the namespace's objects need of a quota at their peak, by quota resource. */
function peakNeeds(
  model: StackModel,
  namespace: string,
  quota: KubeObject,
  report: ReadinessReport,
): Map<string, { need: number; why: string[] }> {
  const needs = new Map<string, { need: number; why: string[] }>();
  const add = (key: string, n: number, why: string) => {
    const entry = needs.get(key) ?? { need: 0, why: [] };
    entry.need += n;
    if (n > 0) entry.why.push(why);
    needs.set(key, entry);
  };
  const hard = quota.props.spec?.hard ?? {};
  for (const w of model.workloads.filter((x) => x.namespace === namespace)) {
    const pods = mostPods(w, model);
    if (pods === undefined) continue;
    const { perPod, missing } = podResources(w, model);
    for (const key of Object.keys(QUOTA_RESOURCES) as (keyof PodResources)[]) {
      const spelled = QUOTA_RESOURCES[key].find((k) => hard[k] !== undefined);
      if (!spelled) continue;
      if (missing.includes(key)) {
        report(
          quota,
          `ResourceQuota "${quota.name}" limits ${spelled}, but ${w.kind} "${w.name}" sets no ${key} and no LimitRange gives a default: admission refuses its pods.`,
        );
        continue;
      }
      add(spelled, perPod[key] * pods, `${w.name} ${pods}×${show(key, perPod[key])}`);
    }
    add("pods", pods, `${w.name} ${pods}`);
    const claims = Array.isArray(w.props.spec?.volumeClaimTemplates) ? w.props.spec.volumeClaimTemplates.length : 0;
    if (claims) add("persistentvolumeclaims", claims * pods, `${w.name} ${pods}×${claims}`);
  }
  for (const svc of model.ofKind("Service", "core").filter((s) => s.namespace === namespace)) {
    const type = svc.props.spec?.type ?? "ClusterIP";
    const ports = Array.isArray(svc.props.spec?.ports) ? svc.props.spec.ports.length : 0;
    add("services", 1, svc.name);
    if (type === "LoadBalancer") add("services.loadbalancers", 1, svc.name);
    if (type === "NodePort" || (type === "LoadBalancer" && svc.props.spec?.allocateLoadBalancerNodePorts !== false))
      add("services.nodeports", ports, `${svc.name} ${ports}`);
  }
  add(
    "persistentvolumeclaims",
    model.ofKind("PersistentVolumeClaim", "core").filter((c) => c.namespace === namespace).length,
    "claims",
  );
  return needs;
}

/** A namespace's quota holds what its objects need at their peak: autoscaling maxima, rolling-update surge, Jobs. */
export const quotaCapacity = readinessPolicy(
  {
    name: "readiness-quota-capacity",
    description:
      "A namespace's ResourceQuota must hold every workload at its autoscaling maximum plus its rolling-update surge, the Jobs, and the pod, Service and claim counts.",
    severity: "high",
    remediationSteps:
      "Raise the quota to the figure in the finding, or lower the autoscalers' maxReplicas or the containers' requests and limits; give every container requests and limits (or the namespace a LimitRange with defaults).",
    url: "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
  },
  {
    // A scoped quota counts a subset of pods (by priority class, by QoS) the stack cannot tell.
    subjects: (model) =>
      model.ofKind("ResourceQuota", "core").filter((q) => !q.props.spec?.scopes && !q.props.spec?.scopeSelector),
    judge: (quota, model, report) => {
      const hard = quota.props.spec?.hard ?? {};
      for (const [key, { need, why }] of peakNeeds(model, quota.namespace, quota, report)) {
        const limit = hard[key] === undefined ? undefined : parseQuantity(hard[key]);
        if (limit === undefined || need <= limit + 1e-9) continue;
        const counted = key.endsWith("cpu") || key.endsWith("memory") || key === "cpu" || key === "memory";
        report(
          quota,
          `ResourceQuota "${quota.name}" holds ${key} ${hard[key]}, but namespace "${quota.namespace}" needs ${counted ? show(key, need) : need} at its peak (${why.join(", ")}): pods beyond it are refused, so scaling and rollouts stall.`,
        );
      }
    },
  },
);
