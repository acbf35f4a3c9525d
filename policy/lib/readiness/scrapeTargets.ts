import { MetricExport, METRIC_EXPORTS_ANNOTATION, parseMetricExports } from "./metricExports";
import { Labels, RelabelConfig, relabel, sanitizeLabelName } from "./relabel";
import { KubeObject, StackModel, WorkloadModel } from "./stackModel";

/** One endpoint Prometheus scrapes because of a ServiceMonitor or PodMonitor, with the labels its series get. */
export interface ScrapedTarget {
  /** `ServiceMonitor` or `PodMonitor`. */
  readonly monitorKind: "ServiceMonitor" | "PodMonitor";
  /** Name of the monitor. */
  readonly monitor: string;
  /** The monitor object. */
  readonly object: KubeObject;
  /** The workload whose pod is scraped. */
  readonly workload: WorkloadModel;
  /** Target labels after the operator's and the monitor's relabelings (no `__` labels left). */
  readonly labels: Labels;
  /** `honorLabels` of the endpoint: the series' own labels win over the target's. */
  readonly honorLabels: boolean;
  /** `metricRelabelings` of the endpoint. */
  readonly metricRelabelings: readonly RelabelConfig[];
  /** Image of the scraped container (recognises a well-known exporter). */
  readonly image?: string;
  /** The metrics the monitor's annotation declares its targets export; `undefined` when it declares none. */
  readonly exports?: readonly MetricExport[];
}

interface Pod {
  name: string;
  namespace: string;
  labels: Labels;
  ip: string;
  containers: { name: string; ports: { name?: string; containerPort: number }[] }[];
}

/** A representative pod of a workload, named as its controller names pods (values matter for tests, names for checks). */
function podOf(w: WorkloadModel, index: number): Pod {
  const name =
    w.kind === "StatefulSet"
      ? `${w.name}-0`
      : w.kind === "Deployment"
        ? `${w.name}-6d5f8c7b9-x4k2p`
        : `${w.name}-x4k2p`;
  return {
    name,
    namespace: w.namespace,
    labels: w.labels,
    ip: `10.1.${Math.floor(index / 250)}.${10 + (index % 250)}`,
    containers: w.containers
      .filter((c) => c.list === "containers")
      .map((c) => ({ name: c.name, ports: Array.isArray(c.container.ports) ? c.container.ports : [] })),
  };
}

const prefixed = (prefix: string, labels: Labels | undefined): Labels =>
  Object.fromEntries(Object.entries(labels ?? {}).map(([k, v]) => [`${prefix}${sanitizeLabelName(k)}`, String(v)]));

function podMeta(pod: Pod, container: string, port: { name?: string; containerPort: number }): Labels {
  return {
    __address__: `${pod.ip}:${port.containerPort}`,
    __meta_kubernetes_namespace: pod.namespace,
    __meta_kubernetes_pod_name: pod.name,
    __meta_kubernetes_pod_ip: pod.ip,
    __meta_kubernetes_pod_container_name: container,
    __meta_kubernetes_pod_container_port_name: port.name ?? "",
    __meta_kubernetes_pod_container_port_number: String(port.containerPort),
    ...prefixed("__meta_kubernetes_pod_label_", pod.labels),
  };
}

/** The container port a Service target port or a monitor endpoint reaches (by name or number). */
function containerPort(pod: Pod, target: string | number) {
  const wanted = typeof target === "string" && /^\d+$/.test(target) ? Number(target) : target;
  for (const c of pod.containers) {
    const p = c.ports.find((p) => (typeof wanted === "number" ? p.containerPort === wanted : p.name === wanted));
    if (p) return { container: c.name, port: p };
  }
  return undefined;
}

const copy = (source: string, target: string, regex?: string): RelabelConfig => ({
  sourceLabels: [source],
  targetLabel: target,
  ...(regex ? { regex } : {}),
});

/** `targetLabels`/`podTargetLabels`: each named object label copied onto the target when it is set. */
const labelCopies = (metaPrefix: string, names: unknown): RelabelConfig[] =>
  (Array.isArray(names) ? names : [])
    .filter((l): l is string => typeof l === "string")
    .map((l) => copy(`${metaPrefix}${sanitizeLabelName(l)}`, sanitizeLabelName(l), "(.+)"));

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** The namespaces a monitor looks in: every one for `any`, its `matchNames`, else its own. */
function inScope(monitor: KubeObject): (ns: string) => boolean {
  const sel = monitor.props.spec?.namespaceSelector;
  if (sel?.any === true) return () => true;
  if (Array.isArray(sel?.matchNames) && sel.matchNames.length) return (ns) => sel.matchNames.includes(ns);
  return (ns) => ns === monitor.namespace;
}

function target(
  monitor: KubeObject,
  workload: WorkloadModel,
  meta: Labels,
  own: RelabelConfig[],
  endpoint: any,
): ScrapedTarget | undefined {
  const out = relabel(meta, [...own, ...list(endpoint.relabelings)]);
  if (!out) return undefined;
  out.instance ??= out.__address__;
  return {
    monitorKind: monitor.kind as ScrapedTarget["monitorKind"],
    monitor: monitor.name,
    object: monitor,
    workload,
    labels: Object.fromEntries(Object.entries(out).filter(([k]) => !k.startsWith("__"))),
    honorLabels: !!endpoint.honorLabels,
    metricRelabelings: list(endpoint.metricRelabelings),
    image: workload.containers.find((c) => c.name === meta.__meta_kubernetes_pod_container_name)?.container.image,
    exports: parseMetricExports(monitor.props.metadata?.annotations?.[METRIC_EXPORTS_ANNOTATION]),
  };
}

function serviceMonitorTargets(sm: KubeObject, model: StackModel, pods: Map<WorkloadModel, Pod>): ScrapedTarget[] {
  const spec = sm.props.spec ?? {};
  const ns = inScope(sm);
  const services = model.labelledObjects("Service", "core", spec.selector ?? {}, ns);
  const out: ScrapedTarget[] = [];
  for (const ep of list(spec.endpoints)) {
    for (const svc of services) {
      const svcPort = ep.port
        ? list(svc.props.spec?.ports).find((p) => p?.name === ep.port)
        : { targetPort: ep.targetPort, name: undefined };
      if (!svcPort || !svc.props.spec?.selector) continue;
      for (const w of model.labelled(svc.namespace, svc.props.spec.selector)) {
        const pod = pods.get(w)!;
        const reached = containerPort(pod, svcPort.targetPort ?? svcPort.port);
        if (!reached) continue;
        const meta = {
          ...podMeta(pod, reached.container, reached.port),
          __meta_kubernetes_service_name: svc.name,
          __meta_kubernetes_endpoint_port_name: svcPort.name ?? "",
          __meta_kubernetes_endpoint_address_target_kind: "Pod",
          __meta_kubernetes_endpoint_address_target_name: pod.name,
          ...prefixed("__meta_kubernetes_service_label_", svc.props.metadata?.labels),
        };
        const own: RelabelConfig[] = [
          {
            sourceLabels: [
              "__meta_kubernetes_endpoint_address_target_kind",
              "__meta_kubernetes_endpoint_address_target_name",
            ],
            regex: "Pod;(.*)",
            targetLabel: "pod",
          },
          copy("__meta_kubernetes_namespace", "namespace"),
          copy("__meta_kubernetes_service_name", "service"),
          copy("__meta_kubernetes_pod_name", "pod"),
          copy("__meta_kubernetes_pod_container_name", "container"),
          ...labelCopies("__meta_kubernetes_service_label_", spec.targetLabels),
          ...labelCopies("__meta_kubernetes_pod_label_", spec.podTargetLabels),
          copy("__meta_kubernetes_service_name", "job"),
          ...(spec.jobLabel
            ? [copy(`__meta_kubernetes_service_label_${sanitizeLabelName(spec.jobLabel)}`, "job", "(.+)")]
            : []),
          { targetLabel: "endpoint", replacement: String(ep.port ?? ep.targetPort) },
        ];
        const t = target(sm, w, meta, own, ep);
        if (t) out.push(t);
      }
    }
  }
  return out;
}

function podMonitorTargets(pm: KubeObject, model: StackModel, pods: Map<WorkloadModel, Pod>): ScrapedTarget[] {
  const spec = pm.props.spec ?? {};
  const ns = inScope(pm);
  const out: ScrapedTarget[] = [];
  for (const ep of list(spec.podMetricsEndpoints)) {
    for (const w of model.selectedIn(spec.selector ?? {}, ns)) {
      const pod = pods.get(w)!;
      const reached = containerPort(pod, ep.port ?? ep.portNumber ?? ep.targetPort);
      if (!reached) continue;
      const own: RelabelConfig[] = [
        copy("__meta_kubernetes_namespace", "namespace"),
        copy("__meta_kubernetes_pod_container_name", "container"),
        copy("__meta_kubernetes_pod_name", "pod"),
        ...labelCopies("__meta_kubernetes_pod_label_", spec.podTargetLabels),
        { targetLabel: "job", replacement: `${pm.namespace}/${pm.name}` },
        ...(spec.jobLabel
          ? [copy(`__meta_kubernetes_pod_label_${sanitizeLabelName(spec.jobLabel)}`, "job", "(.+)")]
          : []),
        { targetLabel: "endpoint", replacement: String(ep.port ?? ep.portNumber ?? ep.targetPort) },
      ];
      const t = target(pm, w, podMeta(pod, reached.container, reached.port), own, ep);
      if (t) out.push(t);
    }
  }
  return out;
}

const cache = new WeakMap<StackModel, ScrapedTarget[]>();

/**
 * Every target the stack's ServiceMonitors and PodMonitors (any API version) make Prometheus
 * scrape, one representative pod per workload, labelled as prometheus-operator's generated scrape
 * config labels it: `namespace`, `service` (ServiceMonitor), `pod`, `container`, `endpoint`,
 * `job` (the Service's name, or `<namespace>/<podmonitor>`, unless `jobLabel`), `targetLabels` and
 * `podTargetLabels`, then the endpoint's `relabelings`, then `instance` from the address. Built
 * once per stack model.
 */
export function scrapeTargets(model: StackModel): ScrapedTarget[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const pods = new Map(model.workloads.map((w, i) => [w, podOf(w, i)]));
  const targets = [
    ...model.ofKind("ServiceMonitor", "monitoring.coreos.com").flatMap((m) => serviceMonitorTargets(m, model, pods)),
    ...model.ofKind("PodMonitor", "monitoring.coreos.com").flatMap((m) => podMonitorTargets(m, model, pods)),
  ];
  cache.set(model, targets);
  return targets;
}

/**
 * The labels a series the target exposes as `metric{exposed}` is stored with: the target's labels
 * win (the exposed ones renamed `exported_<name>`) unless `honorLabels`; then `metricRelabelings`.
 * `null` when a metric relabeling drops it.
 */
export function seriesLabels(target: ScrapedTarget, metric: string, exposed: Labels): Labels | null {
  const merged: Labels = { ...target.labels };
  for (const [k, v] of Object.entries(exposed)) {
    if (!(k in merged) || target.honorLabels) merged[k] = v;
    else merged[`exported_${k}`] = v;
  }
  return relabel({ ...merged, __name__: metric }, target.metricRelabelings);
}
