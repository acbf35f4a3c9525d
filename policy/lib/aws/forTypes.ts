import { ResourceValidation } from "@pulumi/policy";
import { forType } from "../typed";

/**
 * One validation per type, each tagged with its type and running only on it: the analyzer
 * uses the tag to skip other resources only for a single validation, so in a list each one
 * must also check the type itself.
 */
export function forTypes(types: string[], validate: ResourceValidation): ResourceValidation[] {
  return types.map((type) =>
    forType(type, (args, report) => (args.type === type ? validate(args, report) : undefined)),
  );
}
