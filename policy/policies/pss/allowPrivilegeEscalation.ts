import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { ensure, podPolicy } from "../../lib/podPolicy";
import { containersOf, isWindowsPod, where } from "../../lib/workloads";

/** PSS restricted: every container sets allowPrivilegeEscalation: false. */
export const allowPrivilegeEscalation = podPolicy(
  {
    name: "pss-allow-privilege-escalation",
    description: "Containers must set securityContext.allowPrivilegeEscalation to false.",
    severity: "high",
    framework: podSecurityStandards("Restricted"),
    tags: [groupTag("pod-security"), "pss-restricted", "non-root"],
    remediationSteps:
      "Set securityContext.allowPrivilegeEscalation: false on every container (it is not inherited from the pod).",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  },
  (pod, report) => {
    if (isWindowsPod(pod)) return;
    for (const c of containersOf(pod)) {
      const value = c.container.securityContext?.allowPrivilegeEscalation;
      if (value !== false)
        report(
          `${where(c)} ${value === true ? "sets allowPrivilegeEscalation: true" : "leaves allowPrivilegeEscalation unset (it defaults to true)"}.`,
        );
    }
  },
  (pod) => {
    if (isWindowsPod(pod)) return false;
    let changed = false;
    for (const c of containersOf(pod)) {
      if (c.container.securityContext?.allowPrivilegeEscalation === undefined) {
        ensure(c.container, "securityContext").allowPrivilegeEscalation = false;
        changed = true;
      }
    }
    return changed;
  },
);
