/**
 * Override merging for component args: user overrides are deep-merged *after* the secure defaults.
 *
 * - plain objects merge key by key, recursively;
 * - arrays whose items all carry a `name` (containers, ports, volumes, env) merge item by item on
 *   `name`, like Kubernetes' strategic merge patch; new names are appended;
 * - any other array, and any scalar, replaces the default;
 * - `undefined` leaves the default alone; `null` removes the key.
 */

/** A recursive partial of `T` in which `null` deletes a defaulted field. */
export type DeepOverride<T> = T extends (infer U)[]
  ? DeepOverride<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepOverride<T[K]> | null }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isNamedList(value: unknown): value is { name: unknown }[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isPlainObject(v) && typeof v.name === "string");
}

function mergeNamedLists(base: { name: unknown }[], override: { name: unknown }[]): unknown[] {
  const out: unknown[] = base.map((item) => {
    const match = override.find((o) => o.name === item.name);
    return match ? deepMerge(item, match) : item;
  });
  for (const item of override) {
    if (!base.some((b) => b.name === item.name)) out.push(item);
  }
  return out;
}

/** Returns `base` with `override` deep-merged over it; neither input is modified. */
export function deepMerge<T>(base: T, override: DeepOverride<T> | undefined): T {
  if (override === undefined) return base;
  if (isNamedList(base) && isNamedList(override)) return mergeNamedLists(base, override) as T;
  if (!isPlainObject(base) || !isPlainObject(override)) return override as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = key in base ? deepMerge(base[key], value as never) : value;
  }
  return out as T;
}
