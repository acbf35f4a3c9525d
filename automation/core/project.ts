import * as fs from "node:fs";
import * as path from "node:path";
import { readUserFile, UsageError } from "./errors";
import { guardrailsProblems } from "../policy/guardrailsSchema";
import { declarationProblems, declaredValueProblems } from "./configDeclarations";
import { throwProblems } from "./configProblems";
import { providerKeyProblems } from "./providerConfig";
import { readYamlDocuments } from "./yamlFiles";
import { isObject } from "./resourceModel";

/** A Pulumi project as `Pulumi.yaml` describes it. */
export interface PulumiProject {
  /** Absolute directory holding `Pulumi.yaml`. */
  dir: string;
  /** Project name: URNs, and the namespace of bare config keys. */
  name: string;
  /** Whether the Node.js runtime runs it as TypeScript (`runtime.options.typescript`, default true). */
  typescript: boolean;
  /** `main` of `Pulumi.yaml`, relative to `dir`, when set. */
  main?: string;
  /** The `config:` declarations (type, description, default). */
  declaredConfig: Record<string, unknown>;
}

/** Stack config in the form the Pulumi language host hands a program. */
export interface ProgramConfig {
  /** Pulumi project name. */
  project: string;
  /** Stack name. */
  stack: string;
  /** File name of the stack file, e.g. `Pulumi.prod.yaml`. */
  stackFile: string;
  /** `"<namespace>:<key>"` → value; structured values as JSON text. */
  config: Record<string, string>;
  /** Keys whose values are secrets. */
  secretKeys: string[];
}

/**
 * Stand-in value for a `secure:` stack config entry. The checker has no key to decrypt it; the
 * program still receives a secret of the right shape, and reports show it as `"[secret]"`.
 */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-check-placeholder";

const STACK_PART = /^[A-Za-z0-9_.-]+$/;

/**
 * The stack a `--stack` value names, as the Pulumi CLI reads it: `stack`, `org/stack` or
 * `org/project/stack`; the stack file is always `Pulumi.<stack part>.yaml`. Given the project's
 * name, a project part must be it: the stack file of another project is not this one's.
 * @throws UsageError for anything else (path separators, `..`, empty parts, another project).
 */
export function stackPart(value: string, project?: string): string {
  const parts = value.split("/");
  const bad = parts.length > 3 || parts.some((p) => !STACK_PART.test(p) || p === "." || p === "..");
  if (bad) {
    throw new UsageError(
      `--stack: "${value}" is not a stack name (expected <stack>, <org>/<stack> or <org>/<project>/<stack>, each part letters, digits, "-", "_" or ".")`,
    );
  }
  if (project !== undefined && parts.length === 3 && parts[1] !== project) {
    throw new UsageError(
      `--stack: "${value}" names project "${parts[1]}", but the project here is "${project}" (Pulumi.yaml); give ${parts[0]}/${project}/${parts[2]}, or --project-dir of the "${parts[1]}" project`,
    );
  }
  return parts[parts.length - 1];
}

function readYaml(file: string, what: string): unknown {
  const name = path.basename(file);
  const docs = readYamlDocuments(file, name, what);
  if (docs.length > 1) throw new UsageError(`${name}: expected one YAML document, got ${docs.length}`);
  return docs[0];
}

/**
 * Reads `Pulumi.yaml` in `dir`.
 * @throws UsageError naming the file and what is wrong.
 */
export function readProject(dir: string): PulumiProject {
  const abs = path.resolve(dir);
  const file = path.join(abs, "Pulumi.yaml");
  if (!fs.existsSync(file))
    throw new UsageError(`--project-dir: no Pulumi.yaml in ${abs} (expected the directory of a Pulumi project)`);
  const doc = readYaml(file, "the project file");
  if (!isObject(doc) || typeof doc.name !== "string" || !doc.name) {
    throw new UsageError("Pulumi.yaml: name: required key is missing (expected the project name)");
  }
  const runtime = doc.runtime;
  const runtimeName = isObject(runtime) ? runtime.name : runtime;
  if (runtimeName !== "nodejs") {
    throw new UsageError(
      `Pulumi.yaml: runtime: expected nodejs (the checker runs Node.js programs), got ${JSON.stringify(runtimeName ?? null)}`,
    );
  }
  const options = isObject(runtime) && isObject(runtime.options) ? runtime.options : {};
  if (doc.main !== undefined && (typeof doc.main !== "string" || !doc.main)) {
    throw new UsageError(`Pulumi.yaml: main: expected a path to the program, got ${JSON.stringify(doc.main)}`);
  }
  return {
    dir: abs,
    name: doc.name,
    typescript: options.typescript !== false,
    main: doc.main as string | undefined,
    declaredConfig: isObject(doc.config) ? doc.config : {},
  };
}

/** The entry a package.json names, as Pulumi's Node.js runtime looks for it: `exports["."]`, then `main`. */
function packageEntry(dir: string): string | undefined {
  const file = path.join(dir, "package.json");
  if (!fs.existsSync(file)) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(readUserFile(file, (reason) => `package.json: cannot read ${file} (${reason})`));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`package.json: not valid JSON in ${dir}: ${(err as Error).message}`);
  }
  if (!isObject(pkg)) return undefined;
  const exp = pkg.exports;
  const dot = isObject(exp) ? exp["."] : exp;
  const fromExports =
    typeof dot === "string" ? dot : isObject(dot) ? (dot.default ?? dot.require ?? dot.import) : undefined;
  const entry = typeof fromExports === "string" ? fromExports : typeof pkg.main === "string" ? pkg.main : undefined;
  return entry && fs.existsSync(path.join(dir, entry)) ? path.join(dir, entry) : undefined;
}

/**
 * The program Pulumi's Node.js runtime would start: `Pulumi.yaml` `main`, else the project's
 * `package.json` entry (`exports["."]`, then `main`), else the directory itself (its `index.ts` or
 * `index.js`). Returns a path for `require`.
 */
export function programEntry(project: PulumiProject): string {
  if (project.main) {
    const target = path.resolve(project.dir, project.main);
    if (!fs.existsSync(target))
      throw new UsageError(
        `Pulumi.yaml: main: no program at ${target} (expected a file or directory relative to Pulumi.yaml)`,
      );
    return fs.statSync(target).isDirectory() ? (packageEntry(target) ?? target) : target;
  }
  return packageEntry(project.dir) ?? project.dir;
}

/** The stacks a project directory has a `Pulumi.<stack>.yaml` for. */
export function listStacks(projectDir: string): string[] {
  return fs
    .readdirSync(projectDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

/**
 * The stack file of `stack` (any `--stack` form) in the project.
 * @throws UsageError when there is none, listing the stacks there are.
 */
export function stackFilePath(project: PulumiProject, stack: string): string {
  const name = stackPart(stack, project.name);
  const found = [".yaml", ".yml"]
    .map((ext) => path.join(project.dir, `Pulumi.${name}${ext}`))
    .find((f) => fs.existsSync(f));
  if (!found) {
    const known = listStacks(project.dir);
    throw new UsageError(
      `--stack: unknown stack "${stack}": no Pulumi.${name}.yaml in ${project.dir} (expected one of: ${known.join(", ") || "none"})`,
    );
  }
  return found;
}

/**
 * Reads the stack's config the way the CLI does before it starts a program: project defaults
 * first, stack values over them, bare keys namespaced by the project name, `secure:` values
 * marked secret. The keys the program does not read are checked here, all at once: the engine's
 * and providers' keys (`pulumi:`, `aws:`, `kubernetes:`) and the guardrails (`guardrails:`).
 * @throws UsageError naming the file and what is wrong; ConfigProblemsError listing every bad key.
 */
export function readProgramConfig(project: PulumiProject, stack: string): ProgramConfig {
  const { config, problems, programProblems } = readStackFileConfig(project, stack);
  throwProblems([...problems, ...programProblems]);
  return config;
}

/**
 * {@link readProgramConfig} that returns the bad keys it found instead of throwing them, so a
 * caller can add the problems the program itself finds in the same file: `problems` always
 * matter, `programProblems` (keys `Pulumi.yaml` declares) only when the program runs.
 * @throws UsageError when the file cannot be read or is not a stack file.
 */
export function readStackFileConfig(
  project: PulumiProject,
  stack: string,
): { config: ProgramConfig; problems: string[]; programProblems: string[] } {
  const file = stackFilePath(project, stack);
  const stackFile = path.basename(file);
  const doc = readYaml(file, "the stack file");
  if (doc !== null && doc !== undefined && !isObject(doc)) {
    throw new UsageError(`${stackFile}: expected a mapping with a "config" key at the top level`);
  }
  const stackConfig = (doc as Record<string, unknown> | null)?.config ?? {};
  if (!isObject(stackConfig)) throw new UsageError(`${stackFile}: config: expected a mapping of config keys`);

  const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, decl] of Object.entries(project.declaredConfig)) {
    const fallback = isObject(decl) ? (decl.default ?? decl.value) : decl;
    if (fallback !== undefined) config[qualify(key)] = encode(fallback);
  }
  for (const [key, value] of Object.entries(stackConfig)) {
    const full = qualify(key);
    const { value: plain, secret } = decryptOffline(value);
    config[full] = encode(plain);
    if (secret) secretKeys.push(full);
  }
  const read = { project: project.name, stack: stackPart(stack, project.name), stackFile, config, secretKeys };
  const stackValues = Object.fromEntries(Object.entries(stackConfig).map(([key, value]) => [qualify(key), value]));
  const programProblems = declaredValueProblems(project.declaredConfig, stackValues, project.name, stackFile);
  const problems = [
    ...declarationProblems(project.declaredConfig),
    ...providerKeyProblems(Object.keys(stackConfig).map(qualify), stackFile, project.dir),
    ...guardrailsProblems(read, project.dir).problems,
  ];
  return { config: read, problems, programProblems };
}

function isSecure(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 1 && "secure" in value;
}

/**
 * A config value as the engine hands it to a program: every `secure:` value (the whole value, or
 * one nested in an object or list) decrypted — here to a placeholder — and the key marked secret
 * when any part of it was.
 */
function decryptOffline(value: unknown): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: OFFLINE_SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(decryptOffline);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => [k, decryptOffline(v)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])),
      secret: entries.some(([, v]) => v.secret),
    };
  }
  return { value, secret: false };
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
