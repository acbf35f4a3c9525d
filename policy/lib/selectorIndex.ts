import { selects } from "./selectors";

/** A plain (proxy-free) copy of analyzer props; reading an unknown value throws, as any read does. */
export function plain<T>(value: T): T {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(plain(value[i]));
    return out as unknown as T;
  }
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * Label selectors of one kind of object (PDBs, NetworkPolicies), indexed by namespace and by one
 * of their required labels, so matching every workload against them stays linear in stack size.
 */
export class SelectorIndex<T> {
  private readonly byNamespace = new Map<
    string,
    { byLabel: Map<string, { selector: any; item: T }[]>; rest: { selector: any; item: T }[] }
  >();

  /** Adds `item`, selecting pods in `namespace` with `selector` (a plain object). */
  add(namespace: string, selector: any, item: T): void {
    let ns = this.byNamespace.get(namespace);
    if (!ns) this.byNamespace.set(namespace, (ns = { byLabel: new Map(), rest: [] }));
    const entry = { selector, item };
    const [first] = Object.entries<string>(selector?.matchLabels ?? {});
    if (!first) {
      ns.rest.push(entry);
      return;
    }
    const key = `${first[0]}=${first[1]}`;
    const list = ns.byLabel.get(key);
    if (list) list.push(entry);
    else ns.byLabel.set(key, [entry]);
  }

  /** Every item whose selector selects pods with `labels` in `namespace`. */
  matching(namespace: string, labels: Record<string, string> | undefined): T[] {
    const ns = this.byNamespace.get(namespace);
    if (!ns) return [];
    const candidates = [...ns.rest];
    for (const [k, v] of Object.entries(labels ?? {})) candidates.push(...(ns.byLabel.get(`${k}=${v}`) ?? []));
    return candidates.filter((c) => c.selector && selects(c.selector, labels)).map((c) => c.item);
  }
}
