/** Kinds whose resource name is not the kind lowercased with `s` (or `es`, `ies`) added. */
const IRREGULAR: Readonly<Record<string, string>> = {
  Endpoints: "endpoints",
  PodSecurityPolicy: "podsecuritypolicies",
  NetworkPolicy: "networkpolicies",
};

/** The API resource (plural, lowercase) that serves a kind, as the API server names it. */
export function resourceOfKind(kind: string): string {
  if (IRREGULAR[kind]) return IRREGULAR[kind];
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}
