import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];
const HOOKS = ["postStart", "preStop"];

function hostOf(handler: any): string | undefined {
  return handler?.httpGet?.host || handler?.tcpSocket?.host || undefined;
}

/** PSS baseline: probes and lifecycle hooks must target the pod itself, not another host. */
export const hostProbes = podPolicy(
  {
    name: "pss-host-probes",
    description: "Probes and lifecycle hooks must not set a host (they could reach other endpoints from the kubelet).",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove httpGet.host and tcpSocket.host from probes and lifecycle handlers.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    for (const c of containersOf(pod)) {
      for (const probe of PROBES) {
        const host = hostOf(c.container[probe]);
        if (host) report(`${where(c)} ${probe} targets host "${host}".`);
      }
      for (const hook of HOOKS) {
        const host = hostOf(c.container.lifecycle?.[hook]);
        if (host) report(`${where(c)} lifecycle.${hook} targets host "${host}".`);
      }
    }
  },
);
