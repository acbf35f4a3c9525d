import type { Finding } from "../../automation/core/findings";
import { CapturedResource, defaultOptions } from "../../automation/core/resourceModel";
import { evaluatePolicies, PolicyRunResult } from "../../automation/policy/evaluate";
import { EnforcementLevel, PolicyConfigFile } from "../../automation/policy/policyConfig";

/** A resource as a test writes it. */
export interface TestResource {
  /** Type token. */
  type: string;
  /** Inputs (wire form: plain values, secret envelopes, unknown markers). */
  props: Record<string, unknown>;
  /** Logical name. @default "subject" */
  name?: string;
  /** Property → URNs it came from (for stack policies). @default {} */
  propertyDependencies?: Record<string, string[]>;
}

/** URN the harness gives a test resource. */
export function urnOf(type: string, name = "subject"): string {
  return `urn:pulumi:test::platform::${type}::${name}`;
}

/** Turns test resources into captured ones. */
export function captured(resources: TestResource[]): CapturedResource[] {
  return resources.map((r) => ({
    urn: urnOf(r.type, r.name),
    type: r.type,
    name: r.name ?? "subject",
    custom: true,
    parent: null,
    dependencies: Object.values(r.propertyDependencies ?? {}).flat(),
    propertyDependencies: r.propertyDependencies ?? {},
    options: defaultOptions(),
    inputs: r.props,
  }));
}

/**
 * Runs one policy (all others disabled) over the resources through the real analyzer handlers
 * and returns its result.
 */
export async function runPolicy(
  policy: string,
  resources: TestResource | TestResource[],
  opts: { level?: EnforcementLevel; config?: Record<string, unknown> } = {},
): Promise<PolicyRunResult> {
  const config: PolicyConfigFile = {
    all: { enforcementLevel: "disabled" },
    [policy]: { enforcementLevel: opts.level ?? "mandatory", properties: opts.config },
  };
  return evaluatePolicies(captured(Array.isArray(resources) ? resources : [resources]), {
    stack: "test",
    project: "platform",
    config,
  });
}

/** The violations one policy reports. */
export async function violations(
  policy: string,
  resources: TestResource | TestResource[],
  opts: { level?: EnforcementLevel; config?: Record<string, unknown> } = {},
): Promise<Finding[]> {
  return (await runPolicy(policy, resources, opts)).violations;
}

/** Just the messages, for readable assertions. */
export async function messages(
  policy: string,
  resources: TestResource | TestResource[],
  opts: { level?: EnforcementLevel; config?: Record<string, unknown> } = {},
): Promise<string[]> {
  return (await violations(policy, resources, opts)).map((v) => v.message);
}
