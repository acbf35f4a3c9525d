import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./fixtures/paths";

const exec = promisify(execFile);

/** The fenced blocks of one README section whose info string names a file: `ts index.ts` → { "index.ts": code }. */
function readmeFiles(section: string): Record<string, string> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${section}\n`);
  assert.ok(start >= 0, `README has a section "${section}"`);
  const end = readme.indexOf("\n## ", start + section.length + 2);
  const body = readme.slice(start, end < 0 ? undefined : end);
  const files: Record<string, string> = {};
  for (const [, info, code] of body.matchAll(/```([^\n]*)\n([\s\S]*?)```/g)) {
    const name = info.trim().split(/\s+/)[1];
    if (name) files[name] = code;
  }
  return files;
}

/** The one code block of a README section in language `lang`. */
function readmeBlock(section: string, lang: string): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${section}\n`);
  const body = readme.slice(start, readme.indexOf("\n### ", start + section.length + 2));
  const match = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(body);
  assert.ok(match, `README section "${section}" has a ${lang} block`);
  return match[1];
}

interface Run { code: number; stdout: string; stderr: string }

async function run(file: string, args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the package as a team consumes it: npm pack, install the tarball, use the installed bin", function () {
  this.timeout(240000);
  let work: string;
  let tarball: string;
  let team: string;
  let platformBin: string;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "platform-package-"));
    const packed = await exec("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    tarball = path.join(work, JSON.parse(packed.stdout)[0].filename);
    team = path.join(work, "exams");
    fs.cpSync(path.join(REPO_ROOT, "examples", "exams"), team, { recursive: true });
    await exec("npm", ["pkg", "set", `dependencies.@acme/platform=file:${tarball}`], { cwd: team });
    await exec("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: team, maxBuffer: 16 * 1024 * 1024 });
    platformBin = path.join(team, "node_modules", ".bin", "platform");
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("ships the built library only: dist with declarations, no TypeScript sources, the @pulumi packages as peers", async () => {
    const installed = path.join(team, "node_modules", "@acme", "platform");
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    assert.deepEqual(Object.keys(pkg.peerDependencies).sort(), ["@pulumi/aws", "@pulumi/kubernetes", "@pulumi/pulumi", "@pulumi/random"]);
    for (const tool of ["typescript", "mocha", "esbuild", "@types/node"]) assert.ok(!(tool in pkg.dependencies), `${tool} is not a runtime dependency`);
    const files: string[] = [];
    const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : files.push(path.relative(installed, path.join(dir, e.name)))));
    walk(installed);
    assert.deepEqual(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), []);
    assert.ok(files.every((f) => f.startsWith("dist/") || f.startsWith("docs/") || ["package.json", "README.md"].includes(f)), files.filter((f) => !f.startsWith("dist/")).join(", "));
    for (const entry of ["dist/components/index.d.ts", "dist/policy/index.d.ts", "dist/automation/index.d.ts", "dist/policy/pack.js", "dist/policy/PulumiPolicy.yaml", "dist/policy/config/prod.json"]) {
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
      "Platform", "SecurityBaseline", "AppTier", "WebService", "DataTier", "PostgresDatabase", "RedisCache", "PostgresBackup", "TeamMonitoring", "ClusterMonitoring", "LogShipping", "DataAlarms", "platformProgram",
      "readStackConfig", "FargateService", "LoadBalancer", "StaticSite", "KafkaCluster", "EcrRepository", "PrometheusWorkspace", "DatabaseBackupPlan", "readProjectConfig",
    ]) {
      assert.ok(names.includes(cls), cls);
    }
    assert.ok(names.length >= 10);
  });

  it("checks examples/exams at prod levels with the installed bin: exit 0, nothing mandatory, no schema error", async () => {
    for (const stack of ["prod", "staging"]) {
      const levels = stack === "prod" ? [] : ["--policy-config", path.join(team, "node_modules", "@acme", "platform", "dist", "policy", "config", "prod.json")];
      const result = await run(platformBin, ["check", "--project-dir", ".", "--stack", stack, "--json", ...levels], team);
      assert.equal(result.code, 0, result.stdout.slice(0, 3000) + result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual([report.summary.mandatory, report.summary.advisory, report.summary.schemaErrors, report.summary.duplicates], [0, 0, 0, 0], stack);
      assert.ok(Object.values(report.enforcement.levels).every((l) => l === "mandatory"), `${stack} at prod levels`);
      assert.ok(report.resources.some((r: any) => r.type === "kubernetes:apps/v1:Deployment" && r.props.metadata.name === "backend"), stack);
    }
  });

  describe("the other examples, each in its own project directory beside the installed package", () => {
    const projects: Record<string, string> = {};
    /** A resource type each example must render. */
    const RUNS: Record<string, string> = { "core-banking": "aws:ecs/service:Service", "lending-aws": "aws:ecs/service:Service", "cluster-services": "kubernetes:apps/v1:DaemonSet" };

    before(() => {
      for (const name of Object.keys(RUNS)) {
        const dir = path.join(work, name);
        fs.cpSync(path.join(REPO_ROOT, "examples", name), dir, { recursive: true });
        // The same install a team's `npm install` of the tarball gives (the dependency set is the exams project's).
        fs.symlinkSync(path.join(team, "node_modules"), path.join(dir, "node_modules"));
        projects[name] = dir;
      }
    });

    for (const name of Object.keys(RUNS)) {
      it(`${name}: type-checks against the installed declarations and passes both stacks at prod levels with the installed bin`, async () => {
        const tsc = path.join(team, "node_modules", "typescript", "bin", "tsc");
        const typed = await run(process.execPath, [tsc, "--noEmit", "-p", "."], projects[name]);
        assert.equal(typed.code, 0, typed.stdout + typed.stderr);
        for (const stack of ["prod", "staging"]) {
          const prodLevels = path.join(team, "node_modules", "@acme", "platform", "dist", "policy", "config", "prod.json");
          const result = await run(platformBin, ["check", "--project-dir", projects[name], "--stack", stack, "--json", "--policy-config", prodLevels], team);
          assert.equal(result.code, 0, result.stdout.slice(0, 3000) + result.stderr);
          const report = JSON.parse(result.stdout);
          assert.deepEqual([report.summary.mandatory, report.summary.advisory, report.summary.schemaErrors, report.summary.notInspected, report.summary.duplicates], [0, 0, 0, 0, 0], `${name} ${stack}`);
          assert.ok(report.resources.some((r: any) => r.type === RUNS[name]), `${name} ${stack} renders ${RUNS[name]}`);
        }
      });
    }
  });

  describe("the README's Build your own platform project", () => {
    let project: string;

    before(() => {
      project = path.join(team, "payments");
      fs.mkdirSync(project);
      for (const [name, code] of Object.entries(readmeFiles("## Build your own platform"))) fs.writeFileSync(path.join(project, name), code);
      fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "payments-platform", version: "1.0.0", main: "index.ts" }));
    });

    it("has the files the section names", () => {
      assert.deepEqual(fs.readdirSync(project).sort(), ["Pulumi.dev.yaml", "Pulumi.yaml", "index.ts", "package.json"]);
    });

    it("type-checks against the installed declarations", async () => {
      const tsc = path.join(team, "node_modules", "typescript", "bin", "tsc");
      const result = await run(process.execPath, [tsc, "--ignoreConfig", "--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "ES2022", "--types", "node", "index.ts"], project);
      assert.equal(result.code, 0, result.stdout + result.stderr);
    });

    it("passes `platform check` at the levels its stack declares (prod)", async () => {
      const result = await run(platformBin, ["check", "--project-dir", project, "--stack", "dev", "--json"], team);
      assert.equal(result.code, 0, result.stdout.slice(0, 3000) + result.stderr);
      const report = JSON.parse(result.stdout);
      assert.match(report.enforcement.source, /guardrails:policyConfig prod/);
      assert.ok(report.resources.some((r: any) => r.type === "kubernetes:networking.k8s.io/v1:Ingress" && r.props.metadata.name === "payments-api"));
    });

    it("runs a team's own pack, the platform's policies plus its own (README: Your own pack)", async () => {
      const packDir = path.join(project, "payments-policy");
      fs.mkdirSync(packDir);
      fs.writeFileSync(path.join(packDir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
      fs.writeFileSync(path.join(packDir, "package.json"), JSON.stringify({ name: "payments-guardrails", version: "1.0.0", main: "index.ts" }));
      fs.writeFileSync(path.join(packDir, "index.ts"), readmeBlock("### Your own pack", "ts"));
      fs.writeFileSync(path.join(project, "Pulumi.hosts.yaml"), "config:\n  guardrails:policyPack: ./payments-policy\n");
      const pod = (hostAliases: unknown[]) => ({
        type: "kubernetes:core/v1:Pod", name: "p", props: {
          metadata: { name: "p", namespace: "payments" },
          spec: { hostAliases, containers: [{ name: "c", image: "registry.example/c:1.0.0", securityContext: { privileged: true } }] },
        },
      });
      fs.writeFileSync(path.join(project, "pods.json"), JSON.stringify([pod([{ ip: "10.0.0.1", hostnames: ["ledger"] }])]));
      const result = await run(platformBin, ["check", "--project-dir", project, "--stack", "hosts", "--input", "pods.json", "--json"], project);
      assert.equal(result.code, 1, result.stderr);
      const report = JSON.parse(result.stdout);
      const policies = report.violations.map((v: any) => v.policy);
      assert.ok(policies.includes("payments-no-host-aliases"), "the team's policy ran");
      assert.ok(policies.includes("pss-privileged"), "the platform's policies ran in the same pack");
      assert.match(report.enforcement.source, /pack \.\/payments-policy$/);
    });
  });
});
