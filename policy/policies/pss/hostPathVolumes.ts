import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";

/** PSS baseline: no hostPath volumes. */
export const hostPathVolumes = podPolicy(
  {
    name: "pss-host-path-volumes",
    description: "Pods must not mount hostPath volumes.",
    severity: "critical",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Replace hostPath volumes with emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    const volumes: unknown = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((v: any, i: number) => {
      if (v?.hostPath) report(`${pod.specPath}.volumes[${i}] ("${v.name}") is a hostPath volume.`);
    });
  },
);
