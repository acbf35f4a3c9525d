import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/**
 * Serving containers of long-running workloads (Deployments, ReplicaSets, StatefulSets, DaemonSets
 * whose containers declare ports) have readiness and liveness probes. Jobs run to completion and
 * are exempt.
 */
export const workloadProbes = podPolicy(
  {
    name: "workload-probes",
    description: "Serving containers of long-running workloads must have readiness and liveness probes.",
    severity: "medium",
    tags: [groupTag("hardening")],
    remediationSteps:
      "Add a readinessProbe (traffic only when ready) and a livenessProbe (restart when stuck) to every container that serves a port.",
    url: "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
  },
  (pod, report) => {
    if (!pod.longRunning) return;
    for (const c of containersOf(pod, ["containers"])) {
      const ports: unknown = c.container.ports;
      if (!Array.isArray(ports) || ports.length === 0) continue;
      const missing = ["readinessProbe", "livenessProbe"].filter((p) => !c.container[p]);
      if (missing.length) report(`${where(c)} serves ports but has no ${missing.join(" and no ")}.`);
    }
  },
);
