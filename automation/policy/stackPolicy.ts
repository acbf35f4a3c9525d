import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../core/errors";
import { POLICY_PACK_DIR, POLICY_PRESETS_DIR } from "../core/paths";
import { ProgramConfig } from "../core/project";
import { ACCEPTED_PROPERTY } from "../../policy/lib/acceptance";
import { layerPolicyConfig, parsePolicyConfig, PolicyConfigFile, readPolicyConfigFile } from "./policyConfig";

/** The config namespace in which a stack file declares its guardrails. */
export const GUARDRAILS_NAMESPACE = "guardrails";

/** The keys a stack may set in {@link GUARDRAILS_NAMESPACE}. */
export const GUARDRAILS_KEYS = {
  policyConfig: "a preset name (staging, prod) or a path, relative to the project, to a --policy-pack-config JSON file",
  policies: "an object in --policy-pack-config format, laid over policyConfig",
  policyPack: "a path, relative to the project, to a policy pack folder to run instead of the platform's",
  crds: "a list of paths, relative to the project, to CustomResourceDefinition files whose objects check validates",
  accepted: "a list of {name, reason, policies | notInspected: true | unknowns: true}: findings of those policies on the resource of that logical name, its not being inspected, or policies not judging it for unknown values, accepted for that reason",
  unknowns: "fail (the default: a mandatory policy that cannot judge a resource for unknown values fails the run) or report (listed only)",
} as const;

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

/** The preset names a stack can give as `guardrails:policyConfig`. */
export function presetNames(): string[] {
  return fs.readdirSync(POLICY_PRESETS_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}

function key(name: keyof typeof GUARDRAILS_KEYS): string {
  return `${GUARDRAILS_NAMESPACE}:${name}`;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The policy settings a stack declares in its stack file:
 *
 * - `guardrails:policyConfig` — a preset (`prod`, `staging`) or a path to a `--policy-pack-config`
 *   file; without it every policy is mandatory;
 * - `guardrails:policies` — per-policy levels and properties laid over that;
 * - `guardrails:policyPack` — a pack folder of the team's own (e.g. built with `createPolicyPack`);
 * - `guardrails:crds` — CustomResourceDefinition files whose objects the checker validates;
 * - `guardrails:accepted` — findings (or not being inspected) accepted on named resources, with a reason.
 *
 * @throws UsageError naming the stack file and key when a value is not one of these.
 */
export function declaredPolicySettings(config: ProgramConfig, projectDir: string): PolicySettings {
  const where = (name: keyof typeof GUARDRAILS_KEYS) => `${config.stackFile}: ${key(name)}`;
  for (const full of Object.keys(config.config)) {
    if (!full.startsWith(`${GUARDRAILS_NAMESPACE}:`)) continue;
    const name = full.slice(GUARDRAILS_NAMESPACE.length + 1);
    if (!(name in GUARDRAILS_KEYS)) {
      throw new UsageError(`${config.stackFile}: ${full}: unknown key (expected one of: ${Object.keys(GUARDRAILS_KEYS).map((k) => key(k as never)).join(", ")})`);
    }
    if (config.secretKeys.includes(full)) throw new UsageError(`${config.stackFile}: ${full}: expected a plain value, not a secret`);
  }
  let base = ALL_MANDATORY;
  let source = `${config.stackFile} declares no policy config: every policy mandatory`;
  const declared = config.config[key("policyConfig")];
  if (declared !== undefined) {
    const presets = presetNames();
    let file: string;
    if (presets.includes(declared)) {
      file = path.join(POLICY_PRESETS_DIR, `${declared}.json`);
      source = `${config.stackFile}: ${key("policyConfig")} ${declared} (the platform's ${declared} preset)`;
    } else if (/\.json$/.test(declared)) {
      file = path.resolve(projectDir, declared);
      if (!fs.existsSync(file)) throw new UsageError(`${where("policyConfig")}: no file ${file} (expected ${GUARDRAILS_KEYS.policyConfig})`);
      source = `${config.stackFile}: ${key("policyConfig")} ${declared}`;
    } else {
      throw new UsageError(`${where("policyConfig")}: expected one of ${presets.join(", ")} or a path to a .json file, got ${JSON.stringify(declared)}`);
    }
    base = readPolicyConfigFile(file);
  }
  const inline = config.config[key("policies")];
  let merged = base;
  if (inline !== undefined) {
    merged = layerPolicyConfig(base, parsePolicyConfig(parsed(inline), where("policies")));
    source += `, with ${key("policies")} over it`;
  }
  const pack = config.config[key("policyPack")];
  let packDir = POLICY_PACK_DIR;
  if (pack !== undefined) {
    packDir = path.resolve(projectDir, pack);
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
      throw new UsageError(`${where("policyPack")}: no PulumiPolicy.yaml in ${packDir} (expected ${GUARDRAILS_KEYS.policyPack})`);
    }
    source += `; pack ${pack}`;
  }
  const acceptances = declaredAcceptances(config);
  if (acceptances.length) {
    merged = withAcceptances(merged, acceptances);
    source += `, ${acceptances.length} acceptance${acceptances.length > 1 ? "s" : ""} (${key("accepted")})`;
  }
  const unknowns = config.config[key("unknowns")] ?? "fail";
  if (unknowns !== "fail" && unknowns !== "report") throw new UsageError(`${where("unknowns")}: expected ${GUARDRAILS_KEYS.unknowns}, got ${JSON.stringify(unknowns)}`);
  if (unknowns === "report") source += `; unknown values reported, not failing (${key("unknowns")})`;
  return { source, config: merged, packDir, crdFiles: declaredCrdFiles(config, projectDir), acceptances, unknowns };
}

const MIN_REASON = 10;

/** The acceptances a stack lists in `guardrails:accepted`. */
function declaredAcceptances(config: ProgramConfig): Acceptance[] {
  const text = config.config[key("accepted")];
  if (text === undefined) return [];
  const list = parsed(text);
  const where = `${config.stackFile}: ${key("accepted")}`;
  if (!Array.isArray(list)) throw new UsageError(`${where}: expected ${GUARDRAILS_KEYS.accepted}`);
  const seen = new Set<string>();
  return list.map((item, i): Acceptance => {
    const at = `${where}[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw new UsageError(`${at}: expected an object {name, reason, policies | notInspected}`);
    const { name, reason, policies, notInspected, unknowns, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) throw new UsageError(`${at}.${extra[0]}: unknown key (expected name, reason, policies, notInspected, unknowns)`);
    if (typeof name !== "string" || !name) throw new UsageError(`${at}.name: expected the resource's logical name, as the report names it`);
    if (seen.has(name)) throw new UsageError(`${at}.name: "${name}" is accepted twice (expected one entry per resource)`);
    seen.add(name);
    if (typeof reason !== "string" || reason.trim().length < MIN_REASON) throw new UsageError(`${at}.reason: expected why it is accepted, at least ${MIN_REASON} characters`);
    if (policies !== undefined && (!Array.isArray(policies) || !policies.length || policies.some((p) => typeof p !== "string"))) {
      throw new UsageError(`${at}.policies: expected a non-empty list of policy names`);
    }
    for (const [flag, value] of [["notInspected", notInspected], ["unknowns", unknowns]] as const) {
      if (value !== undefined && typeof value !== "boolean") throw new UsageError(`${at}.${flag}: expected true or false`);
    }
    if (!policies && !notInspected && !unknowns) throw new UsageError(`${at}: expected policies, notInspected: true or unknowns: true (what is accepted)`);
    return { name, reason: reason.trim(), policies: (policies as string[] | undefined) ?? [], notInspected: notInspected === true, unknowns: unknowns === true };
  });
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

/** The CRD files a stack lists in `guardrails:crds`, resolved against the project. */
function declaredCrdFiles(config: ProgramConfig, projectDir: string): string[] {
  const text = config.config[key("crds")];
  if (text === undefined) return [];
  const list = parsed(text);
  if (!Array.isArray(list) || list.some((f) => typeof f !== "string")) {
    throw new UsageError(`${config.stackFile}: ${key("crds")}: expected ${GUARDRAILS_KEYS.crds}`);
  }
  return list.map((f) => {
    const file = path.resolve(projectDir, f);
    if (!fs.existsSync(file)) throw new UsageError(`${config.stackFile}: ${key("crds")}: no file ${file} (expected ${GUARDRAILS_KEYS.crds})`);
    return file;
  });
}

/** The settings `--policy-config FILE` gives: that file alone, the platform's pack. */
export function explicitPolicySettings(file: string): PolicySettings {
  const abs = path.resolve(file);
  return { source: `--policy-config ${file}`, config: readPolicyConfigFile(abs), packDir: POLICY_PACK_DIR, crdFiles: [], acceptances: [], unknowns: "fail" };
}

/** The settings of `--input` without `--stack`: every policy mandatory. */
export function inputPolicySettings(): PolicySettings {
  return { source: "--input without --stack: every policy mandatory", config: ALL_MANDATORY, packDir: POLICY_PACK_DIR, crdFiles: [], acceptances: [], unknowns: "fail" };
}

