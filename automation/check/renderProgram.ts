import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { installMockEngine, StackReferenceOutputs } from "./mockEngine";
import { CapturedResource } from "./resourceModel";
import { readProgramConfig } from "./stackFiles";

/** Options of {@link renderProgram}. */
export interface RenderOptions {
  /** Directory holding `Pulumi.yaml`, the stack files and the program. */
  projectDir: string;
  /** Stack whose `Pulumi.<stack>.yaml` configures the run. */
  stack: string;
  /** Program entry. @default `<projectDir>/index.ts` */
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
 * Runs the real program under Pulumi's mock monitor with the stack's config, as
 * `pulumi preview --stack <stack>` would run it, and returns what it registered.
 * Config and program errors propagate unchanged.
 */
export async function renderProgram(opts: RenderOptions): Promise<RenderedStack> {
  const { project, config, secretKeys } = readProgramConfig(opts.projectDir, opts.stack);
  const engine = installMockEngine({
    project,
    stack: opts.stack,
    preview: true,
    stackReferenceOutputs: opts.stackReferenceOutputs ?? offlineStackReferenceOutputs,
  });
  pulumi.runtime.setAllConfig(config, secretKeys);
  const program = require.resolve(path.resolve(opts.program ?? path.join(opts.projectDir, "index")));
  // A program that throws would leave rejected promises inside the SDK's stack resource; catch
  // the error here, let the stack complete empty, and rethrow it once registrations settle.
  let programError: { error: unknown } | undefined;
  await pulumi.runtime.runInPulumiStack(async () => {
    delete require.cache[program];
    try {
      return require(program);
    } catch (error) {
      programError = { error };
      return {};
    }
  });
  await engine.settle();
  if (programError) throw programError.error;
  const stackUrn = engine.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
  return { project, stack: opts.stack, resources: engine.resources, outputs: (stackUrn && engine.outputs.get(stackUrn)) || {} };
}
