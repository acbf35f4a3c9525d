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
      for (const preset of ["staging", "prod"]) assert.match(section, new RegExp(`\\| Level in \`${preset}\` \\| (mandatory|advisory|remediate|disabled)`), `${p.name} ${preset}`);
    }
  });

  it("gives each policy the level its preset file gives it (the staging preset's advisory hardening group)", () => {
    const doc = fs.readFileSync(POLICY_REFERENCE_FILE, "utf8");
    const staging = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "config", "staging.json"), "utf8"));
    const advisory = Object.entries(staging).filter(([k, v]) => k !== "all" && v === "advisory").map(([k]) => k);
    assert.ok(advisory.length > 5);
    for (const name of advisory) {
      const section = doc.slice(doc.indexOf(`\n### \`${name}\`\n`));
      assert.match(section, /\| Level in `staging` \| advisory/, name);
    }
  });

  it("docs/reference/cli.md is the CLI's own help, command by command", async () => {
    assert.equal(fs.readFileSync(CLI_REFERENCE_FILE, "utf8"), await cliReferenceDocument(), "run `npm run docs`");
    for (const command of ["check", "plan", "preview", "up", "destroy", "refresh", "outputs"]) assert.ok(fs.readFileSync(CLI_REFERENCE_FILE, "utf8").includes(`Usage: platform ${command} [options]`), command);
  });
});
