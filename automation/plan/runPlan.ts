import * as path from "node:path";
import { readProgramConfig, readProject, stackPart } from "../core/project";
import { renderStack } from "../check/renderStack";
import { CreateTimes, DEFAULT_CREATE_TIMES, readCreateTimes } from "./createTimes";
import { DeployPlan, planDeploy, PlannedStep } from "./schedule";

/** Options of {@link runPlan}. */
export interface PlanOptions {
  /** Stack to render. */
  stack: string;
  /** Project directory (where `Pulumi.yaml` lives). @default the current directory */
  projectDir?: string;
  /** JSON file of create times laid over the default table. @default the default table */
  times?: string;
}

/** The plan of a stack, as `platform plan --json` prints it. */
export interface PlanReport extends DeployPlan {
  /** The stack. */
  stack: string;
  /** Where the create times came from. */
  times: string;
  /** Resources in the graph. */
  resources: number;
}

/**
 * Renders the stack's program offline and estimates its first deploy from the dependency graph.
 * @throws UsageError for an unknown stack, a bad stack file or config, or a bad times file.
 */
export async function runPlan(opts: PlanOptions): Promise<PlanReport> {
  const times: CreateTimes = opts.times ? readCreateTimes(opts.times) : DEFAULT_CREATE_TIMES;
  const project = readProject(path.resolve(opts.projectDir ?? process.cwd()));
  const config = readProgramConfig(project, opts.stack);
  const { resources } = await renderStack(project, config);
  return {
    stack: stackPart(opts.stack),
    times: opts.times ? `the default table with ${opts.times} laid over it` : "the default table",
    resources: resources.length,
    ...planDeploy(resources, times),
  };
}

/** `17.3 min` or `45 s`. */
export function duration(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
}

const at = (s: PlannedStep) => `${duration(s.start).padStart(9)} → ${duration(s.finish).padEnd(9)} ${s.type} ${s.name}`;

/** The plan for a terminal: the estimate, the critical path, then each app. */
export function formatPlan(plan: PlanReport): string {
  const lines = [
    `First deploy of ${plan.stack}: ${duration(plan.total)} (${plan.resources} resources; create times: ${plan.times})`,
    "",
    "Critical path:",
    ...plan.criticalPath.map((s) => `  ${at(s)}`),
    "",
    "Apps ready:",
  ];
  for (const app of plan.apps) {
    const slowest = [...app.waitsOn].sort((a, b) => b.seconds - a.seconds)[0];
    lines.push(
      `  ${duration(app.ready).padStart(9)}  ${app.name}${slowest ? ` (longest wait: ${slowest.type} ${slowest.name}, ${duration(slowest.seconds)})` : ""}`,
    );
  }
  return lines.join("\n");
}
