import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { policies, PACK_NAME } from "../policy/policies";
import { POLICY_REFERENCE_FILE, policyReferenceDocument } from "../scripts/policyReference";
import { CLI_REFERENCE_FILE, cliReferenceDocument } from "../scripts/cliReference";
import { REPO_ROOT } from "./fixtures/paths";

describe("docs: the generated references", () => {
  it("docs/reference/policies.md is current with the policies' metadata and the presets", () => {
    assert.equal(fs.readFileSync(POLICY_REFERENCE_FILE, "utf8"), policyReferenceDocument(), "run `npm run docs`");
  });

  it("names every policy of the pack, each with a section holding its severity, remediation and level per preset", () => {
    const doc = fs.readFileSync(POLICY_REFERENCE_FILE, "utf8");
    assert.ok(doc.includes(`\`${PACK_NAME}\` pack (${policies.length} policies)`));
    for (const p of policies) {
      const start = doc.indexOf(`\n### \`${p.name}\`\n`);
      assert.ok(start >= 0, p.name);
      const section = doc.slice(start, doc.indexOf("\n### ", start + 1) >>> 0 || undefined);
      assert.ok(section.includes(`| Severity | ${p.severity} |`), p.name);
      assert.ok(section.includes(p.remediationSteps!), p.name);
      for (const preset of ["staging", "prod"])
        assert.match(
          section,
          new RegExp(`\\| Level in \`${preset}\` \\| (mandatory|advisory|remediate|disabled)`),
          `${p.name} ${preset}`,
        );
    }
  });

  it("gives each policy the level its preset file gives it (the staging preset's advisory hardening group)", () => {
    const doc = fs.readFileSync(POLICY_REFERENCE_FILE, "utf8");
    const staging = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "config", "staging.json"), "utf8"));
    const advisory = Object.entries(staging)
      .filter(([k, v]) => k !== "all" && v === "advisory")
      .map(([k]) => k);
    assert.ok(advisory.length > 5);
    for (const name of advisory) {
      const section = doc.slice(doc.indexOf(`\n### \`${name}\`\n`));
      assert.match(section, /\| Level in `staging` \| advisory/, name);
    }
  });

  it("docs/reference/cli.md is the CLI's own help, command by command", async () => {
    assert.equal(fs.readFileSync(CLI_REFERENCE_FILE, "utf8"), await cliReferenceDocument(), "run `npm run docs`");
    for (const command of ["check", "plan", "preview", "up", "destroy", "refresh", "outputs"])
      assert.ok(fs.readFileSync(CLI_REFERENCE_FILE, "utf8").includes(`Usage: platform ${command} [options]`), command);
  });
});

/** Every Markdown file of the docs, and the README. */
function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : [],
      );
  return [path.join(REPO_ROOT, "README.md"), ...walk(path.join(REPO_ROOT, "docs"))];
}

describe("docs: the pages a team navigates", () => {
  it("keeps the README at most 16 KB, its two first commands first", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    assert.ok(Buffer.byteLength(readme) <= 16 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
    const first = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    assert.match(first, /^npm ci && npm run platform -- check --stack staging/);
    assert.match(first, /\nnpm test/);
  });

  it("has the get-started, concepts, guides and reference pages", () => {
    const pages = [
      "get-started/install.md",
      "get-started/first-stack.md",
      "get-started/first-check.md",
      "concepts/components-and-overrides.md",
      "concepts/guardrails-and-enforcement.md",
      "concepts/secrets.md",
      "concepts/monitoring-model.md",
      "guides/data-tier.md",
      "guides/aws-runtime.md",
      "guides/monitoring.md",
      "guides/own-policy-pack.md",
      "guides/add-a-component.md",
      "guides/add-a-policy.md",
      "guides/ci.md",
      "reference/config.md",
      "reference/policies.md",
      "reference/cli.md",
      "reference/report.md",
      "reference/automation-api.md",
    ];
    for (const page of pages) assert.ok(fs.existsSync(path.join(REPO_ROOT, "docs", page)), page);
  });

  it("links only to files that exist (relative links of the README and every page)", () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target) || target.startsWith("#")) continue;
        const resolved = path.resolve(path.dirname(file), decodeURIComponent(target.split("#")[0]));
        if (!fs.existsSync(resolved)) broken.push(`${path.relative(REPO_ROOT, file)}: ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
