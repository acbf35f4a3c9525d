import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** PSS restricted: no pod or container sets runAsUser 0. */
export const runAsUser = podPolicy(
  {
    name: "pss-run-as-user",
    description: "The pod and its containers must not set runAsUser to 0 (root).",
    severity: "high",
    framework: podSecurityStandards("Restricted"),
    tags: [groupTag("pod-security"), "pss-restricted", "non-root"],
    remediationSteps: "Set runAsUser to the non-zero UID the image is built for (for example 10001).",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  },
  (pod, report) => {
    if (pod.spec.hostUsers === false) return;
    if (pod.spec.securityContext?.runAsUser === 0) report(`${pod.specPath}.securityContext.runAsUser is 0.`);
    for (const c of containersOf(pod)) {
      if (c.container.securityContext?.runAsUser === 0) report(`${where(c)} sets runAsUser: 0.`);
    }
  },
);
