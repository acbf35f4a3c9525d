import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./fixtures/paths";
import { runCli } from "./fixtures/cli";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";

const exec = promisify(execFile);

describe("platform check (CLI)", () => {
  it("prints resources by type, violations by level and a one-line total, and exits 0", async () => {
    const run = await runCli(["check", "--stack", "staging"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    const lines = run.stdout.trimEnd().split("\n");
    const [, count] = /^Stack staging: (\d+) resources$/.exec(lines[0]) ?? [];
    assert.ok(Number(count) > 0, lines[0]);
    // The three apps of Pulumi.staging.yaml and the PgBouncer pooler in front of PostgreSQL.
    assert.match(run.stdout, /^ {2}kubernetes:apps\/v1:Deployment\s+4$/m);
    const advisory = Object.values(
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "config", "staging.json"), "utf8")),
    ).filter((v) => v === "advisory").length;
    assert.match(
      lines[1],
      new RegExp(
        `^Enforcement: Pulumi\\.staging\\.yaml: guardrails:policyConfig staging \\(the platform's staging preset\\) \\(\\d+ mandatory, ${advisory} advisory\\)$`,
      ),
    );
    const typeLines = lines.slice(2, lines.indexOf(""));
    assert.equal(
      typeLines.reduce((sum, l) => sum + Number(l.trim().split(/\s+/).pop()), 0),
      Number(count),
      "per-type counts add up",
    );
    assert.ok(run.stdout.indexOf("Mandatory violations (0)") < run.stdout.indexOf("Advisory violations (0)"));
    assert.equal(
      lines[lines.length - 1],
      `PASS: ${count} resources, 0 mandatory, 0 advisory, 0 schema errors, 0 duplicate identities`,
    );
  });

  it("prints exactly one JSON document with --json", async () => {
    const run = await runCli(["check", "--stack", "prod", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(report), [
      "stack",
      "enforcement",
      "resources",
      "violations",
      "accepted",
      "remediations",
      "schemaErrors",
      "notValidated",
      "duplicates",
      "notInspected",
      "unknowns",
      "unusedAcceptances",
      "summary",
    ]);
    assert.equal(report.stack, "prod");
    assert.match(report.enforcement.source, /^Pulumi\.prod\.yaml: guardrails:policyConfig prod/);
    assert.ok(
      Object.values(report.enforcement.levels).every((l) => l === "mandatory"),
      "prod runs every policy mandatory",
    );
    assert.deepEqual(report.violations, []);
    assert.deepEqual(report.summary, {
      resources: report.resources.length,
      mandatory: 0,
      advisory: 0,
      accepted: 0,
      schemaErrors: 0,
      notValidated: 0,
      notInspected: 0,
      unknowns: 0,
      duplicates: 0,
    });
    const deployment = report.resources.find((r: { name: string }) => r.name === "lending-apps-api-deploy");
    assert.equal(deployment.type, "kubernetes:apps/v1:Deployment");
    assert.equal(
      deployment.parent,
      "urn:pulumi:prod::platform::platform:app:AppTier$platform:app:WebService::lending-apps-api",
    );
    assert.equal(deployment.urn.split("::").pop(), deployment.name);
    assert.equal(
      deployment.props.spec.template.spec.containers[0].image,
      "registry.acme-bank.example/lending/api:1.14.2",
    );
    assert.equal(typeof deployment.options.protect, "boolean");
    assert.ok(
      deployment.dependencies.some((d: string) => d.endsWith("::lending-baseline-limits")),
      "waits for the LimitRange",
    );
  });

  const invalid = () =>
    tempProject("staging", stackConfigOf("staging"), path.join(__dirname, "fixtures", "invalidProgram.ts"));

  it("exits 1 and lists schema errors when an object breaks its Kubernetes schema", async () => {
    const project = invalid();
    const run = await runCli(["check", "--stack", "staging"], { projectDir: project.dir }).finally(project.cleanup);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /Schema errors \(1\)\n {2}kubernetes:apps\/v1:Deployment broken\n {6}\/spec\/replicas: must be integer; \/spec\/template\/spec\/containers\/0\/resources\/limits\/memory: must be number or must match format "quantity"/,
    );
    assert.match(
      run.stdout.trimEnd(),
      /FAIL: 2 resources, \d+ mandatory, \d+ advisory, 1 schema error, 0 duplicate identities$/,
    );
  });

  it("reports schema errors in the JSON document too", async () => {
    const project = invalid();
    const run = await runCli(["check", "--stack", "staging", "--json"], { projectDir: project.dir }).finally(
      project.cleanup,
    );
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.summary.schemaErrors, 1);
    assert.deepEqual(Object.keys(report.schemaErrors[0]), ["urn", "type", "name", "message"]);
    assert.equal(report.schemaErrors[0].name, "broken");
  });

  it("exits 2 on an unknown flag, naming it", async () => {
    const run = await runCli(["check", "--stack", "staging", "--jsn"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown option '--jsn'/);
    assert.equal(run.stdout, "");
  });

  it("exits 2 when neither --stack nor --input is given", async () => {
    const run = await runCli(["check"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "error: check: expected --stack <name> or --input <file>\n");
  });

  it("exits 2 on an unknown command", async () => {
    const run = await runCli(["deploy"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command 'deploy'/);
  });

  it("runs as `npm run platform -- check` in its own process", async function () {
    this.timeout(60000);
    const { stdout } = await exec("npm", ["run", "-s", "platform", "--", "check", "--stack", "prod", "--json"], {
      cwd: REPO_ROOT,
    });
    const report = JSON.parse(stdout);
    assert.equal(report.stack, "prod");
    assert.equal(report.summary.schemaErrors, 0);
  });

  it("exits 2 with one line and no stack trace in its own process", async function () {
    this.timeout(60000);
    const err = await exec("npm", ["run", "-s", "platform", "--", "check", "--stack", "nope"], { cwd: REPO_ROOT }).then(
      () => assert.fail("expected a non-zero exit"),
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    assert.equal(err.code, 2);
    assert.equal(err.stdout, "");
    assert.equal(err.stderr.trimEnd().split("\n").length, 1, err.stderr);
    assert.match(err.stderr, /^error: --stack: unknown stack "nope"/);
  });
});

describe("platform check progress", () => {
  const input = path.join(REPO_ROOT, "test", "fixtures", "input", "resources.json");

  it("with --progress says each phase on stderr as it begins, and stdout stays one JSON document", async () => {
    const run = await runCli(["check", "--input", input, "--json", "--progress"]);
    assert.deepEqual(
      run.stderr.split("\n").filter((l) => l.startsWith("check: ")),
      [
        "check: rendering the stack (its program under the mock engine, or the input file) …",
        "check: expanding manifests …",
        "check: running the policy pack …",
        "check: validating Kubernetes objects …",
        "check: building the report …",
      ],
    );
    assert.equal(JSON.parse(run.stdout).stack, "input");
  });

  it("says nothing while it runs without --progress when stderr is not the terminal", async () => {
    const run = await runCli(["check", "--input", input, "--json"]);
    assert.doesNotMatch(run.stderr, /^check: /m);
  });
});

describe("platform (CLI) usage", () => {
  it("prints the package version with --version", async () => {
    const run = await runCli(["--version"]);
    assert.equal(run.code, 0);
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    assert.equal(run.stdout.trim(), version);
  });

  it("exits 2 with the help on stderr when no command is given or help names no command", async () => {
    for (const argv of [[], ["help", "chek"]]) {
      const run = await runCli(argv);
      assert.equal(run.code, 2, argv.join(" "));
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /Usage: platform/);
    }
  });

  it("exits 0 for help asked for", async () => {
    const run = await runCli(["help", "check"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: platform check/);
  });

  it("loads no Pulumi SDK, policy pack or component for --version, help or a wrong flag", async () => {
    const cli = path.join(REPO_ROOT, "dist", "automation", "cli.js");
    const loadedBy = async (argv: string[]) => {
      const script = `require(${JSON.stringify(cli)}).main(${JSON.stringify(argv)}, { out() {}, err() {} }).then(() =>
        console.log(JSON.stringify(Object.keys(require.cache))))`;
      const { stdout } = await exec(process.execPath, ["-e", script], { cwd: REPO_ROOT });
      return (JSON.parse(stdout) as string[]).map((f) => path.relative(REPO_ROOT, f));
    };
    for (const argv of [["--version"], ["help", "check"], ["check", "--bogus"]]) {
      const heavy = (await loadedBy(argv)).filter((f) =>
        /^(node_modules[\\/]@pulumi|dist[\\/](components|policy)[\\/]|dist[\\/]automation[\\/]check[\\/]runCheck)/.test(
          f,
        ),
      );
      assert.deepEqual(heavy, [], argv.join(" "));
    }
    // The same probe sees them when a command runs.
    assert.ok((await loadedBy(["check", "--input", "missing.json"])).some((f) => f.includes("@pulumi")));
  });
});
