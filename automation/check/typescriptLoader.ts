import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { contentCache } from "./compileCache";

type Compile = (module: NodeModule & { _compile(code: string, file: string): void }, file: string) => void;

/** Project directories whose `.ts` files this loader compiles. */
const roots = new Set<string>();
/** Source maps of the files compiled here, by absolute file name: the JSON text until a position is asked. */
const sourceMaps = new Map<string, Module.SourceMap | string>();

/** The `typescript` package a file compiles with: where it is and its version (part of a compiled file's cache key). */
interface Compiler {
  main: string;
  version: string;
}

const compilers = new Map<string, Compiler>();

function compilerFor(dir: string): Compiler {
  let found = compilers.get(dir);
  if (!found) {
    const manifest = require.resolve("typescript/package.json", { paths: [dir, __dirname] });
    const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
    found = { main: require.resolve("typescript", { paths: [path.dirname(manifest)] }), version };
    compilers.set(dir, found);
  }
  return found;
}

/** What a project's compiler options come from besides the compiler: its tsconfig's text, if any. */
function tsconfigText(projectDir: string): string {
  try {
    return fs.readFileSync(path.join(projectDir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json"), "utf8");
  } catch {
    return "";
  }
}

/**
 * `file` compiled to CommonJS with its source map, from the project's cache when the same source,
 * at the same place in its project, with the same tsconfig and compiler compiled it before (the
 * compiler is not even loaded then). The output names a file by its base name only, so a project
 * copied or checked out elsewhere hits the same entries — unless its tsconfig sets a source map
 * root, which the compiler resolves against the project's folder.
 */
function compiled(file: string, root: string): { code: string; map?: string } {
  const source = fs.readFileSync(file, "utf8");
  const compiler = compilerFor(path.dirname(file));
  const cache = contentCache(root);
  const tsconfig = tsconfigText(root);
  const key = [
    path.relative(root, file),
    /"(sourceRoot|mapRoot)"/.test(tsconfig) ? root : "",
    source,
    tsconfig,
    process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "",
    compiler.version,
  ];
  const hit = cache.get("typescript", key);
  if (hit) return JSON.parse(hit) as { code: string; map?: string };
  const ts = require(compiler.main) as typeof import("typescript");
  const out = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: compilerOptions(ts, root),
    reportDiagnostics: false,
  });
  const result = { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ""), map: out.sourceMapText };
  cache.set("typescript", key, JSON.stringify(result));
  return result;
}

/**
 * The compiler options Pulumi's Node.js runtime hands ts-node (`ES2020`, CommonJS), under the
 * project's own `tsconfig.json` `compilerOptions` when it has one in its directory. The module
 * format is always CommonJS: Pulumi runs TypeScript as CommonJS unless ts-node/esm is installed
 * and the package is `"type": "module"`, which the checker does not support.
 */
function compilerOptions(ts: typeof import("typescript"), projectDir: string): import("typescript").CompilerOptions {
  let own: Record<string, unknown> = {};
  const tsconfig = path.join(projectDir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  if (fs.existsSync(tsconfig)) {
    const parsed = ts.parseConfigFileTextToJson(tsconfig, fs.readFileSync(tsconfig, "utf8")).config as
      { compilerOptions?: Record<string, unknown> } | undefined;
    own = parsed?.compilerOptions ?? {};
  }
  const { options } = ts.convertCompilerOptionsFromJson({ target: "ES2020", ...own }, projectDir);
  return {
    ...options,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: undefined,
    sourceMap: true,
    inlineSourceMap: false,
    declaration: false,
    noEmit: false,
    isolatedModules: false,
    verbatimModuleSyntax: false,
  };
}

function inProject(file: string): boolean {
  if (file.split(path.sep).includes("node_modules")) return false;
  for (const root of roots) if (file.startsWith(root + path.sep)) return true;
  return false;
}

/**
 * Lets `require` load a project's TypeScript program as Pulumi's Node.js runtime does: compiled
 * by the `typescript` package to CommonJS with Pulumi's default compiler options and the
 * project's `tsconfig.json`, so `export const` is `exports.x = …` and a circular import sees
 * `undefined` rather than a "before initialization" error. Not type-checked (run `tsc --noEmit`
 * for that). Files outside `projectDir` (and under `node_modules`) keep the loader they had,
 * if any. A pack folder registers with no directory.
 */
export function registerTypeScript(projectDir?: string): void {
  if (projectDir) roots.add(path.resolve(projectDir));
  const extensions = (Module as unknown as { _extensions: Record<string, Compile> })._extensions;
  if ((extensions[".ts"] as { platformCheck?: true } | undefined)?.platformCheck) return;
  const previous = extensions[".ts"];
  const load: Compile & { platformCheck?: true } = (module, file) => {
    if (!inProject(file) && previous) return previous(module, file);
    const root = [...roots].find((r) => file.startsWith(r + path.sep)) ?? path.dirname(file);
    const { code, map } = compiled(file, root);
    if (map) sourceMaps.set(file, map);
    module._compile(code, file);
  };
  load.platformCheck = true;
  extensions[".ts"] = load;
}

/** The line and column in the TypeScript source of a position in the JavaScript compiled from it (1-based), when known. */
export function originalPosition(
  file: string,
  line: number,
  column: number,
): { line: number; column: number } | undefined {
  let map = sourceMaps.get(file);
  if (typeof map === "string") sourceMaps.set(file, (map = new Module.SourceMap(JSON.parse(map))));
  const entry = map?.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number } | undefined;
  return entry && entry.originalLine !== undefined
    ? { line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 }
    : undefined;
}
