import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { configReferenceMarkdown, REFERENCE_MARKERS } from "../automation/configReference";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigSchema } from "../components";

describe("config reference", () => {
  it("declares exactly the schema's keys in Pulumi.yaml, each with a type and a description", () => {
    const project = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    assert.equal(project.name, "platform", "keys are namespaced by the project name");
    assert.deepEqual(Object.keys(project.config).sort(), Object.keys(stackConfigSchema.shape).sort());
    for (const [key, decl] of Object.entries<any>(project.config)) {
      assert.ok(["string", "object", "array"].includes(decl.type), key);
      assert.ok(typeof decl.description === "string" && decl.description.length > 20, key);
    }
  });

  it("matches the README's config reference table", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf(REFERENCE_MARKERS.start) + REFERENCE_MARKERS.start.length;
    const end = readme.indexOf(REFERENCE_MARKERS.end);
    assert.equal(readme.slice(start, end).trim(), configReferenceMarkdown(), "run `npm run docs:config`");
  });

  it("documents every key of every stack file", () => {
    const documented = new Set(configReferenceMarkdown().split("\n").map((line) => /^\| `([^`]+)`/.exec(line)?.[1]).filter(Boolean));
    for (const stack of ["staging", "prod"]) {
      const config = parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
      const walk = (value: unknown, key: string): void => {
        assert.ok(documented.has(key), `${stack}: ${key}`);
        if (Array.isArray(value)) value.forEach((item) => walkObject(item, `${key}[]`));
        else walkObject(value, key);
      };
      const walkObject = (value: unknown, prefix: string): void => {
        if (typeof value !== "object" || value === null || Array.isArray(value)) return;
        if (/\.(env|controllerPodLabels)$/.test(prefix) || /^platform:monitoring\.resources\./.test(prefix)) return;
        for (const [k, v] of Object.entries(value)) walk(v, `${prefix}.${k}`);
      };
      for (const [key, value] of Object.entries<any>(config)) {
        if (key.startsWith("platform:") && !value?.secure) walk(value, key);
      }
    }
  });
});
