import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { forType } from "./typed";

/** The type token of ECS task definitions. */
export const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** A task definition's containers, or why they cannot be read. */
export type TaskContainers =
  { containers: Record<string, any>[]; problem?: undefined } | { problem: string; containers?: undefined };

/** The containers of a task definition's props: `containerDefinitions` as the JSON text the provider takes (or, in some state files, the parsed array). */
export function containersOfTask(props: Record<string, any>): TaskContainers {
  const raw = props.containerDefinitions;
  let list: unknown = raw;
  if (typeof raw === "string") {
    try {
      list = JSON.parse(raw);
    } catch {
      return { problem: "containerDefinitions is not valid JSON" };
    }
  }
  if (!Array.isArray(list))
    return {
      problem: raw === undefined ? "containerDefinitions is missing" : "containerDefinitions is not a JSON array",
    };
  if (!list.every((c) => typeof c === "object" && c !== null))
    return { problem: "containerDefinitions has an entry that is not an object" };
  return { containers: list as Record<string, any>[] };
}

/** `container "api"` for messages. */
export function containerLabel(c: Record<string, any>, i: number): string {
  return typeof c.name === "string" && c.name ? `container "${c.name}"` : `containerDefinitions[${i}]`;
}

/** What a task-definition policy declares besides its check. */
export type TaskPolicyMeta = Omit<ResourceValidationPolicy, "validateResource" | "remediateResource">;

/** A check over one task definition's containers and its task-level props. */
export type TaskCheck = (
  containers: Record<string, any>[],
  props: Record<string, any>,
  report: ReportViolation,
  args: ResourceValidationArgs,
) => void;

/**
 * A policy over ECS task definitions. Containers that cannot be read are reported, never passed:
 * a task the policy cannot judge does not count as compliant.
 */
export function taskPolicy(meta: TaskPolicyMeta, check: TaskCheck): ResourceValidationPolicy {
  return {
    ...meta,
    validateResource: forType(TASK_DEFINITION, (args, report) => {
      const read = containersOfTask(args.props);
      if (read.problem !== undefined) {
        report(`${read.problem}: the task definition could not be judged.`);
        return;
      }
      check(read.containers, args.props, report, args);
    }),
  };
}
