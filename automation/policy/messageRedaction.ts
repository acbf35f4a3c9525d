import { CapturedResource, isSecretEnvelope, SECRET_TEXT } from "../core/resourceModel";

/** Secret leaves of a value: strings of four characters or more, and every number and boolean. */
function secretLeaves(value: unknown, inSecret: boolean, out: { strings: Set<string>; scalars: Set<string> }): void {
  if (typeof value === "string") {
    if (inSecret && value.length >= 4) out.strings.add(value);
  } else if (typeof value === "number" || typeof value === "boolean") {
    if (inSecret) out.scalars.add(String(value));
  } else if (Array.isArray(value)) {
    value.forEach((v) => secretLeaves(v, inSecret, out));
  } else if (value && typeof value === "object") {
    const secret = inSecret || isSecretEnvelope(value);
    for (const v of Object.values(value)) secretLeaves(v, secret, out);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces any secret value a policy message quoted with `"[secret]"`: secret strings of any
 * resource, and the secret numbers and booleans of the resource the message is about (as whole
 * tokens, so `containers[0]` stays readable). Secrets are collected on the first message, so a
 * clean run never walks the resources for them.
 */
export function redactor(resources: CapturedResource[]): (text: string, urn: string) => string {
  let strings: RegExp | null | undefined;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const scalarsOf = new Map<string, RegExp | null>();
  return (text, urn) => {
    if (strings === undefined) {
      const all = { strings: new Set<string>(), scalars: new Set<string>() };
      for (const r of resources) secretLeaves(r.inputs, false, all);
      // Longest first, so a secret that contains another is replaced whole.
      const sorted = [...all.strings].sort((a, b) => b.length - a.length).map(escape);
      strings = sorted.length ? new RegExp(sorted.join("|"), "g") : null;
    }
    let out = strings ? text.replace(strings, SECRET_TEXT) : text;
    if (!scalarsOf.has(urn)) {
      const own = { strings: new Set<string>(), scalars: new Set<string>() };
      const r = byUrn.get(urn);
      if (r) secretLeaves(r.inputs, false, own);
      const tokens = [...own.scalars].sort((a, b) => b.length - a.length).map(escape);
      scalarsOf.set(
        urn,
        tokens.length ? new RegExp(`(?<![\\w.\\[-])(?:${tokens.join("|")})(?![\\w\\]]|\\.\\d)`, "g") : null,
      );
    }
    const scalars = scalarsOf.get(urn);
    if (scalars) out = out.replace(scalars, SECRET_TEXT);
    return out;
  };
}
