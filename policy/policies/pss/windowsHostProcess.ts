import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** PSS baseline: no Windows HostProcess containers. */
export const windowsHostProcess = podPolicy(
  {
    name: "pss-windows-host-process",
    description: "Windows pods must not run HostProcess containers.",
    severity: "critical",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove windowsOptions.hostProcess (or set it to false) on the pod and its containers.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    if (pod.spec.securityContext?.windowsOptions?.hostProcess === true) {
      report(`${pod.specPath}.securityContext.windowsOptions.hostProcess is true.`);
    }
    for (const c of containersOf(pod)) {
      if (c.container.securityContext?.windowsOptions?.hostProcess === true)
        report(`${where(c)} sets windowsOptions.hostProcess: true.`);
    }
  },
);
