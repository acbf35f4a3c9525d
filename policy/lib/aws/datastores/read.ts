import { PolicyResource } from "@pulumi/policy";
import { broken, KEPT, Verdict } from "./datastore";

/** A reading that defers to the resource's source (a read replica declaring nothing of its own). */
export const INHERIT = Symbol("inherit");

/** How one fact of a datastore is read from its resource (and the stack, for linked resources). */
export type Read<T> = (r: PolicyResource, all: PolicyResource[]) => T | undefined | typeof INHERIT;

/** The value at a dotted path of a resource's props (`encryptAtRest.enabled`). */
export function valueAt(props: Record<string, any>, path: string): unknown {
  return path.split(".").reduce<any>((v, key) => (v && typeof v === "object" ? v[key] : undefined), props);
}

/** Whether a dotted path is declared, tested with `in` so the value itself (maybe unknown in a preview) is not read. */
export function declares(props: Record<string, any>, path: string): boolean {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = keys.reduce<any>((v, key) => (v && typeof v === "object" ? v[key] : undefined), props);
  return !!parent && typeof parent === "object" && last in parent;
}

/** Kept when the path holds `expected` (unset counts as `unset`), else broken with the message. */
export function flag(path: string, message: string, expected: unknown = true, unset?: unknown): Read<Verdict> {
  return (r) => {
    const value = declares(r.props, path) ? valueAt(r.props, path) : unset;
    return value === expected ? KEPT : broken(message);
  };
}

/** Whether a customer-managed key is named at the path. */
export function declared(path: string): Read<boolean> {
  return (r) => declares(r.props, path);
}

/** Always kept: the service offers no way to turn the protection off. */
export const always: Read<Verdict> = () => KEPT;

/** Defers to the source when `path` is not declared (a replica inherits it), else reads it with `read`. */
export function ownOrInherited(path: string, read: Read<Verdict>): Read<Verdict> {
  return (r, all) => (declares(r.props, path) ? read(r, all) : INHERIT);
}

/** Not judged when the resource belongs to a cluster (`path` declared): the cluster carries the protection. */
export function unlessMember(path: string, read: Read<Verdict>): Read<Verdict> {
  return (r, all) => (declares(r.props, path) ? undefined : read(r, all));
}

/** Every reading in order: the first broken or inherited one, kept when one judged and none broke, else `undefined`. */
export function allOf(...reads: Read<Verdict>[]): Read<Verdict> {
  return (r, all) => {
    let judged = false;
    for (const read of reads) {
      const v = read(r, all);
      if (v === INHERIT || (v !== undefined && !v.ok)) return v;
      judged ||= v !== undefined;
    }
    return judged ? KEPT : undefined;
  };
}

/** Judged by `read` only when `applies` holds for the resource (e.g. an engine that supports it). */
export function when(applies: (r: PolicyResource) => boolean, read: Read<Verdict>): Read<Verdict> {
  return (r, all) => (applies(r) ? read(r, all) : undefined);
}
