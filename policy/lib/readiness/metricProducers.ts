import { storedSeries } from "./metricExports";
import { LabelMatcher } from "./promql";
import { ScrapedTarget, scrapeTargets, seriesLabels } from "./scrapeTargets";
import { StackModel } from "./stackModel";
import { CLUSTER_TARGET_LABELS, knownFamily } from "./wellKnownMetrics";

/** One scrape that stores a metric: a monitor's target, or an exporter the cluster's stack scrapes. */
export interface MetricProducer {
  /** Who: `ServiceMonitor ns/name`, or `kube-state-metrics (cluster)`. */
  readonly source: string;
  /** The monitor's target, when a monitor of the stack scrapes it. */
  readonly target?: ScrapedTarget;
  /** The label names its series of the metric carry; `"any"` when they vary. */
  readonly labels: ReadonlySet<string> | "any";
}

const monitorName = (t: ScrapedTarget) => `${t.monitorKind} ${t.object.namespace}/${t.monitor}`;

/** The label names a target stores `metric` with when it exposes `exposed`; `undefined` when a metric relabeling drops it. */
function storedLabels(t: ScrapedTarget, metric: string, exposed: readonly string[]): Set<string> | undefined {
  const labels = seriesLabels(t, metric, Object.fromEntries(exposed.map((l) => [l, "x"])));
  return labels ? new Set(Object.keys(labels).filter((k) => k !== "__name__")) : undefined;
}

/**
 * Who stores `metric` and with which labels: every target of the stack's monitors whose monitor
 * declares it (or, for a well-known exporter a team runs, whose scraped container is that
 * exporter), and the cluster's own scrape for the well-known cluster exporters. Empty when no
 * app declares the metric and no well-known exporter exports it.
 */
export function metricProducers(model: StackModel, metric: string): MetricProducer[] {
  const targets = scrapeTargets(model);
  const out: MetricProducer[] = [];
  for (const t of targets) {
    for (const e of t.exports ?? []) {
      const series = storedSeries(e).find((s) => s.name === metric);
      const labels = series && storedLabels(t, metric, series.labels);
      if (labels) out.push({ source: monitorName(t), target: t, labels });
    }
  }
  const family = knownFamily(metric);
  if (!family) return out;
  if (family.scrape.by === "exporter") {
    const image = family.scrape.image;
    for (const t of targets.filter((t) => image.test(t.image ?? ""))) {
      const labels = storedLabels(t, metric, family.labels === "any" ? [] : family.labels);
      if (labels) out.push({ source: monitorName(t), target: t, labels });
    }
    return out;
  }
  const own = family.labels === "any" ? "any" : new Set([...family.labels, ...CLUSTER_TARGET_LABELS[family.exporter]]);
  out.push({ source: `${family.exporter} (the cluster's scrape)`, labels: own });
  // Prometheus stores `up` and `scrape_*` for every target, with that target's labels.
  if (family.exporter === "prometheus" && own !== "any")
    for (const t of targets) out.push({ source: monitorName(t), target: t, labels: new Set(Object.keys(t.labels)) });
  return out;
}

/**
 * Whether a producer may store series a selector's matchers select: every matcher on a label its
 * target sets itself (and does not let the app override) accepts the target's value.
 */
export function mayMatch(p: MetricProducer, matchers: readonly LabelMatcher[]): boolean {
  const t = p.target;
  if (!t) return true;
  return matchers.every((m) => {
    const value = t.labels[m.name];
    if (value === undefined || t.honorLabels) return true;
    try {
      const hit = m.op === "=" || m.op === "!=" ? value === m.value : new RegExp(`^(?:${m.value})$`).test(value);
      return m.op === "=" || m.op === "=~" ? hit : !hit;
    } catch {
      return true;
    }
  });
}
