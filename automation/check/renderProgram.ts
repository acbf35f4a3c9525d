import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UsageError } from "../core/errors";
import { ProgramConfig, programEntry, PulumiProject, readProgramConfig, readProject } from "../core/project";
import { CapturedResource } from "../core/resourceModel";
import { installMockEngine, StackReferenceOutputs } from "./mockEngine";
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
    throw new UsageError(`--project-dir: ${project.dir} cannot resolve @pulumi/pulumi (run npm install in the project first)`);
  }
  const ours = require.resolve("@pulumi/pulumi");
  if (theirs !== ours) {
    throw new UsageError(`--project-dir: the project's @pulumi/pulumi (${path.dirname(theirs)}) is not the one this platform CLI runs with (${path.dirname(ours)}); run the CLI the project installed (npx platform)`);
  }
}

/**
 * Runs the project's program under Pulumi's mock monitor with the stack's config, as
 * `pulumi preview --stack <stack>` would run it, and returns what it registered.
 * Config and program errors propagate unchanged.
 */
export async function renderProgram(opts: RenderOptions): Promise<RenderedStack> {
  const { project, config } = opts;
  assertSharedSdk(project);
  if (project.typescript) registerTypeScript();
  const entry = opts.program ?? programEntry(project);
  let program: string;
  try {
    program = require.resolve(entry);
  } catch {
    throw new UsageError(`Pulumi.yaml: no program to run in ${project.dir} (expected main in Pulumi.yaml or package.json, or an index.ts / index.js)`);
  }
  const engine = installMockEngine({
    project: project.name,
    stack: config.stack,
    preview: true,
    stackReferenceOutputs: opts.stackReferenceOutputs ?? offlineStackReferenceOutputs,
  });
  pulumi.runtime.setAllConfig(config.config, config.secretKeys);
  // A program that throws would leave rejected promises inside the SDK's stack resource; catch
  // the error here, let the stack complete empty, and rethrow it once registrations settle.
  let programError: { error: unknown } | undefined;
  const cwd = process.cwd();
  process.chdir(project.dir);
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      delete require.cache[program];
      try {
        // As Pulumi's runtime does: an exported function is the program; its result the outputs.
        const exported = require(program);
        return typeof exported === "function" ? await exported() : exported;
      } catch (error) {
        programError = { error };
        return {};
      }
    });
    await engine.settle();
  } finally {
    process.chdir(cwd);
  }
  if (programError) throw programError.error;
  const stackUrn = engine.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
  return { project: project.name, stack: config.stack, resources: engine.resources, outputs: (stackUrn && engine.outputs.get(stackUrn)) || {} };
}

/** Reads the project in `projectDir` and renders `stack` with that stack's config. */
export function renderStack(projectDir: string, stack: string): Promise<RenderedStack> {
  const project = readProject(projectDir);
  return renderProgram({ project, config: readProgramConfig(project, stack) });
}
