import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { platformPack, PackDefinition } from "../automation/policy/packLoader";
import { forType, typeOf } from "../policy/lib/typed";
import { measurePolicyThroughput } from "./policyThroughput";

/**
 * The two no-op packs that bound what `@pulumi/policy`'s analyzer can deliver:
 * - `same-shape`: the platform pack's policies with their names, type tags and kinds kept but
 *   every check doing nothing — what the analyzer itself costs for this pack;
 * - `all-skipped`: as many resource policies, each tagged with a type no resource has, and no
 *   stack policies — the analyzer's cheapest path, skipping every policy without deserializing.
 */
export type CeilingShape = "same-shape" | "all-skipped";

/** Every ceiling shape, in report order. */
export const CEILING_SHAPES: readonly CeilingShape[] = ["same-shape", "all-skipped"];

const NO_RESOURCE_HAS_THIS_TYPE = "bench:none:Absent";

/** A fresh do-nothing check: `forType` tags the function itself, so none may be shared. */
function noOp(): () => void {
  return () => {};
}

/** The platform pack reduced to `shape` (see {@link CeilingShape}). */
export function noOpPack(shape: CeilingShape, pack: PackDefinition = platformPack()): PackDefinition {
  const policies: Policies = [];
  for (const p of pack.policies) {
    const meta = { name: p.name, description: p.description, enforcementLevel: "mandatory" as const };
    if ("validateStack" in p) {
      if (shape === "same-shape") policies.push({ ...meta, validateStack: noOp() } satisfies StackValidationPolicy);
      continue;
    }
    const type = shape === "all-skipped" ? NO_RESOURCE_HAS_THIS_TYPE : typeOf(p.validateResource);
    policies.push({
      ...meta,
      validateResource: type ? forType(type, noOp()) : noOp(),
    } satisfies ResourceValidationPolicy);
  }
  return { name: `${pack.name}-${shape}`, version: pack.version, policies };
}

/** Result line of one ceiling run. */
export interface CeilingResult {
  /** Which no-op pack. */
  shape: CeilingShape;
  /** Policies in it. */
  policies: number;
  /** Synthetic resources evaluated per run. */
  resources: number;
  /** Median resources per second. */
  perSecond: number;
}

/** Measures one shape; `@pulumi/policy` serves one pack per process, so run each in its own. */
export async function measureCeiling(shape: CeilingShape, runs = 5): Promise<CeilingResult> {
  const pack = noOpPack(shape);
  const r = await measurePolicyThroughput(10000, runs, { pack, config: {} });
  return { shape, policies: pack.policies.length, resources: r.resources, perSecond: r.perSecond };
}

if (require.main === module) {
  const shape = process.argv[2] as CeilingShape;
  if (!CEILING_SHAPES.includes(shape)) {
    console.error(`analyzerCeiling: expected one of ${CEILING_SHAPES.join(", ")}, got ${shape ?? "nothing"}`);
    process.exit(2);
  }
  measureCeiling(shape)
    .then((r) => {
      if (process.argv.includes("--json")) console.log(JSON.stringify(r));
      else console.log(`analyzer ceiling (${r.shape}, ${r.policies} no-op policies): ${r.perSecond} resources/s`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
