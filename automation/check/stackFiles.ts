import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { readUserFile, UsageError } from "../errors";
import { isObject } from "./resourceModel";

/** Stack config in the form the Pulumi language host hands a program. */
export interface ProgramConfig {
  /** Pulumi project name from `Pulumi.yaml`. */
  project: string;
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

function readYaml(file: string, what: string): unknown {
  const text = readUserFile(file, (reason) => `${path.basename(file)}: cannot read ${what} at ${file} (${reason})`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    const line = ` at line ${pos.line}, column ${pos.col}`;
    throw new UsageError(`${path.basename(file)}: not valid YAML${line}: ${e.message.split("\n")[0]}`);
  }
  return doc.toJS();
}


/** The stacks a project directory has a `Pulumi.<stack>.yaml` for. */
export function listStacks(projectDir: string): string[] {
  return fs.readdirSync(projectDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the CLI does before it starts a program:
 * project defaults first, stack values over them, bare keys namespaced by the project name,
 * `secure:` values marked secret.
 * @throws UsageError naming the file and what is wrong.
 */
export function readProgramConfig(projectDir: string, stack: string): ProgramConfig {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const project = readYaml(projectFile, "the project file");
  if (!isObject(project) || typeof project.name !== "string") {
    throw new UsageError("Pulumi.yaml: name: required key is missing (expected the project name)");
  }
  const stackFile = [".yaml", ".yml"].map((ext) => path.join(projectDir, `Pulumi.${stack}${ext}`)).find((f) => fs.existsSync(f));
  if (!stackFile) {
    const known = listStacks(projectDir);
    throw new UsageError(`--stack: unknown stack "${stack}": no Pulumi.${stack}.yaml in ${projectDir} (expected one of: ${known.join(", ") || "none"})`);
  }
  const stackName = path.basename(stackFile);
  const doc = readYaml(stackFile, "the stack file");
  if (doc !== null && doc !== undefined && !isObject(doc)) {
    throw new UsageError(`${stackName}: expected a mapping with a "config" key at the top level`);
  }
  const stackConfig = (doc as Record<string, unknown> | null)?.config ?? {};
  if (!isObject(stackConfig)) throw new UsageError(`${stackName}: config: expected a mapping of config keys`);

  const name = project.name;
  const qualify = (key: string) => (key.includes(":") ? key : `${name}:${key}`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const declared = isObject(project.config) ? project.config : {};
  for (const [key, decl] of Object.entries(declared)) {
    const fallback = isObject(decl) ? (decl.default ?? decl.value) : decl;
    if (fallback !== undefined) config[qualify(key)] = encode(fallback);
  }
  for (const [key, value] of Object.entries(stackConfig)) {
    const full = qualify(key);
    if (isObject(value) && Object.keys(value).length === 1 && "secure" in value) {
      config[full] = OFFLINE_SECRET_PLACEHOLDER;
      secretKeys.push(full);
    } else {
      config[full] = encode(value);
    }
  }
  return { project: name, config, secretKeys };
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
