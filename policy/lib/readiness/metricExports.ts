/** The annotation on a ServiceMonitor or PodMonitor listing the metrics its targets export (JSON of {@link MetricExport}s). */
export const METRIC_EXPORTS_ANNOTATION = "platform.acme-bank.example/metrics";

/** One metric an app declares it exports. */
export interface MetricExport {
  /** Metric name as exposed (a histogram's or summary's base name, without `_bucket`/`_sum`/`_count`). */
  readonly name: string;
  /** Prometheus metric type; a histogram is stored as `_bucket{le}`, `_sum`, `_count`, a summary adds `{quantile}`. @default "gauge" */
  readonly type?: "counter" | "gauge" | "histogram" | "summary";
  /** Labels the app itself puts on it (the scrape adds the target's). @default [] */
  readonly labels?: readonly string[];
}

/** The annotation value of a list of exports. */
export function metricExportsAnnotation(exports: readonly MetricExport[]): string {
  return JSON.stringify(exports.map((e) => ({ name: e.name, type: e.type ?? "gauge", labels: [...(e.labels ?? [])] })));
}

/** The exports an annotation value declares; `undefined` when it is not a list of `{ name }` objects. */
export function parseMetricExports(value: unknown): MetricExport[] | undefined {
  if (typeof value !== "string") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((e) => typeof e?.name === "string")) return undefined;
  return parsed.map((e) => ({
    name: e.name,
    type: e.type,
    labels: Array.isArray(e.labels) ? e.labels.filter((l: unknown): l is string => typeof l === "string") : [],
  }));
}

/** The series names a declared metric is stored under, each with the labels it carries. */
export function storedSeries(e: MetricExport): { name: string; labels: string[] }[] {
  const own = [...(e.labels ?? [])];
  switch (e.type) {
    case "histogram":
      return [
        { name: `${e.name}_bucket`, labels: [...own, "le"] },
        { name: `${e.name}_sum`, labels: own },
        { name: `${e.name}_count`, labels: own },
      ];
    case "summary":
      return [
        { name: e.name, labels: [...own, "quantile"] },
        { name: `${e.name}_sum`, labels: own },
        { name: `${e.name}_count`, labels: own },
      ];
    default:
      return [{ name: e.name, labels: own }];
  }
}
