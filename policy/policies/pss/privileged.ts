import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** PSS baseline: no privileged containers. */
export const privileged = podPolicy(
  {
    name: "pss-privileged",
    description: "Containers must not run privileged.",
    severity: "critical",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove securityContext.privileged (or set it to false) on every container.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    for (const c of containersOf(pod)) {
      if (c.container.securityContext?.privileged === true)
        report(`${where(c)} sets securityContext.privileged: true.`);
    }
  },
);
