/** One rule of a Role or ClusterRole, every list present (empty when the rule leaves it out). */
export interface PolicyRule {
  /** API groups; `""` is the core group, `"*"` every group. */
  readonly apiGroups: string[];
  /** Resources, `resource/subresource` for a subresource; `"*"` every resource. */
  readonly resources: string[];
  /** Verbs; `"*"` every verb. */
  readonly verbs: string[];
  /** Object names the rule is narrowed to; empty for every object. */
  readonly resourceNames: string[];
  /** Non-resource URLs (`/healthz`, `*`). */
  readonly nonResourceURLs: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** A rule as written in a manifest (any shape, missing lists allowed) as a {@link PolicyRule}. */
export function policyRuleOf(raw: any): PolicyRule {
  return {
    apiGroups: strings(raw?.apiGroups),
    resources: strings(raw?.resources),
    verbs: strings(raw?.verbs),
    resourceNames: strings(raw?.resourceNames),
    nonResourceURLs: strings(raw?.nonResourceURLs),
  };
}
