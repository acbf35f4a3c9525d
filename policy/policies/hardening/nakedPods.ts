import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";

/** Pods run under a controller that recreates them. */
export const nakedPods: ResourceValidationPolicy = {
  name: "no-naked-pods",
  description:
    "Pods must be created by a controller (Deployment, StatefulSet, Job, …), which reschedules them when a node goes away.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps: "Run the pod as a Deployment (or a Job for one-off work).",
  url: "https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs",
  validateResource: (args, report) => {
    if (args.type === "kubernetes:core/v1:Pod" && !(args.props.metadata?.ownerReferences ?? []).length)
      report("a Pod with no controller is not rescheduled when its node fails or is drained.");
  },
};
