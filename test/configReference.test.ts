import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { configReferenceDocument, configReferenceMarkdown, REFERENCE_FILE } from "../scripts/configReference";
import { REPO_ROOT } from "./fixtures/paths";

/** Every project in the repository that reads platform config, with its namespace. */
const PROJECTS = [
  { dir: REPO_ROOT, namespace: "platform" },
  { dir: path.join(REPO_ROOT, "examples", "exams"), namespace: "nexus" },
];

describe("config reference", () => {
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
