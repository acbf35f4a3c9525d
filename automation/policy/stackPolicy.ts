import * as path from "node:path";
import { throwProblems } from "../core/configProblems";
import { POLICY_PACK_DIR, POLICY_PRESETS_DIR } from "../core/paths";
import { ProgramConfig } from "../core/project";
import { ACCEPTED_PROPERTY } from "../../policy/lib/acceptance";
import { GUARDRAILS_KEYS, GUARDRAILS_NAMESPACE, guardrailsProblems, presetNames } from "./guardrailsSchema";
import { layerPolicyConfig, PolicyConfigFile, readPolicyConfigFile } from "./policyConfig";

export { GUARDRAILS_KEYS, GUARDRAILS_NAMESPACE, guardrailsProblems, presetNames } from "./guardrailsSchema";

/** What a stack accepts on one resource, and why. */
export interface Acceptance {
  /** Logical name of the resource (as the report names it). */
  name: string;
  /** Why (shown wherever the acceptance applies). */
  reason: string;
  /** Policies whose findings on it are accepted. */
  policies: string[];
  /** Whether its not being inspected offline is accepted. */
  notInspected: boolean;
  /** Whether mandatory policies not judging it for unknown values is accepted. */
  unknowns: boolean;
}

/** Where a run's policy levels and pack come from. */
export interface PolicySettings {
  /** What the report says the levels came from. */
  source: string;
  /** The resolved levels and properties, in `--policy-pack-config` form. */
  config: PolicyConfigFile;
  /** The policy pack folder. */
  packDir: string;
  /** CustomResourceDefinition files whose kinds the checker validates. */
  crdFiles: string[];
  /** What the stack accepts, by resource. @default none */
  acceptances: Acceptance[];
  /** Whether a mandatory policy that cannot judge for unknown values fails the run. @default "fail" */
  unknowns: "fail" | "report";
}

/** Every policy mandatory: what a stack that declares nothing, and `--input` without `--stack`, run. */
export const ALL_MANDATORY: PolicyConfigFile = { all: { enforcementLevel: "mandatory" } };

function key(name: keyof typeof GUARDRAILS_KEYS): string {
  return `${GUARDRAILS_NAMESPACE}:${name}`;
}

/**
 * The policy settings a stack declares in its stack file:
 *
 * - `guardrails:policyConfig` — a preset (`prod`, `staging`) or a path to a `--policy-pack-config`
 *   file; without it every policy is mandatory;
 * - `guardrails:policies` — per-policy levels and properties laid over that;
 * - `guardrails:policyPack` — a pack folder of the team's own (e.g. built with `createPolicyPack`);
 * - `guardrails:crds` — CustomResourceDefinition files whose objects the checker validates;
 * - `guardrails:accepted` — findings (or not being inspected) accepted on named resources, with a reason;
 * - `guardrails:unknowns` — whether policies that cannot judge for unknown values fail the run.
 *
 * @throws ConfigProblemsError naming the stack file and key of every value that is not one of these.
 */
export function declaredPolicySettings(config: ProgramConfig, projectDir: string): PolicySettings {
  const { problems, values } = guardrailsProblems(config, projectDir);
  throwProblems(problems);
  const g = values!;
  let base = ALL_MANDATORY;
  let source = `${config.stackFile} declares no policy config: every policy mandatory`;
  if (g.policyConfig !== undefined) {
    const preset = presetNames().includes(g.policyConfig);
    base = readPolicyConfigFile(
      preset ? path.join(POLICY_PRESETS_DIR, `${g.policyConfig}.json`) : path.resolve(projectDir, g.policyConfig),
    );
    source = `${config.stackFile}: ${key("policyConfig")} ${g.policyConfig}${preset ? ` (the platform's ${g.policyConfig} preset)` : ""}`;
  }
  let merged = base;
  if (g.policies !== undefined) {
    merged = layerPolicyConfig(base, g.policies);
    source += `, with ${key("policies")} over it`;
  }
  let packDir = POLICY_PACK_DIR;
  if (g.policyPack !== undefined) {
    packDir = path.resolve(projectDir, g.policyPack);
    source += `; pack ${g.policyPack}`;
  }
  const acceptances = (g.accepted ?? []).map((a): Acceptance => ({
    name: a.name,
    reason: a.reason.trim(),
    policies: a.policies ?? [],
    notInspected: a.notInspected === true,
    unknowns: a.unknowns === true,
  }));
  if (acceptances.length) {
    merged = withAcceptances(merged, acceptances);
    source += `, ${acceptances.length} acceptance${acceptances.length > 1 ? "s" : ""} (${key("accepted")})`;
  }
  const unknowns = g.unknowns ?? "fail";
  if (unknowns === "report") source += `; unknown values reported, not failing (${key("unknowns")})`;
  const crdFiles = (g.crds ?? []).map((f) => path.resolve(projectDir, f));
  return { source, config: merged, packDir, crdFiles, acceptances, unknowns };
}

/** `config` with the acceptances laid over it (each accepted policy's `accepted` property). */
export function withAcceptances(config: PolicyConfigFile, acceptances: Acceptance[]): PolicyConfigFile {
  return acceptances.length ? layerPolicyConfig(config, acceptanceConfig(acceptances)) : config;
}

/** Each accepted policy's `accepted` config property: resource name → reason. */
function acceptanceConfig(acceptances: Acceptance[]): PolicyConfigFile {
  const out: PolicyConfigFile = {};
  for (const a of acceptances) {
    for (const policy of a.policies) {
      const accepted = (out[policy]?.properties?.[ACCEPTED_PROPERTY] ?? {}) as Record<string, string>;
      out[policy] = { properties: { [ACCEPTED_PROPERTY]: { ...accepted, [a.name]: a.reason } } };
    }
  }
  return out;
}

/** The settings `--policy-config FILE` gives: that file alone, the platform's pack. */
export function explicitPolicySettings(file: string): PolicySettings {
  const abs = path.resolve(file);
  return {
    source: `--policy-config ${file}`,
    config: readPolicyConfigFile(abs),
    packDir: POLICY_PACK_DIR,
    crdFiles: [],
    acceptances: [],
    unknowns: "fail",
  };
}

/** The settings of `--input` without `--stack`: every policy mandatory. */
export function inputPolicySettings(): PolicySettings {
  return {
    source: "--input without --stack: every policy mandatory",
    config: ALL_MANDATORY,
    packDir: POLICY_PACK_DIR,
    crdFiles: [],
    acceptances: [],
    unknowns: "fail",
  };
}
