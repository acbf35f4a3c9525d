import { PolicyResource } from "@pulumi/policy";
import { namespaceOf } from "./selectors";

const HPA_TYPES = ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:autoscaling/v1:HorizontalPodAutoscaler"];

/** Whether a resource is a HorizontalPodAutoscaler. */
export const isHpa = (r: PolicyResource): boolean => HPA_TYPES.includes(r.type);

/** The HorizontalPodAutoscaler that scales a workload (same namespace, kind and name), if any. */
export function hpaFor(workload: PolicyResource, all: PolicyResource[]): PolicyResource | undefined {
  const kind = workload.type.slice(workload.type.lastIndexOf(":") + 1);
  return all.find((r) => isHpa(r) && namespaceOf(r.props) === namespaceOf(workload.props)
    && r.props.spec?.scaleTargetRef?.name === workload.props.metadata?.name && r.props.spec?.scaleTargetRef?.kind === kind);
}

/** The fewest replicas a workload runs with: its HPA's `minReplicas` (Kubernetes defaults it to 1), else its own `replicas` (also 1 by default). */
export function floorOf(workload: PolicyResource, all: PolicyResource[]): number {
  const hpa = hpaFor(workload, all);
  if (hpa) return Number(hpa.props.spec?.minReplicas ?? 1);
  return Number(workload.props.spec?.replicas ?? 1);
}
