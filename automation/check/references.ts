import { isObject, RESOURCE_SIG, SECRET_SIG_KEY } from "../core/resourceModel";

/**
 * Wire inputs as the engine hands them to an analyzer: every resource reference replaced by the
 * referenced resource's id (a custom resource; the unknown marker while its id is not known) or
 * its URN (a component), as the engine marshals references for plugins that do not accept them.
 * Secret envelopes and unknowns stay as they are.
 */
export function withReferencesResolved(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withReferencesResolved);
  if (!isObject(value)) return value;
  if (value[SECRET_SIG_KEY] === RESOURCE_SIG) {
    return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withReferencesResolved(v)]));
}
