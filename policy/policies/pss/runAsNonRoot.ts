import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { ensure, podPolicy } from "../../lib/podPolicy";
import { effective } from "../../lib/securityContext";
import { containersOf, where } from "../../lib/workloads";

/**
 * PSS restricted: every container must run as non-root — runAsNonRoot true on the container, or on
 * the pod with the container not overriding it to false. Pods in their own user namespace
 * (`hostUsers: false`) are exempt, as the admission controller exempts them.
 */
export const runAsNonRoot = podPolicy(
  {
    name: "pss-run-as-non-root",
    description: "Containers must run as a non-root user (runAsNonRoot: true, on the pod or the container).",
    severity: "high",
    framework: podSecurityStandards("Restricted"),
    tags: [groupTag("pod-security"), "pss-restricted", "non-root"],
    remediationSteps:
      "Set spec.securityContext.runAsNonRoot: true and a numeric runAsUser the image supports; do not set it to false on any container.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  },
  (pod, report) => {
    if (pod.spec.hostUsers === false) return;
    for (const c of containersOf(pod)) {
      const own = c.container.securityContext?.runAsNonRoot;
      const value = effective(pod, c, "runAsNonRoot");
      if (own === false) report(`${where(c)} sets runAsNonRoot: false.`);
      else if (value !== true)
        report(`${where(c)} may run as root: runAsNonRoot is unset on the pod and the container.`);
    }
  },
  (pod) => {
    if (pod.spec.hostUsers === false) return false;
    let changed = false;
    for (const c of containersOf(pod)) {
      if (effective(pod, c, "runAsNonRoot") === undefined) {
        ensure(c.container, "securityContext").runAsNonRoot = true;
        changed = true;
      }
    }
    return changed;
  },
);
