import { reportExitCode } from "./check/buildReport";
import type { CliIo } from "./core/cliIo";
import { formatHumanReport } from "./check/formatReport";
import type { CheckFormat } from "./check/formats/formatNames";
import { formatCheckReport } from "./check/formats/render";
import { PHASE_ACTIVITY } from "./check/phases";
import { runCheck } from "./check/runCheck";
import { writeOutputFile } from "./core/outputFile";
import type { CapturedResource } from "./core/resourceModel";
import { DEFAULT_CREATE_TIMES } from "./plan/createTimes";
import type { PlanReport } from "./plan/runPlan";
import { planDeploy } from "./plan/schedule";

/** The `check` command's options, as parsed. */
export interface CheckCommandOptions {
  /** `--stack`. @default none (then `input` is required) */
  stack?: string;
  /** `--input`. @default none: the program is rendered */
  input?: string;
  /** `--policy-config`. @default the stack's declaration */
  policyConfig?: string;
  /** `--project-dir`. @default the current directory */
  projectDir?: string;
  /** What to write (`--json` already folded in). */
  format: CheckFormat;
  /** `--output`. @default none: the format goes to stdout */
  output?: string;
  /** Say each phase on stderr as it begins. */
  progress: boolean;
}

/**
 * Runs `platform check`: the check, the chosen format on stdout or in `--output` (the text report
 * then on stdout), and the report's exit code.
 */
export async function runCheckCommand(opts: CheckCommandOptions, io: CliIo): Promise<number> {
  let rendered: readonly CapturedResource[] = [];
  const report = await runCheck({
    stack: opts.stack,
    input: opts.input,
    policyConfig: opts.policyConfig,
    projectDir: opts.projectDir,
    onResources: (resources) => {
      rendered = resources;
    },
    onPhaseStart: opts.progress
      ? (phase) => {
          if (phase in PHASE_ACTIVITY) io.err(`check: ${PHASE_ACTIVITY[phase as keyof typeof PHASE_ACTIVITY]} …`);
        }
      : undefined,
  });
  const plan: PlanReport | undefined =
    opts.format === "html"
      ? {
          stack: report.stack,
          times: "the default table",
          resources: rendered.length,
          ...planDeploy(rendered, DEFAULT_CREATE_TIMES),
        }
      : undefined;
  const text = formatCheckReport(opts.format, report, { plan });
  if (opts.output) {
    writeOutputFile(opts.output, text);
    io.out(formatHumanReport(report));
  } else io.out(text);
  return reportExitCode(report);
}
