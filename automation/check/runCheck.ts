import * as fs from "node:fs";
import * as path from "node:path";
import { isStackConfigError } from "../../components/config/errors";
import { UsageError } from "../errors";
import { evaluatePolicies } from "../policy/evaluate";
import { readInputFile } from "./inputFile";
import { validateKubernetesResources } from "./k8sSchema";
import { renderProgram } from "./renderProgram";
import { buildReport, CheckReport } from "./report";
import { CapturedResource } from "./resourceModel";

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** Stack to render, or (with `input`) whose policy config to use. */
  stack?: string;
  /** Check resources from this file instead of rendering the program. */
  input?: string;
  /** Policy pack config file. @default `policy/config/<stack>.json` */
  policyConfig?: string;
  /** Project directory (where `Pulumi.yaml` lives). @default the repository root */
  projectDir?: string;
  /** Program entry. @default `<repository root>/index.ts` */
  program?: string;
}

/** Where the code runs from: the repository, or its transpiled copy in `bin/`. */
const CODE_ROOT = path.resolve(__dirname, "..", "..");

/** The project root: the nearest directory up from the code holding `Pulumi.yaml`. */
export const REPO_ROOT = ((): string => {
  for (let dir = CODE_ROOT; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return CODE_ROOT;
  }
})();

/** Directory of the per-stack policy configs. */
export const POLICY_CONFIG_DIR = path.join(REPO_ROOT, "policy", "config");

function policyConfigFor(opts: CheckOptions): string | undefined {
  if (opts.policyConfig) return path.resolve(opts.policyConfig);
  if (!opts.stack) return undefined;
  const file = path.join(POLICY_CONFIG_DIR, `${opts.stack}.json`);
  if (fs.existsSync(file)) return file;
  if (opts.input) {
    const known = fs.readdirSync(POLICY_CONFIG_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5));
    throw new UsageError(`--stack: no policy config policy/config/${opts.stack}.json (expected one of: ${known.join(", ")})`);
  }
  return undefined;
}

async function resourcesToCheck(opts: CheckOptions): Promise<{ project: string; resources: CapturedResource[] }> {
  if (opts.input) return { project: "input", resources: readInputFile(opts.input, opts.stack ?? "input") };
  if (!opts.stack) throw new UsageError("check: expected --stack <name> or --input <file>");
  try {
    const rendered = await renderProgram({
      projectDir: opts.projectDir ?? REPO_ROOT,
      stack: opts.stack,
      program: opts.program ?? path.join(CODE_ROOT, "index"),
    });
    return { project: rendered.project, resources: rendered.resources };
  } catch (err) {
    if (isStackConfigError(err)) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Renders the stack's program offline (or reads `--input`), runs the policy pack over it as a
 * preview would, validates every Kubernetes object and returns the report.
 * @throws UsageError for an unknown stack, a bad stack file, stack config, policy config or input file.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  const configFile = policyConfigFor(opts);
  const { project, resources } = await resourcesToCheck(opts);
  const stack = opts.stack ?? "input";
  const policy = await evaluatePolicies(resources, { stack, project, configFile });
  const schemaErrors = await validateKubernetesResources(policy.resources);
  return buildReport(stack, policy.resources, policy.violations, schemaErrors, policy.remediations);
}
