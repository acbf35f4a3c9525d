import * as k8s from "@pulumi/kubernetes";

/**
 * The container security context of every platform container (Pod Security Standards
 * "restricted" and then some): non-root as a numeric UID, no privilege escalation, not
 * privileged, read-only root filesystem, every capability dropped, RuntimeDefault seccomp.
 */
export function restrictedContainerContext(
  runAsUser: number,
  runAsGroup = runAsUser,
): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * The pod security context of every platform pod: non-root as `runAsUser`, volumes group-owned by
 * `runAsGroup` (fsGroup), RuntimeDefault seccomp.
 */
export function restrictedPodContext(
  runAsUser: number,
  runAsGroup = runAsUser,
  fsGroupChangePolicy?: "OnRootMismatch" | "Always",
): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup,
    fsGroup: runAsGroup,
    ...(fsGroupChangePolicy ? { fsGroupChangePolicy } : {}),
    seccompProfile: { type: "RuntimeDefault" },
  };
}
