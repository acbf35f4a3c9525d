import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { CODE_ROOT as REPO_ROOT } from "../automation/core/paths";
import { scalingChart, ScalingPoint } from "./chart";
import { CEILING_SHAPES, CeilingResult } from "./analyzerCeiling";
import { median } from "./median";
import { measurePolicyThroughput } from "./policyThroughput";
import type { CheckPhase } from "../automation/check/phases";
import { syntheticProject } from "./syntheticStack";
import { writeBenchTable } from "./table";

/** How long each phase of one check took, ms (`readiness` is the readiness group's share of `policies`). */
type PhaseTimes = Record<CheckPhase, number>;

/** One benchmarked command: median wall time and peak RSS over fresh processes. */
interface Measured {
  wallMs: number;
  peakRssMb: number;
  stdout: string;
}

const RSS_HOOK = path.join(__dirname, "peakRss.cjs");

/** Runs `node <args>` `runs` times in fresh processes; fails loudly if the command fails. */
function measure(args: string[], runs: number, okCodes = [0]): Measured {
  const walls: number[] = [];
  const rss: number[] = [];
  let stdout = "";
  for (let i = 0; i < runs; i++) {
    const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${i}`);
    const start = performance.now();
    const r = spawnSync(process.execPath, ["--require", RSS_HOOK, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    walls.push(performance.now() - start);
    if (!okCodes.includes(r.status ?? -1))
      throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    rss.push(Number(fs.readFileSync(rssFile, "utf8")) / 1024);
    fs.rmSync(rssFile, { force: true });
    stdout = r.stdout;
  }
  return { wallMs: Math.round(median(walls)), peakRssMb: Math.round(median(rss)), stdout };
}

/** The example projects measured at prod, one row each. */
const EXAMPLES = ["exams", "core-banking", "lending-aws", "cluster-services"];

/** The test that holds the README's table to bench/results/bench.json. */
const BENCH_TABLE_TEST = "keeps the README's table in step";

const LAUNCH = [path.join(REPO_ROOT, "dist", "automation", "cli.js")];

function checkStack(
  stack: string,
  runs: number,
  extra: string[] = [],
): { wallMs: number; peakRssMb: number; resources: number } {
  const m = measure([...LAUNCH, "check", "--stack", stack, "--json", ...extra], runs);
  return { wallMs: m.wallMs, peakRssMb: m.peakRssMb, resources: JSON.parse(m.stdout).summary.resources };
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const runsArg = process.argv.indexOf("--runs");
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  const log = (text: string) => {
    if (!json) console.error(text);
  };

  const loadAtStart = os.loadavg()[0];
  measure([...LAUNCH, "check", "--stack", "staging"], 1);
  log(`check, ${runs} runs each …`);
  const stacks = { staging: checkStack("staging", runs), prod: checkStack("prod", runs) };

  log("examples …");
  const examples = EXAMPLES.map((example) => ({
    example,
    ...checkStack("prod", runs, ["--project-dir", path.join(REPO_ROOT, "examples", example)]),
  }));

  const scaling: ScalingPoint[] = [];
  let floor: { deployments: number; wallMs: number; peakRssMb: number } | undefined;
  let phases: PhaseTimes | undefined;
  const stagingLevels = path.join(REPO_ROOT, "policy", "config", "staging.json");
  for (const apps of [10, 50, 100, 200, 2000]) {
    log(`scaling: ${apps} apps …`);
    const project = syntheticProject(apps);
    try {
      const args = ["--project-dir", project.dir, "--policy-config", stagingLevels];
      if (apps !== 100) {
        const r = checkStack(project.stack, apps > 200 ? 1 : Math.min(runs, 3), args);
        scaling.push({ apps, resources: r.resources, wallMs: r.wallMs, peakRssMb: r.peakRssMb });
        continue;
      }
      // The floor ratio's two sides and the phases, interleaved round by round so that a change
      // in the machine's load falls on all of them alike.
      log("the 100-app check, the SDK floor and the check's phases, interleaved …");
      const rounds = Array.from({ length: Math.max(3, Math.min(runs, 5)) }, () => {
        const check = checkStack(project.stack, 1, args);
        const bare = measure(
          ["--stack-trace-limit=1", path.join(__dirname, "sdkFloor.cjs"), String(check.resources)],
          1,
        );
        const times = measure(
          ["--stack-trace-limit=1", path.join(__dirname, "checkPhases.cjs"), project.dir, project.stack, stagingLevels],
          1,
        );
        return { check, bare, phases: JSON.parse(times.stdout) as PhaseTimes };
      });
      const med = (values: number[]) => Math.round(median(values));
      const resources = rounds[0].check.resources;
      scaling.push({
        apps,
        resources,
        wallMs: med(rounds.map((r) => r.check.wallMs)),
        peakRssMb: med(rounds.map((r) => r.check.peakRssMb)),
      });
      floor = {
        deployments: resources,
        wallMs: med(rounds.map((r) => r.bare.wallMs)),
        peakRssMb: med(rounds.map((r) => r.bare.peakRssMb)),
      };
      phases = Object.fromEntries(
        Object.keys(rounds[0].phases).map((k) => [k, med(rounds.map((r) => r.phases[k as CheckPhase]))]),
      ) as PhaseTimes;
    } finally {
      fs.rmSync(project.dir, { recursive: true, force: true });
    }
  }

  log("policy throughput …");
  const throughput = await measurePolicyThroughput(10000, runs);
  log("analyzer ceiling (no-op packs) …");
  const analyzerCeiling = CEILING_SHAPES.map((shape): CeilingResult => {
    const m = measure(
      ["--stack-trace-limit=1", "--import", "tsx", path.join(__dirname, "analyzerCeiling.ts"), shape, "--json"],
      1,
    );
    return JSON.parse(m.stdout);
  });
  log("tsc --noEmit …");
  const tsc = measure(
    [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", REPO_ROOT],
    Math.min(runs, 3),
  );
  log("test suite …");
  // Less the one test that compares the README with this run's results, which are not written yet.
  // A failing test still ran: the time counts, and the table says how many failed (mocha exits
  // with the number of failures).
  const tests = measure(
    [path.join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js"), "--grep", BENCH_TABLE_TEST, "--invert"],
    Math.min(runs, 3),
    Array.from({ length: 100 }, (_, n) => n),
  );
  const [, passed, failed] = /^(\d+) passed, (\d+) failed/m.exec(tests.stdout) ?? [];

  const result = {
    machine: {
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      load: [loadAtStart, os.loadavg()[0]],
    },
    stacks,
    examples,
    scaling,
    floor,
    phases100: phases,
    policyThroughput: { resources: throughput.resources, perSecond: throughput.perSecond },
    analyzerCeiling,
    tscMs: tsc.wallMs,
    testMs: tests.wallMs,
    tests: { passed: Number(passed), failed: Number(failed) },
  };
  const outDir = path.join(REPO_ROOT, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "bench.json"), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, "scaling.svg"), scalingChart(scaling));
  writeBenchTable(path.join(REPO_ROOT, "README.md"), result);
  if (json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `check staging: ${stacks.staging.wallMs} ms, ${stacks.staging.peakRssMb} MB, ${stacks.staging.resources} resources`,
    );
    console.log(
      `check prod:    ${stacks.prod.wallMs} ms, ${stacks.prod.peakRssMb} MB, ${stacks.prod.resources} resources`,
    );
    for (const e of examples) console.log(`${e.example}: ${e.wallMs} ms, ${e.peakRssMb} MB, ${e.resources} resources`);
    for (const s of scaling)
      console.log(
        `${String(s.apps).padStart(4)} apps:     ${s.wallMs} ms, ${s.peakRssMb} MB, ${s.resources} resources`,
      );
    console.log(
      `SDK floor:     ${floor!.wallMs} ms, ${floor!.peakRssMb} MB for ${floor!.deployments} bare Deployments`,
    );
    console.log(`100-app phases: ${JSON.stringify(phases)}`);
    console.log(`policy:        ${throughput.perSecond} resources/s over ${throughput.resources}`);
    for (const c of analyzerCeiling)
      console.log(`no-op pack:    ${c.perSecond} resources/s (${c.shape}, ${c.policies} policies)`);
    console.log(`tsc --noEmit:  ${tsc.wallMs} ms; test suite: ${tests.wallMs} ms`);
    console.log(`written: bench/results/bench.json, bench/results/scaling.svg, README.md (performance table)`);
  }
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exit(1);
});
