import { ContainerView, PodView } from "./workloads";

/** Fields a container's securityContext inherits from the pod's when it leaves them unset. */
export type InheritedField =
  | "runAsNonRoot"
  | "runAsUser"
  | "runAsGroup"
  | "seccompProfile"
  | "seLinuxOptions"
  | "appArmorProfile"
  | "windowsOptions";

/**
 * The value Kubernetes applies for `field`: the container's securityContext wins, the pod's
 * securityContext fills in what the container leaves unset.
 */
export function effective(pod: PodView, c: ContainerView, field: InheritedField): any {
  const own = c.container?.securityContext?.[field];
  return own !== undefined && own !== null ? own : pod.spec.securityContext?.[field];
}
