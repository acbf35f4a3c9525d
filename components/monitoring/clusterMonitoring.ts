import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { credentialsSecret } from "../kube/credentialsSecret";
import { ownerLabels } from "../kube/labels";
import { generatedPassword } from "../kube/password";
import { childName } from "../naming";
import { LimitRangeArgs, QuotaArgs, SecurityBaseline } from "../security/securityBaseline";
import { alertmanagerConfig, AlertReceiver } from "./alertmanagerConfig";
import {
  chartValues,
  DEFAULT_MONITORING_RESOURCES,
  KUBE_PROMETHEUS_STACK_VERSION,
  MonitoringResources,
} from "./chartValues";
import { SHARED_MONITORING } from "./sharedMonitoring";

/** Every default of a {@link ClusterMonitoring}: the constructor applies these, its config fragment documents them. */
export const CLUSTER_MONITORING_DEFAULTS = {
  namespace: SHARED_MONITORING.namespace,
  chartVersion: KUBE_PROMETHEUS_STACK_VERSION,
  retention: "15d",
  storage: "50Gi",
  quota: { requestsCpu: "4", requestsMemory: "8Gi", limitsCpu: "8", limitsMemory: "16Gi", pods: 30 },
  limitRange: {
    defaultRequest: { cpu: "100m", memory: "128Mi" },
    default: { cpu: "500m", memory: "512Mi" },
    max: { cpu: "4", memory: "8Gi" },
  } as LimitRangeArgs,
} as const;

const D = CLUSTER_MONITORING_DEFAULTS;

/** Secret holding the platform receivers' URLs and keys. */
export const RECEIVERS_SECRET = "alertmanager-receivers";
/** Secret holding Grafana's admin credentials. */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";

/** Arguments of {@link ClusterMonitoring}. */
export interface ClusterMonitoringArgs {
  /** Name of the cluster services (`app.kubernetes.io/part-of`). */
  readonly partOf: string;
  /** Namespace the stack creates and installs into. @default "monitoring" */
  readonly namespace?: string;
  /** Quota of the namespace. @default 4/8 CPU, 8/16 GiB, 30 pods */
  readonly quota?: QuotaArgs;
  /** LimitRange of the namespace. @default 100m/128Mi requests, 500m/512Mi limits, at most 4 CPU / 8 GiB */
  readonly limitRange?: LimitRangeArgs;
  /** kube-prometheus-stack version. @default {@link KUBE_PROMETHEUS_STACK_VERSION} */
  readonly chartVersion?: string;
  /** Prometheus retention. @default "15d" */
  readonly retention?: string;
  /** Prometheus volume size. @default "50Gi" */
  readonly storage?: string;
  /** Per-component resources. @default {@link DEFAULT_MONITORING_RESOURCES} */
  readonly resources?: Partial<MonitoringResources>;
  /** The platform team's receivers, for the cluster's own alerts, with their (secret) URL or key. @default [] (they stay in Alertmanager) */
  readonly receivers?: readonly (AlertReceiver & { readonly secret: pulumi.Input<string> })[];
}

/**
 * The one kube-prometheus-stack of a cluster (Prometheus, Alertmanager, Grafana, the operator,
 * kube-state-metrics, its CRDs) in its own guarded namespace, installed as a Helm v4 Chart so
 * every rendered object meets the policy pack in a real preview. It selects every team's
 * ServiceMonitors, PodMonitors, PrometheusRules and AlertmanagerConfigs by the shared label, in
 * every namespace, and Grafana reads dashboards from every namespace. The platform's receivers get
 * the cluster's own alerts; a generated Grafana admin password and the receivers' secrets live
 * only in Kubernetes Secrets.
 */
export class ClusterMonitoring extends pulumi.ComponentResource {
  /** The chart. */
  public readonly chart: k8s.helm.v4.Chart;
  /** The generated Grafana admin password (secret). */
  public readonly grafanaAdminPassword: pulumi.Output<string>;
  /** Namespace of the stack. */
  public readonly namespaceName: pulumi.Output<string>;

  constructor(name: string, args: ClusterMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:monitoring:ClusterMonitoring", name, {}, opts);
    const child = { parent: this };
    const baseline = new SecurityBaseline(
      childName(name, "baseline"),
      {
        namespace: args.namespace ?? D.namespace,
        partOf: args.partOf,
        quota: args.quota ?? D.quota,
        limitRange: args.limitRange ?? D.limitRange,
      },
      child,
    );
    this.namespaceName = baseline.namespaceName;
    const ns = this.namespaceName;
    const labels = ownerLabels(args.partOf);

    new k8s.networking.v1.NetworkPolicy(
      childName(name, "networkPolicy"),
      {
        metadata: { name: "monitoring-traffic", namespace: ns, labels },
        spec: {
          podSelector: {},
          policyTypes: ["Ingress", "Egress"],
          ingress: [{ from: [{ podSelector: {} }] }],
          egress: [
            { to: [{ podSelector: {} }] },
            // Scrapes reach every namespace; each team's own NetworkPolicy decides what it admits.
            { to: [{ namespaceSelector: {} }] },
            {
              to: [{ ipBlock: { cidr: "0.0.0.0/0" } }],
              ports: [
                { protocol: "TCP", port: 443 },
                { protocol: "TCP", port: 6443 },
              ],
            },
          ],
        },
      },
      child,
    );

    this.grafanaAdminPassword = generatedPassword(this, name);
    const adminSecret = credentialsSecret(this, childName(name, "grafanaAdmin"), {
      name: GRAFANA_ADMIN_SECRET,
      namespace: ns,
      partOf: args.partOf,
      values: { "admin-user": "admin", "admin-password": this.grafanaAdminPassword },
    });
    const receivers = args.receivers ?? [];
    const receiversSecret = credentialsSecret(this, childName(name, "receivers"), {
      name: RECEIVERS_SECRET,
      namespace: ns,
      partOf: args.partOf,
      values: Object.fromEntries(receivers.map((r) => [r.name, r.secret])),
    });
    this.chart = new k8s.helm.v4.Chart(
      childName(name, "chart"),
      {
        chart: "kube-prometheus-stack",
        version: args.chartVersion ?? D.chartVersion,
        repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
        namespace: ns,
        values: chartValues({
          retention: args.retention ?? D.retention,
          storage: args.storage ?? D.storage,
          resources: { ...DEFAULT_MONITORING_RESOURCES, ...args.resources },
          alertmanagerConfig: alertmanagerConfig(
            receivers.map(({ secret: _s, ...r }) => r),
            RECEIVERS_SECRET,
          ),
          receiversSecret: RECEIVERS_SECRET,
          grafanaAdminSecret: GRAFANA_ADMIN_SECRET,
        }),
      },
      { parent: this, dependsOn: [baseline.resourceQuota, baseline.limitRange, adminSecret, receiversSecret] },
    );
    this.registerOutputs({ namespaceName: this.namespaceName });
  }
}
