import { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { parseKubernetesType } from "../../lib/kubernetesType";
import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";

const podVolumes = podPolicy(
  {
    name: "pss-host-path-volumes",
    description:
      "Pods must not mount hostPath volumes, directly or through a PersistentVolumeClaim bound to a hostPath PersistentVolume.",
    severity: "critical",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps:
      "Replace hostPath volumes with emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim of a storage class; create no hostPath PersistentVolume.",
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

/** A PersistentVolume on a node's filesystem: any pod may claim it, and Pod Security admission never sees a hostPath. */
function hostPathPersistentVolume(args: ResourceValidationArgs, report: ReportViolation): void {
  const t = parseKubernetesType(args.type);
  if (t?.group !== "core" || t.kind !== "PersistentVolume" || !args.props.spec?.hostPath) return;
  report(
    `spec.hostPath (${JSON.stringify(args.props.spec.hostPath.path ?? "")}) makes this PersistentVolume a node directory any PersistentVolumeClaim can mount past Pod Security admission.`,
  );
}

/** PSS baseline: no hostPath volumes, in a pod or behind a claim. */
export const hostPathVolumes: ResourceValidationPolicy = {
  ...podVolumes,
  validateResource: (args, report) => {
    (podVolumes.validateResource as (a: ResourceValidationArgs, r: ReportViolation) => void)(args, report);
    hostPathPersistentVolume(args, report);
  },
};
