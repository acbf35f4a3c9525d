import * as path from "node:path";
import { isStackConfigError } from "../../components/config/errors";
import { UsageError } from "../errors";
import { validateKubernetesResources } from "./k8sSchema";
import { renderProgram } from "./renderProgram";
import { buildReport, CheckReport } from "./report";

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** Stack to render. */
  stack: string;
  /** Project directory (where `Pulumi.yaml` lives). @default the repository root */
  projectDir?: string;
  /** Program entry. @default `<repository root>/index.ts` */
  program?: string;
}

/** The repository root (this file lives in `automation/check/`). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/**
 * Renders the stack's program offline, validates every Kubernetes object and returns the report.
 * @throws UsageError for an unknown stack, an unreadable stack file or invalid stack config.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  let rendered;
  try {
    rendered = await renderProgram({
      projectDir: opts.projectDir ?? REPO_ROOT,
      stack: opts.stack,
      program: opts.program ?? path.join(REPO_ROOT, "index.ts"),
    });
  } catch (err) {
    if (isStackConfigError(err)) throw new UsageError(err.message);
    throw err;
  }
  const schemaErrors = await validateKubernetesResources(rendered.resources);
  return buildReport(opts.stack, rendered.resources, [], schemaErrors);
}
