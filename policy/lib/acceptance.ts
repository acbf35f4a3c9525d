import { Policy, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { forType, typeOf } from "./typed";

/**
 * Accepted findings: a stack accepts a policy's findings on a resource by its logical name, with a
 * reason (`guardrails:accepted` in its stack file, which becomes each policy's `accepted` config
 * property). Under the engine an accepted finding is not reported; the checker runs the pack
 * without `accepted` and lists such findings with their reason itself.
 */

/** The config property every policy of a pack built here takes: logical resource name → the reason its findings are accepted. */
export const ACCEPTED_PROPERTY = "accepted";

const ACCEPTED_SCHEMA = { type: "object", additionalProperties: { type: "string" }, default: {} };

function acceptedOf(getConfig: () => unknown): Record<string, string> {
  const value = (getConfig() as Record<string, unknown> | undefined)?.[ACCEPTED_PROPERTY];
  return value && typeof value === "object" ? (value as Record<string, string>) : {};
}

function lastSegment(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * The policy with acceptance: its config takes `accepted`, and findings on an accepted resource
 * are not reported. Type tags of resource validations are kept.
 */
export function withAcceptance<P extends Policy>(policy: P): P {
  const configSchema = {
    ...policy.configSchema,
    properties: { ...policy.configSchema?.properties, [ACCEPTED_PROPERTY]: ACCEPTED_SCHEMA },
  } as Policy["configSchema"];
  const stack = policy as unknown as StackValidationPolicy;
  if (typeof stack.validateStack === "function") {
    const validate = stack.validateStack;
    return {
      ...policy,
      configSchema,
      validateStack: (args, report) => {
        const accepted = acceptedOf(() => args.getConfig());
        return validate(args, (message, urn) => {
          if (!urn || !Object.hasOwn(accepted, lastSegment(urn))) report(message, urn);
        });
      },
    } as StackValidationPolicy as unknown as P;
  }
  const resource = policy as unknown as ResourceValidationPolicy;
  const validations =
    resource.validateResource === undefined
      ? []
      : Array.isArray(resource.validateResource)
        ? resource.validateResource
        : [resource.validateResource];
  const wrap = (validate: ResourceValidation): ResourceValidation => {
    // The config is read on the first finding only: most resources have none.
    const wrapped: ResourceValidation = (args, report) => {
      let accepted: boolean | undefined;
      return validate(args, (...finding) => {
        accepted ??= Object.hasOwn(
          acceptedOf(() => args.getConfig()),
          args.name,
        );
        if (!accepted) report(...finding);
      });
    };
    const type = typeOf(validate);
    return type ? forType(type, wrapped) : wrapped;
  };
  return {
    ...policy,
    configSchema,
    ...(validations.length
      ? { validateResource: validations.length === 1 ? wrap(validations[0]) : validations.map(wrap) }
      : {}),
  } as P;
}
