import { mayMatch, metricProducers } from "../../lib/readiness/metricProducers";
import { needsLabel, vectorSelectors } from "../../lib/readiness/promql";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";
import { KubeObject, StackModel } from "../../lib/readiness/stackModel";

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** Metric names the stack's recording rules produce: their labels are the rules' own, not a scrape's. */
function recorded(model: StackModel): Set<string> {
  return new Set(
    model
      .ofKind("PrometheusRule", "monitoring.coreos.com")
      .flatMap((r) => list(r.props.spec?.groups).flatMap((g) => list(g?.rules)))
      .map((r) => r?.record)
      .filter((n): n is string => typeof n === "string"),
  );
}

/** What is wrong with one rule's expression, one line per problem. */
function problems(expr: string, model: StackModel, recordedNames: Set<string>): string[] {
  const parsed = vectorSelectors(expr);
  if ("problem" in parsed) return [`its expression cannot be judged: ${parsed.problem}`];
  const out: string[] = [];
  for (const s of parsed.selectors) {
    if (!s.metric || recordedNames.has(s.metric)) continue;
    const all = metricProducers(model, s.metric);
    if (!all.length) {
      out.push(
        `selector ${s.text}: no monitored app of the stack declares ${s.metric} (metrics.exports, the ServiceMonitor's platform.acme-bank.example/metrics annotation) and no well-known exporter exports it, so it never has a series`,
      );
      continue;
    }
    const considered = [...new Set(all.map((p) => p.source))].join(", ");
    const producers = all.filter((p) => mayMatch(p, s.matchers));
    if (!producers.length) {
      out.push(
        `selector ${s.text} matches no scrape of ${s.metric}: the targets' own labels have other values (considered: ${considered})`,
      );
      continue;
    }
    if (producers.some((p) => p.labels === "any")) continue;
    const produced = new Set(producers.flatMap((p) => [...(p.labels as Set<string>)]));
    for (const m of s.matchers.filter((m) => needsLabel(m) && !produced.has(m.name)))
      out.push(
        `selector ${s.text} needs label "${m.name}", which no scrape of ${s.metric} produces (considered: ${considered}; labels: ${[...produced].sort().join(", ")})`,
      );
  }
  return out;
}

/** Every PrometheusRule expression reads metrics something declares, with labels the scrape produces. */
export const alertLabels = readinessPolicy(
  {
    name: "readiness-alert-labels",
    description:
      "Every alerting and recording rule of a PrometheusRule (any API version) reads metrics a monitored app of the stack declares (metrics.exports) or a well-known exporter exports, and each label matcher that needs a value names a label the scrape produces for that metric (the prometheus-operator target labels, targetLabels, podTargetLabels, relabelings, honorLabels and metricRelabelings, plus the metric's own labels). An expression that does not parse fails.",
    severity: "high",
    remediationSteps:
      "Declare the metric with its labels in the app's metrics.exports, select a label the ServiceMonitor produces (namespace, service, pod, container, endpoint, job, instance, app, its targetLabels and relabelings), or add a relabeling that sets it.",
    url: "https://prometheus-operator.dev/docs/developer/getting-started/",
  },
  {
    subjects: (model) => model.ofKind("PrometheusRule", "monitoring.coreos.com"),
    judge: (r: KubeObject, model, report) => {
      const recordedNames = recorded(model);
      for (const g of list(r.props.spec?.groups))
        for (const rule of list(g?.rules)) {
          if (typeof rule?.expr !== "string") continue;
          const what = rule.alert ? `alert "${rule.alert}"` : `recording rule "${rule.record}"`;
          for (const p of problems(rule.expr, model, recordedNames))
            report(r, `PrometheusRule "${r.namespace}/${r.name}" group "${g.name}" ${what}: ${p}.`);
        }
    },
  },
);
