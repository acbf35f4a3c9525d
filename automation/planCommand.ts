import type { CliIo } from "./core/cliIo";
import type { PlanFormat } from "./check/formats/formatNames";
import { formatPlanHtml } from "./check/formats/html/timeline";
import { writeOutputFile } from "./core/outputFile";
import { formatPlan, runPlan } from "./plan/runPlan";

/** The `plan` command's options, as parsed. */
export interface PlanCommandOptions {
  /** `--stack`. */
  stack: string;
  /** `--project-dir`. @default the current directory */
  projectDir?: string;
  /** `--times`: create times laid over the default table. @default the default table */
  times?: string;
  /** What to write (`--json` already folded in). */
  format: PlanFormat;
  /** `--output`. @default none: the format goes to stdout */
  output?: string;
}

/** Runs `platform plan`: the chosen format on stdout, or in `--output` with the text plan on stdout. */
export async function runPlanCommand(opts: PlanCommandOptions, io: CliIo): Promise<void> {
  const plan = await runPlan({ stack: opts.stack, projectDir: opts.projectDir, times: opts.times });
  const text =
    opts.format === "json"
      ? JSON.stringify(plan, null, 2)
      : opts.format === "html"
        ? formatPlanHtml(plan)
        : formatPlan(plan);
  if (opts.output) {
    writeOutputFile(opts.output, text);
    io.out(formatPlan(plan));
  } else io.out(text);
}
