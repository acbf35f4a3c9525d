import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CACHE_DIR_ENV, contentCache } from "../automation/check/compileCache";
import { REPO_ROOT } from "./fixtures/paths";
import { renderProjectStack } from "./fixtures/renderProject";

describe("the checker's content-keyed cache", () => {
  let dir: string;
  const previous = process.env[CACHE_DIR_ENV];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-cache-"));
  });
  afterEach(() => {
    if (previous === undefined) delete process.env[CACHE_DIR_ENV];
    else process.env[CACHE_DIR_ENV] = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers a value only for the same content, and leaves no temporary file behind", () => {
    process.env[CACHE_DIR_ENV] = path.join(dir, "cache");
    const cache = contentCache(path.join(dir, "project-a"));
    cache.set("typescript", ["a.ts", "export const a = 1;"], "compiled a");
    assert.equal(cache.get("typescript", ["a.ts", "export const a = 1;"]), "compiled a");
    assert.equal(cache.get("typescript", ["a.ts", "export const a = 2;"]), undefined);
    assert.equal(cache.get("schemas", ["a.ts", "export const a = 1;"]), undefined);
    const files = fs.readdirSync(path.join(dir, "cache", "typescript"));
    assert.equal(files.length, 1);
    assert.match(files[0], /^[0-9a-f]{64}\.json$/);
  });

  it("is off, never failing the run, where its folder cannot be written or is turned off", () => {
    const blocker = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "");
    process.env[CACHE_DIR_ENV] = path.join(blocker, "cache");
    const blocked = contentCache(path.join(dir, "project-b"));
    blocked.set("typescript", ["b.ts"], "compiled b");
    assert.equal(blocked.get("typescript", ["b.ts"]), undefined);

    process.env[CACHE_DIR_ENV] = "off";
    const off = contentCache(path.join(dir, "project-c"));
    off.set("typescript", ["c.ts"], "compiled c");
    assert.equal(off.get("typescript", ["c.ts"]), undefined);
  });

  it("serves a project's compiled TypeScript to a copy of it elsewhere, and recompiles only a changed file", async () => {
    process.env[CACHE_DIR_ENV] = path.join(dir, "cache");
    const write = (project: string, files: Record<string, string>) => {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
        fs.writeFileSync(path.join(project, name), text);
      }
      if (!fs.existsSync(path.join(project, "node_modules")))
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"));
    };
    const files = {
      "Pulumi.yaml": "name: copied\nruntime: nodejs\n",
      "Pulumi.dev.yaml": "config: {}\n",
      "index.ts":
        'import { data } from "./lib/data";\nimport * as k8s from "@pulumi/kubernetes";\nnew k8s.core.v1.ConfigMap("c", { metadata: { namespace: "team" }, data });\n',
      "lib/data.ts": 'export const data: Record<string, string> = { mode: "one" };\n',
    };
    const entries = () => fs.readdirSync(path.join(dir, "cache", "typescript")).length;
    const first = path.join(dir, "checkout-a", "copied");
    write(first, files);
    await renderProjectStack(first, "dev");
    assert.equal(entries(), 2, "index.ts and lib/data.ts");
    const copy = path.join(dir, "checkout-b", "copied");
    write(copy, files);
    await renderProjectStack(copy, "dev");
    assert.equal(entries(), 2, "the copy elsewhere compiled nothing");
    write(copy, { "lib/data.ts": 'export const data: Record<string, string> = { mode: "two" };\n' });
    const changed = await renderProjectStack(copy, "dev");
    assert.equal(entries(), 3, "only the changed file");
    const map = changed.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap");
    assert.deepEqual((map?.inputs as { data?: unknown }).data, { mode: "two" });
  });

  it("reads a damaged entry as a miss", () => {
    process.env[CACHE_DIR_ENV] = path.join(dir, "cache");
    const cache = contentCache(path.join(dir, "project-d"));
    cache.set("typescript", ["d.ts"], "compiled d");
    const [file] = fs.readdirSync(path.join(dir, "cache", "typescript"));
    fs.writeFileSync(path.join(dir, "cache", "typescript", file), '{"value":');
    assert.equal(cache.get("typescript", ["d.ts"]), undefined);
  });
});

describe("Node's code cache in the built CLI", () => {
  const cli = path.join(__dirname, "..", "dist", "automation", "cli.js");
  const filesUnder = (dir: string): number =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, String(f))).isFile()).length
      : 0;
  const runCli = (env: Record<string, string>) => {
    const { NODE_COMPILE_CACHE: _unset, ...inherited } = process.env;
    const r = spawnSync(process.execPath, [cli, "--version"], { env: { ...inherited, ...env }, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  };

  it("keeps the modules it loads in Node's folder under the temporary folder, unless PLATFORM_CHECK_CACHE is off", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "node-code-cache-"));
    try {
      fs.mkdirSync(path.join(dir, "on"));
      fs.mkdirSync(path.join(dir, "off"));
      runCli({ TMPDIR: path.join(dir, "on") });
      assert.ok(filesUnder(path.join(dir, "on", "node-compile-cache")) > 0, "the CLI's modules are cached");
      runCli({ TMPDIR: path.join(dir, "off"), [CACHE_DIR_ENV]: "off" });
      assert.equal(filesUnder(path.join(dir, "off")), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
