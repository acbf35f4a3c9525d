import * as fs from "node:fs";
import { CeilingShape } from "./analyzerCeiling";

/** Markers around the benchmark table in the README. */
export const BENCH_MARKERS = { start: "<!-- bench:start -->", end: "<!-- bench:end -->" };

const CEILING_LABELS: Record<CeilingShape, (policies: number) => string> = {
  "same-shape": (n) => `analyzer alone: this pack's ${n} policies as no-ops`,
  "all-skipped": (n) => `analyzer alone: ${n} policies, all skipped by type`,
};

/** The phase table's rows: the phase's key in `phases100` and what it covers. */
const PHASE_ROWS: readonly [string, string][] = [
  ["start", "program start: the process, the CLI, project and stack config"],
  ["render", "render: the program under the mock engine (loading, compiling, registering)"],
  ["expansion", "expansion: manifests and secrets"],
  ["schemas", "schemas: Kubernetes object validation"],
  ["policies", "policies: the whole pack"],
  ["readiness", "readiness: the readiness group's share of policies"],
  ["report", "report"],
];

/** The phases of one 100-app check, each with its share of the phases' sum. */
function phaseTable(phases: Record<string, number>): string[] {
  const total = PHASE_ROWS.filter(([k]) => k !== "readiness").reduce((sum, [k]) => sum + phases[k], 0);
  return [
    "| Phase of one 100-app check | ms (median) | share |",
    "| --- | --- | --- |",
    ...PHASE_ROWS.map(([k, what]) => `| ${what} | ${phases[k]} | ${Math.round((100 * phases[k]) / total)} % |`),
  ];
}

/** How busy the machine was: the 1-minute load average when the bench started and when it ended. */
function loadNote(machine: { load?: number[] }): string {
  return machine.load ? `, load average ${machine.load.map((l) => l.toFixed(1)).join(" → ")}` : "";
}

/** The README table for a `bench/results/bench.json` document. */
export function benchTable(r: any): string {
  const row = (what: string, value: string, target: string) => `| ${what} | ${value} | ${target} |`;
  const s100 = r.scaling.find((s: any) => s.apps === 100);
  const s200 = r.scaling.find((s: any) => s.apps === 200);
  const s2000 = r.scaling.find((s: any) => s.apps === 2000);
  const perResource = (s: any) => s.wallMs / s.resources;
  const sameShape = r.analyzerCeiling.find((c: any) => c.shape === "same-shape");
  const appTarget = (apps: number) =>
    apps === 100 ? "≤ 10 s, ≤ 1 GB" : apps === 200 ? "≤ 2.3 × the 100-app time" : apps === 2000 ? "≤ 1.5 GB" : "—";
  return [
    `Measured with \`npm run bench\` (medians of fresh processes) on ${r.machine.cpus} cores${loadNote(r.machine)}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}; raw numbers in [bench/results/bench.json](bench/results/bench.json).`,
    "",
    "| What | Measured | Target |",
    "| --- | --- | --- |",
    row(
      "`check --stack staging`",
      `${r.stacks.staging.wallMs} ms, ${r.stacks.staging.peakRssMb} MB, ${r.stacks.staging.resources} resources`,
      "—",
    ),
    row(
      "`check --stack prod`",
      `${r.stacks.prod.wallMs} ms, ${r.stacks.prod.peakRssMb} MB, ${r.stacks.prod.resources} resources`,
      "≤ 3 s, ≤ 400 MB",
    ),
    ...r.examples.map((e: any) =>
      row(
        `\`check --stack prod\`, \`examples/${e.example}\``,
        `${e.wallMs} ms, ${e.peakRssMb} MB, ${e.resources} resources`,
        "—",
      ),
    ),
    ...r.scaling.map((s: any) =>
      row(
        `${s.apps} apps (synthetic)`,
        `${s.wallMs} ms, ${s.peakRssMb} MB, ${s.resources} resources`,
        appTarget(s.apps),
      ),
    ),
    row("200 / 100 apps", `${(s200.wallMs / s100.wallMs).toFixed(2)} ×`, "≤ 2.3 ×"),
    row(
      "time per resource, 2,000 (one run) / 200 apps",
      `${(perResource(s2000) / perResource(s200)).toFixed(2)} ×`,
      "≈ 1 × (linear)",
    ),
    row(
      `SDK floor: ${r.floor.deployments} bare Deployments under Pulumi mocks`,
      `${r.floor.wallMs} ms, ${r.floor.peakRssMb} MB`,
      "—",
    ),
    row("100-app check / SDK floor (interleaved runs)", `${(s100.wallMs / r.floor.wallMs).toFixed(2)} ×`, "≤ 1.3 ×"),
    row(
      "policy evaluation (in-process)",
      `${r.policyThroughput.perSecond} resources/s over ${r.policyThroughput.resources}`,
      "—",
    ),
    row(
      "policy evaluation / analyzer no-op ceiling (same shape)",
      `${(r.policyThroughput.perSecond / sameShape.perSecond).toFixed(2)}`,
      "≥ 0.6",
    ),
    ...r.analyzerCeiling.map((c: any) =>
      row(
        CEILING_LABELS[c.shape as CeilingShape](c.policies),
        `${c.perSecond} resources/s over ${c.resources}`,
        "— (upper bound of the policy row)",
      ),
    ),
    row("`tsc --noEmit`", `${r.tscMs} ms`, "≤ 20 s"),
    row(
      "test suite (`npm test`'s mocha, parallel on 2 workers)",
      `${r.testMs} ms${r.tests ? `, ${r.tests.passed} tests${r.tests.failed ? `, ${r.tests.failed} failing` : ""}` : ""}`,
      "≤ 60 s",
    ),
    "",
    ...phaseTable(r.phases100),
    "",
    "![check wall time and peak RSS against apps on the stack](bench/results/scaling.svg)",
  ].join("\n");
}

/** Rewrites the README's benchmark section from `result`. */
export function writeBenchTable(readmePath: string, result: unknown): void {
  const text = fs.readFileSync(readmePath, "utf8");
  const start = text.indexOf(BENCH_MARKERS.start);
  const end = text.indexOf(BENCH_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`${readmePath}: benchmark markers not found`);
  fs.writeFileSync(
    readmePath,
    `${text.slice(0, start + BENCH_MARKERS.start.length)}\n${benchTable(result)}\n${text.slice(end)}`,
  );
}
