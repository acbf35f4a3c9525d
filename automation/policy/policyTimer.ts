import { performance } from "node:perf_hooks";
import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** Told how long one call of a policy's check took, and the policy's group (its `group:` tag, if any). */
export type PolicyTimeSink = (group: string | undefined, ms: number) => void;

const GROUP_TAG = "group:";

function timed<F extends (...args: never[]) => unknown>(check: F, group: string | undefined, sink: PolicyTimeSink): F {
  const wrapped = (...args: Parameters<F>) => {
    const start = performance.now();
    const result = check(...args);
    if (result instanceof Promise) return result.finally(() => sink(group, performance.now() - start));
    sink(group, performance.now() - start);
    return result;
  };
  // Keep the type tag (`forType`) and anything else the analyzer reads off the function.
  return Object.assign(wrapped, check) as unknown as F;
}

/**
 * The same policies with every check timed into `sink` (the benchmark's per-group share);
 * names, tags, type tags and results unchanged.
 */
export function timedPolicies(policies: Policies, sink: PolicyTimeSink): Policies {
  return policies.map((p): ResourceValidationPolicy | StackValidationPolicy => {
    const group = p.tags?.find((t) => t.startsWith(GROUP_TAG))?.slice(GROUP_TAG.length);
    if ("validateStack" in p)
      return { ...p, validateStack: timed(p.validateStack, group, sink) } satisfies StackValidationPolicy;
    const validate = (p as ResourceValidationPolicy).validateResource;
    if (!validate) return p;
    return {
      ...p,
      validateResource: Array.isArray(validate)
        ? validate.map((v) => timed(v, group, sink))
        : timed(validate, group, sink),
    } satisfies ResourceValidationPolicy;
  });
}
