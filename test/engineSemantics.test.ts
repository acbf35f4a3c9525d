import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { renderProjectStack } from "./fixtures/renderProject";
import { withReferencesResolved } from "../automation/check/references";
import { RESOURCE_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE } from "../automation/core/resourceModel";
import type { ReportedResource } from "../automation/check/report";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";

const exec = promisify(execFile);
const CLI = path.join(REPO_ROOT, "dist", "automation", "cli.js");
const PROGRAMS = path.join(REPO_ROOT, "test", "fixtures", "programs");

/** `check --stack <stack> --json` of a fixture program, in-process, with its report parsed. */
async function check(program: string, stack = "prod", dir = path.join(PROGRAMS, program)) {
  const run = await runCli(["check", "--project-dir", dir, "--stack", stack, "--json"]);
  return { ...run, report: JSON.parse(run.stdout) };
}

/** The built CLI, as a team's CI runs it; resolves whatever the exit code. */
async function builtCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A copy of a fixture program in a temporary directory, the repository's node_modules linked in. */
function copyOf(program: string, skip: string[] = []): { dir: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "engine-semantics-"));
  const dir = path.join(root, program);
  fs.cpSync(path.join(PROGRAMS, program), dir, {
    recursive: true,
    filter: (src) => !skip.includes(path.basename(src)),
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { dir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

const props = (report: any, name: string) => report.resources.find((r: any) => r.name === name)?.props;
const violations = (report: any) => report.violations.map((v: any) => `${v.policy} ${v.name}`).sort();

describe("check runs a program with the engine's semantics", () => {
  it("hands policies a resource passed as an input as its id (custom) or URN (component), never a reference", async () => {
    const { code, report, stderr } = await check("resource-references");
    assert.equal(code, 0, stderr + JSON.stringify(report.error ?? report.violations));
    for (const name of ["deployer-readonly"]) {
      assert.equal(props(report, name).role, UNKNOWN_VALUE, "a preview does not know the role's id yet");
    }
    const ref = (extra: object) => ({ [SECRET_SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:s::p::t::n", ...extra });
    assert.deepEqual(withReferencesResolved({ a: ref({ id: "role-id" }), b: [ref({})], c: ref({ id: "" }) }), {
      a: "role-id",
      b: ["urn:pulumi:s::p::t::n"],
      c: "urn:pulumi:s::p::t::n",
    });
  });

  it("runs TypeScript as CommonJS, as Pulumi does: a circular import reads undefined instead of throwing", async () => {
    const { code, report, stderr } = await check("circular-import");
    assert.equal(code, 0, stderr + JSON.stringify(report.error));
    assert.equal(props(report, "network").data.address, "ip=203.0.113.10");
  });

  it("runs every kind of transform, in the engine's order, before recording and judging the inputs", async () => {
    const { code, report } = await check("transforms");
    assert.equal(code, 1);
    assert.deepEqual(violations(report), [
      "no-credentials-in-configmaps by-legacy-transformation",
      "no-credentials-in-configmaps by-parent-transform-child",
      "no-credentials-in-configmaps by-resource-transform",
      "no-credentials-in-configmaps by-stack-transform",
    ]);
    assert.equal(props(report, "by-stack-transform").data.password, "hunter2-correct-horse");
    const clean = await check("transforms", "clean");
    assert.equal(clean.code, 0, JSON.stringify(clean.report.violations));
  });

  it("registers and judges what an apply callback creates, and says it exists only because the callback ran", async () => {
    const { code, report } = await check("apply-resources");
    assert.equal(code, 1);
    assert.deepEqual(violations(report), ["no-credentials-in-configmaps shipper"]);
    assert.deepEqual(
      (report.resources as ReportedResource[]).filter((r) => r.createdInApply).map((r) => r.name),
      ["shipper"],
      "the report marks it",
    );
    const rendered = await renderProjectStack(path.join(PROGRAMS, "apply-resources"), "prod");
    assert.deepEqual(
      rendered.resources.filter((r) => r.createdInApply).map((r) => r.name),
      ["shipper"],
    );
    assert.equal(
      rendered.resources.find((r) => r.name === "shipper")!.inputs.data &&
        (rendered.resources.find((r) => r.name === "shipper")!.inputs.data as any).group,
      "app-id",
    );
  });

  it("runs a program once when the callbacks a preview skipped only build values, twice when one is the program's own", async () => {
    const runs = globalThis as { valueAppliesRuns?: number };
    const dir = path.join(PROGRAMS, "value-applies");
    const counted = async (stack: string) => {
      runs.valueAppliesRuns = 0;
      const rendered = await renderProjectStack(dir, stack);
      return { runs: runs.valueAppliesRuns, rendered };
    };
    const values = await counted("values");
    assert.equal(
      values.runs,
      1,
      "interpolate, concat, jsonStringify, jsonParse, lifted properties, JSON.stringify, components/outputValues",
    );
    assert.ok(values.rendered.resources.some((r) => r.name === "settings"));
    assert.equal((await counted("callback")).runs, 2, "a callback of the program's own may register a resource");
  });

  it("puts a namespace-less object in its provider's default namespace", async () => {
    const { code, report } = await check("provider-namespaces");
    assert.equal(code, 1);
    assert.equal(props(report, "in-open").metadata.namespace, "open");
    assert.equal(props(report, "in-guarded").metadata.namespace, "guarded");
    assert.deepEqual(violations(report), ["namespace-quota-and-limits report-open"]);
    assert.match(report.violations[0].message, /namespace "open"/);
  });

  it("expands a ConfigGroup and reports a Helm chart by what they hold, whatever the program parented to them", async () => {
    const { code, report } = await check("parented-to-manifests");
    assert.equal(code, 1);
    assert.deepEqual(
      report.notInspected.map((n: any) => [n.name, n.type, n.accepted]),
      [["agent", "kubernetes:helm.sh/v4:Chart", false]],
    );
    assert.deepEqual(violations(report), ["no-credentials-in-configmaps manifests:team/db"]);
  });

  describe("invokes", () => {
    it("answers the common lookups built in and the rest from the project's platform-invokes.json", async () => {
      const { code, report, stderr } = await check("invokes");
      assert.equal(code, 0, stderr);
      assert.deepEqual(props(report, "placement").data, {
        zone: "use1-az1",
        zoneName: "us-east-1b",
        image: "ami-0abcdef1234567890",
      });
    });

    it("stops with exit 3 naming the function and the program line when one has no result", async () => {
      const p = copyOf("invokes", ["platform-invokes.json"]);
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "prod", "--json"]);
        assert.equal(run.code, 3);
        assert.deepEqual(JSON.parse(run.stdout), {
          error:
            "could not evaluate the program: invoke aws:ec2/getAmi:getAmi has no result offline (add its result to platform-invokes.json) at index.ts:6",
          exitCode: 3,
        });
      } finally {
        p.cleanup();
      }
    });
  });

  describe("the built CLI", () => {
    before(function () {
      if (!fs.existsSync(CLI)) this.skip();
    });

    it("keeps the program's own output off stdout: --json prints one JSON document", async () => {
      const run = await builtCli(["check", "--project-dir", path.join(PROGRAMS, "noisy"), "--stack", "prod", "--json"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).summary.resources, 2);
      assert.match(run.stderr, /rendering the noisy program\na warning on stderr\n\{ "not": "the report" \}/);
    });

    it("exits 3 with one line naming the cause, the file and the line when the program throws", async () => {
      const run = await builtCli(["check", "--project-dir", path.join(PROGRAMS, "throws"), "--stack", "prod"]);
      assert.equal(run.code, 3);
      assert.equal(run.stdout, "");
      assert.equal(run.stderr, "error: could not evaluate the program: no settings for second at settings.ts:4\n");
      const json = await builtCli([
        "check",
        "--project-dir",
        path.join(PROGRAMS, "throws"),
        "--stack",
        "prod",
        "--json",
      ]);
      assert.deepEqual(JSON.parse(json.stdout), {
        error: "could not evaluate the program: no settings for second at settings.ts:4",
        exitCode: 3,
      });
    });
  });

  it("runs the directory's program, never a sibling file of the same name", async () => {
    const p = copyOf("circular-import");
    try {
      fs.writeFileSync(`${p.dir}.js`, 'throw new Error("the sibling ran");\n');
      fs.writeFileSync(`${p.dir}.json`, "{}\n");
      const run = await runCli(["check", "--project-dir", p.dir, "--stack", "prod", "--json"]);
      assert.equal(run.code, 0, run.stdout);
      assert.equal(props(JSON.parse(run.stdout), "network").data.address, "ip=203.0.113.10");
    } finally {
      p.cleanup();
    }
  });
});
