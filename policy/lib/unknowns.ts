import { PolicyResource } from "@pulumi/policy";

/** What `@pulumi/policy`'s analyzer throws when a policy reads a value that is unknown during preview. */
const UNKNOWN_VALUE = /value at \.\S* can't be known during preview$/;

function isUnknownValueError(e: unknown): e is Error {
  return e instanceof Error && UNKNOWN_VALUE.test(e.message);
}

/**
 * Reads a value that a policy may do without: `undefined` when it is unknown during preview.
 * Only for values whose absence cannot hide a violation (the policy judges on something known,
 * such as a key's name); any other error, and any read a verdict depends on, still surfaces.
 */
export function knownOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (isUnknownValueError(e)) return undefined;
    throw e;
  }
}

/** `<name> [<type>]: ` — how a stack policy's unknown names the resource it could not judge; the checker reads it back. */
export const UNKNOWN_SUBJECT = /^(.+) \[([^\]\s]+)\]: (.+?)(?: \(and \d+ more resources?\))?$/;

/**
 * Judges each resource of a stack policy on its own, so one value unknown in a preview stops only
 * that resource's verdict: the others are still judged and reported, and the policy then fails as
 * not judged (the analyzer's own unknown error), naming the first resource it could not judge.
 */
export function judgeEach(resources: PolicyResource[], judge: (r: PolicyResource) => void): void {
  const missed: { r: PolicyResource; e: Error }[] = [];
  for (const r of resources) {
    try {
      judge(r);
    } catch (e) {
      if (!isUnknownValueError(e)) throw e;
      missed.push({ r, e });
    }
  }
  if (!missed.length) return;
  const [{ r, e }] = missed;
  const more = missed.length - 1;
  e.message = `${r.name} [${r.type}]: ${e.message}${more ? ` (and ${more} more resource${more > 1 ? "s" : ""})` : ""}`;
  throw e;
}
