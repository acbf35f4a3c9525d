/**
 * The findings model: what the checker reports and what the operations library hears from the
 * engine, in one shape.
 */

/** The resource a finding is about; every field is empty for a finding about the stack as a whole. */
export interface ResourceRef {
  /** Full URN. */
  urn: string;
  /** Type token, e.g. `kubernetes:apps/v1:Deployment`. */
  type: string;
  /** Logical name (the URN's last segment). */
  name: string;
}

/** How a finding counts: a mandatory one fails the run or blocks the update, an advisory one is only reported. */
export type FindingLevel = "mandatory" | "advisory";

/** What a finding is about: a guardrail (`security`) or whether the stack will work once deployed (`readiness`). */
export type FindingCategory = "security" | "readiness";

/** The category of a finding whose policy declares none (every policy so far guards security). */
export const DEFAULT_CATEGORY: FindingCategory = "security";

/** How serious a finding is, as the policy declares it. */
export type FindingSeverity = "low" | "medium" | "high" | "critical";

/** The severity of a finding whose policy declares none. */
export const DEFAULT_SEVERITY: FindingSeverity = "medium";

/** One thing a policy found wrong with a resource (or with the stack). */
export interface Finding extends ResourceRef {
  /** Policy name. */
  policy: string;
  /** What kind of finding it is. */
  category: FindingCategory;
  /** Whether it fails the run. */
  level: FindingLevel;
  /** How serious it is. */
  severity: FindingSeverity;
  /** What is wrong and how to fix it. */
  message: string;
  /** The stack config key whose value to change, when config decides what was found. @default none */
  configKey?: string;
  /** The provider property path the finding is about, e.g. `spec.template.spec.containers[0].image`. @default none */
  property?: string;
}

/** A finding the stack accepts (`guardrails:accepted`): reported with the stack's reason, never failing the run. */
export interface AcceptedFinding extends Finding {
  /** Why the stack accepts it. */
  reason: string;
}

/** A policy that could not judge a resource: a value it reads is unknown in this preview. */
export interface UnjudgedFinding extends Pick<Finding, "policy" | "level">, ResourceRef {
  /** Which value was unknown, e.g. `string value at .spec.containers can't be known during preview`. */
  reason: string;
}

const SEVERITIES: readonly string[] = ["low", "medium", "high", "critical"] satisfies FindingSeverity[];

/** `value` as a severity: itself when it names one, {@link DEFAULT_SEVERITY} otherwise. */
export function severityOf(value: unknown): FindingSeverity {
  return typeof value === "string" && SEVERITIES.includes(value) ? (value as FindingSeverity) : DEFAULT_SEVERITY;
}

/** The finding level of an enforcement level: `remediate` counts as mandatory (the engine reports it so), anything else not mandatory as advisory. */
export function findingLevel(enforcementLevel: string | undefined): FindingLevel {
  return enforcementLevel === "mandatory" || enforcementLevel === "remediate" ? "mandatory" : "advisory";
}

/**
 * The reference a URN spells: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, the type
 * being the last `$`-separated part of the qualified type. An empty or malformed URN gives empty fields.
 */
export function resourceRefOf(urn: string): ResourceRef {
  const parts = urn.split("::");
  if (parts.length < 4) return { urn, type: "", name: "" };
  const qualified = parts[2];
  return { urn, type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}
