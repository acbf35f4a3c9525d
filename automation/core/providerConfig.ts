import * as fs from "node:fs";
import * as path from "node:path";
import { nearestKey } from "../../components/config/suggest";
import { throwProblems } from "./configProblems";

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

/**
 * The keys in the `pulumi:`, `aws:` or `kubernetes:` namespace that the engine or the provider (as
 * installed for the project) does not take — a typo there is silently ignored by the CLI
 * (`aws:regoin`) — each one line naming the stack file and key, with the nearest key it takes.
 */
export function providerKeyProblems(keys: readonly string[], stackFile: string, projectDir: string): string[] {
  const problems: string[] = [];
  for (const full of keys) {
    const sep = full.indexOf(":");
    const namespace = full.slice(0, sep);
    const key = full.slice(sep + 1);
    const known =
      namespace === "pulumi"
        ? [...PULUMI_ENGINE_KEYS]
        : PROVIDER_PACKAGES[namespace]
          ? providerKeys(namespace, projectDir)
          : undefined;
    if (!known || known.includes(key)) continue;
    const nearest = nearestKey(key, known);
    const hint = nearest ? `; did you mean ${namespace}:${nearest}?` : "";
    const who = namespace === "pulumi" ? "the Pulumi engine" : `the ${namespace} provider`;
    problems.push(`${stackFile}: ${full}: unknown key (${who} takes no such key, and would ignore it${hint})`);
  }
  return problems;
}

/**
 * Refuses the keys {@link providerKeyProblems} finds.
 * @throws ConfigProblemsError naming the stack file and every such key.
 */
export function checkProviderKeys(keys: readonly string[], stackFile: string, projectDir: string): void {
  throwProblems(providerKeyProblems(keys, stackFile, projectDir));
}
