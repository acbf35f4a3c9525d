import { isPortName } from "../../lib/readiness/ports";
import { KubeObject, StackModel } from "../../lib/readiness/stackModel";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";

/** The namespaces a monitor looks in: its `namespaceSelector.matchNames`, every namespace for `any`, else its own. */
function namespacesOf(monitor: KubeObject): ((ns: string) => boolean) | undefined {
  const sel = monitor.props.spec?.namespaceSelector;
  if (sel?.any === true) return () => true;
  if (Array.isArray(sel?.matchNames) && sel.matchNames.length) return (ns) => sel.matchNames.includes(ns);
  // A label selector on namespaces needs the namespaces' labels, which the stack may not hold.
  if (sel && Object.keys(sel).length) return undefined;
  return (ns) => ns === monitor.namespace;
}

function judgeServiceMonitor(m: KubeObject, model: StackModel, report: ReadinessReport): void {
  const inScope = namespacesOf(m);
  if (!inScope) return;
  const services = model.labelledObjects("Service", "core", m.props.spec?.selector ?? {}, inScope);
  if (!services.length) {
    report(
      m,
      `ServiceMonitor "${m.name}" selects no Service of the stack: nothing is scraped, so its alerts never fire.`,
    );
    return;
  }
  for (const [i, e] of (Array.isArray(m.props.spec?.endpoints) ? m.props.spec.endpoints : []).entries()) {
    const port = e?.port ?? e?.targetPort;
    if (port === undefined) continue;
    const named = isPortName(port);
    const has = (s: KubeObject) =>
      (Array.isArray(s.props.spec?.ports) ? s.props.spec.ports : []).some((p: any) =>
        named && e?.port !== undefined ? p?.name === port : p?.targetPort === port || p?.port === Number(port),
      );
    if (!services.some(has))
      report(
        m,
        `ServiceMonitor "${m.name}" endpoints[${i}] scrapes port ${JSON.stringify(port)}, which no Service it selects has: nothing is scraped, so its alerts never fire.`,
      );
  }
}

function judgePodMonitor(m: KubeObject, model: StackModel, report: ReadinessReport): void {
  const inScope = namespacesOf(m);
  if (!inScope) return;
  const pods = model.selectedIn(m.props.spec?.selector ?? {}, inScope);
  if (!pods.length) {
    report(m, `PodMonitor "${m.name}" selects no pod of the stack: nothing is scraped, so its alerts never fire.`);
    return;
  }
  for (const [i, e] of (Array.isArray(m.props.spec?.podMetricsEndpoints)
    ? m.props.spec.podMetricsEndpoints
    : []
  ).entries()) {
    if (typeof e?.port !== "string") continue;
    const declared = pods.some((w) =>
      w.containers.some((c) => (c.container.ports ?? []).some((p: any) => p?.name === e.port)),
    );
    if (!declared)
      report(
        m,
        `PodMonitor "${m.name}" podMetricsEndpoints[${i}] scrapes port "${e.port}", which no container of the pods it selects declares: nothing is scraped, so its alerts never fire.`,
      );
  }
}

/** ServiceMonitors and PodMonitors find something to scrape, on a port it has. */
export const monitorTargets = readinessPolicy(
  {
    name: "readiness-monitor-targets",
    description:
      "A ServiceMonitor must select a Service of the stack and scrape a port it names; a PodMonitor must select pods of the stack and scrape a port their containers declare.",
    severity: "medium",
    remediationSteps:
      "Make the monitor's selector the Service's (or pod's) labels and its endpoint port the name the Service (or container) gives the metrics port.",
    url: "https://prometheus-operator.dev/docs/developer/getting-started/",
  },
  {
    subjects: (model) => [
      ...model.ofKind("ServiceMonitor", "monitoring.coreos.com"),
      ...model.ofKind("PodMonitor", "monitoring.coreos.com"),
    ],
    judge: (m, model, report) =>
      m.kind === "ServiceMonitor" ? judgeServiceMonitor(m, model, report) : judgePodMonitor(m, model, report),
  },
);
