import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { projectConfigProblems } from "../../components/config/load";
import { POLICY_PRESETS_DIR } from "../core/paths";
import { policyConfigDocumentSchema } from "./policyConfig";

/** The config namespace in which a stack file declares its guardrails. */
export const GUARDRAILS_NAMESPACE = "guardrails";

/** The preset names a stack can give as `guardrails:policyConfig`. */
export function presetNames(): string[] {
  return fs
    .readdirSync(POLICY_PRESETS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** What a stack file's `guardrails:*` keys are checked against besides their shape. */
export interface GuardrailsContext {
  /** The project directory paths are relative to. */
  projectDir: string;
  /** The platform's preset names (`staging`, `prod`). */
  presets: readonly string[];
}

/** What each `guardrails:*` key takes: its description in the schema, the config reference and errors. */
export const GUARDRAILS_KEYS = {
  policyConfig: "a preset name (staging, prod) or a path, relative to the project, to a --policy-pack-config JSON file",
  policies: "an object in --policy-pack-config format, laid over policyConfig",
  policyPack: "a path, relative to the project, to a policy pack folder to run instead of the platform's",
  crds: "a list of paths, relative to the project, to CustomResourceDefinition files whose objects check validates",
  accepted:
    "a list of {name, reason, policies | notInspected: true | unknowns: true}: findings of those policies on the resource of that logical name, its not being inspected, or policies not judging it for unknown values, accepted for that reason",
  unknowns:
    "fail (the default: a mandatory policy that cannot judge a resource for unknown values fails the run) or report (listed only)",
} as const;

/** Shortest reason an acceptance may give. */
export const MIN_ACCEPTANCE_REASON = 10;

const REASON = `expected why it is accepted, at least ${MIN_ACCEPTANCE_REASON} characters`;
const POLICY_LIST = "expected a non-empty list of policy names";
const FLAG = "expected true or false";

/** One entry of `guardrails:accepted`. */
export const acceptanceSchema = z
  .strictObject(
    {
      name: z
        .string({ error: "expected the resource's logical name, as the report names it" })
        .min(1, { error: "expected the resource's logical name, as the report names it" }),
      reason: z.string({ error: REASON }).refine((r) => r.trim().length >= MIN_ACCEPTANCE_REASON, { error: REASON }),
      policies: z
        .array(z.string({ error: POLICY_LIST }), { error: POLICY_LIST })
        .min(1, { error: POLICY_LIST })
        .optional(),
      notInspected: z.boolean({ error: FLAG }).optional(),
      unknowns: z.boolean({ error: FLAG }).optional(),
    },
    { error: "expected an object {name, reason, policies | notInspected}" },
  )
  .refine((a) => !!a.policies || a.notInspected === true || a.unknowns === true, {
    error: "expected policies, notInspected: true or unknowns: true (what is accepted)",
  });

const relativeFile = (projectDir: string, expected: string) =>
  z.string({ error: `expected ${expected}` }).superRefine((f, ctx) => {
    const file = path.resolve(projectDir, f);
    if (!fs.existsSync(file)) ctx.addIssue({ code: "custom", message: `no file ${file} (expected ${expected})` });
  });

/**
 * The schema of a stack file's `guardrails:*` keys, with the checks that need the project: presets
 * that exist, files and the pack folder present.
 */
export function guardrailsSchema({ projectDir, presets }: GuardrailsContext) {
  return z.strictObject({
    policyConfig: z
      .string({ error: `expected ${GUARDRAILS_KEYS.policyConfig}` })
      .superRefine((v, ctx) => {
        if (presets.includes(v)) return;
        if (!/\.json$/.test(v))
          ctx.addIssue({
            code: "custom",
            message: `expected one of ${presets.join(", ")} or a path to a .json file, got ${JSON.stringify(v)}`,
          });
        else if (!fs.existsSync(path.resolve(projectDir, v)))
          ctx.addIssue({
            code: "custom",
            message: `no file ${path.resolve(projectDir, v)} (expected ${GUARDRAILS_KEYS.policyConfig})`,
          });
      })
      .optional()
      .describe(GUARDRAILS_KEYS.policyConfig),
    policies: policyConfigDocumentSchema.optional().describe(GUARDRAILS_KEYS.policies),
    policyPack: z
      .string({ error: `expected ${GUARDRAILS_KEYS.policyPack}` })
      .superRefine((v, ctx) => {
        const dir = path.resolve(projectDir, v);
        if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml")))
          ctx.addIssue({
            code: "custom",
            message: `no PulumiPolicy.yaml in ${dir} (expected ${GUARDRAILS_KEYS.policyPack})`,
          });
      })
      .optional()
      .describe(GUARDRAILS_KEYS.policyPack),
    crds: z
      .array(relativeFile(projectDir, GUARDRAILS_KEYS.crds), { error: `expected ${GUARDRAILS_KEYS.crds}` })
      .optional()
      .describe(GUARDRAILS_KEYS.crds),
    accepted: z
      .array(acceptanceSchema, { error: `expected ${GUARDRAILS_KEYS.accepted}` })
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((a, i) => {
          if (seen.has(a.name))
            ctx.addIssue({
              code: "custom",
              path: [i, "name"],
              message: `"${a.name}" is accepted twice (expected one entry per resource)`,
            });
          seen.add(a.name);
        });
      })
      .optional()
      .describe(GUARDRAILS_KEYS.accepted),
    unknowns: z
      .enum(["fail", "report"], { error: `expected ${GUARDRAILS_KEYS.unknowns}` })
      .optional()
      .describe(GUARDRAILS_KEYS.unknowns),
  });
}

/** Validated `guardrails:*` values. */
export type Guardrails = z.output<ReturnType<typeof guardrailsSchema>>;

/** What a stack file's `guardrails:*` keys hold: the values when there is no problem. */
export interface GuardrailsResult {
  /** Every problem, one line each, naming the stack file and key. */
  problems: string[];
  /** The validated values, when `problems` is empty. */
  values?: Guardrails;
}

/** A stack's config as the language host hands it (the part the guardrails check reads). */
export interface StackFileConfig {
  /** File name of the stack file, e.g. `Pulumi.prod.yaml`. */
  stackFile: string;
  /** `"<namespace>:<key>"` → value; structured values as JSON text. */
  config: Record<string, string>;
  /** Keys whose values are secrets. */
  secretKeys: readonly string[];
}

/**
 * Validates a stack file's `guardrails:*` keys against {@link guardrailsSchema}: every problem at
 * once, an unknown key with the nearest known one, a secret value refused.
 */
export function guardrailsProblems(config: StackFileConfig, projectDir: string): GuardrailsResult {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (const [full, value] of Object.entries(config.config)) {
    if (!full.startsWith(`${GUARDRAILS_NAMESPACE}:`)) continue;
    if (config.secretKeys.includes(full))
      problems.push(`${config.stackFile}: ${full}: expected a plain value, not a secret`);
    else raw[full] = value;
  }
  const schema = guardrailsSchema({ projectDir, presets: presetNames() });
  const result = projectConfigProblems(raw, { stackFile: config.stackFile, namespace: GUARDRAILS_NAMESPACE }, schema);
  problems.push(...result.problems);
  return problems.length ? { problems } : { problems, values: result.data };
}
