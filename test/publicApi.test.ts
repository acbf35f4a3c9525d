import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { REPO_ROOT } from "./fixtures/paths";

/** What a value exported by `@acme/platform` is, or why it does not belong there. */
type Kind = "component" | "error" | "schema" | "defaults" | "config program";

/**
 * The names of the functions a config-driven program calls, by family: read or parse config; map
 * validated config to a component's or the platform's args; a whole program; recognise the config
 * error; and the wiring a program builds from its config (cluster provider and kubeconfig, networks,
 * the secret keys a config names).
 */
const CONFIG_PROGRAM = [
  /^(read|parse)[A-Z]\w*Config$/,
  /^[a-z]\w*FromConfig$/,
  /^[a-z]\w*Args$/,
  /^[a-z]\w*Program$/,
  /^is[A-Z]\w*Error$/,
  /^[a-z]\w*(Provider|Kubeconfig|Network|SecretUses)$/,
];
/** A component's defaults object, or a defaults table (`DEFAULT_THRESHOLDS`). */
const DEFAULTS = /^([A-Z][A-Z0-9]*_)+DEFAULTS$|^DEFAULT_[A-Z0-9_]+$/;

const isClass = (v: unknown): v is new (...args: never[]) => unknown =>
  typeof v === "function" && /^class\b/.test(Function.prototype.toString.call(v));
const isSchema = (v: unknown) =>
  typeof v === "object" && v !== null && "_zod" in v && typeof (v as { safeParse?: unknown }).safeParse === "function";

/** The kind of one export of ".", or undefined when the rule of the public surface refuses it. */
function kindOf(name: string, value: unknown): Kind | undefined {
  if (isClass(value)) {
    if (value.prototype instanceof pulumi.ComponentResource) return "component";
    if (value.prototype instanceof Error) return "error";
    return undefined;
  }
  if (typeof value === "function") return CONFIG_PROGRAM.some((r) => r.test(name)) ? "config program" : undefined;
  if (isSchema(value)) return "schema";
  if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    DEFAULTS.test(name)
  )
    return "defaults";
  return undefined;
}

/** The renderers and helpers the components are made of: none is part of ".". */
const INTERNALS = [
  "hardenedContainer",
  "hardenedPodSpec",
  "renderProbe",
  "alertmanagerConfig",
  "teamAlertmanagerConfigSpec",
  "platformOverview",
  "dataDashboard",
  "customDashboard",
  "alertRuleGroups",
  "childName",
  "deepMerge",
  "credentialsSecret",
  "hardenedContainerDefinition",
];

describe('the public API: what `require("@acme/platform")` gives a team', () => {
  const sdk: Record<string, unknown> = require("@acme/platform");
  const internal: Record<string, unknown> = require("@acme/platform/internal");

  it("is the built package, through the package's exports", () => {
    assert.equal(
      require.resolve("@acme/platform"),
      fs.realpathSync(path.join(REPO_ROOT, "dist", "components", "index.js")),
    );
    assert.equal(
      require.resolve("@acme/platform/internal"),
      fs.realpathSync(path.join(REPO_ROOT, "dist", "components", "internal.js")),
    );
  });

  it("exposes no `z`: a team imports zod itself", () => {
    assert.ok(!("z" in sdk));
    for (const [name, value] of Object.entries(sdk)) {
      assert.ok(
        !(typeof value === "object" && value !== null && "ZodType" in value),
        `${name} is not the zod namespace`,
      );
    }
  });

  it("exposes none of the renderers; they are in @acme/platform/internal", () => {
    for (const name of INTERNALS) {
      assert.ok(!(name in sdk), `${name} is not in "."`);
      assert.equal(typeof internal[name], "function", `${name} is in "./internal"`);
    }
  });

  it("exports only components, error classes, defaults objects, schemas and config-program functions", () => {
    const refused = Object.entries(sdk)
      .filter(([name, value]) => !kindOf(name, value))
      .map(([name]) => name);
    assert.deepEqual(refused, []);
  });

  it("has every kind a team composes: components, their defaults, schemas and the config program", () => {
    const kinds = new Map<Kind, string[]>();
    for (const [name, value] of Object.entries(sdk)) {
      const kind = kindOf(name, value);
      if (kind) kinds.set(kind, [...(kinds.get(kind) ?? []), name]);
    }
    assert.ok((kinds.get("component") ?? []).length >= 15, String(kinds.get("component")));
    assert.ok((kinds.get("defaults") ?? []).length >= 15, String(kinds.get("defaults")));
    assert.ok((kinds.get("schema") ?? []).length >= 15, String(kinds.get("schema")));
    for (const name of ["readProjectConfig", "readStackConfig", "isStackConfigError", "platformArgsFromConfig"]) {
      assert.equal(kindOf(name, sdk[name]), "config program", name);
    }
    assert.equal(kindOf("StackConfigError", sdk.StackConfigError), "error");
  });

  it("the rule refuses what used to leak: zod, renderers, label helpers, constants", () => {
    const { z } = require("zod");
    assert.equal(kindOf("z", z), undefined);
    for (const name of INTERNALS) assert.equal(kindOf(name, internal[name]), undefined, name);
    for (const name of ["recommendedLabels", "promqlProblem", "SHARED_MONITORING", "PROBE_TIMING", "CHILD_ROLES"]) {
      assert.equal(kindOf(name, internal[name]), undefined, name);
    }
  });

  it("every example and template imports only public entry points (never a path inside the package)", () => {
    const programs = fs
      .readdirSync(path.join(REPO_ROOT, "examples"))
      .map((e) => path.join(REPO_ROOT, "examples", e, "index.ts"));
    const templates = path.join(REPO_ROOT, "templates");
    if (fs.existsSync(templates)) {
      for (const t of fs.readdirSync(templates)) programs.push(path.join(templates, t, "index.ts"));
    }
    const publicEntries = ["@acme/platform", "@acme/platform/policy", "@acme/platform/automation"];
    for (const file of programs.filter((f) => fs.existsSync(f))) {
      const imports = [...fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map(([, m]) => m);
      const own = imports.filter((m) => m.startsWith("@acme/"));
      assert.ok(own.length > 0, `${path.relative(REPO_ROOT, file)} uses the SDK`);
      assert.deepEqual(
        own.filter((m) => !publicEntries.includes(m)),
        [],
        path.relative(REPO_ROOT, file),
      );
      const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "package.json"), "utf8"));
      for (const dep of imports.filter((m) => !m.startsWith(".") && !m.startsWith("node:"))) {
        const name = dep.startsWith("@") ? dep.split("/").slice(0, 2).join("/") : dep.split("/")[0];
        assert.ok(
          name in (pkg.dependencies ?? {}),
          `${path.relative(REPO_ROOT, file)} declares ${name} in its package.json`,
        );
      }
    }
  });
});

describe("the API reports: one per public entry point, checked in", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const configDir = path.join(REPO_ROOT, "etc", "api", "extractor");
  const configs = fs
    .readdirSync(configDir)
    .filter((f) => f !== "base.json")
    .map((f) => JSON.parse(fs.readFileSync(path.join(configDir, f), "utf8")));

  it("reports every entry point of package.json's exports except ./internal, each in a checked-in etc/api/<name>.api.md", () => {
    const entries = Object.entries(pkg.exports as Record<string, string | { types: string }>)
      .filter(([key, target]) => key !== "./internal" && typeof target === "object")
      .map(([, target]) => (target as { types: string }).types.replace(/^\.\//, "<projectFolder>/"));
    assert.deepEqual(configs.map((c) => c.mainEntryPointFilePath).sort(), entries.sort());
    for (const c of configs) {
      const report = path.join(REPO_ROOT, "etc", "api", `${c.apiReport.reportFileName}.api.md`);
      assert.ok(fs.existsSync(report), path.relative(REPO_ROOT, report));
      assert.doesNotMatch(fs.readFileSync(report, "utf8"), /export \{ z \}|\bhardenedPodSpec\b|\brenderProbe\b/);
    }
  });

  it("is compared in CI: npm run api:check runs after the build in .ci/run", () => {
    assert.match(pkg.scripts["api:check"], /api-report\.cjs$/);
    assert.match(pkg.scripts["api:update"], /api-report\.cjs --local$/);
    const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8").split("\n");
    assert.ok(
      ci.indexOf("npm run api:check") > ci.indexOf("npm ci --no-audit --no-fund"),
      ".ci/run checks the reports after npm ci builds dist/",
    );
  });
});
