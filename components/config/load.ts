import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
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

const STRUCTURED_KEYS = new Set(
  Object.entries(stackConfigSchema.shape)
    .filter(([, schema]) => !(schema instanceof z.ZodString || schema instanceof z.ZodEnum))
    .map(([key]) => key),
);

/** Keys read as secrets, outside the schema (their values never pass through validation). */
export const SECRET_KEYS = ["kubeconfig"] as const;

/**
 * Validates raw config values (as the Pulumi runtime holds them: `"platform:key"` → string,
 * structured values as JSON text) and returns the typed config with defaults applied.
 * @throws StackConfigError naming `stackFile`, the key path and what was expected.
 */
export function parseStackConfig(raw: Record<string, string>, source: ConfigSource): StackConfig {
  const { stackFile, namespace = CONFIG_NAMESPACE, isSecret = () => false } = source;
  const secretKeys = new Set<string>([...SECRET_KEYS, ...receiverSecretKeys(raw, namespace)]);
  const values: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(raw)) {
    const sep = fullKey.indexOf(":");
    if (fullKey.slice(0, sep) !== namespace) continue;
    const key = fullKey.slice(sep + 1);
    if (secretKeys.has(key)) continue;
    values[key] = STRUCTURED_KEYS.has(key) ? parseStructured(text) : text;
  }
  const result = stackConfigSchema.safeParse(values, { reportInput: true });
  if (!result.success) {
    const [first, ...rest] = result.error.issues;
    const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
    throw new StackConfigError(`${stackFile}: ${describeIssue(first, namespace)}${more}`);
  }
  result.data.monitoring.receivers.forEach((r, i) => {
    const key = `${namespace}:${r.secret}`;
    const how = `run "pulumi config set --secret ${key} <${r.type === "pagerduty" ? "routing key" : "URL"}>"`;
    if (raw[key] === undefined) {
      throw new StackConfigError(`${stackFile}: ${key}: required key is missing (expected the secret of receiver "${r.name}" named by ${namespace}:monitoring.receivers[${i}].secret; ${how})`);
    }
    if (!isSecret(key)) throw new StackConfigError(`${stackFile}: ${key}: expected a secret value (${how}), got plain text`);
  });
  return result.data;
}

/** Secret config keys the receivers name (read before validation, so they are not "unknown keys"). */
function receiverSecretKeys(raw: Record<string, string>, namespace: string): string[] {
  const monitoring = parseStructured(raw[`${namespace}:monitoring`] ?? "{}") as { receivers?: { secret?: unknown }[] } | string;
  const receivers = typeof monitoring === "object" && monitoring && Array.isArray(monitoring.receivers) ? monitoring.receivers : [];
  return receivers.map((r) => r?.secret).filter((s): s is string => typeof s === "string");
}

const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };

/**
 * Reads and validates the current stack's config from the Pulumi runtime: the keys in the
 * project's namespace (`<project>:*`, bare keys in the stack file).
 */
export function readStackConfig(): StackConfig {
  return parseStackConfig(pulumi.runtime.allConfig(), {
    stackFile: stackFileName(pulumi.getStack()),
    namespace: pulumi.getProject(),
    isSecret: (key) => !!runtimeConfig.isConfigSecret?.(key),
  });
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

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeIssue(iss: z.core.$ZodIssue, namespace: string): string {
  const key = (path: readonly PropertyKey[]) => configKeyPath(path, namespace);
  const input = (iss as { input?: unknown }).input;
  // The schema's own messages say what is expected; zod's generic ones are rephrased below.
  if (iss.message.startsWith("expected") && iss.code !== "custom" && input !== undefined) {
    return `${key(iss.path)}: ${iss.message}, got ${show(input)}`;
  }
  switch (iss.code) {
    case "unrecognized_keys": {
      const [unknown] = iss.keys;
      const extra = iss.keys.length > 1 ? ` (also ${iss.keys.slice(1).map((k) => `"${k}"`).join(", ")})` : "";
      return `${key([...iss.path, unknown])}: unknown key${extra}; expected only the keys documented in the config reference`;
    }
    case "invalid_type":
      if (input === undefined) return `${key(iss.path)}: required key is missing (expected ${article(iss.expected)})`;
      return `${key(iss.path)}: expected ${article(iss.expected)}, got ${show(input)}`;
    case "too_small":
      return `${key(iss.path)}: expected ${bound(iss.origin, ">=", iss.minimum, iss.inclusive)}, got ${show(input)}`;
    case "too_big":
      return `${key(iss.path)}: expected ${bound(iss.origin, "<=", iss.maximum, iss.inclusive)}, got ${show(input)}`;
    case "invalid_value":
      return `${key(iss.path)}: expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}, got ${show(input)}`;
    default: {
      const got = input !== undefined && typeof input !== "object" ? `, got ${show(input)}` : "";
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
