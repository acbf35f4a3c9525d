import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { POLICY_PRESETS_DIR } from "../automation/core/paths";
import { evaluatePolicies, PolicyRunOptions } from "../automation/policy/evaluate";
import { readPolicyConfigFile } from "../automation/policy/policyConfig";
import { median } from "./median";
import { syntheticResources } from "./syntheticResources";

/** Result of the in-process policy throughput benchmark. */
export interface PolicyThroughput {
  /** Resources evaluated per run. */
  resources: number;
  /** Median resources per second over the runs. */
  perSecond: number;
  /** Median wall time of one evaluation, ms. */
  medianMs: number;
  /** Violations found per run (a sanity check that the policies ran). */
  violations: number;
}

/** Which pack and config to evaluate. @default the platform pack at its prod levels */
export type ThroughputSubject = Pick<PolicyRunOptions, "pack" | "config">;

const prodPack = (): ThroughputSubject => ({
  config: readPolicyConfigFile(path.join(POLICY_PRESETS_DIR, "prod.json")),
});

/** Evaluates a pack over `count` synthetic resources `runs` times after a warm-up. */
export async function measurePolicyThroughput(
  count = 10000,
  runs = 5,
  subject: ThroughputSubject = prodPack(),
): Promise<PolicyThroughput> {
  const resources = syntheticResources(count);
  const opts: PolicyRunOptions = { stack: "bench", project: "platform", ...subject };
  const warm = await evaluatePolicies(resources, opts);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await evaluatePolicies(resources, opts);
    times.push(performance.now() - start);
  }
  const medianMs = median(times);
  return {
    resources: count,
    perSecond: Math.round(count / (medianMs / 1000)),
    medianMs: Math.round(medianMs),
    violations: warm.violations.length,
  };
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 10000);
  measurePolicyThroughput(count)
    .then((r) => {
      if (process.argv.includes("--json")) console.log(JSON.stringify(r));
      else
        console.log(
          `policy evaluation: ${r.resources} resources, median ${r.medianMs} ms, ${r.perSecond} resources/s (${r.violations} violations)`,
        );
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
