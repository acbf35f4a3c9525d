import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { declarationProblems, declaredValueProblems } from "../automation/core/configDeclarations";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";

/** Every Pulumi project in the repository. */
const PROJECT_DIRS = [
  REPO_ROOT,
  ...["examples", "templates"].flatMap((d) =>
    fs
      .readdirSync(path.join(REPO_ROOT, d))
      .map((name) => path.join(REPO_ROOT, d, name))
      .filter((dir) => fs.existsSync(path.join(dir, "Pulumi.yaml"))),
  ),
];

function read(file: string): Record<string, any> {
  return parse(fs.readFileSync(file, "utf8"));
}

const isDeclarable = (v: unknown) =>
  ["string", "boolean"].includes(typeof v) ||
  Number.isInteger(v) ||
  (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).join() === "secure");

describe("config keys declared in Pulumi.yaml (so `pulumi config` checks them too)", () => {
  for (const dir of PROJECT_DIRS) {
    const name = path.relative(REPO_ROOT, dir) || "the root project";
    it(`${name}: declares what Pulumi can declare, every such key its stacks all set, each with a description`, () => {
      const project = read(path.join(dir, "Pulumi.yaml"));
      const declared: Record<string, any> = project.config ?? {};
      assert.deepEqual(declarationProblems(declared), []);
      const stacks = fs
        .readdirSync(dir)
        .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
        .map((f) => ({ file: f, config: read(path.join(dir, f)).config as Record<string, unknown> }));
      for (const { file, config } of stacks) {
        assert.deepEqual(declaredValueProblems(declared, config, project.name, file), []);
      }
      const setEverywhere = Object.keys(stacks[0].config).filter(
        (k) => k.startsWith(`${project.name}:`) && stacks.every((s) => k in s.config && isDeclarable(s.config[k])),
      );
      assert.deepEqual(
        setEverywhere.map((k) => k.slice(project.name.length + 1)).filter((k) => !(k in declared)),
        [],
        "set in every stack but not declared",
      );
      for (const [key, decl] of Object.entries(declared)) {
        assert.ok(typeof decl.description === "string" && decl.description.length > 20, key);
      }
    });
  }

  it("an object type, which the Pulumi CLI refuses, is refused by check too: exit 2 naming Pulumi.yaml", async () => {
    const p = tempProject("staging", stackConfigOf("staging"));
    try {
      const file = path.join(p.dir, "Pulumi.yaml");
      const project = read(file);
      project.config = { ...project.config, quota: { type: "object", description: "The namespace quota." } };
      fs.writeFileSync(file, JSON.stringify(project));
      const run = await runCli(["check", "--stack", "staging"], { projectDir: p.dir });
      assert.equal(run.code, 2, run.stderr);
      assert.match(
        run.stderr,
        /Pulumi\.yaml: config\.quota\.type: expected string, integer, boolean or array \(Pulumi declares no object type\), got "object"/,
      );
    } finally {
      p.cleanup();
    }
  });

  it("a declared key the stack leaves unset, or sets to another type, is named in the stack file", () => {
    const declared = { tier: { type: "string", description: "x" }, replicas: { type: "integer", description: "y" } };
    assert.deepEqual(declaredValueProblems(declared, { "app:replicas": "three" }, "app", "Pulumi.dev.yaml"), [
      "Pulumi.dev.yaml: app:tier: required key is missing (Pulumi.yaml declares it with no default)",
      "Pulumi.dev.yaml: app:replicas: expected integer (as Pulumi.yaml declares it), got string",
    ]);
  });
});
