import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** PSS baseline: no host ports. */
export const hostPorts = podPolicy(
  {
    name: "pss-host-ports",
    description: "Containers must not bind host ports.",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove hostPort from container ports; expose the pod through a Service instead.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    for (const c of containersOf(pod)) {
      const ports: unknown = c.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p: any, i: number) => {
        if (p?.hostPort) report(`${where(c)} ports[${i}] binds hostPort ${p.hostPort}.`);
      });
    }
  },
);
