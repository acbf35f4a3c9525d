import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** Containers (init containers included) mount their root filesystem read-only. */
export const readOnlyRootFilesystem = podPolicy(
  {
    name: "read-only-root-filesystem",
    description: "Containers must run with a read-only root filesystem.",
    severity: "medium",
    tags: [groupTag("hardening")],
    remediationSteps:
      "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process must write (for example /tmp).",
    url: "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
  },
  (pod, report) => {
    for (const c of containersOf(pod, ["initContainers", "containers"])) {
      if (c.container.securityContext?.readOnlyRootFilesystem !== true)
        report(`${where(c)} does not set readOnlyRootFilesystem: true.`);
    }
  },
);
