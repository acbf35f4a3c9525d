import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./fixtures/paths";
import { InstalledPlatform, installedPlatform } from "./fixtures/installedPlatform";
import { run, typeCheck } from "./fixtures/teamProject";

describe("the package as a team consumes it: npm pack, install the tarball, use the installed bin", function () {
  this.timeout(240000);
  let work: string;
  let team: string;
  let platformBin: string;
  let install: InstalledPlatform;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "platform-package-"));
    install = await installedPlatform();
    team = path.join(work, "exams");
    fs.cpSync(path.join(REPO_ROOT, "examples", "exams"), team, {
      recursive: true,
      filter: (src) => path.basename(src) !== "node_modules",
    });
    install.link(team);
    platformBin = path.join(team, "node_modules", ".bin", "platform");
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("ships the built library only: dist with declarations, no TypeScript sources, the @pulumi packages as peers", async () => {
    const installed = path.join(team, "node_modules", "@acme", "platform");
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    assert.deepEqual(Object.keys(pkg.peerDependencies).sort(), [
      "@pulumi/aws",
      "@pulumi/command",
      "@pulumi/kafka",
      "@pulumi/kubernetes",
      "@pulumi/pulumi",
      "@pulumi/random",
    ]);
    for (const tool of ["typescript", "mocha", "esbuild", "@types/node"])
      assert.ok(!(tool in pkg.dependencies), `${tool} is not a runtime dependency`);
    const files: string[] = [];
    const walk = (dir: string) =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .forEach((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : files.push(path.relative(installed, path.join(dir, e.name))),
        );
    walk(installed);
    assert.deepEqual(
      files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
      [],
    );
    assert.ok(
      files.every((f) => f.startsWith("dist/") || f.startsWith("docs/") || ["package.json", "README.md"].includes(f)),
      files.filter((f) => !f.startsWith("dist/")).join(", "),
    );
    for (const entry of [
      "dist/components/index.d.ts",
      "dist/policy/index.d.ts",
      "dist/automation/index.d.ts",
      "dist/policy/pack.js",
      "dist/policy/PulumiPolicy.yaml",
      "dist/policy/config/prod.json",
    ]) {
      assert.ok(files.includes(entry), entry);
    }
  });

  it("loads in a plain Node.js process with no engine and no side effect: ten and more classes and functions", async () => {
    const script = [
      "const sdk = require('@acme/platform');",
      "require('@acme/platform/policy'); require('@acme/platform/automation');",
      "const fns = Object.entries(sdk).filter(([, v]) => typeof v === 'function').map(([k]) => k);",
      "console.log(JSON.stringify(fns));",
    ].join(" ");
    const result = await run(process.execPath, ["-e", script], team);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const names: string[] = JSON.parse(result.stdout);
    for (const cls of [
      "Platform",
      "SecurityBaseline",
      "AppTier",
      "WebService",
      "DataTier",
      "PostgresDatabase",
      "RedisCache",
      "PostgresBackup",
      "TeamMonitoring",
      "ClusterMonitoring",
      "LogShipping",
      "DataAlarms",
      "platformProgram",
      "readStackConfig",
      "FargateService",
      "LoadBalancer",
      "StaticSite",
      "KafkaCluster",
      "EcrRepository",
      "PrometheusWorkspace",
      "DatabaseBackupPlan",
      "readProjectConfig",
    ]) {
      assert.ok(names.includes(cls), cls);
    }
    assert.ok(names.length >= 10);
  });

  it("checks examples/exams at prod levels with the installed bin: exit 0, nothing mandatory, no schema error", async () => {
    for (const stack of ["prod", "staging"]) {
      const levels =
        stack === "prod"
          ? []
          : [
              "--policy-config",
              path.join(team, "node_modules", "@acme", "platform", "dist", "policy", "config", "prod.json"),
            ];
      const result = await run(
        platformBin,
        ["check", "--project-dir", ".", "--stack", stack, "--json", ...levels],
        team,
      );
      assert.equal(result.code, 0, result.stdout.slice(0, 3000) + result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(
        [report.summary.mandatory, report.summary.advisory, report.summary.schemaErrors, report.summary.duplicates],
        [0, 0, 0, 0],
        stack,
      );
      assert.ok(
        Object.values(report.enforcement.levels).every((l) => l === "mandatory"),
        `${stack} at prod levels`,
      );
      assert.ok(
        report.resources.some(
          (r: any) => r.type === "kubernetes:apps/v1:Deployment" && r.props.metadata.name === "backend",
        ),
        stack,
      );
    }
  });

  describe("the other examples, each in its own project directory beside the installed package", () => {
    const projects: Record<string, string> = {};
    /** A resource type each example must render. */
    const RUNS: Record<string, string> = {
      "core-banking": "aws:ecs/service:Service",
      "lending-aws": "aws:ecs/service:Service",
      "cluster-services": "kubernetes:apps/v1:DaemonSet",
    };

    /** The type checker's diagnostics, one line each, prefixed by the example's folder. */
    let diagnostics: string[];

    before(async () => {
      for (const name of Object.keys(RUNS)) {
        const dir = path.join(work, name);
        fs.cpSync(path.join(REPO_ROOT, "examples", name), dir, { recursive: true });
        install.link(dir);
        projects[name] = dir;
      }
      // One type checker over the three programs, each with its own (identical) tsconfig.json's options:
      // the installed declarations are read once, and each diagnostic names its example's folder.
      const options = JSON.parse(fs.readFileSync(path.join(projects["core-banking"], "tsconfig.json"), "utf8"));
      for (const name of Object.keys(RUNS)) {
        const own = JSON.parse(fs.readFileSync(path.join(projects[name], "tsconfig.json"), "utf8"));
        assert.deepEqual(
          own.compilerOptions,
          options.compilerOptions,
          `${name}: the examples share their compiler options`,
        );
      }
      fs.writeFileSync(
        path.join(work, "tsconfig.examples.json"),
        JSON.stringify({
          compilerOptions: options.compilerOptions,
          files: Object.keys(RUNS).flatMap((name) => options.files.map((f: string) => `${name}/${f}`)),
        }),
      );
      install.link(work);
      diagnostics = await typeCheck(work, "tsconfig.examples.json");
    });

    for (const name of Object.keys(RUNS)) {
      it(`${name}: type-checks against the installed declarations and passes both stacks at prod levels with the installed bin`, async () => {
        assert.deepEqual(
          diagnostics.filter((d) => !Object.keys(RUNS).some((other) => other !== name && d.startsWith(`${other}/`))),
          [],
        );
        for (const stack of ["prod", "staging"]) {
          const prodLevels = path.join(
            team,
            "node_modules",
            "@acme",
            "platform",
            "dist",
            "policy",
            "config",
            "prod.json",
          );
          const result = await run(
            platformBin,
            ["check", "--project-dir", projects[name], "--stack", stack, "--json", "--policy-config", prodLevels],
            team,
          );
          assert.equal(result.code, 0, result.stdout.slice(0, 3000) + result.stderr);
          const report = JSON.parse(result.stdout);
          assert.deepEqual(
            [
              report.summary.mandatory,
              report.summary.advisory,
              report.summary.schemaErrors,
              report.summary.notInspected,
              report.summary.duplicates,
            ],
            [0, 0, 0, 0, 0],
            `${name} ${stack}`,
          );
          assert.ok(
            report.resources.some((r: any) => r.type === RUNS[name]),
            `${name} ${stack} renders ${RUNS[name]}`,
          );
        }
      });
    }
  });
});
