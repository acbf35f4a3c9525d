import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { copyProps } from "./copy";
import { PodView, podOf } from "./workloads";

/** What a pod-level policy declares besides its check. */
export type PodPolicyMeta = Omit<ResourceValidationPolicy, "validateResource" | "remediateResource">;

/** A check over one pod spec; report one violation per offending field. */
export type PodCheck = (pod: PodView, report: ReportViolation, args: ResourceValidationArgs) => void;

/** Rewrites a pod spec in place to comply; returns whether anything changed. */
export type PodFix = (pod: PodView, args: ResourceValidationArgs) => boolean;

/**
 * A resource policy over every workload kind's pod spec (Pod, Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob). Other resource types pass untouched.
 */
export function podPolicy(meta: PodPolicyMeta, check: PodCheck, fix?: PodFix): ResourceValidationPolicy {
  return {
    ...meta,
    validateResource: (args, report) => {
      const pod = podOf(args.type, args.props);
      if (pod) check(pod, report, args);
    },
    ...(fix
      ? {
          remediateResource: (args: ResourceValidationArgs) => {
            const props = copyProps(args.props);
            const pod = podOf(args.type, props);
            return pod && fix(pod, args) ? props : undefined;
          },
        }
      : {}),
  };
}
