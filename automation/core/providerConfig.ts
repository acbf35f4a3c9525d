import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "./errors";

/** Config namespaces whose keys are checked, and the package whose provider accepts them. */
const PROVIDER_PACKAGES: Record<string, string> = { aws: "@pulumi/aws", kubernetes: "@pulumi/kubernetes" };

/** The engine's own keys in the `pulumi:` namespace. */
export const PULUMI_ENGINE_KEYS = ["disable-default-providers", "tags", "template", "autonaming"] as const;

const cache = new Map<string, string[] | undefined>();

/** The config keys a provider package accepts (the properties of its `ProviderArgs`), or undefined when the project has no such package. */
function providerKeys(namespace: string, projectDir: string): string[] | undefined {
  const pkg = PROVIDER_PACKAGES[namespace];
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [projectDir] }));
  } catch {
    return undefined;
  }
  if (!cache.has(dir)) {
    const file = path.join(dir, "provider.d.ts");
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const block = /export interface ProviderArgs \{([\s\S]*?)\n\}/.exec(text)?.[1];
    cache.set(dir, block ? [...block.matchAll(/^ {4}([A-Za-z][A-Za-z0-9]*)\??:/gm)].map((m) => m[1]) : undefined);
  }
  return cache.get(dir);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/**
 * Refuses a key in the `pulumi:`, `aws:` or `kubernetes:` namespace that the engine or the
 * provider (as installed for the project) does not take — a typo there is silently ignored by
 * the CLI (`aws:regoin`) — suggesting the nearest one.
 * @throws UsageError naming the stack file and key.
 */
export function checkProviderKeys(keys: readonly string[], stackFile: string, projectDir: string): void {
  for (const full of keys) {
    const sep = full.indexOf(":");
    const namespace = full.slice(0, sep);
    const key = full.slice(sep + 1);
    const known = namespace === "pulumi" ? [...PULUMI_ENGINE_KEYS] : PROVIDER_PACKAGES[namespace] ? providerKeys(namespace, projectDir) : undefined;
    if (!known || known.includes(key)) continue;
    const nearest = known.map((k) => [k, distance(k, key)] as const).sort((x, y) => x[1] - y[1])[0];
    const hint = nearest && nearest[1] <= 3 ? `; did you mean ${namespace}:${nearest[0]}?` : "";
    const who = namespace === "pulumi" ? "the Pulumi engine" : `the ${namespace} provider`;
    throw new UsageError(`${stackFile}: ${full}: unknown key (${who} takes no such key, and would ignore it${hint})`);
  }
}
