import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";

/** PSS baseline: pods must not share the node's network, PID or IPC namespace. */
export const hostNamespaces = podPolicy(
  {
    name: "pss-host-namespaces",
    description: "Pods must not use the host's network, PID or IPC namespace.",
    severity: "critical",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
      if (pod.spec[field] === true) report(`${pod.specPath}.${field} is true; it must be unset or false.`);
    }
  },
);
