import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { ensure, podPolicy } from "../../lib/podPolicy";
import { effective } from "../../lib/securityContext";
import { containersOf, isWindowsPod, where } from "../../lib/workloads";

const ALLOWED = new Set(["RuntimeDefault", "Localhost"]);

/**
 * PSS baseline and restricted: seccomp is never Unconfined, and every container runs under
 * RuntimeDefault or a Localhost profile, set on the container or inherited from the pod.
 */
export const seccomp = podPolicy(
  {
    name: "pss-seccomp",
    description: "Every container must run under the RuntimeDefault or a Localhost seccomp profile.",
    severity: "high",
    framework: podSecurityStandards("Restricted"),
    tags: [groupTag("pod-security"), "pss-baseline", "pss-restricted"],
    remediationSteps:
      "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (containers inherit it).",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  },
  (pod, report) => {
    const podType = pod.spec.securityContext?.seccompProfile?.type;
    if (podType === "Unconfined") report(`${pod.specPath}.securityContext.seccompProfile.type is Unconfined.`);
    const windows = isWindowsPod(pod);
    for (const c of containersOf(pod)) {
      const type = effective(pod, c, "seccompProfile")?.type;
      const inheritsPodUnconfined =
        c.container.securityContext?.seccompProfile === undefined && podType === "Unconfined";
      if (inheritsPodUnconfined) continue;
      if (type === "Unconfined") report(`${where(c)} runs with seccomp Unconfined.`);
      else if (!windows && !ALLOWED.has(type))
        report(`${where(c)} has no seccomp profile (pod and container leave seccompProfile unset).`);
    }
  },
  (pod) => {
    if (isWindowsPod(pod)) return false;
    const missing = containersOf(pod).some((c) => effective(pod, c, "seccompProfile")?.type === undefined);
    if (!missing) return false;
    ensure(pod.spec, "securityContext").seccompProfile = { type: "RuntimeDefault" };
    return true;
  },
);
