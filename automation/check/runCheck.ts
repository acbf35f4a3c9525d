import * as path from "node:path";
import { UsageError } from "../core/errors";
import { throwProblems } from "../core/configProblems";
import { ProgramConfig, readStackFileConfig, readProject, stackPart } from "../core/project";
import type { Finding } from "../core/findings";
import { CapturedResource, withTypedSecrets } from "../core/resourceModel";
import { evaluatePolicies } from "../policy/evaluate";
import {
  declaredPolicySettings,
  explicitPolicySettings,
  inputPolicySettings,
  PolicySettings,
  withAcceptances,
} from "../policy/stackPolicy";
import { withConfigKeys } from "./configProvenance";
import { bundledCrdSchemas } from "./crdSchemas";
import { findDuplicates } from "./duplicates";
import { expandManifests } from "./expand";
import { findNotInspected } from "./notInspected";
import { readInputFile } from "./inputFile";
import { validateKubernetesResources } from "./k8sSchema";
import { renderStack, throwWithProgramProblems } from "./renderStack";
import { buildReport } from "./buildReport";
import { phaseClock, PhaseListeners } from "./phases";
import type { CheckReport } from "./report";

export type { CheckPhase } from "./phases";

/** Options of {@link runCheck}. */
export interface CheckOptions extends PhaseListeners {
  /** Stack to render, or (with `input`) whose declared policy config to use. */
  stack?: string;
  /** Check resources from this file instead of rendering the program. */
  input?: string;
  /** Policy pack config file, instead of what the stack declares. @default the stack's declaration */
  policyConfig?: string;
  /** Project directory (where `Pulumi.yaml` lives). @default the current directory */
  projectDir?: string;
  /** Program entry, instead of the one Pulumi would start. @default the project's own */
  program?: string;
  /** Given the resources as the policies judged them (the HTML report plans their first deploy from them). @default nobody */
  onResources?: (resources: readonly CapturedResource[]) => void;
}

interface Subject {
  stack: string;
  project: string;
  /** Where relative manifest paths resolve (the program's working directory). */
  projectDir: string;
  settings: PolicySettings;
  resources: () => Promise<CapturedResource[]>;
  /** The stack's config, when the program is rendered from it (not with `--input`). */
  config?: ProgramConfig;
}

/** What to check and at which levels, read before anything runs so that bad input fails fast. */
async function subjectOf(opts: CheckOptions): Promise<Subject> {
  if (!opts.stack && !opts.input) throw new UsageError("check: expected --stack <name> or --input <file>");
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  if (opts.input && !opts.stack) {
    const input = opts.input;
    const settings = opts.policyConfig ? explicitPolicySettings(opts.policyConfig) : inputPolicySettings();
    return {
      stack: "input",
      project: "input",
      projectDir: process.cwd(),
      settings,
      resources: async () => readInputFile(input, "input"),
    };
  }
  const stack = stackPart(opts.stack!);
  const project = readProject(projectDir);
  const { config, problems, programProblems } = readStackFileConfig(project, opts.stack!);
  if (opts.input) throwProblems(problems);
  else if (problems.length || programProblems.length) {
    await throwWithProgramProblems(project, config, [...programProblems, ...problems], opts.program);
  }
  let settings = declaredPolicySettings(config, projectDir);
  if (opts.policyConfig) {
    const explicit = explicitPolicySettings(opts.policyConfig);
    // The file replaces the levels; what the stack accepts on its own resources still holds.
    settings = { ...settings, source: explicit.source, config: withAcceptances(explicit.config, settings.acceptances) };
  }
  const input = opts.input;
  const resources = input
    ? async () => readInputFile(input, stack)
    : async () => (await renderStack(project, config, opts.program)).resources;
  return {
    stack,
    project: project.name,
    projectDir: project.dir,
    settings,
    resources,
    config: input ? undefined : config,
  };
}

/**
 * Renders the stack's program offline (or reads `--input`), runs the policy pack over it as a
 * preview would at the levels the stack declares, validates every Kubernetes object and returns
 * the report.
 * @throws UsageError for an unknown stack, a bad stack file, stack config, policy config or input file.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  const subject = await subjectOf(opts);
  const clock = phaseClock(opts);
  clock.begin("render");
  const rendered = await subject.resources();
  clock.begin("expansion");
  const expansion = expandManifests(rendered, subject.projectDir);
  const resources = expansion.resources.map(withTypedSecrets);
  clock.begin("policies");
  let readinessMs = 0;
  const policy = await evaluatePolicies(resources, {
    stack: subject.stack,
    project: subject.project,
    config: subject.settings.config,
    source: subject.settings.source,
    packDir: subject.settings.packDir,
    onPolicyTime: opts.onPhase
      ? (group, ms) => {
          if (group === "readiness") readinessMs += ms;
        }
      : undefined,
  });
  const { config } = subject;
  const traced = <F extends Finding>(findings: F[]) =>
    config ? withConfigKeys(findings, policy.resources, config) : findings;
  clock.end();
  opts.onPhase?.("readiness", readinessMs);
  opts.onResources?.(policy.resources);
  clock.begin("schemas");
  const crds = bundledCrdSchemas();
  for (const file of subject.settings.crdFiles) crds.addFile(file, path.relative(process.cwd(), file) || file);
  const schemas = await validateKubernetesResources(policy.resources, crds);
  clock.begin("report");
  const report = buildReport(
    subject.stack,
    { source: subject.settings.source, levels: policy.levels },
    policy.resources,
    {
      violations: traced(policy.violations),
      accepted: traced(policy.accepted),
      ...schemas,
      duplicates: findDuplicates(policy.resources),
      remediations: policy.remediations,
      notInspected: findNotInspected(policy.resources, subject.settings.acceptances, expansion.unexpanded),
      unknowns: policy.unknowns,
      acceptances: subject.settings.acceptances,
      unknownsFail: subject.settings.unknowns === "fail",
    },
  );
  clock.end();
  return report;
}
