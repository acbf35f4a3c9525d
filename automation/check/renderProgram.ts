import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UsageError } from "../core/errors";
import { ProgramConfig, programEntry, PulumiProject } from "../core/project";
import { CapturedResource } from "../core/resourceModel";
import { watchApplies } from "./applies";
import { evaluationFailure } from "./evaluationFailure";
import { OfflineInvokes, readInvokeResults } from "./invokes";
import { installMockEngine, StackReferenceOutputs } from "./mockEngine";
import { redirectStdoutToStderr, silenceProgramOutput } from "./programOutput";
import { defaultProviderSettings, withProviderDefaults } from "./providerDefaults";
import { withReferencesResolved } from "./references";
import { cheapSdkPromiseStacks } from "./sdkPromiseStacks";
import { registerTypeScript } from "./typescriptLoader";

/** Options of {@link renderProgram}. */
export interface RenderOptions {
  /** The project. */
  project: PulumiProject;
  /** The stack's config, read from its stack file. */
  config: ProgramConfig;
  /** Program entry. @default what Pulumi's Node.js runtime would start ({@link programEntry}) */
  program?: string;
  /** Outputs served to StackReferences. @default {@link offlineStackReferenceOutputs} */
  stackReferenceOutputs?: StackReferenceOutputs;
}

/** A rendered stack: every resource and the stack outputs. */
export interface RenderedStack {
  /** Project name. */
  project: string;
  /** Stack name. */
  stack: string;
  /** Every resource, the stack resource first. */
  resources: CapturedResource[];
  /** Stack outputs, wire-encoded (secrets as envelopes). */
  outputs: Record<string, unknown>;
}

/** A placeholder kubeconfig for cluster StackReferences; it never reaches a cluster offline. */
export const offlineStackReferenceOutputs: StackReferenceOutputs = () => ({
  kubeconfig: "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n",
});

/**
 * The program must see the `@pulumi/pulumi` the mock engine is installed on; a project with its
 * own copy would talk to no engine at all.
 */
function assertSharedSdk(project: PulumiProject): void {
  let theirs: string;
  try {
    theirs = require.resolve("@pulumi/pulumi", { paths: [project.dir] });
  } catch {
    throw new UsageError(
      `--project-dir: ${project.dir} cannot resolve @pulumi/pulumi (run npm install in the project first)`,
    );
  }
  const ours = require.resolve("@pulumi/pulumi");
  if (theirs !== ours) {
    throw new UsageError(
      `--project-dir: the project's @pulumi/pulumi (${path.dirname(theirs)}) is not the one this platform CLI runs with (${path.dirname(ours)}); run the CLI the project installed (npx platform)`,
    );
  }
}

/** Settles every `pulumi.runtime` state the SDK keeps between runs (its callback server). */
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { callbacks?: { shutdown(): void } } };

/** The file `require` would run for `entry`: a directory as Pulumi's runtime requires it (`dir/`), never a sibling `dir.js`. */
function resolveProgram(entry: string, project: PulumiProject): string {
  const target =
    fs.existsSync(entry) && fs.statSync(entry).isDirectory() && !entry.endsWith(path.sep) ? entry + path.sep : entry;
  try {
    return require.resolve(target);
  } catch {
    throw new UsageError(
      `Pulumi.yaml: no program to run in ${project.dir} (expected main in Pulumi.yaml or package.json, or an index.ts / index.js)`,
    );
  }
}

/** Modules a run of a program loaded first, outside `node_modules`: the program's own files. */
const programModules = new Set<string>();

/** Forgets the program and the modules an earlier run of it loaded, so the next run executes them again. */
function forgetProgramModules(program: string): void {
  delete require.cache[program];
  for (const file of programModules) delete require.cache[file];
}

/** Remembers the modules a run loaded that were not loaded before it, except packages. */
function rememberProgramModules(before: ReadonlySet<string>): void {
  for (const file of Object.keys(require.cache)) {
    if (!before.has(file) && !file.split(path.sep).includes("node_modules")) programModules.add(file);
  }
}

/** What one run of the program registered, and the first error it raised anywhere. */
interface Run {
  resources: CapturedResource[];
  outputs: Record<string, unknown>;
  error?: { error: unknown };
  appliesSkipped: boolean;
}

/**
 * One run of the program under the mock engine: its stdout sent to stderr, errors thrown
 * anywhere (the program, a rejected promise, a callback) caught rather than crashing the
 * process, long stack traces so the failure can be placed in the project's files.
 */
async function runOnce(opts: RenderOptions, program: string, invokes: OfflineInvokes, preview: boolean): Promise<Run> {
  const { project, config } = opts;
  const engine = installMockEngine({
    project: project.name,
    stack: config.stack,
    projectDir: project.dir,
    preview,
    stackReferenceOutputs: opts.stackReferenceOutputs ?? offlineStackReferenceOutputs,
    invokeResult: (token, inputs) => invokes.result(token, inputs),
  });
  pulumi.runtime.setAllConfig(config.config, config.secretKeys);
  let programError: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    programError ??= { error };
  };
  const events = ["unhandledRejection", "uncaughtException"] as const;
  const listeners = events.map((event) => [event, process.listeners(event as "uncaughtException")] as const);
  for (const event of events) {
    process.removeAllListeners(event);
    process.on(event as "uncaughtException", fail);
  }
  const restoreStdout = preview ? redirectStdoutToStderr() : silenceProgramOutput();
  const stopWatchingInvokes = invokes.watch();
  const applies = watchApplies();
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const restorePromiseStacks = cheapSdkPromiseStacks();
  const cwd = process.cwd();
  const loaded = new Set(Object.keys(require.cache));
  process.chdir(project.dir);
  try {
    forgetProgramModules(program);
    // A program that throws would leave rejected promises inside the SDK's stack resource; catch
    // the error here, let the stack complete empty, and report it once registrations settle.
    await pulumi.runtime
      .runInPulumiStack(async () => {
        try {
          // As Pulumi's runtime does: an exported function is the program; its result the outputs.
          const exported = require(program);
          return typeof exported === "function" ? await exported() : exported;
        } catch (error) {
          fail(error);
          return {};
        }
      })
      .catch(fail);
    await engine.settle().catch(fail);
    // Rejections Node reports only after the microtask queue drains.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    rememberProgramModules(loaded);
    process.chdir(cwd);
    Error.stackTraceLimit = stackTraceLimit;
    restorePromiseStacks();
    applies.restore();
    stopWatchingInvokes();
    restoreStdout();
    for (const [event, previous] of listeners) {
      process.removeAllListeners(event);
      for (const listener of previous) process.on(event as "uncaughtException", listener as (err: Error) => void);
    }
    state.getStore().callbacks?.shutdown();
  }
  const stackUrn = engine.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
  return {
    resources: engine.resources,
    outputs: (stackUrn && engine.outputs.get(stackUrn)) || {},
    error: programError,
    appliesSkipped: applies.skipped(),
  };
}

/**
 * Runs the project's program under Pulumi's mock monitor with the stack's config, as the engine
 * would: first as `pulumi preview --stack <stack>` runs it, then — when some `apply` callback
 * did not run because its value was unknown — again as an update with mock values, adding what
 * only that run registered (marked `createdInApply`); when that run fails on a mock value, the
 * preview's resources stand and a warning on stderr says so. Resource references become ids or URNs and
 * provider defaults are applied, as the engine hands inputs to a policy pack.
 * @throws EvaluationError when the program throws or calls an invoke with no result offline;
 *   config errors (stack config, stack references) unchanged.
 */
export async function renderProgram(opts: RenderOptions): Promise<RenderedStack> {
  const { project, config } = opts;
  assertSharedSdk(project);
  if (project.typescript) registerTypeScript(project.dir);
  const program = resolveProgram(opts.program ?? programEntry(project), project);
  const invokes = new OfflineInvokes(readInvokeResults(project.dir), project.dir);
  const previewRun = await runOnce(opts, program, invokes, true);
  const failed = (run: Run) => {
    const error = evaluationFailure(run.error?.error, project.dir, invokes.missing);
    if (error !== undefined) throw error;
  };
  failed(previewRun);
  let resources = previewRun.resources;
  if (previewRun.appliesSkipped) {
    const updateRun = await runOnce(opts, program, invokes, false);
    const failure = evaluationFailure(updateRun.error?.error, project.dir, invokes.missing);
    if (failure === undefined) {
      const seen = new Set(resources.map((r) => r.urn));
      resources = [
        ...resources,
        ...updateRun.resources.filter((r) => !seen.has(r.urn)).map((r) => ({ ...r, createdInApply: true })),
      ];
    } else {
      // Mock values are not the cloud's (a computed output such as an ARN is undefined): a program
      // may fail on them where the preview passed. Its verdict stands; say what was not seen.
      process.stderr.write(
        `warning: resources created inside apply callbacks are not judged: running the program as an update with mock values failed (${failure instanceof Error ? failure.message : String(failure)})\n`,
      );
    }
  }
  resources = withProviderDefaults(resources, defaultProviderSettings(config.config)).map((r) => ({
    ...r,
    inputs: withReferencesResolved(r.inputs) as Record<string, unknown>,
    registeredByProgram: true,
  }));
  return { project: project.name, stack: config.stack, resources, outputs: previewRun.outputs };
}
