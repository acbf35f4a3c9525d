import { ContainerResources } from "../kube/podSpec";
import { restrictedContainerContext, restrictedPodContext } from "../kube/securityContext";
import { SHARED_MONITORING } from "./sharedMonitoring";

/** The kube-prometheus-stack chart version every stack pins unless its config says otherwise. */
export const KUBE_PROMETHEUS_STACK_VERSION = "75.15.0";

/** Resources of each kube-prometheus-stack component. */
export interface MonitoringResources {
  prometheus: ContainerResources;
  alertmanager: ContainerResources;
  grafana: ContainerResources;
  operator: ContainerResources;
  kubeStateMetrics: ContainerResources;
}

/** Defaults of {@link MonitoringResources}. */
export const DEFAULT_MONITORING_RESOURCES: MonitoringResources = {
  prometheus: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
  alertmanager: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
  grafana: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  operator: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
  kubeStateMetrics: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
};

/** What the chart values are built from. */
export interface ChartValuesInput {
  /** Prometheus TSDB retention, e.g. "15d". */
  retention: string;
  /** Prometheus volume size, e.g. "50Gi". */
  storage: string;
  /** Per-component resources. */
  resources: MonitoringResources;
  /** Alertmanager configuration (no secrets in it). */
  alertmanagerConfig: Record<string, unknown>;
  /** Secret mounted into Alertmanager with the receivers' URLs and keys. */
  receiversSecret: string;
  /** Secret with Grafana's admin user and password. */
  grafanaAdminSecret: string;
}

/** Pod security context of a non-root component running as `uid` (the platform's own, as Helm values). */
export function podSecurity(uid: number, gid = uid): Record<string, unknown> {
  return restrictedPodContext(uid, gid) as Record<string, unknown>;
}

/** Container security context every component gets: the platform's own, for the UID its pod sets. */
export function containerSecurity(uid: number, gid = uid): Record<string, unknown> {
  return restrictedContainerContext(uid, gid) as Record<string, unknown>;
}

/**
 * kube-prometheus-stack values for the one shared stack of a cluster: Prometheus selects
 * ServiceMonitors, PodMonitors and PrometheusRules, Alertmanager AlertmanagerConfigs, by the shared
 * label in every namespace (each team's routes see only alerts labelled with its namespace), and
 * the chart's own objects carry the label too; Grafana reads dashboards from every namespace. Every
 * component runs non-root with the hardened container context and requests/limits; node-exporter
 * is off (it needs host namespaces and hostPath; memory and disk alerts use cAdvisor and kubelet
 * volume metrics instead); no secret is in the values — Alertmanager reads receivers from a mounted
 * Secret, Grafana its admin credentials from one.
 */
export function chartValues(input: ChartValuesInput): Record<string, unknown> {
  const r = input.resources;
  const selector = { matchLabels: { ...SHARED_MONITORING.selector } };
  const [[dashboardKey, dashboardValue]] = Object.entries(SHARED_MONITORING.dashboardLabel);
  return {
    crds: { enabled: true },
    commonLabels: { ...SHARED_MONITORING.selector },
    defaultRules: { create: true },
    nodeExporter: { enabled: false },
    kubeStateMetrics: { enabled: true },
    "kube-state-metrics": {
      securityContext: { enabled: true, ...podSecurity(65534) },
      containerSecurityContext: containerSecurity(65534),
      resources: r.kubeStateMetrics,
    },
    prometheusOperator: {
      securityContext: podSecurity(65534),
      containerSecurityContext: containerSecurity(65534),
      resources: r.operator,
      admissionWebhooks: { patch: { securityContext: podSecurity(2000), resources: r.operator } },
    },
    prometheus: {
      prometheusSpec: {
        retention: input.retention,
        resources: r.prometheus,
        securityContext: podSecurity(1000, 2000),
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: selector,
        serviceMonitorNamespaceSelector: {},
        podMonitorSelector: selector,
        podMonitorNamespaceSelector: {},
        ruleSelector: selector,
        ruleNamespaceSelector: {},
        storageSpec: {
          volumeClaimTemplate: {
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: input.storage } } },
          },
        },
      },
    },
    alertmanager: {
      config: input.alertmanagerConfig,
      alertmanagerSpec: {
        alertmanagerConfigSelector: selector,
        alertmanagerConfigNamespaceSelector: {},
        alertmanagerConfigMatcherStrategy: { type: "OnNamespace" },
        secrets: [input.receiversSecret],
        resources: r.alertmanager,
        securityContext: podSecurity(1000, 2000),
      },
    },
    grafana: {
      admin: { existingSecret: input.grafanaAdminSecret, userKey: "admin-user", passwordKey: "admin-password" },
      securityContext: podSecurity(472),
      containerSecurityContext: containerSecurity(472),
      resources: r.grafana,
      persistence: { enabled: false },
      sidecar: {
        dashboards: { enabled: true, label: dashboardKey, labelValue: dashboardValue, searchNamespace: "ALL" },
      },
    },
  };
}
