import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { looksSecret } from "../../policy/lib/credentials";
import { StackConfigError } from "./errors";
import { StackConfig, stackConfigSchema } from "./schema";

/** The config namespace of the repository's own program (its project name in `Pulumi.yaml`). */
export const CONFIG_NAMESPACE = "platform";

/** Where raw config comes from, for parsing and for messages. */
export interface ConfigSource {
  /** The stack file named in messages, e.g. `Pulumi.prod.yaml`. */
  stackFile: string;
  /** The namespace of the keys the program reads: the project name. @default {@link CONFIG_NAMESPACE} */
  namespace?: string;
  /** Whether a full key (`<namespace>:<key>`) holds a secret. @default no key does */
  isSecret?: (key: string) => boolean;
}

/** The stack file a stack's config lives in. */
export function stackFileName(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

/** Keys read as secrets, outside the schema (their values never pass through validation). */
export const SECRET_KEYS = ["kubeconfig"] as const;

/** Where a stack names a secret config key of its own (the platform's: receivers' `secret`, apps' `secretEnv`). */
export interface SecretUse {
  /** The secret key (without namespace). */
  key: string;
  /** The config path that names it, e.g. `apps[0].secretEnv.SECRET_KEY`. */
  namedBy: (string | number)[];
  /** What the secret is, for the set-it hint. */
  what: string;
}

/** Options of {@link parseProjectConfig}. */
export interface ProjectConfigOptions {
  /** Keys (without namespace) that hold secrets read elsewhere — a list, or found in the parsed values — skipped by validation, each required to be set as a secret. @default none */
  readonly secretKeys?: readonly SecretUse[] | ((values: Readonly<Record<string, unknown>>) => SecretUse[]);
  /** Keys skipped by validation and read elsewhere (e.g. a kubeconfig). @default none */
  readonly ignoredKeys?: readonly string[];
}

/**
 * Validates the raw config values of a project's namespace (as the Pulumi runtime holds them:
 * `"<namespace>:key"` → string, structured values as JSON text) against an object schema of its
 * keys, and returns the typed values. A secret value in a structured key is refused, since its
 * parts would reach resources as plain text.
 * @throws StackConfigError naming `stackFile`, the key path and what was expected; never a secret's value.
 */
export function parseProjectConfig<S extends z.ZodObject>(raw: Record<string, string>, source: ConfigSource, schema: S, opts: ProjectConfigOptions = {}): z.output<S> {
  const { stackFile, namespace = CONFIG_NAMESPACE, isSecret = () => false } = source;
  const own: Record<string, string> = {};
  for (const [fullKey, text] of Object.entries(raw)) {
    const sep = fullKey.indexOf(":");
    if (fullKey.slice(0, sep) === namespace) own[fullKey.slice(sep + 1)] = text;
  }
  const valueOf = (key: string) => {
    const keySchema = schema.shape[key] as z.ZodType | undefined;
    return keySchema && isText(keySchema) ? own[key] : parseStructured(own[key]);
  };
  const uses = typeof opts.secretKeys === "function"
    ? opts.secretKeys(Object.fromEntries(Object.keys(own).map((k) => [k, valueOf(k)])))
    : opts.secretKeys ?? [];
  const skipped = new Set<string>([...(opts.ignoredKeys ?? []), ...uses.map((u) => u.key)]);
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(own)) {
    if (skipped.has(key)) continue;
    const fullKey = `${namespace}:${key}`;
    if (isSecret(fullKey) && key in schema.shape) {
      throw new StackConfigError(`${stackFile}: ${fullKey}: holds a secret value, which would reach resources as plain text (expected each secret in its own key, set with "pulumi config set --secret ${namespace}:<name>", and named by the config that uses it)`);
    }
    values[key] = valueOf(key);
  }
  const result = schema.safeParse(values, { reportInput: true });
  if (!result.success) {
    const [first, ...rest] = result.error.issues;
    const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
    throw new StackConfigError(`${stackFile}: ${describeIssue(first, namespace)}${more}`);
  }
  for (const use of uses) {
    const key = `${namespace}:${use.key}`;
    const how = `run "pulumi config set --secret ${key} <${use.what}>"`;
    if (raw[key] === undefined) {
      throw new StackConfigError(`${stackFile}: ${key}: required key is missing (expected the secret named by ${configKeyPath(use.namedBy, namespace)}; ${how})`);
    }
    if (!isSecret(key)) throw new StackConfigError(`${stackFile}: ${key}: expected a secret value (${how}), got plain text (value not shown)`);
  }
  return result.data as z.output<S>;
}

/** Whether a key's value is used as its text (a string or enum), not parsed as JSON or YAML scalars. */
function isText(schema: z.ZodType): boolean {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodString || s instanceof z.ZodEnum || (s instanceof z.ZodLiteral && typeof s.value === "string");
}

/**
 * Validates raw config values against the config-driven platform's schema. Secrets stay out of
 * validation: each lives in its own secret key that the config names, is read later with
 * Pulumi's secret getter, and must be set as a secret.
 * @throws StackConfigError naming `stackFile`, the key path and what was expected; never a secret's value.
 */
export function parseStackConfig(raw: Record<string, string>, source: ConfigSource): StackConfig {
  return parseProjectConfig(raw, source, stackConfigSchema, { secretKeys: platformSecretUses, ignoredKeys: SECRET_KEYS });
}

/** The secret keys a list of receivers names (each receiver's `secret`), at `at` in the config. */
export function receiverSecretUses(receivers: unknown, at: (string | number)[]): SecretUse[] {
  if (!Array.isArray(receivers)) return [];
  return receivers.flatMap((r: { secret?: unknown; type?: unknown } | null, i) => typeof r?.secret === "string"
    ? [{ key: r.secret, namedBy: [...at, i, "secret"], what: r.type === "pagerduty" ? "routing key" : "URL" }]
    : []);
}

/** The secret config keys the platform's config names: receivers' `secret`, apps' `secretEnv` values. */
function platformSecretUses(values: Readonly<Record<string, unknown>>): SecretUse[] {
  const uses = receiverSecretUses((values.monitoring as { receivers?: unknown } | null)?.receivers, ["monitoring", "receivers"]);
  const apps = values.apps;
  (Array.isArray(apps) ? apps : []).forEach((app, i) => {
    const env = (app as { secretEnv?: unknown } | null)?.secretEnv;
    if (!env || typeof env !== "object") return;
    for (const [name, source] of Object.entries(env)) {
      if (typeof source === "string") uses.push({ key: source, namedBy: ["apps", i, "secretEnv", name], what: `value of ${name}` });
    }
  });
  return uses;
}

const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };

/** The current stack's config as the Pulumi runtime holds it, with where it came from. */
function runtimeSource(): { raw: Record<string, string>; source: ConfigSource } {
  return {
    raw: pulumi.runtime.allConfig(),
    source: { stackFile: stackFileName(pulumi.getStack()), namespace: pulumi.getProject(), isSecret: (key) => !!runtimeConfig.isConfigSecret?.(key) },
  };
}

/**
 * Reads and validates the current stack's config for the config-driven platform: the keys in the
 * project's namespace (`<project>:*`, bare keys in the stack file).
 */
export function readStackConfig(): StackConfig {
  const { raw, source } = runtimeSource();
  return parseStackConfig(raw, source);
}

/**
 * Reads and validates the current stack's config against a team's own schema of its keys (built
 * from the components' fragments), with the same one-line errors as the platform's: a program
 * run by `platform check` exits 2 on them, and the Pulumi CLI prints them without a stack trace.
 */
export function readProjectConfig<S extends z.ZodObject>(schema: S, opts?: ProjectConfigOptions): z.output<S> {
  const { raw, source } = runtimeSource();
  return parseProjectConfig(raw, source, schema, opts);
}

function parseStructured(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `platform:apps[1].replicas` for the path `["apps", 1, "replicas"]`. */
export function configKeyPath(path: readonly PropertyKey[], namespace = CONFIG_NAMESPACE): string {
  let out = namespace;
  path.forEach((seg, i) => {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += i === 0 ? `:${String(seg)}` : `.${String(seg)}`;
  });
  return out;
}

/** Path segments under which a value may be a credential, so errors never repeat it. */
const SENSITIVE_SEGMENTS = new Set(["env", "secretEnv", "parameters"]);

function show(value: unknown, path: readonly PropertyKey[] = []): string {
  if (value === undefined) return "nothing";
  if (path.some((seg) => typeof seg === "string" && SENSITIVE_SEGMENTS.has(seg))) return "a value (not shown)";
  const text = JSON.stringify(value);
  if (typeof value === "string" && looksSecret(value)) return "a value that looks like a credential (not shown)";
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeIssue(iss: z.core.$ZodIssue, namespace: string): string {
  const key = (path: readonly PropertyKey[]) => configKeyPath(path, namespace);
  const input = (iss as { input?: unknown }).input;
  const shown = (value: unknown) => show(value, iss.path);
  // The schema's own messages say what is expected; zod's generic ones are rephrased below.
  if (iss.message.startsWith("expected") && iss.code !== "custom" && input !== undefined) {
    return `${key(iss.path)}: ${iss.message}, got ${shown(input)}`;
  }
  switch (iss.code) {
    case "invalid_union": {
      const discriminator = (iss as { discriminator?: string; options?: unknown[] }).discriminator;
      const options = (iss as { options?: unknown[] }).options;
      if (discriminator && options && typeof input === "object" && input !== null) {
        return `${key(iss.path)}: expected one of ${options.map((v) => JSON.stringify(v)).join(", ")}, got ${shown((input as Record<string, unknown>)[discriminator])}`;
      }
      return `${key(iss.path)}: ${iss.message}`;
    }
    case "unrecognized_keys": {
      const [unknown] = iss.keys;
      const extra = iss.keys.length > 1 ? ` (also ${iss.keys.slice(1).map((k) => `"${k}"`).join(", ")})` : "";
      return `${key([...iss.path, unknown])}: unknown key${extra}; expected only the keys documented in the config reference`;
    }
    case "invalid_type":
      if (input === undefined) return `${key(iss.path)}: required key is missing (expected ${article(iss.expected)})`;
      return `${key(iss.path)}: expected ${article(iss.expected)}, got ${shown(input)}`;
    case "too_small":
      return `${key(iss.path)}: expected ${bound(iss.origin, ">=", iss.minimum, iss.inclusive)}, got ${shown(input)}`;
    case "too_big":
      return `${key(iss.path)}: expected ${bound(iss.origin, "<=", iss.maximum, iss.inclusive)}, got ${shown(input)}`;
    case "invalid_value":
      return `${key(iss.path)}: expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}, got ${shown(input)}`;
    default: {
      const got = input !== undefined && typeof input !== "object" ? `, got ${shown(input)}` : "";
      return `${key(iss.path)}: ${iss.message}${got}`;
    }
  }
}

function article(type: string): string {
  if (type === "int") return "an integer";
  if (type === "object" || type === "array") return `an ${type}`;
  return `a ${type}`;
}

function bound(origin: string, op: string, limit: unknown, inclusive: boolean | undefined): string {
  const lim = Number(limit);
  if (origin === "array") return op === ">=" ? `at least ${lim} item(s)` : `at most ${lim} item(s)`;
  if (origin === "string") return op === ">=" ? `at least ${lim} character(s)` : `at most ${lim} character(s)`;
  const sign = inclusive === false ? op[0] : op;
  return `a number ${sign} ${lim}`;
}
