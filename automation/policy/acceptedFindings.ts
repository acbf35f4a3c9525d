import { ACCEPTED_PROPERTY } from "../../policy/lib/acceptance";
import type { PolicyConfig } from "./policyConfig";

/** What a run accepts, by policy: logical resource name → why its findings are accepted. */
export type AcceptedByPolicy = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** A resolved pack config split into what the analyzer runs with and what the checker accepts. */
export interface SplitAcceptances {
  /** The config without any policy's `accepted` property: the pack reports every finding. */
  config: Record<string, PolicyConfig>;
  /** Each policy's `accepted` property, as given. */
  accepted: AcceptedByPolicy;
}

/**
 * Takes the `accepted` property out of each policy's resolved config. Under the engine the pack
 * drops an accepted finding itself; the checker runs the pack without it and classifies each
 * finding against what it took out, so it can list an accepted finding with its reason.
 */
export function splitAcceptances(resolved: Record<string, PolicyConfig>): SplitAcceptances {
  const config: Record<string, PolicyConfig> = {};
  const accepted = new Map<string, ReadonlyMap<string, string>>();
  for (const [policy, c] of Object.entries(resolved)) {
    const { [ACCEPTED_PROPERTY]: given, ...properties } = c.properties ?? {};
    config[policy] = c.properties ? { ...c, properties } : c;
    const reasons =
      given && typeof given === "object"
        ? Object.entries(given).filter(([, reason]) => typeof reason === "string")
        : [];
    if (reasons.length) accepted.set(policy, new Map(reasons as [string, string][]));
  }
  return { config, accepted };
}

/** Why the run accepts `policy`'s findings on the resource of that logical name, or `undefined` when it does not. */
export function acceptanceReason(accepted: AcceptedByPolicy, policy: string, name: string): string | undefined {
  return name ? accepted.get(policy)?.get(name) : undefined;
}
