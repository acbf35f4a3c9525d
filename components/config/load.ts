import * as pulumi from "@pulumi/pulumi";
import { alertSubscriptionSecretUses } from "../aws/alertTopicSchema";
import type { SecretUse } from "./secretUse";
import { z } from "zod";
import { looksSecret } from "../../policy/lib/credentials/detector";
import { StackConfigError } from "./errors";
import { keysAt } from "./schemaKeys";
import { StackConfig, stackConfigSchema } from "./schema";
import { nearestKey } from "./suggest";

export type { SecretUse } from "./secretUse";

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

/** Options of {@link parseProjectConfig}. */
export interface ProjectConfigOptions {
  /** Keys (without namespace) that hold secrets read elsewhere — a list, or found in the parsed values — skipped by validation, each required to be set as a secret. @default none */
  readonly secretKeys?: readonly SecretUse[] | ((values: Readonly<Record<string, unknown>>) => SecretUse[]);
  /** Keys skipped by validation and read elsewhere (e.g. a kubeconfig). @default none */
  readonly ignoredKeys?: readonly string[];
}

/** Namespaces that are never a project's: the engine's and the checker's own. */
const NOT_A_PROJECT = new Set(["pulumi", "guardrails"]);

/**
 * Validates the raw config values of a project's namespace (as the Pulumi runtime holds them:
 * `"<namespace>:key"` → string, structured values as JSON text) against an object schema of its
 * keys, and returns the typed values. Every problem of the stack file is reported at once, one
 * line each: an unknown key at any depth with the nearest known one, keys written under another
 * project's namespace, a secret value in a structured key (its parts would reach resources as
 * plain text), a named secret key that is missing or not a secret.
 * @throws StackConfigError carrying every problem, each naming `stackFile`, the key path and what was expected; never a secret's value.
 */
export function parseProjectConfig<S extends z.ZodObject>(
  raw: Record<string, string>,
  source: ConfigSource,
  schema: S,
  opts: ProjectConfigOptions = {},
): z.output<S> {
  const problems = projectConfigProblems(raw, source, schema, opts);
  if (problems.problems.length) throw new StackConfigError(problems.problems);
  return problems.data as z.output<S>;
}

/** What validating a project's config found: the typed values when there is no problem. */
export interface ProjectConfigResult<T> {
  /** Every problem, one line each (stack file, key path, what was expected). */
  problems: string[];
  /** The typed values, when `problems` is empty. */
  data?: T;
}

/**
 * The checks of {@link parseProjectConfig}, returning every problem instead of throwing, so a
 * caller can report them together with the problems of the stack file's other namespaces.
 */
export function projectConfigProblems<S extends z.ZodObject>(
  raw: Record<string, string>,
  source: ConfigSource,
  schema: S,
  opts: ProjectConfigOptions = {},
): ProjectConfigResult<z.output<S>> {
  const { stackFile, namespace = CONFIG_NAMESPACE, isSecret = () => false } = source;
  const problems: string[] = [];
  const problem = (text: string) => problems.push(`${stackFile}: ${text}`);
  const own: Record<string, string> = {};
  const foreign = new Map<string, string[]>();
  for (const [fullKey, text] of Object.entries(raw)) {
    const sep = fullKey.indexOf(":");
    const ns = fullKey.slice(0, sep);
    const key = fullKey.slice(sep + 1);
    if (ns === namespace) own[key] = text;
    else if (!NOT_A_PROJECT.has(ns) && key in schema.shape) foreign.set(ns, [...(foreign.get(ns) ?? []), key]);
  }
  const misplaced = new Set<string>();
  for (const [ns, keys] of foreign) {
    if (keys.every((k) => k in own)) continue;
    keys.forEach((k) => misplaced.add(k));
    problem(
      `${ns}:${keys[0]}: keys under ${ns}: belong to a project named ${ns}; this project is ${namespace} — rename them to ${namespace}:… (${keys.map((k) => `${ns}:${k}`).join(", ")})`,
    );
  }
  const valueOf = (key: string) => {
    const keySchema = schema.shape[key] as z.ZodType | undefined;
    return keySchema && isText(keySchema) ? own[key] : parseStructured(own[key]);
  };
  const named =
    typeof opts.secretKeys === "function"
      ? opts.secretKeys(Object.fromEntries(Object.keys(own).map((k) => [k, valueOf(k)])))
      : (opts.secretKeys ?? []);
  const uses: SecretUse[] = [];
  for (const use of named) {
    const sep = use.key.indexOf(":");
    if (sep < 0) uses.push(use);
    else if (use.key.slice(0, sep) === namespace) uses.push({ ...use, key: use.key.slice(sep + 1) });
    else
      problem(
        `${configKeyPath(use.namedBy, namespace)}: expected a secret key of this project ("<name>" or "${namespace}:<name>"), got one of project ${JSON.stringify(use.key.slice(0, sep))}`,
      );
  }
  const skipped = new Set<string>([...(opts.ignoredKeys ?? []), ...uses.map((u) => u.key)]);
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(own)) {
    if (skipped.has(key)) continue;
    const fullKey = `${namespace}:${key}`;
    if (isSecret(fullKey) && key in schema.shape) {
      problem(
        `${fullKey}: holds a secret value, which would reach resources as plain text (expected each secret in its own key, set with "pulumi config set --secret ${namespace}:<name>", and named by the config that uses it)`,
      );
      continue;
    }
    values[key] = valueOf(key);
  }
  const result = schema.safeParse(values, { reportInput: true });
  if (!result.success) {
    for (const iss of result.error.issues) {
      const missingTopLevel = iss.path.length === 1 && (iss as { input?: unknown }).input === undefined;
      if (missingTopLevel && misplaced.has(String(iss.path[0]))) continue;
      for (const line of describeConfigIssue(iss, namespace, schema)) problem(line);
    }
  }
  const seen = new Set<string>();
  for (const use of uses) {
    const key = `${namespace}:${use.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const how = `run "pulumi config set --secret ${key} <${use.what}>"`;
    if (raw[key] === undefined)
      problem(
        `${key}: required key is missing (expected the secret named by ${configKeyPath(use.namedBy, namespace)}; ${how})`,
      );
    else if (!isSecret(key)) problem(`${key}: expected a secret value (${how}), got plain text (value not shown)`);
  }
  return problems.length ? { problems } : { problems, data: result.data as z.output<S> };
}

/** Whether a key's value is used as its text (a string or enum), not parsed as JSON or YAML scalars. */
function isText(schema: z.ZodType): boolean {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s.unwrap() as z.ZodType;
  return (
    s instanceof z.ZodString || s instanceof z.ZodEnum || (s instanceof z.ZodLiteral && typeof s.value === "string")
  );
}

/**
 * Validates raw config values against the config-driven platform's schema. Secrets stay out of
 * validation: each lives in its own secret key that the config names, is read later with
 * Pulumi's secret getter, and must be set as a secret.
 * @throws StackConfigError naming `stackFile`, the key path and what was expected; never a secret's value.
 */
export function parseStackConfig(raw: Record<string, string>, source: ConfigSource): StackConfig {
  return parseProjectConfig(raw, source, stackConfigSchema, {
    secretKeys: platformSecretUses,
    ignoredKeys: SECRET_KEYS,
  });
}

/** The secret keys a list of receivers names (each receiver's `secret`), at `at` in the config. */
export function receiverSecretUses(receivers: unknown, at: (string | number)[]): SecretUse[] {
  if (!Array.isArray(receivers)) return [];
  return receivers.flatMap((r: { secret?: unknown; type?: unknown } | null, i) =>
    typeof r?.secret === "string"
      ? [{ key: r.secret, namedBy: [...at, i, "secret"], what: r.type === "pagerduty" ? "routing key" : "URL" }]
      : [],
  );
}

/** The secret config keys the platform's config names: receivers' `secret`, apps' `secretEnv` values. */
function platformSecretUses(values: Readonly<Record<string, unknown>>): SecretUse[] {
  const monitoring = values.monitoring as { receivers?: unknown; alarmSubscriptions?: unknown } | null;
  const uses = [
    ...receiverSecretUses(monitoring?.receivers, ["monitoring", "receivers"]),
    ...alertSubscriptionSecretUses(monitoring?.alarmSubscriptions, ["monitoring", "alarmSubscriptions"]),
  ];
  const apps = values.apps;
  (Array.isArray(apps) ? apps : []).forEach((app, i) => {
    const env = (app as { secretEnv?: unknown } | null)?.secretEnv;
    if (!env || typeof env !== "object") return;
    for (const [name, source] of Object.entries(env)) {
      if (typeof source === "string")
        uses.push({ key: source, namedBy: ["apps", i, "secretEnv", name], what: `value of ${name}` });
    }
  });
  return uses;
}

const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };

/** The current stack's config as the Pulumi runtime holds it, with where it came from. */
function runtimeSource(): { raw: Record<string, string>; source: ConfigSource } {
  return {
    raw: pulumi.runtime.allConfig(),
    source: {
      stackFile: stackFileName(pulumi.getStack()),
      namespace: pulumi.getProject(),
      isSecret: (key) => !!runtimeConfig.isConfigSecret?.(key),
    },
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

/**
 * One config issue as the lines a stack file's author reads: the full key path and what was
 * expected; an unknown key (one line each) with the nearest key the schema has at that level.
 */
export function describeConfigIssue(iss: z.core.$ZodIssue, namespace: string, schema: z.ZodType): string[] {
  const key = (path: readonly PropertyKey[]) => configKeyPath(path, namespace);
  if (iss.code === "unrecognized_keys") {
    const known = keysAt(schema, iss.path);
    return iss.keys.map((unknown) => {
      const near = nearestKey(unknown, known);
      const name = /^[A-Za-z0-9_-]*$/.test(unknown) ? unknown : JSON.stringify(unknown);
      const at = key([...iss.path, name]);
      return near
        ? `${at}: unknown key (did you mean "${near}"?)`
        : `${at}: unknown key; expected only the keys documented in the config reference${known.length ? ` (${known.join(", ")})` : ""}`;
    });
  }
  return [describeOne(iss, key)];
}

function describeOne(iss: z.core.$ZodIssue, key: (path: readonly PropertyKey[]) => string): string {
  const input = (iss as { input?: unknown }).input;
  const shown = (value: unknown) => show(value, iss.path);
  // The schema's own messages say what is expected; zod's generic ones are rephrased below.
  if (iss.message.startsWith("expected") && iss.code !== "custom") {
    return `${key(iss.path)}: ${iss.message}${input === undefined ? " (the key is missing)" : `, got ${shown(input)}`}`;
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
    case "invalid_type":
      if (input === undefined) return `${key(iss.path)}: required key is missing (expected ${article(iss.expected)})`;
      return `${key(iss.path)}: expected ${article(iss.expected)}, got ${shown(input)}`;
    case "too_small":
      return `${key(iss.path)}: expected ${bound(iss.origin, ">=", iss.minimum, iss.inclusive)}, got ${shown(input)}`;
    case "too_big":
      return `${key(iss.path)}: expected ${bound(iss.origin, "<=", iss.maximum, iss.inclusive)}, got ${shown(input)}`;
    case "invalid_value":
      if (input === undefined)
        return `${key(iss.path)}: required key is missing (expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")})`;
      return `${key(iss.path)}: expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}, got ${shown(input)}`;
    default: {
      const says = iss.message.startsWith("expected") && !iss.message.includes(", got ");
      const got = says && input !== undefined && typeof input !== "object" ? `, got ${shown(input)}` : "";
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
