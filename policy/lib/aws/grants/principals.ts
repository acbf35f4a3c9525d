import { asList, Statement } from "./document";

/** Whether a Principal names everyone: `"*"`, `{"AWS": "*"}` (or a list holding `*`), or `{"CanonicalUser": "*"}`. */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  const p = principal as Record<string, unknown>;
  return asList(p.AWS).includes("*") || asList(p.CanonicalUser).includes("*");
}

/**
 * Whether an Allow statement reaches everyone: its Principal is everyone, or it uses
 * NotPrincipal (everyone but the named ones).
 */
export function reachesEveryone(s: Statement): boolean {
  return "NotPrincipal" in s || isEveryone(s.Principal);
}
