import { ResourceValidation } from "@pulumi/policy";

/**
 * Tags a validation with the one type token it applies to, exactly as `validateResourceOfType`
 * does, so the analyzer skips other resources without deserializing them — without loading the
 * provider SDK (all of `@pulumi/aws`) into the pack just for the class.
 */
export function forType(type: string, validate: ResourceValidation): ResourceValidation {
  return Object.assign(validate, { __pulumiType: type });
}

/** The one type token a validation is tagged with (see {@link forType}), if any. */
export function typeOf(validate: unknown): string | undefined {
  const type = (validate as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof type === "string" && type ? type : undefined;
}
