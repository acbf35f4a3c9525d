import { configKeyPath } from "../../components/config/load";
import type { Finding } from "../core/findings";
import type { ProgramConfig } from "../core/project";
import { CapturedResource, isSecretEnvelope } from "../core/resourceModel";

type Segment = string | number;
type Scalar = string | number | boolean;

interface Leaf {
  path: Segment[];
  value: Scalar;
  /** The `name` of every list item on the way to the leaf: the app (or receiver …) it belongs to. */
  owners: string[];
}

/**
 * How a message names a property: camelCase (`backupRetentionPeriod`) or a dotted path
 * (`spec.replicas`); a plain word (`namespace`) is prose, not a property.
 */
const PROPERTY_NAME = /\b(?:[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+)\b/g;

/** Words too generic to relate a config key to a resource property. */
const GENERIC_WORDS = new Set(["spec", "enabled", "name", "value", "type", "config", "settings"]);

function leaves(value: unknown, path: Segment[] = [], owners: string[] = [], out: Leaf[] = []): Leaf[] {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.push({ path, value, owners });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const owner = (item as { name?: unknown } | null)?.name;
      leaves(item, [...path, i], typeof owner === "string" ? [...owners, owner] : owners, out);
    });
  } else if (value !== null && typeof value === "object" && !isSecretEnvelope(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], owners, out);
  }
  return out;
}

/** `backupRetentionDays` → backup, retention, days; `spec.replicas` → replicas. */
function words(name: Segment): string[] {
  return String(name)
    .split(/(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w));
}

function lastName(path: Segment[]): Segment {
  return [...path].reverse().find((s) => typeof s === "string") ?? "";
}

/** The stack's own values (`<project>:*`), parsed as the program reads them; secrets left out. */
function projectValues(config: ProgramConfig): Record<string, unknown> {
  const prefix = `${config.project}:`;
  const secret = new Set(config.secretKeys);
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(config.config)) {
    if (!key.startsWith(prefix) || secret.has(key)) continue;
    try {
      values[key.slice(prefix.length)] = JSON.parse(text);
    } catch {
      values[key.slice(prefix.length)] = text;
    }
  }
  return values;
}

/** The names a resource goes by: its logical name, its object name and its labels' and tags' values. */
function identities(resource: CapturedResource): string[] {
  const inputs = resource.inputs as { metadata?: { name?: unknown; labels?: unknown }; tags?: unknown };
  const named = [resource.name, inputs.metadata?.name];
  for (const map of [inputs.metadata?.labels, inputs.tags])
    if (map && typeof map === "object") named.push(...Object.values(map));
  return named.filter((n): n is string => typeof n === "string");
}

function belongsTo(resource: CapturedResource, owners: string[]): boolean {
  if (!owners.length) return true;
  const names = identities(resource);
  return owners.every((owner) => names.some((n) => n === owner || n.startsWith(`${owner}-`)));
}

/**
 * The config key whose value decided what a finding is about, traced by value: the resource
 * property the finding names (its `property`, else a camelCase or dotted property its message
 * names) holds the value
 * of exactly one stack config key with a related name (a shared word, `backupRetentionDays` ~
 * `backupRetentionPeriod`) in the part of the config the resource belongs to (a list item whose
 * `name` the resource carries). Keys the stack leaves unset (a component default applies) and
 * values the program computes are not traced.
 */
export function configKeyOf(
  finding: Pick<Finding, "message" | "property">,
  resource: CapturedResource,
  configLeaves: readonly Leaf[],
  namespace: string,
): string | undefined {
  const mentioned = new Set(
    finding.property
      ? [String(lastName(finding.property.split(".")))]
      : (finding.message.match(PROPERTY_NAME) ?? []).map((m) => m.slice(m.lastIndexOf(".") + 1)),
  );
  const judged = leaves(resource.inputs).filter((p) => mentioned.has(String(lastName(p.path))));
  const keys = new Set<string>();
  for (const prop of judged) {
    const propWords = words(lastName(prop.path));
    for (const leaf of configLeaves) {
      if (leaf.value !== prop.value) continue;
      if (!words(lastName(leaf.path)).some((w) => propWords.includes(w))) continue;
      if (!belongsTo(resource, leaf.owners)) continue;
      keys.add(configKeyPath(leaf.path, namespace));
    }
  }
  return keys.size === 1 ? [...keys][0] : undefined;
}

/** `findings` with `configKey` set on each whose value a stack config key decided (see {@link configKeyOf}). */
export function withConfigKeys<F extends Finding>(
  findings: F[],
  resources: readonly CapturedResource[],
  config: ProgramConfig,
): F[] {
  const configLeaves = leaves(projectValues(config));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return findings.map((f) => {
    const resource = byUrn.get(f.urn);
    const configKey = resource && configKeyOf(f, resource, configLeaves, config.project);
    return configKey ? { ...f, configKey } : f;
  });
}
