import * as path from "node:path";
import Ajv, { ValidateFunction } from "ajv";
import { z } from "zod";
import { ConfigProblemsError } from "../core/configProblems";
import { MAX_NESTING, readUserFile, tooDeep, UsageError } from "../core/errors";

/** Enforcement levels a policy can run at. */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
/** One enforcement level. */
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** What the pack declares about one policy (from `GetAnalyzerInfo`). */
export interface PolicyInfo {
  /** Policy name. */
  name: string;
  /** Its description. */
  description: string;
  /** Level it declares (or the pack's). */
  enforcementLevel: EnforcementLevel;
  /** Severity it declares. */
  severity?: "low" | "medium" | "high" | "critical";
  /** Its tags (`group:<group>` among them). @default none */
  tags?: string[];
  /** Config JSON schema. */
  configSchema?: { properties: Record<string, Record<string, unknown>>; required?: string[] };
}

/** One policy's resolved config: level plus properties. */
export interface PolicyConfig {
  /** Level. */
  enforcementLevel: EnforcementLevel;
  /** Properties, schema defaults applied. */
  properties?: Record<string, unknown>;
}

/** Config as given in a `--policy-pack-config` file, by policy name (`"all"` included). */
export type PolicyConfigFile = Record<
  string,
  { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }
>;

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

/**
 * Parses a policy pack config file the way the CLI does (`pulumi preview --policy-pack-config`):
 * a JSON object whose values are a level string or an object with an optional `enforcementLevel`
 * and properties; an empty file is no config.
 * @throws UsageError naming the file and the offending key.
 */
export function readPolicyConfigFile(file: string): PolicyConfigFile {
  const name = path.relative(process.cwd(), file) || file;
  const text = readUserFile(file, (reason) => `--policy-config: cannot read ${name} (${reason})`);
  if (!text.trim()) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${name}: not valid JSON: ${(err as Error).message}`);
  }
  if (tooDeep(doc)) throw new UsageError(`${name}: nested deeper than ${MAX_NESTING} levels`);
  return parsePolicyConfig(doc, name);
}

/**
 * The `--policy-pack-config` format (a file's content, or a stack's inline `guardrails:policies`):
 * policy name → an enforcement level, or an object with an optional `enforcementLevel` and
 * properties. Each bad entry is an issue of its own, at the document's root, naming the policy.
 */
export const policyConfigDocumentSchema = z
  .unknown()
  .superRefine((doc, ctx) => {
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      ctx.addIssue({ code: "custom", message: "expected a JSON object of policy names" });
      return;
    }
    const levels = ENFORCEMENT_LEVELS.join(", ");
    for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
      if (key === "environments") continue;
      if (typeof value === "string") {
        if (!isLevel(value))
          ctx.addIssue({
            code: "custom",
            message: `"${key}": "${value}" is not a valid enforcement level (expected one of ${levels})`,
          });
      } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const { enforcementLevel } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
          ctx.addIssue({
            code: "custom",
            message: `"${key}".enforcementLevel: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level (expected one of ${levels})`,
          });
        }
      } else {
        ctx.addIssue({
          code: "custom",
          message: `"${key}": expected an enforcement level or an object, got ${JSON.stringify(value)}`,
        });
      }
    }
  })
  .transform((doc) => toPolicyConfigFile(doc as Record<string, unknown>));

function toPolicyConfigFile(doc: Record<string, unknown>): PolicyConfigFile {
  const out: PolicyConfigFile = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === "environments") continue;
    if (typeof value === "string") {
      out[key] = { enforcementLevel: value as EnforcementLevel };
      continue;
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel === undefined && Object.keys(properties).length === 0) continue;
    out[key] = {
      enforcementLevel: enforcementLevel as EnforcementLevel | undefined,
      properties: Object.keys(properties).length ? properties : undefined,
    };
  }
  return out;
}

/**
 * Validates a policy config document (see {@link policyConfigDocumentSchema}).
 * @throws UsageError naming `source` and each offending key, one line each.
 */
export function parsePolicyConfig(doc: unknown, source: string): PolicyConfigFile {
  const result = policyConfigDocumentSchema.safeParse(doc);
  if (!result.success) throw new ConfigProblemsError(result.error.issues.map((i) => `${source}: ${i.message}`));
  return result.data;
}

/** `base` with `over` laid on it: a level replaces, properties merge key by key. */
export function layerPolicyConfig(base: PolicyConfigFile, over: PolicyConfigFile): PolicyConfigFile {
  const out: PolicyConfigFile = { ...base };
  for (const [policy, given] of Object.entries(over)) {
    const current = out[policy];
    out[policy] = {
      enforcementLevel: given.enforcementLevel ?? current?.enforcementLevel,
      properties: current?.properties || given.properties ? { ...current?.properties, ...given.properties } : undefined,
    };
  }
  return out;
}

/** A config in the CLI's `--policy-pack-config` file format (level and properties side by side). */
export function policyConfigDocument(config: PolicyConfigFile): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([policy, c]) => [
      policy,
      c.properties
        ? { ...(c.enforcementLevel ? { enforcementLevel: c.enforcementLevel } : {}), ...c.properties }
        : c.enforcementLevel,
    ]),
  );
}

function applyConfig(result: Record<string, PolicyConfig>, toApply: PolicyConfigFile): void {
  const all = toApply.all?.enforcementLevel;
  if (all) for (const key of Object.keys(result)) result[key] = { ...result[key], enforcementLevel: all };
  for (const [policy, given] of Object.entries(toApply)) {
    if (policy === "all") continue;
    const current = result[policy];
    if (!current) continue;
    result[policy] = {
      enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
      properties: given.properties ? { ...(current.properties ?? {}), ...given.properties } : current.properties,
    };
  }
}

/** Compiled config schemas by their JSON text: a process that evaluates many stacks compiles each once. */
const compiledConfigSchemas = new Map<string, ValidateFunction>();
let configAjv: Ajv | undefined;

/** The validator of one policy's config schema, compiled on first use. */
function configValidator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiledConfigSchemas.get(key);
  if (!validate) {
    configAjv ??= new Ajv({ strict: false, allErrors: false });
    validate = configAjv.compile(schema);
    compiledConfigSchemas.set(key, validate);
  }
  return validate;
}

/**
 * Resolves every policy's level and properties as the Pulumi engine does before it configures an
 * analyzer: schema defaults and declared levels, then the pack's initial config, then the file
 * (its `"all"` level first, then per-policy entries); then validates each policy's properties
 * against its schema. Unlike the CLI, a policy name the pack does not have is an error, not ignored.
 * @throws UsageError naming `source` and the policy.
 */
export function reconcilePolicyConfig(
  policies: PolicyInfo[],
  file: PolicyConfigFile,
  source: string,
  initial: PolicyConfigFile = {},
): Record<string, PolicyConfig> {
  const known = new Set(policies.map((p) => p.name));
  for (const key of Object.keys(file)) {
    if (key !== "all" && !known.has(key))
      throw new UsageError(`${source}: unknown policy "${key}" (the pack has: ${[...known].join(", ")})`);
  }
  const result: Record<string, PolicyConfig> = {};
  for (const p of policies) {
    const defaults = Object.entries(p.configSchema?.properties ?? {}).filter(([, s]) => s && "default" in s);
    result[p.name] = {
      enforcementLevel: p.enforcementLevel,
      properties: defaults.length
        ? Object.fromEntries(defaults.map(([k, s]) => [k, structuredClone(s.default)]))
        : undefined,
    };
  }
  applyConfig(result, initial);
  applyConfig(result, file);
  for (const p of policies) {
    if (!p.configSchema) continue;
    const validate = configValidator({
      type: "object",
      properties: p.configSchema.properties,
      ...(p.configSchema.required?.length ? { required: p.configSchema.required } : {}),
    });
    if (!validate(result[p.name].properties ?? {})) {
      const e = validate.errors![0];
      throw new UsageError(`${source}: "${p.name}"${e.instancePath.replace(/\//g, ".")}: ${e.message}`);
    }
  }
  return result;
}
