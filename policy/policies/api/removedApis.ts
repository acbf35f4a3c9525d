import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";

/** Kinds Kubernetes no longer serves at an API version: group/version → the release that removed them and, for each removed kind, what replaces it. */
const REMOVED: Record<string, { removedIn: string; use: Record<string, string> }> = {
  "extensions/v1beta1": {
    removedIn: "1.16 (Ingress: 1.22)",
    use: {
      Deployment: "apps/v1",
      DaemonSet: "apps/v1",
      ReplicaSet: "apps/v1",
      NetworkPolicy: "networking.k8s.io/v1",
      Ingress: "networking.k8s.io/v1",
      PodSecurityPolicy: "Pod Security admission (namespace labels)",
    },
  },
  "apps/v1beta1": {
    removedIn: "1.16",
    use: { Deployment: "apps/v1", StatefulSet: "apps/v1", ControllerRevision: "apps/v1" },
  },
  "apps/v1beta2": {
    removedIn: "1.16",
    use: {
      Deployment: "apps/v1",
      StatefulSet: "apps/v1",
      DaemonSet: "apps/v1",
      ReplicaSet: "apps/v1",
      ControllerRevision: "apps/v1",
    },
  },
  "networking.k8s.io/v1beta1": {
    removedIn: "1.22",
    use: { Ingress: "networking.k8s.io/v1", IngressClass: "networking.k8s.io/v1" },
  },
  "batch/v1beta1": { removedIn: "1.25", use: { CronJob: "batch/v1" } },
  "policy/v1beta1": {
    removedIn: "1.25",
    use: { PodDisruptionBudget: "policy/v1", PodSecurityPolicy: "Pod Security admission (namespace labels)" },
  },
  "autoscaling/v2beta1": { removedIn: "1.25", use: { HorizontalPodAutoscaler: "autoscaling/v2" } },
  "autoscaling/v2beta2": { removedIn: "1.26", use: { HorizontalPodAutoscaler: "autoscaling/v2" } },
  "rbac.authorization.k8s.io/v1beta1": {
    removedIn: "1.22",
    use: {
      Role: "rbac.authorization.k8s.io/v1",
      RoleBinding: "rbac.authorization.k8s.io/v1",
      ClusterRole: "rbac.authorization.k8s.io/v1",
      ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
    },
  },
  "apiextensions.k8s.io/v1beta1": { removedIn: "1.22", use: { CustomResourceDefinition: "apiextensions.k8s.io/v1" } },
  "admissionregistration.k8s.io/v1beta1": {
    removedIn: "1.22",
    use: {
      MutatingWebhookConfiguration: "admissionregistration.k8s.io/v1",
      ValidatingWebhookConfiguration: "admissionregistration.k8s.io/v1",
    },
  },
  "scheduling.k8s.io/v1beta1": { removedIn: "1.22", use: { PriorityClass: "scheduling.k8s.io/v1" } },
  "storage.k8s.io/v1beta1": {
    removedIn: "1.22 (CSIStorageCapacity: 1.27)",
    use: {
      StorageClass: "storage.k8s.io/v1",
      VolumeAttachment: "storage.k8s.io/v1",
      CSIDriver: "storage.k8s.io/v1",
      CSINode: "storage.k8s.io/v1",
      CSIStorageCapacity: "storage.k8s.io/v1",
    },
  },
  "discovery.k8s.io/v1beta1": { removedIn: "1.25", use: { EndpointSlice: "discovery.k8s.io/v1" } },
  "events.k8s.io/v1beta1": { removedIn: "1.25", use: { Event: "events.k8s.io/v1" } },
  "node.k8s.io/v1beta1": { removedIn: "1.25", use: { RuntimeClass: "node.k8s.io/v1" } },
  "certificates.k8s.io/v1beta1": { removedIn: "1.22", use: { CertificateSigningRequest: "certificates.k8s.io/v1" } },
  "coordination.k8s.io/v1beta1": { removedIn: "1.22", use: { Lease: "coordination.k8s.io/v1" } },
  "flowcontrol.apiserver.k8s.io/v1beta1": {
    removedIn: "1.26",
    use: {
      FlowSchema: "flowcontrol.apiserver.k8s.io/v1",
      PriorityLevelConfiguration: "flowcontrol.apiserver.k8s.io/v1",
    },
  },
  "flowcontrol.apiserver.k8s.io/v1beta2": {
    removedIn: "1.29",
    use: {
      FlowSchema: "flowcontrol.apiserver.k8s.io/v1",
      PriorityLevelConfiguration: "flowcontrol.apiserver.k8s.io/v1",
    },
  },
};

/** Where a removed API version's object should go instead, or undefined when its version is served. */
export function replacementOf(
  type: string,
): { groupVersion: string; kind: string; removedIn: string; use: string } | undefined {
  const m = /^kubernetes:([^:]+):([A-Za-z]+?)(Patch)?$/.exec(type);
  if (!m) return undefined;
  const groupVersion = m[1];
  const removed = REMOVED[groupVersion];
  // A group-version can lose some kinds and keep serving others (networking.k8s.io/v1beta1 serves ServiceCIDR).
  if (!removed || !Object.hasOwn(removed.use, m[2])) return undefined;
  return { groupVersion, kind: m[2], removedIn: removed.removedIn, use: removed.use[m[2]] };
}

/** Objects use API versions the cluster still serves; a removed one fails at apply, after the preview said nothing. */
export const removedApis: ResourceValidationPolicy = {
  name: "kubernetes-removed-api",
  description: "Kubernetes objects must use API versions the cluster serves; removed versions fail when applied.",
  severity: "high",
  tags: [groupTag("api-versions")],
  remediationSteps:
    "Move the object to the API version named in the finding (kubectl convert, or rewrite the few fields that changed).",
  url: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/",
  validateResource: (args, report) => {
    const r = replacementOf(args.type);
    if (r)
      report(
        `${r.groupVersion} ${r.kind} was removed in Kubernetes ${r.removedIn}: the cluster refuses it at apply; use ${r.use}.`,
      );
  },
};
