import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./fixtures/paths";
import type { CheckReport } from "../automation/check/report";
import { installedPlatform } from "./fixtures/installedPlatform";
import { markdownBlock, run, typeCheck } from "./fixtures/teamProject";
import { parse } from "yaml";
import { runCli } from "./fixtures/cli";

const TEMPLATE = path.join(REPO_ROOT, "templates", "team-stack");
const FILES = [
  ".gitignore",
  "Pulumi.prod.yaml",
  "Pulumi.staging.yaml",
  "Pulumi.yaml",
  "index.ts",
  "package.json",
  "tsconfig.json",
];
const read = (file: string) => fs.readFileSync(path.join(TEMPLATE, file), "utf8");

describe("templates/team-stack: the project a team copies to start", () => {
  it("has the project file, its program with its tsconfig, package.json, .gitignore and a staging and a prod stack", () => {
    assert.deepEqual(
      fs
        .readdirSync(TEMPLATE)
        .filter((f) => f !== "node_modules")
        .sort(),
      FILES,
    );
  });

  it("imports only the package's public entry point and zod, and depends on both", () => {
    const imports = [...read("index.ts").matchAll(/from "([^"]+)"/g)].map(([, m]) => m);
    assert.deepEqual([...new Set(imports)].sort(), ["@acme/platform", "zod"]);
    const deps = JSON.parse(read("package.json")).dependencies;
    assert.ok("zod" in deps && "@pulumi/pulumi" in deps && "@pulumi/kubernetes" in deps);
  });

  it("is the README's quick start, block for block (index.ts, tsconfig.json, Pulumi.yaml, the staging stack)", () => {
    const section = "## Quick start";
    assert.equal(markdownBlock("README.md", section, "ts index.ts"), read("index.ts"));
    assert.equal(markdownBlock("README.md", section, "json tsconfig.json"), read("tsconfig.json"));
    assert.equal(markdownBlock("README.md", section, "yaml Pulumi.yaml"), read("Pulumi.yaml"));
    assert.equal(markdownBlock("README.md", section, "yaml Pulumi.staging.yaml"), read("Pulumi.staging.yaml"));
  });

  describe("copied, with the packed SDK installed from its tarball as a team installs it (test/fixtures/installedPlatform.ts)", function () {
    this.timeout(300_000);
    let work: string;
    let project: string;
    /** The type checker's diagnostics, one line each, starting with the file they are in. */
    let diagnostics: string[];

    before(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), "platform-template-"));
      project = path.join(work, "payments");
      fs.cpSync(TEMPLATE, project, { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
      const install = await installedPlatform();
      // The template names this version's tarball beside its package.json; a team copies it there (or
      // points the dependency at the bank's registry).
      assert.equal(
        JSON.parse(read("package.json")).dependencies["@acme/platform"],
        `file:${path.basename(install.tarball)}`,
        "the template depends on this version's tarball",
      );
      install.link(project);
      // One type checker with the template's tsconfig.json over its program and the docs' snippets as
      // written (a team's own pack, the Automation API); each diagnostic names its file.
      const snippets = {
        "pack.ts": markdownBlock("docs/guides/own-policy-pack.md", "## The pack", "ts index.ts"),
        "deploy.ts": markdownBlock("docs/reference/automation-api.md", "## Example", "ts deploy.ts"),
      };
      for (const [file, code] of Object.entries(snippets)) fs.writeFileSync(path.join(project, file), code);
      const own = JSON.parse(read("tsconfig.json"));
      const config = { extends: "./tsconfig.json", files: [...own.files, ...Object.keys(snippets)] };
      fs.writeFileSync(path.join(project, "tsconfig.snippets.json"), JSON.stringify(config));
      diagnostics = await typeCheck(project, "tsconfig.snippets.json");
    });

    /** Diagnostics of the type check but those that name one of `others`. */
    const diagnosticsBut = (others: string[]) => diagnostics.filter((d) => !others.some((f) => d.startsWith(`${f}(`)));

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("type-checks with its own tsconfig.json against the installed declarations", () => {
      assert.deepEqual(diagnosticsBut(["pack.ts", "deploy.ts"]), []);
    });

    for (const stack of ["staging", "prod"]) {
      it(`passes the installed \`platform check --stack ${stack}\` at the levels its stack declares: exit 0`, async () => {
        const result = await run(
          path.join(project, "node_modules", ".bin", "platform"),
          ["check", "--stack", stack, "--json"],
          project,
        );
        assert.equal(result.code, 0, result.stdout.slice(0, 3000) + result.stderr);
        const report: CheckReport = JSON.parse(result.stdout);
        assert.match(report.enforcement.source, new RegExp(`guardrails:policyConfig ${stack}`));
        assert.deepEqual([report.summary.mandatory, report.summary.schemaErrors, report.summary.duplicates], [0, 0, 0]);
        assert.ok(
          report.resources.some(
            (r) =>
              r.type === "kubernetes:networking.k8s.io/v1:Ingress" &&
              (r.props.metadata as { name?: string })?.name === "payments-api",
          ),
        );
      });
    }

    it("compiles the docs' snippets as written with the template's tsconfig.json: a team's own pack, the Automation API", () => {
      assert.deepEqual(diagnosticsBut(["index.ts"]), []);
    });

    it("runs a team's own pack, the platform's policies plus its own (docs/guides/own-policy-pack.md)", async () => {
      const packDir = path.join(project, "payments-policy");
      fs.mkdirSync(packDir);
      fs.writeFileSync(
        path.join(packDir, "PulumiPolicy.yaml"),
        markdownBlock("docs/guides/own-policy-pack.md", "## The pack", "yaml PulumiPolicy.yaml"),
      );
      fs.writeFileSync(
        path.join(packDir, "package.json"),
        markdownBlock("docs/guides/own-policy-pack.md", "## The pack", "json package.json"),
      );
      fs.writeFileSync(
        path.join(packDir, "index.ts"),
        markdownBlock("docs/guides/own-policy-pack.md", "## The pack", "ts index.ts"),
      );
      fs.writeFileSync(
        path.join(project, "Pulumi.hosts.yaml"),
        "config:\n  guardrails:policyPack: ./payments-policy\n",
      );
      const pod = (hostAliases: unknown[]) => ({
        type: "kubernetes:core/v1:Pod",
        name: "p",
        props: {
          metadata: { name: "p", namespace: "payments" },
          spec: {
            hostAliases,
            containers: [{ name: "c", image: "registry.example/c:1.0.0", securityContext: { privileged: true } }],
          },
        },
      });
      fs.writeFileSync(
        path.join(project, "pods.json"),
        JSON.stringify([pod([{ ip: "10.0.0.1", hostnames: ["ledger"] }])]),
      );
      const result = await run(
        path.join(project, "node_modules", ".bin", "platform"),
        ["check", "--stack", "hosts", "--input", "pods.json", "--json"],
        project,
      );
      assert.equal(result.code, 1, result.stderr);
      const report: CheckReport = JSON.parse(result.stdout);
      const policies = report.violations.map((v) => v.policy);
      assert.ok(policies.includes("payments-no-host-aliases"), "the team's policy ran");
      assert.ok(policies.includes("pss-privileged"), "the platform's policies ran in the same pack");
      assert.match(report.enforcement.source, /pack \.\/payments-policy$/);
    });
  });
});

describe("templates/ci: the GitHub Actions workflow a team copies", () => {
  const file = path.join(REPO_ROOT, "templates", "ci", ".github", "workflows", "platform.yml");
  const workflow = parse(fs.readFileSync(file, "utf8"));
  const steps = (job: string): any[] => workflow.jobs[job].steps;
  const runs = (job: string): string[] => steps(job).flatMap((s) => (s.run ? [String(s.run)] : []));

  it("parses, and runs check, preview and (on a push to main only) up for every stack", () => {
    assert.deepEqual(Object.keys(workflow.jobs), ["check", "preview", "deploy"]);
    for (const job of ["check", "preview", "deploy"])
      assert.deepEqual(workflow.jobs[job].strategy.matrix.stack, ["staging", "prod"], job);
    assert.match(workflow.jobs.deploy.if, /github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
    assert.ok(
      runs("check").some((r) => r.trim() === "npm ci"),
      "installs what package.json names: the tarball",
    );
  });

  it("names only commands and flags the platform CLI has", async () => {
    const commands = ["check", "preview", "deploy"].flatMap((job) =>
      runs(job).flatMap((r) => [...r.matchAll(/npx platform (\w+)([^\n>|]*)/g)]),
    );
    assert.deepEqual([...new Set(commands.map((m) => m[1]))].sort(), ["check", "up"]);
    for (const [, command, rest] of commands) {
      const help = await runCli([command, "--help"]);
      assert.equal(help.code, 0, command);
      for (const [flag] of rest.matchAll(/--[a-z-]+/g))
        assert.ok(help.stdout.includes(`${flag} `), `${command} ${flag}`);
    }
    assert.ok(runs("check").some((r) => /--format sarif --output results\.sarif/.test(r)));
  });

  it("uploads the SARIF file check writes to code scanning, and posts the summary on the pull request", () => {
    const upload = steps("check").find((s) => String(s.uses).startsWith("github/codeql-action/upload-sarif@"));
    assert.equal(upload.with.sarif_file, "results.sarif");
    assert.equal(workflow.jobs.check.permissions["security-events"], "write");
    assert.ok(runs("check").some((r) => r.includes("gh pr comment") && r.includes("summary.txt")));
  });

  it("previews with the pack the package ships and the preset each stack declares", () => {
    const preview = runs("preview").find((r) => r.includes("pulumi preview"))!;
    assert.match(preview, /--policy-pack node_modules\/@acme\/platform\/dist\/policy /);
    assert.match(
      preview,
      /--policy-pack-config node_modules\/@acme\/platform\/dist\/policy\/config\/\$\{\{ matrix\.stack \}\}\.json/,
    );
    for (const stack of workflow.jobs.preview.strategy.matrix.stack) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, "policy", "config", `${stack}.json`)), `the ${stack} preset ships`);
      const declared = parse(
        fs.readFileSync(path.join(REPO_ROOT, "templates", "team-stack", `Pulumi.${stack}.yaml`), "utf8"),
      );
      assert.equal(
        declared.config["guardrails:policyConfig"],
        stack,
        `the template's ${stack} stack declares that preset`,
      );
    }
  });
});
