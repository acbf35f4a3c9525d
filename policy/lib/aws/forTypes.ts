import { ResourceValidation } from "@pulumi/policy";
import { forType } from "../typed";

/**
 * One validation for the resources of `types`. With one type it carries the type tag, so the
 * analyzer skips every other resource without copying it; with several it is one untyped
 * validation that checks the type itself — the analyzer copies a resource once per validation of
 * a list, typed or not, so a list of typed validations would copy every resource once per type.
 */
export function forTypes(types: readonly string[], validate: ResourceValidation): ResourceValidation {
  if (types.length === 1) return forType(types[0], validate);
  const judged = new Set(types);
  return (args, report) => (judged.has(args.type) ? validate(args, report) : undefined);
}
