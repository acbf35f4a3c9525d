import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { PodView, podsOf } from "./workloads";

/** What a pod-level policy declares besides its check. */
export type PodPolicyMeta = Omit<ResourceValidationPolicy, "validateResource" | "remediateResource">;

/** A check over one pod spec; report one violation per offending field. */
export type PodCheck = (pod: PodView, report: ReportViolation, args: ResourceValidationArgs) => void;

/**
 * Fixes a pod spec in place and returns whether anything changed. The spec is the analyzer's
 * secrets-preserving view: assign leaf fields (see {@link ensure}) rather than replacing whole
 * objects, so secret siblings stay secret.
 */
export type PodFix = (pod: PodView, args: ResourceValidationArgs) => boolean;

/** `obj[key]`, created as `{}` first when absent; writes through it reach the resource. */
export function ensure(obj: any, key: string): any {
  if (obj[key] === undefined || obj[key] === null) obj[key] = {};
  return obj[key];
}

/**
 * A resource policy over every pod the pod finder finds ({@link podsOf}): built-in workloads,
 * known custom kinds and pod-shaped specs in any other custom kind. Objects without pods pass untouched. With a `fix`, the
 * policy can also remediate: the analyzer hands it the resource's props, the fix edits them in
 * place, and the edited props are returned.
 */
export function podPolicy(meta: PodPolicyMeta, check: PodCheck, fix?: PodFix): ResourceValidationPolicy {
  return {
    ...meta,
    validateResource: (args, report) => {
      for (const pod of podsOf(args.type, args.props)) check(pod, report, args);
    },
    ...(fix
      ? {
          remediateResource: (args: ResourceValidationArgs) => {
            // A patch is laid over an object the stack does not hold: nothing to fill in.
            const fixed = podsOf(args.type, args.props).filter((pod) => !pod.partial && fix(pod, args));
            return fixed.length ? args.props : undefined;
          },
        }
      : {}),
  };
}
