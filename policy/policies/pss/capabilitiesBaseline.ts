import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** Capabilities Pod Security Standards "baseline" lets a container add. */
export const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** PSS baseline: containers may add only the default container runtime capabilities. */
export const capabilitiesBaseline = podPolicy(
  {
    name: "pss-capabilities-baseline",
    description: "Containers may add only capabilities from the Pod Security Standards baseline set.",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove capabilities such as SYS_ADMIN, NET_ADMIN or ALL from securityContext.capabilities.add.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    for (const c of containersOf(pod)) {
      const added: unknown = c.container.securityContext?.capabilities?.add;
      if (!Array.isArray(added)) continue;
      const extra = added.filter((cap: string) => !BASELINE_CAPABILITIES.has(cap));
      if (extra.length) report(`${where(c)} adds capabilities outside the baseline set: ${extra.join(", ")}.`);
    }
  },
);
