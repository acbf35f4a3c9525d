/// <reference types="mocha" />
/**
 * The one shared mocks setup, loaded by `.mocharc.json` before any test file. Tests render
 * components under Pulumi's mock monitor through the same engine the offline checker uses,
 * so what they assert on is what `check` and a real preview would send.
 */
import * as pulumi from "@pulumi/pulumi";
import { installMockEngine, MockEngineOptions } from "../automation/check/mockEngine";
import { CapturedResource, unwrap } from "../automation/core/resourceModel";

Error.stackTraceLimit = 1;

/** Project and stack the component tests run as. */
export const TEST_PROJECT = "platform";
/** Stack name for component tests. */
export const TEST_STACK = "test";

installMockEngine({ project: TEST_PROJECT, stack: TEST_STACK });

/** Resources a component test rendered, with lookups by type and name. */
export class Rendered {
  constructor(readonly resources: CapturedResource[]) {}

  /** Every resource of `type`. */
  ofType(type: string): CapturedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one resource of `type` whose logical name is `name`; fails the test if absent. */
  get(type: string, name: string): CapturedResource {
    const found = this.resources.find((r) => r.type === type && r.name === name);
    if (!found) {
      const names =
        this.ofType(type)
          .map((r) => r.name)
          .join(", ") || "none";
      throw new Error(`no ${type} named ${name} (have: ${names})`);
    }
    return found;
  }

  /** Plain inputs (secrets unwrapped) of the named resource. */
  props(type: string, name: string): any {
    return unwrap(this.get(type, name).inputs);
  }
}

/**
 * Runs `build` inside a fresh stack under the mock engine (preview mode) and resolves once every
 * resource registration has been answered.
 */
export async function render(
  build: () => void,
  opts: {
    preview?: boolean;
    computedOutputs?: MockEngineOptions["computedOutputs"];
    stackReferenceOutputs?: MockEngineOptions["stackReferenceOutputs"];
  } = {},
): Promise<Rendered> {
  // No config of an earlier test's stack (an aws:region, say) leaks into this one.
  pulumi.runtime.setAllConfig({}, []);
  const engine = installMockEngine({
    project: TEST_PROJECT,
    stack: TEST_STACK,
    preview: opts.preview ?? true,
    computedOutputs: opts.computedOutputs,
    stackReferenceOutputs: opts.stackReferenceOutputs,
  });
  await pulumi.runtime.runInPulumiStack(async () => {
    build();
    return {};
  });
  await engine.settle();
  return new Rendered(engine.resources);
}

/**
 * Resolves an Output's value (never assert inside `apply`); rejects at once when the value is
 * unknown (a preview value), which `apply` would otherwise never deliver.
 */
export async function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  const known = await (output as unknown as { isKnown: Promise<boolean> }).isKnown;
  if (!known)
    throw new Error(
      "promiseOf: the output is unknown in this render (render with { preview: false } and computedOutputs)",
    );
  return new Promise((resolve) =>
    output.apply((v) => {
      resolve(v);
      return v;
    }),
  );
}

/** Whether an Output is marked secret. */
export function isSecret<T>(output: pulumi.Output<T>): Promise<boolean> {
  return (output as unknown as { isSecret: Promise<boolean> }).isSecret;
}
