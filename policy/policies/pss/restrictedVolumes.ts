import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";

/** Volume sources Pod Security Standards "restricted" allows. */
export const RESTRICTED_VOLUME_TYPES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

/** PSS restricted: only the listed volume types. */
export const restrictedVolumes = podPolicy(
  {
    name: "pss-restricted-volumes",
    description:
      "Pods may use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.",
    severity: "high",
    framework: podSecurityStandards("Restricted"),
    tags: [groupTag("pod-security"), "pss-restricted"],
    remediationSteps:
      "Replace other volume sources (hostPath, nfs, iscsi, …) with a PersistentVolumeClaim or one of the allowed types.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  },
  (pod, report) => {
    const volumes: unknown = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((v: any, i: number) => {
      const sources = Object.keys(v ?? {}).filter((k) => k !== "name");
      const bad = sources.filter((k) => !RESTRICTED_VOLUME_TYPES.has(k));
      if (bad.length) report(`${pod.specPath}.volumes[${i}] ("${v.name}") uses volume type ${bad.join(", ")}.`);
    });
  },
);
