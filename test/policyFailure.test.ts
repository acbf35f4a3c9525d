import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./fixtures/paths";

/** A project whose own pack has a policy that throws on every Deployment. */
function projectWithThrowingPolicy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-throws-"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: throws\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.ci.yaml"), "config:\n  guardrails:policyPack: ./pack\n");
  const pack = path.join(dir, "pack");
  fs.mkdirSync(pack);
  fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "throws-pack", version: "1.0.0" }));
  fs.writeFileSync(
    path.join(pack, "index.js"),
    [
      'const { PolicyPack } = require("@pulumi/policy");',
      'new PolicyPack("throws-pack", { policies: [{',
      '  name: "reads-replicas", description: "Reads spec.replicas.", enforcementLevel: "mandatory",',
      "  validateResource: (args) => {",
      '    if (args.type === "kubernetes:apps/v1:Deployment") return args.props.spec.template.spec.nodeSelector.zone.length;',
      "  },",
      "}] });",
    ].join("\n"),
  );
  const deployment = {
    type: "kubernetes:apps/v1:Deployment",
    name: "api",
    props: { metadata: { name: "api", namespace: "team" }, spec: { template: { spec: { containers: [] } } } },
  };
  fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify([deployment]));
  return dir;
}

describe("a policy that throws", () => {
  it("exits 3 naming the policy, its pack, what it threw, where, and the resource; --json is one error document", () => {
    const dir = projectWithThrowingPolicy();
    try {
      const cli = path.join(REPO_ROOT, "scripts", "platform.cjs");
      const args = [cli, "check", "--stack", "ci", "--project-dir", dir, "--input", path.join(dir, "resources.json")];
      const text = spawnSync(process.execPath, args, { encoding: "utf8" });
      assert.equal(text.status, 3, text.stderr);
      const line = text.stderr.trim().split("\n").at(-1) ?? "";
      assert.match(
        line,
        /policy 'reads-replicas' from policy pack 'throws-pack@v1\.0\.0' threw TypeError: Cannot read properties of undefined \(reading 'zone'\)/,
      );
      assert.match(line, /resource api \[kubernetes:apps\/v1:Deployment\]/);
      assert.match(line, /pack[/\\]index\.js:5/);
      const json = spawnSync(process.execPath, [...args, "--json"], { encoding: "utf8" });
      assert.equal(json.status, 3);
      const doc = JSON.parse(json.stdout);
      assert.equal(doc.exitCode, 3);
      assert.match(doc.error, /reads-replicas/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
