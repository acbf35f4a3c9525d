import { Policies, PolicyPack } from "@pulumi/policy";
import { withAcceptance } from "./lib/acceptance";
import { withUnknownSubjects } from "./lib/unknowns";
import { PACK_NAME, policies as platformPolicies } from "./policies";

/** What goes into a policy pack built on the platform's policies. */
export interface PolicyPackOptions {
  /** Pack name, as `pulumi preview --policy-pack` and Pulumi Cloud show it. @default "platform-guardrails" */
  readonly name?: string;
  /** A team's own policies, run after the platform's. @default [] */
  readonly extraPolicies?: Policies;
  /** Names of platform policies to leave out (prefer a `disabled` level in the stack's policy config). @default [] */
  readonly exclude?: readonly string[];
}

/** A pack's name and its policies, before anything is served. */
export interface PolicyPackDefinition {
  /** Pack name. */
  readonly name: string;
  /** The policies, the platform's first. */
  readonly policies: Policies;
}

/**
 * The platform's policies plus a team's own, as one pack definition, each taking the `accepted`
 * config property (findings a stack accepts on named resources), each stack policy reporting every
 * resource an unknown value kept it from judging on that resource (`withUnknownSubjects`). Pure: nothing is served, so the
 * checker and tests can inspect it.
 * @throws Error when a name in `exclude` is not a platform policy, or two policies share a name.
 */
export function policyPackDefinition(options: PolicyPackOptions = {}): PolicyPackDefinition {
  const known = new Set(platformPolicies.map((p) => p.name));
  const unknown = (options.exclude ?? []).filter((name) => !known.has(name));
  if (unknown.length) throw new Error(`policyPackDefinition: exclude names no platform policy: ${unknown.join(", ")}`);
  const excluded = new Set(options.exclude ?? []);
  const all = [...platformPolicies.filter((p) => !excluded.has(p.name)), ...(options.extraPolicies ?? [])];
  const seen = new Set<string>();
  for (const p of all) {
    if (seen.has(p.name)) throw new Error(`policyPackDefinition: two policies are named "${p.name}"`);
    seen.add(p.name);
  }
  return { name: options.name ?? PACK_NAME, policies: all.map((p) => withUnknownSubjects(withAcceptance(p))) };
}

/**
 * Builds and serves the pack; call it once from a pack's entry file (the `main` of a folder with
 * `PulumiPolicy.yaml`), which `pulumi preview --policy-pack <folder>` runs. The pack's version is
 * that folder's `package.json` version, as `@pulumi/policy` requires.
 */
export function createPolicyPack(options: PolicyPackOptions = {}): PolicyPack {
  const definition = policyPackDefinition(options);
  return new PolicyPack(definition.name, { policies: definition.policies });
}
