import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "./fixtures/paths";

const SOURCE_DIRS = ["components", "automation", "policy", "scripts", "bench", "test", "examples", "templates"];
/** Programs the checker's engine tests run as third-party code; one imports itself in a circle on purpose. */
const THIRD_PARTY_PROGRAMS = path.join("test", "fixtures", "programs");

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      const skipped = e.name === "node_modules" || e.name === "dist" || full.endsWith(THIRD_PARTY_PROGRAMS);
      return skipped ? [] : sourceFiles(full);
    }
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The project files a file imports, type-only imports included (a cycle of types is still a cycle of concepts). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return importedFiles
    .filter((f) => f.fileName.startsWith("."))
    .map((f) => path.resolve(path.dirname(file), f.fileName))
    .flatMap((base) =>
      [`${base}.ts`, path.join(base, "index.ts"), base]
        .filter((c) => c.endsWith(".ts") && fs.existsSync(c))
        .slice(0, 1),
    );
}

/** Every elementary cycle's first occurrence, found by depth-first search over the import graph. */
function findCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const cycles: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "active");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "active") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

describe("import graph", () => {
  it("has no cycle among the project's files, type-only imports included", () => {
    const files = [
      path.join(REPO_ROOT, "index.ts"),
      ...SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(REPO_ROOT, d))),
    ];
    const cycles = findCycles(files).map((c) => c.map((f) => path.relative(REPO_ROOT, f)).join(" → "));
    assert.deepEqual(cycles, []);
  });

  it("finds a cycle when there is one", () => {
    const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "cycle-"));
    fs.writeFileSync(path.join(dir, "a.ts"), 'import type { B } from "./b";\nexport type A = B;\n');
    fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport type B = typeof a;\n');
    const cycles = findCycles([path.join(dir, "a.ts"), path.join(dir, "b.ts")]);
    fs.rmSync(dir, { recursive: true });
    assert.equal(cycles.length, 1);
  });
});
