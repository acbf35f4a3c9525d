/**
 * How team stacks and the one shared monitoring stack of a cluster find each other: the shared
 * Prometheus and Alertmanager select team objects by {@link SHARED_MONITORING}'s label in every
 * namespace, Grafana picks dashboards by its label in every namespace, and team NetworkPolicies
 * admit the shared Prometheus pods from its namespace.
 */
export const SHARED_MONITORING = {
  /** Label on every ServiceMonitor, PodMonitor, PrometheusRule and AlertmanagerConfig the shared stack picks up. */
  selector: { "platform.acme-bank.example/monitoring": "shared" } as Readonly<Record<string, string>>,
  /** Namespace of the shared stack. */
  namespace: "monitoring",
  /** Labels of the shared Prometheus pods. */
  prometheusPodLabels: { "app.kubernetes.io/name": "prometheus" } as Readonly<Record<string, string>>,
  /** Label Grafana's sidecar finds dashboard ConfigMaps by. */
  dashboardLabel: { grafana_dashboard: "1" } as Readonly<Record<string, string>>,
} as const;
