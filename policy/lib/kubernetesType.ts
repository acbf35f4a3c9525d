/** A Kubernetes type token, taken apart. */
export interface KubernetesType {
  /** API group, `core` for the legacy one. */
  group: string;
  /** API version, e.g. `v1beta1`. */
  version: string;
  /** Kind, without the `Patch` suffix. */
  kind: string;
  /** Whether the token names a server-side-apply patch (`…Patch`). */
  patch: boolean;
}

/**
 * Takes a `kubernetes:<group>/<version>:<Kind>` token apart (a `Patch` suffix marks a
 * server-side-apply patch); `undefined` for any other token.
 */
export function parseKubernetesType(type: string): Readonly<KubernetesType> | undefined {
  if (!parsed.has(type)) {
    const match = /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/.exec(type);
    if (!match) parsed.set(type, undefined);
    else {
      const [, group, version, token] = match;
      const patch = token.endsWith("Patch") && token !== "Patch";
      parsed.set(type, Object.freeze({ group, version, kind: patch ? token.slice(0, -"Patch".length) : token, patch }));
    }
  }
  return parsed.get(type);
}

/** Tokens already taken apart: a pack sees few types, each many times. */
const parsed = new Map<string, Readonly<KubernetesType> | undefined>();
