import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "./fixtures/paths";
import { readProgramConfig, readProject } from "../automation/core/project";
import { parseStackConfig } from "../components";
import { scalingChart } from "../bench/chart";
import { syntheticProject } from "../bench/syntheticStack";
import { benchTable } from "../bench/table";
import { noOpPack } from "../bench/analyzerCeiling";
import { platformPack } from "../automation/policy/packLoader";
import { typeOf } from "../policy/lib/typed";

describe("benchmark tooling", () => {
  it("generates a valid synthetic stack with the asked number of apps, without YAML aliases", () => {
    const project = syntheticProject(120);
    try {
      const text = fs.readFileSync(path.join(project.dir, `Pulumi.${project.stack}.yaml`), "utf8");
      assert.doesNotMatch(text, /(^|\s)[&*]a\d+/m, "no anchors or aliases");
      const { config, secretKeys } = readProgramConfig(readProject(project.dir), project.stack);
      const parsed = parseStackConfig(config, { stackFile: project.stack, isSecret: (k) => secretKeys.includes(k) });
      assert.equal(parsed.apps.length, 120);
      assert.equal(new Set(parsed.apps.map((a) => a.ingress?.host)).size, 120);
      assert.equal(parse(text).config["platform:quota"].pods, 960);
    } finally {
      fs.rmSync(project.dir, { recursive: true, force: true });
    }
  });

  it("draws both series with one point per measurement", () => {
    const svg = scalingChart(
      [10, 50, 100].map((apps) => ({ apps, resources: apps * 11, wallMs: apps * 50, peakRssMb: 150 + apps })),
    );
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
    assert.equal((svg.match(/<circle/g) ?? []).length, 6);
  });

  it("builds the analyzer-ceiling packs from the real pack: same names, kinds and type tags, no work", () => {
    const real = platformPack().policies;
    const same = noOpPack("same-shape").policies;
    assert.deepEqual(
      same.map((p) => p.name),
      real.map((p) => p.name),
    );
    assert.deepEqual(
      same.map((p) => "validateStack" in p),
      real.map((p) => "validateStack" in p),
    );
    assert.deepEqual(
      same.map((p: any) => typeOf(p.validateResource)),
      real.map((p: any) => typeOf(p.validateResource)),
    );
    assert.ok(
      real.some((p) => !("validateStack" in p) && !typeOf((p as any).validateResource)),
      "the real pack has untyped resource policies",
    );
    const report = () => assert.fail("a no-op policy reported");
    for (const p of same)
      assert.equal(
        ("validateStack" in p ? p.validateStack : (p as any).validateResource)({ props: {}, resources: [] }, report),
        undefined,
      );

    const skipped = noOpPack("all-skipped").policies;
    assert.equal(skipped.length, real.filter((p) => !("validateStack" in p)).length);
    assert.ok(skipped.every((p: any) => typeOf(p.validateResource) === "bench:none:Absent"));
  });

  it("keeps the README's table in step with bench/results/bench.json", () => {
    const result = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "bench", "results", "bench.json"), "utf8"));
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    assert.ok(readme.includes(benchTable(result)), "run `npm run bench` to refresh both");
    for (const key of [
      "stacks",
      "examples",
      "scaling",
      "floor",
      "phases100",
      "policyThroughput",
      "analyzerCeiling",
      "tscMs",
      "testMs",
    ])
      assert.ok(key in result, key);
  });
});
