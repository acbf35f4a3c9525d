import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { credentialsSecret } from "../kube/credentialsSecret";
import { ownerLabels } from "../kube/labels";
import { generatedPassword } from "../kube/password";
import { childName } from "../naming";
import { LimitRangeArgs, QuotaArgs, SecurityBaseline } from "../security/securityBaseline";
import { alertmanagerConfig, AlertReceiver } from "./alertmanagerConfig";
import { alertRuleGroups, AlertThresholds, DEFAULT_THRESHOLDS } from "./alertRules";
import { chartValues, DEFAULT_MONITORING_RESOURCES, KUBE_PROMETHEUS_STACK_VERSION, MonitoringResources } from "./chartValues";
import { dataDashboard, platformOverview } from "./dashboards";

/** Every default of a {@link MonitoringStack}: the constructor applies these, its config fragment documents them. */
export const MONITORING_DEFAULTS = {
  chartVersion: KUBE_PROMETHEUS_STACK_VERSION,
  retention: "15d",
  storage: "50Gi",
  quota: { requestsCpu: "4", requestsMemory: "8Gi", limitsCpu: "8", limitsMemory: "16Gi", pods: 30 },
  limitRange: {
    defaultRequest: { cpu: "100m", memory: "128Mi" },
    default: { cpu: "500m", memory: "512Mi" },
    max: { cpu: "4", memory: "8Gi" },
  } as LimitRangeArgs,
  runbookBase: "https://runbooks.acme-bank.example/platform",
} as const;

/** Secret holding the Alertmanager receivers' URLs and keys. */
export const RECEIVERS_SECRET = "alertmanager-receivers";
/** Secret holding Grafana's admin credentials. */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";

/** An app Prometheus scrapes. */
export interface ScrapeTarget {
  /** App name (Service name). */
  app: string;
  /** Labels of the app's pods and Service. */
  podLabels: Record<string, string>;
  /** Service port name serving metrics (`http` or `metrics`). */
  portName: string;
  /** Container port number (admitted by the NetworkPolicy). */
  port: number;
  /** Metrics path. */
  path: string;
}

/** Arguments of {@link MonitoringStack}. */
export interface MonitoringStackArgs {
  /** Namespace the stack creates and installs into. */
  namespace: string;
  /** Platform name. */
  partOf: string;
  /** Namespace of the apps (the Namespace resource's name output). */
  appNamespace: pulumi.Input<string>;
  /** The same namespace as a plain string. */
  appNamespaceName: string;
  /** Quota of the monitoring namespace. @default 4/8 CPU, 8/16 GiB, 30 pods */
  quota?: QuotaArgs;
  /** LimitRange of the monitoring namespace. @default 100m/128Mi requests, 500m/512Mi limits, at most 4 CPU / 8 GiB */
  limitRange?: LimitRangeArgs;
  /** kube-prometheus-stack version. @default {@link KUBE_PROMETHEUS_STACK_VERSION} */
  chartVersion?: string;
  /** Prometheus retention. @default "15d" */
  retention?: string;
  /** Prometheus volume size. @default "50Gi" */
  storage?: string;
  /** Per-component resources. @default {@link DEFAULT_MONITORING_RESOURCES} */
  resources?: Partial<MonitoringResources>;
  /** Alert receivers with their (secret) webhook URL or routing key. @default [] (alerts stay in Alertmanager) */
  receivers?: (AlertReceiver & { secret: pulumi.Input<string> })[];
  /** Alert thresholds. @default {@link DEFAULT_THRESHOLDS} */
  thresholds?: Partial<AlertThresholds>;
  /** Apps to scrape. @default [] */
  scrapeTargets?: ScrapeTarget[];
  /** Whether PostgreSQL alerts apply. @default false */
  postgres?: boolean;
  /** Name of the backup CronJob, for backup alerts. @default none */
  backupCronJob?: string;
  /** Base URL of the runbooks. @default "https://runbooks.acme-bank.example/platform" */
  runbookBase?: string;
}

/**
 * kube-prometheus-stack (Prometheus, Alertmanager, Grafana, the operator, kube-state-metrics) in
 * its own guarded namespace, installed as a Helm v4 Chart so every rendered object is visible to
 * the policy pack in a preview; ServiceMonitors for the apps, the platform's alert rules as a
 * PrometheusRule, dashboards as sidecar ConfigMaps, Alertmanager routing by severity, and a
 * generated Grafana admin password — secrets only ever in Kubernetes Secrets.
 */
export class MonitoringStack extends pulumi.ComponentResource {
  /** The chart. */
  public readonly chart: k8s.helm.v4.Chart;
  /** The generated Grafana admin password (secret). */
  public readonly grafanaAdminPassword: pulumi.Output<string>;
  /** Namespace of the stack. */
  public readonly namespaceName: pulumi.Output<string>;

  constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:monitoring:MonitoringStack", name, {}, opts);
    const child = { parent: this };
    const baseline = new SecurityBaseline(childName(name, "baseline"), {
      namespace: args.namespace, partOf: args.partOf, quota: args.quota ?? MONITORING_DEFAULTS.quota, limitRange: args.limitRange ?? MONITORING_DEFAULTS.limitRange,
    }, child);
    this.namespaceName = baseline.namespaceName;
    const ns = this.namespaceName;
    const labels = ownerLabels(args.partOf);

    new k8s.networking.v1.NetworkPolicy(childName(name, "networkPolicy"), {
      metadata: { name: "monitoring-traffic", namespace: ns, labels },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [
          { to: [{ podSelector: {} }] },
          { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": args.appNamespaceName } } }] },
          { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] },
        ],
      },
    }, child);

    this.grafanaAdminPassword = generatedPassword(this, name);
    const adminSecret = credentialsSecret(this, childName(name, "grafanaAdmin"), {
      name: GRAFANA_ADMIN_SECRET, namespace: ns, partOf: args.partOf, values: { "admin-user": "admin", "admin-password": this.grafanaAdminPassword },
    });
    const receivers = args.receivers ?? [];
    const receiversSecret = credentialsSecret(this, childName(name, "receivers"), {
      name: RECEIVERS_SECRET, namespace: ns, partOf: args.partOf, values: Object.fromEntries(receivers.map((r) => [r.name, r.secret])),
    });

    const values = chartValues({
      retention: args.retention ?? MONITORING_DEFAULTS.retention,
      storage: args.storage ?? MONITORING_DEFAULTS.storage,
      resources: { ...DEFAULT_MONITORING_RESOURCES, ...args.resources },
      alertmanagerConfig: alertmanagerConfig(receivers.map(({ secret: _s, ...r }) => r), RECEIVERS_SECRET),
      receiversSecret: RECEIVERS_SECRET,
      grafanaAdminSecret: GRAFANA_ADMIN_SECRET,
      dashboardLabel: "1",
    });
    this.chart = new k8s.helm.v4.Chart(childName(name, "chart"), {
      chart: "kube-prometheus-stack",
      version: args.chartVersion ?? MONITORING_DEFAULTS.chartVersion,
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
      namespace: ns,
      values,
    }, { parent: this, dependsOn: [baseline.resourceQuota, baseline.limitRange, adminSecret, receiversSecret] });
    const afterChart = { parent: this, dependsOn: [this.chart] };

    for (const t of args.scrapeTargets ?? []) {
      new k8s.apiextensions.CustomResource(childName(`${name}-${t.app}`, "serviceMonitor"), {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: t.app, namespace: args.appNamespace, labels },
        spec: {
          selector: { matchLabels: t.podLabels },
          endpoints: [{ port: t.portName, path: t.path, interval: "30s", scheme: "http" }],
        },
      }, afterChart);
      new k8s.networking.v1.NetworkPolicy(childName(`${name}-${t.app}`, "scrapePolicy"), {
        metadata: { name: `${t.app}-allow-prometheus`, namespace: args.appNamespace, labels },
        spec: {
          podSelector: { matchLabels: t.podLabels },
          policyTypes: ["Ingress"],
          ingress: [{
            from: [{
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": args.namespace } },
              podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
            }],
            ports: [{ protocol: "TCP", port: t.port }],
          }],
        },
      }, child);
    }

    new k8s.apiextensions.CustomResource(childName(name, "alertRules"), {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: `${args.partOf}-platform-alerts`, namespace: ns, labels },
      spec: {
        groups: alertRuleGroups({
          namespace: args.appNamespaceName,
          httpApps: (args.scrapeTargets ?? []).map((t) => t.app),
          postgres: !!args.postgres,
          backupCronJob: args.backupCronJob,
          runbookBase: args.runbookBase ?? MONITORING_DEFAULTS.runbookBase,
        }, { ...DEFAULT_THRESHOLDS, ...args.thresholds }),
      },
    }, afterChart);

    for (const dashboard of [platformOverview(args.appNamespaceName), dataDashboard(args.appNamespaceName)]) {
      new k8s.core.v1.ConfigMap(childName(`${name}-${dashboard.uid.slice(args.appNamespaceName.length + 1)}`, "dashboard"), {
        metadata: { name: `dashboard-${dashboard.uid}`, namespace: ns, labels: { ...labels, grafana_dashboard: "1" } },
        data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboard) },
      }, child);
    }
    this.registerOutputs({ namespaceName: this.namespaceName });
  }
}
