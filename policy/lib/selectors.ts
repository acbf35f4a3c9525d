/** Whether a Kubernetes label selector (`matchLabels` + `matchExpressions`) selects `labels`. An empty selector selects everything. */
export function selects(selector: any, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  if (!selector) return false;
  for (const [k, v] of Object.entries<string>(selector.matchLabels ?? {})) {
    if (have[k] !== v) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, expr.key);
    const values: string[] = expr.values ?? [];
    switch (expr.operator) {
      case "In":
        if (!present || !values.includes(have[expr.key])) return false;
        break;
      case "NotIn":
        if (present && values.includes(have[expr.key])) return false;
        break;
      case "Exists":
        if (!present) return false;
        break;
      case "DoesNotExist":
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The namespace a namespaced object lands in: its own, else the provider's default. */
export function namespaceOf(props: any, fallback = "default"): string {
  return props?.metadata?.namespace ?? fallback;
}
