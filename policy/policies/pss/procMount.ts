import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** PSS baseline: the default /proc mask (unless the pod runs in its own user namespace). */
export const procMount = podPolicy(
  {
    name: "pss-proc-mount",
    description: "Containers must keep the default /proc mount mask.",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove securityContext.procMount or set it to Default.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    if (pod.spec.hostUsers === false) return;
    for (const c of containersOf(pod)) {
      const mount = c.container.securityContext?.procMount;
      if (mount !== undefined && mount !== "Default") report(`${where(c)} sets procMount ${mount}.`);
    }
  },
);
