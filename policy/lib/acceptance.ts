import { Policy, ReportViolation, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { forType, typeOf } from "./typed";

/**
 * Accepted findings: a stack accepts a policy's findings on a resource by its logical name, with a
 * reason (`guardrails:accepted` in its stack file, which becomes each policy's `accepted` config
 * property). An accepted finding does not fail the run; the checker lists it with its reason.
 */

/** The config property every policy of a pack built here takes: logical resource name → the reason its findings are accepted. */
export const ACCEPTED_PROPERTY = "accepted";

/** A finding a stack accepted, as the policy would have reported it. */
export interface AcceptedFinding {
  /** Policy name. */
  policy: string;
  /** The resource's URN (empty for a stack-wide finding). */
  urn: string;
  /** The resource's logical name. */
  name: string;
  /** The finding. */
  message: string;
  /** Why the stack accepts it. */
  reason: string;
}

// Global, so packs loaded from another copy of this module (a team's pack) record where the checker reads.
const REGISTRY = Symbol.for("@acme/platform/policy/accepted-findings");
const registry = (): AcceptedFinding[] => ((globalThis as Record<symbol, AcceptedFinding[]>)[REGISTRY] ??= []);

/** The accepted findings recorded since the last {@link takeAcceptedFindings}, which it clears. */
export function takeAcceptedFindings(): AcceptedFinding[] {
  return registry().splice(0);
}

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
 * are recorded instead of reported. Type tags of resource validations are kept.
 */
export function withAcceptance<P extends Policy>(policy: P): P {
  const configSchema = {
    ...policy.configSchema,
    properties: { ...policy.configSchema?.properties, [ACCEPTED_PROPERTY]: ACCEPTED_SCHEMA },
  } as Policy["configSchema"];
  const record = (finding: Omit<AcceptedFinding, "policy">) => registry().push({ policy: policy.name, ...finding });
  const stack = policy as unknown as StackValidationPolicy;
  if (typeof stack.validateStack === "function") {
    const validate = stack.validateStack;
    return {
      ...policy,
      configSchema,
      validateStack: (args, report) => {
        const accepted = acceptedOf(() => args.getConfig());
        return validate(args, (message, urn) => {
          const name = urn ? lastSegment(urn) : "";
          if (name && name in accepted) record({ urn: urn!, name, message, reason: accepted[name] });
          else report(message, urn);
        });
      },
    } as StackValidationPolicy as unknown as P;
  }
  const resource = policy as unknown as ResourceValidationPolicy;
  const validations = resource.validateResource === undefined ? [] : Array.isArray(resource.validateResource) ? resource.validateResource : [resource.validateResource];
  const wrap = (validate: ResourceValidation): ResourceValidation => {
    const wrapped: ResourceValidation = (args, report) => {
      const reason = acceptedOf(() => args.getConfig())[args.name];
      const to: ReportViolation = reason === undefined ? report : (message, urn) => record({ urn: urn ?? args.urn, name: args.name, message, reason });
      return validate(args, to);
    };
    const type = typeOf(validate);
    return type ? forType(type, wrapped) : wrapped;
  };
  return {
    ...policy,
    configSchema,
    ...(validations.length ? { validateResource: validations.length === 1 ? wrap(validations[0]) : validations.map(wrap) } : {}),
  } as P;
}
