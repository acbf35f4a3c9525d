import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ComputeDefinition } from "./definition";
import { computeDefinitionOf } from "./readers";

/** What a compute-definition policy declares besides its check. */
export type ComputePolicyMeta = Omit<ResourceValidationPolicy, "validateResource" | "remediateResource">;

/** A check over one ECS task or Batch job definition. */
export type ComputeCheck = (
  definition: ComputeDefinition,
  report: ReportViolation,
  args: ResourceValidationArgs,
) => void;

/**
 * A policy over ECS task definitions and Batch job definitions, classic and aws-native.
 * Containers that cannot be read are reported, never passed: a definition the policy cannot
 * judge does not count as compliant.
 */
export function computePolicy(meta: ComputePolicyMeta, check: ComputeCheck): ResourceValidationPolicy {
  return {
    ...meta,
    validateResource: (args, report) => {
      const read = computeDefinitionOf(args.type, args.props);
      if (!read) return;
      if (read.problem !== undefined) {
        report(`${read.problem}: the ${args.type.includes("batch") ? "job" : "task"} definition could not be judged.`);
        return;
      }
      check(read.definition, report, args);
    },
  };
}
