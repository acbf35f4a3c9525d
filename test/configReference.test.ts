import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { configReferenceDocument, configReferenceMarkdown, REFERENCE_FILE } from "../scripts/configReference";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigSchema } from "../components";

/** Every project in the repository that reads platform config, with its namespace. */
const PROJECTS = [
  { dir: REPO_ROOT, namespace: "platform" },
  { dir: path.join(REPO_ROOT, "examples", "exams"), namespace: "nexus" },
];

describe("config reference", () => {
  it("declares in the root Pulumi.yaml every required key and every key its stacks set, and only schema keys, each with a type and a description", () => {
    const project = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    assert.equal(project.name, "platform", "keys are namespaced by the project name");
    const declared = Object.keys(project.config);
    const schemaKeys = Object.keys(stackConfigSchema.shape);
    assert.deepEqual(
      declared.filter((k) => !schemaKeys.includes(k)),
      [],
      "declared but not in the schema",
    );
    const required = Object.entries(stackConfigSchema.shape)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
    const set = ["staging", "prod"].flatMap((stack) =>
      Object.keys(parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config)
        .filter((k) => k.startsWith("platform:") && schemaKeys.includes(k.slice(9)))
        .map((k) => k.slice(9)),
    );
    assert.deepEqual(
      [...new Set([...required, ...set])].filter((k) => !declared.includes(k)),
      [],
      "a Pulumi CLI run needs these declared",
    );
    for (const [key, decl] of Object.entries<any>(project.config)) {
      assert.ok(["string", "object", "array"].includes(decl.type), key);
      assert.ok(typeof decl.description === "string" && decl.description.length > 20, key);
    }
  });

  it("is docs/reference/config.md, generated from the schema", () => {
    assert.equal(fs.readFileSync(REFERENCE_FILE, "utf8"), configReferenceDocument(), "run `npm run docs`");
  });

  it("documents every key of every stack file in the repository", () => {
    const documented = new Set(
      configReferenceMarkdown()
        .split("\n")
        .map((line) => /^\| `([^`]+)`/.exec(line)?.[1])
        .filter(Boolean),
    );
    for (const { dir, namespace } of PROJECTS) {
      for (const file of fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
        const config = parse(fs.readFileSync(path.join(dir, file), "utf8")).config;
        const walk = (value: unknown, key: string): void => {
          assert.ok(documented.has(key), `${path.relative(REPO_ROOT, path.join(dir, file))}: ${key}`);
          if (Array.isArray(value)) value.forEach((item) => walkObject(item, `${key}[]`));
          else walkObject(value, key);
        };
        const walkObject = (value: unknown, prefix: string): void => {
          if (typeof value !== "object" || value === null || Array.isArray(value)) return;
          if (
            /\.(env|secretEnv|parameters|controllerPodLabels|minAllowed|maxAllowed)$/.test(prefix) ||
            /^monitoring\.resources\./.test(prefix)
          )
            return;
          for (const [k, v] of Object.entries(value)) walk(v, `${prefix}.${k}`);
        };
        for (const [key, value] of Object.entries<any>(config)) {
          if (key.startsWith(`${namespace}:`) && !value?.secure) walk(value, key.slice(namespace.length + 1));
        }
      }
    }
  });
});
