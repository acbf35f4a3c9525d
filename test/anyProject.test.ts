import { strict as assert } from "node:assert";
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { programEntry, readProject, stackPart } from "../automation/core/project";
import { UsageError } from "../automation/core/errors";
import { runCli } from "./fixtures/cli";
import { checkoutCopy } from "./fixtures/checkoutCopy";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigOf } from "./fixtures/stackFiles";

const exec = promisify(execFile);
const CLI = path.join(REPO_ROOT, "dist", "automation", "cli.js");

/** A throwaway Pulumi project: `files` by relative path, the repository's node_modules linked in. */
function project(files: Record<string, string | object>): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "any-project-"));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      typeof content === "string" ? content : rel.endsWith(".json") ? JSON.stringify(content) : stringify(content),
    );
  }
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const configMapProgram = (name: string) =>
  `import * as k8s from "@pulumi/kubernetes";\nnew k8s.core.v1.ConfigMap("${name}", { metadata: { name: "${name}", namespace: "team" }, data: { mode: "${name}" } });\n`;

/** The staging config of the root program, moved into another project's namespace. */
function configUnder(namespace: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(stackConfigOf("staging"))
      .filter(([key]) => !key.startsWith("guardrails:"))
      .map(([key, value]) => [
        key.startsWith("platform:") ? `${namespace}:${key.slice("platform:".length)}` : key,
        value,
      ]),
  );
}

describe("check runs any Pulumi project", () => {
  describe("the program Pulumi would start", () => {
    it("is Pulumi.yaml's main, else package.json's exports or main, else the directory's index", () => {
      const p = project({
        "Pulumi.yaml": { name: "entries", runtime: "nodejs", main: "src/program.ts" },
        "src/program.ts": "",
        "package.json": { name: "entries", main: "lib.ts" },
        "lib.ts": "",
        "index.ts": "",
      });
      try {
        assert.equal(programEntry(readProject(p.dir)), path.join(p.dir, "src", "program.ts"));
        fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), stringify({ name: "entries", runtime: "nodejs" }));
        assert.equal(programEntry(readProject(p.dir)), path.join(p.dir, "lib.ts"));
        fs.writeFileSync(
          path.join(p.dir, "package.json"),
          JSON.stringify({ name: "entries", main: "lib.ts", exports: { ".": { default: "./index.ts" } } }),
        );
        assert.equal(
          programEntry(readProject(p.dir)),
          path.join(p.dir, "index.ts"),
          "exports come before main, as in Pulumi's runtime",
        );
        fs.rmSync(path.join(p.dir, "package.json"));
        assert.equal(programEntry(readProject(p.dir)), p.dir, "the directory itself: require finds its index");
      } finally {
        p.cleanup();
      }
    });

    it("runs that program, with the project's name as the namespace of its config", async () => {
      const p = project({
        "Pulumi.yaml": { name: "nexus", runtime: { name: "nodejs", options: { typescript: true } } },
        "package.json": { name: "nexus", main: "main.ts" },
        "main.ts": 'import { platformProgram } from "@acme/platform";\nexport = platformProgram();\n',
        "Pulumi.qa.yaml": { config: { "guardrails:policyConfig": "staging", ...configUnder("nexus") } },
      });
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "qa", "--json"]);
        assert.equal(run.code, 0, run.stderr + run.stdout.slice(0, 2000));
        const report = JSON.parse(run.stdout);
        assert.equal(report.resources[0].urn, "urn:pulumi:qa::nexus::pulumi:pulumi:Stack::nexus-qa");
        assert.ok(
          report.resources.some(
            (r: any) => r.type === "kubernetes:apps/v1:Deployment" && r.props.metadata.name === "api",
          ),
        );
      } finally {
        p.cleanup();
      }
    });

    it("resolves org/project/stack to the stack part, and refuses names that are not stack names", async () => {
      assert.equal(stackPart("acme-bank/nexus/nexus-prod"), "nexus-prod");
      assert.equal(stackPart("acme-bank/qa"), "qa");
      for (const bad of ["foo/../../x/Pulumi.staging", "..", "a/b/c/d", "pro d", ""]) {
        assert.throws(
          () => stackPart(bad),
          (e: unknown) => e instanceof UsageError && e.message.startsWith(`--stack: "${bad}" is not a stack name`),
          bad,
        );
      }
      const p = project({
        "Pulumi.yaml": { name: "t", runtime: "nodejs", main: "index.ts" },
        "index.ts": configMapProgram("one"),
        "Pulumi.nexus-prod.yaml": { config: {} },
      });
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "acme-bank/t/nexus-prod", "--json"]);
        assert.equal(JSON.parse(run.stdout).stack, "nexus-prod");
      } finally {
        p.cleanup();
      }
    });

    it("names a project that is not a Node.js one, or has no program, with exit 2", async () => {
      const p = project({ "Pulumi.yaml": { name: "py", runtime: "python" }, "Pulumi.dev.yaml": { config: {} } });
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "dev"]);
        assert.equal(run.code, 2);
        assert.equal(
          run.stderr,
          'error: Pulumi.yaml: runtime: expected nodejs (the checker runs Node.js programs), got "python"\n',
        );
        fs.writeFileSync(
          path.join(p.dir, "Pulumi.yaml"),
          stringify({ name: "js", runtime: "nodejs", main: "missing.ts" }),
        );
        const missing = await runCli(["check", "--project-dir", p.dir, "--stack", "dev"]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /^error: Pulumi\.yaml: main: no program at \S+missing\.ts/);
      } finally {
        p.cleanup();
      }
    });
  });

  describe("enforcement", () => {
    const plaintextSecret = () => {
      const config = configUnder("team");
      const apps = config["team:apps"] as { env?: Record<string, string> }[];
      apps[0].env = { ...apps[0].env, JWT_SECRET: "not-a-secret-at-all" };
      return config;
    };
    const teamProject = (stackFile: Record<string, unknown>) =>
      project({
        "Pulumi.yaml": { name: "team", runtime: "nodejs", main: "index.ts" },
        "index.ts": 'import { platformProgram } from "@acme/platform";\nexport = platformProgram();\n',
        "Pulumi.nexus-prod.yaml": { config: stackFile },
      });

    it("runs every policy mandatory for a stack that declares no policy config, and says so", async () => {
      const p = teamProject(plaintextSecret());
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "nexus-prod", "--json"]);
        assert.equal(run.code, 1, "a plaintext JWT secret fails the check");
        const report = JSON.parse(run.stdout);
        assert.equal(
          report.enforcement.source,
          "Pulumi.nexus-prod.yaml declares no policy config: every policy mandatory",
        );
        assert.ok(Object.values(report.enforcement.levels).every((l) => l === "mandatory"));
        const mandatory = report.violations.filter((v: any) => v.level === "mandatory");
        assert.deepEqual([...new Set(mandatory.map((v: any) => v.policy))], ["no-plaintext-secrets-in-env"]);
        assert.deepEqual(
          mandatory.map((v: any) => v.name).sort(),
          ["lending-apps-api-deploy", "lending-apps-api-migrate"],
          "the Deployment and its migration Job",
        );
      } finally {
        p.cleanup();
      }
    });

    it("takes the preset or file a stack declares, with inline overrides laid over it", async () => {
      const p = teamProject({
        ...plaintextSecret(),
        "guardrails:policyConfig": "prod",
        "guardrails:policies": { "no-plaintext-secrets-in-env": "advisory" },
      });
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "nexus-prod", "--json"]);
        assert.equal(run.code, 0, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.equal(
          report.enforcement.source,
          "Pulumi.nexus-prod.yaml: guardrails:policyConfig prod (the platform's prod preset), with guardrails:policies over it",
        );
        assert.equal(report.enforcement.levels["no-plaintext-secrets-in-env"], "advisory");
        assert.ok(
          report.summary.advisory > 0 &&
            report.violations.every((v: any) => v.policy === "no-plaintext-secrets-in-env" && v.level === "advisory"),
        );
      } finally {
        p.cleanup();
      }
    });

    it("refuses an unknown guardrails key, an unknown preset and a missing file, naming the stack file", async () => {
      for (const [config, expected] of [
        [
          { "guardrails:policyConfg": "prod" },
          /^error: Pulumi\.nexus-prod\.yaml: guardrails:policyConfg: unknown key \(did you mean "policyConfig"\?\)$/,
        ],
        [
          { "guardrails:policyConfig": "strict" },
          /^error: Pulumi\.nexus-prod\.yaml: guardrails:policyConfig: expected one of prod, staging or a path to a \.json file, got "strict"$/,
        ],
        [
          { "guardrails:policyConfig": "levels/missing.json" },
          /^error: Pulumi\.nexus-prod\.yaml: guardrails:policyConfig: no file \S+missing\.json/,
        ],
      ] as const) {
        const p = teamProject({ ...configUnder("team"), ...config });
        try {
          const run = await runCli(["check", "--project-dir", p.dir, "--stack", "nexus-prod"]);
          assert.equal(run.code, 2);
          assert.match(run.stderr.trimEnd(), expected);
        } finally {
          p.cleanup();
        }
      }
    });

    it("runs every policy mandatory for --input without --stack: a privileged pod fails", async () => {
      const run = await runCli([
        "check",
        "--input",
        path.join(__dirname, "fixtures", "input", "resources.json"),
        "--json",
      ]);
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout);
      assert.equal(report.enforcement.source, "--input without --stack: every policy mandatory");
      assert.ok(report.violations.some((v: any) => v.policy === "pss-privileged" && v.level === "mandatory"));
    });
  });

  describe("with --json, stdout always carries one JSON document", () => {
    for (const [what, argv, message] of [
      ["an unknown stack", ["check", "--stack", "nope", "--json"], /^--stack: unknown stack "nope"/],
      ["an unknown flag", ["check", "--stack", "staging", "--json", "--bogus"], /^unknown option '--bogus'/],
      ["no subject", ["check", "--json"], /^check: expected --stack <name> or --input <file>$/],
    ] as const) {
      it(what, async () => {
        const run = await runCli([...argv]);
        assert.equal(run.code, 2);
        const doc = JSON.parse(run.stdout);
        assert.deepEqual(Object.keys(doc), ["error", "exitCode"]);
        assert.match(doc.error, message);
        assert.equal(doc.exitCode, 2);
      });
    }
  });

  describe("the built CLI", function () {
    this.timeout(120000);

    it("writes nothing into the checkout, so runs started together right after a source changes all succeed", async () => {
      const checkout = checkoutCopy();
      try {
        fs.utimesSync(path.join(checkout.dir, "components", "index.ts"), new Date(), new Date());
        const before = listing(checkout.dir);
        const runs = await Promise.all(
          Array.from(
            { length: 2 },
            () =>
              new Promise<{ code: number | null; stdout: string }>((resolve) => {
                const child = spawn(
                  process.execPath,
                  [path.join(checkout.dir, "dist", "automation", "cli.js"), "check", "--stack", "staging", "--json"],
                  { cwd: checkout.dir },
                );
                let stdout = "";
                child.stdout.on("data", (d) => {
                  stdout += d;
                });
                child.on("exit", (code) => resolve({ code, stdout }));
              }),
          ),
        );
        for (const run of runs) {
          assert.equal(run.code, 0);
          assert.equal(JSON.parse(run.stdout).summary.mandatory, 0);
        }
        assert.deepEqual(listing(checkout.dir), before, "no file in the checkout was created, changed or removed");
      } finally {
        checkout.cleanup();
      }
    });

    it("warns through `npm run platform` when a source is newer than the build, and still runs the built CLI", async () => {
      const checkout = checkoutCopy();
      try {
        const later = new Date(Date.now() + 60000);
        fs.utimesSync(path.join(checkout.dir, "components", "index.ts"), later, later);
        const input = path.join(__dirname, "fixtures", "input", "compliant.json");
        const { stdout, stderr } = await exec(
          "npm",
          ["run", "-s", "platform", "--", "check", "--input", input, "--json"],
          { cwd: checkout.dir },
        );
        assert.equal(
          stderr,
          "warning: sources changed since the last build; running the built CLI (npm run build refreshes it)\n",
        );
        assert.equal(JSON.parse(stdout).stack, "input");
      } finally {
        checkout.cleanup();
      }
    });

    it("runs from any directory with --project-dir, as `npx platform` would", async () => {
      const { stdout } = await exec(
        process.execPath,
        [CLI, "check", "--project-dir", REPO_ROOT, "--stack", "prod", "--json"],
        { cwd: os.tmpdir() },
      );
      assert.equal(JSON.parse(stdout).summary.schemaErrors, 0);
    });
  });
});

/** Every file under `dir` (but node_modules and .git) with its size and modification time. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === ".git") continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        out.push(`${path.relative(dir, full)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}
