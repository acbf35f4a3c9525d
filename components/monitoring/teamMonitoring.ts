import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { credentialsSecret } from "../kube/credentialsSecret";
import { ownerLabels } from "../kube/labels";
import { childName } from "../naming";
import { AlertReceiver, teamAlertmanagerConfigSpec } from "./alertmanagerConfig";
import { AlertRuleConfig, prometheusRule } from "./alertRuleSchema";
import { alertRuleGroups, AlertThresholds, DEFAULT_THRESHOLDS } from "./alertRules";
import { customDashboard, Dashboard, DashboardSpec, dataDashboard, platformOverview } from "./dashboards";
import {
  METRIC_EXPORTS_ANNOTATION,
  MetricExport,
  metricExportsAnnotation,
} from "../../policy/lib/readiness/metricExports";
import { promqlProblem } from "./promql";
import { SHARED_MONITORING } from "./sharedMonitoring";

/** Every default of a {@link TeamMonitoring}: the constructor applies these, its config fragment documents them. */
export const TEAM_MONITORING_DEFAULTS = {
  /** Namespace of the cluster's shared monitoring stack. */
  clusterNamespace: SHARED_MONITORING.namespace,
  /** Base of the runbook links of the platform's rules. */
  runbookBase: "https://runbooks.acme-bank.example/platform",
  /** Scrape interval. */
  scrapeInterval: "30s",
} as const;

const D = TEAM_MONITORING_DEFAULTS;

/** Something the shared Prometheus scrapes in the team's namespace. */
export interface ScrapeTarget {
  /** Name of the target (its objects are named after it). */
  readonly app: string;
  /** Labels of its pods (and of its Service, for `service` targets). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Name of the port serving metrics (on the Service, or on the pods). */
  readonly portName: string;
  /** The port number (admitted by the scrape NetworkPolicy). */
  readonly port: number;
  /** Metrics path. */
  readonly path: string;
  /** Scraped through its Service (ServiceMonitor) or its pods (PodMonitor, e.g. an exporter sidecar). @default "service" */
  readonly via?: "service" | "pod";
  /** Metrics it exports (declared on its monitor; the platform's rules use only these). @default [] (a well-known exporter's metrics need none) */
  readonly exports?: readonly MetricExport[];
}

/** Arguments of {@link TeamMonitoring}. */
export interface TeamMonitoringArgs {
  /** The team's namespace (the Namespace resource's name output). */
  readonly namespace: pulumi.Input<string>;
  /** The same namespace as a plain string. */
  readonly namespaceName: string;
  /** Platform name. */
  readonly partOf: string;
  /** Base of its object names. @default the component name */
  readonly objectName?: string;
  /** Namespace of the cluster's shared monitoring stack, whose Prometheus the scrape policies admit. @default "monitoring" */
  readonly clusterNamespace?: string;
  /** What is scraped. @default [] */
  readonly scrapeTargets?: readonly ScrapeTarget[];
  /** The team's receivers with their (secret) URL or routing key. @default [] (alerts stay in Alertmanager) */
  readonly receivers?: readonly (AlertReceiver & { readonly secret: pulumi.Input<string> })[];
  /** Thresholds of the platform's rules. @default {@link DEFAULT_THRESHOLDS} */
  readonly thresholds?: Partial<AlertThresholds>;
  /** The team's own alerting rules, on its own metrics. @default [] */
  readonly rules?: readonly AlertRuleConfig[];
  /** The team's own dashboards. @default [] */
  readonly dashboards?: readonly DashboardSpec[];
  /** Whether the PostgreSQL rules apply. @default false */
  readonly postgres?: boolean;
  /** Name of the backup CronJob, for the backup rules. @default none */
  readonly backupCronJob?: string;
  /** Name of the backup's restore drill CronJob, for its rule. @default none */
  readonly restoreDrillCronJob?: string;
  /** Base URL of the runbooks. @default "https://runbooks.acme-bank.example/platform" */
  readonly runbookBase?: string;
}

/**
 * A team's monitoring on the cluster's shared stack, all in the team's namespace: ServiceMonitors
 * and PodMonitors for what it runs, NetworkPolicies admitting only the shared Prometheus to the
 * metrics ports, a PrometheusRule with the platform's rules and the team's own (every expression
 * parsed as PromQL first), Grafana dashboards as ConfigMaps, and an AlertmanagerConfig routing the
 * team's alerts to its receivers, whose URLs and keys stay in a Secret. Every object carries the
 * shared label the cluster's stack selects by; every rule the team's namespace, so its alerts
 * reach its routes and no one else's.
 */
export class TeamMonitoring extends pulumi.ComponentResource {
  /** The dashboards, by UID. */
  public readonly dashboards: Record<string, Dashboard> = {};

  constructor(name: string, args: TeamMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:monitoring:TeamMonitoring", name, {}, opts);
    const child = { parent: this };
    const objectName = args.objectName ?? name;
    const ns = args.namespace;
    const labels = { ...ownerLabels(args.partOf), ...SHARED_MONITORING.selector };
    for (const rule of args.rules ?? []) {
      const problem = promqlProblem(rule.expr);
      if (problem) throw new pulumi.ResourceError(`rule ${rule.alert}: ${problem}`, this);
    }
    for (const d of args.dashboards ?? []) {
      for (const q of d.panels.flatMap((p) => p.queries)) {
        const problem = promqlProblem(q.expr);
        if (problem) throw new pulumi.ResourceError(`dashboard ${d.name}: ${problem}`, this);
      }
    }

    for (const t of args.scrapeTargets ?? []) {
      // The platform's rules and dashboards group by `app`, a label the operator's scrape never sets itself.
      const relabelings = [{ action: "replace", targetLabel: "app", replacement: t.app }];
      const endpoint = { port: t.portName, path: t.path, interval: D.scrapeInterval, scheme: "http", relabelings };
      const pod = t.via === "pod";
      new k8s.apiextensions.CustomResource(
        childName(`${name}-${t.app}`, pod ? "podMonitor" : "serviceMonitor"),
        {
          apiVersion: "monitoring.coreos.com/v1",
          kind: pod ? "PodMonitor" : "ServiceMonitor",
          metadata: {
            name: t.app,
            namespace: ns,
            labels,
            ...(t.exports?.length
              ? { annotations: { [METRIC_EXPORTS_ANNOTATION]: metricExportsAnnotation(t.exports) } }
              : {}),
          },
          spec: pod
            ? { selector: { matchLabels: t.podLabels }, podMetricsEndpoints: [endpoint] }
            : { selector: { matchLabels: t.podLabels }, endpoints: [endpoint] },
        },
        child,
      );
      new k8s.networking.v1.NetworkPolicy(
        childName(`${name}-${t.app}`, "scrapePolicy"),
        {
          metadata: { name: `${t.app}-allow-prometheus`, namespace: ns, labels: ownerLabels(args.partOf) },
          spec: {
            podSelector: { matchLabels: t.podLabels },
            policyTypes: ["Ingress"],
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: {
                      matchLabels: { "kubernetes.io/metadata.name": args.clusterNamespace ?? D.clusterNamespace },
                    },
                    podSelector: { matchLabels: SHARED_MONITORING.prometheusPodLabels },
                  },
                ],
                ports: [{ protocol: "TCP", port: t.port }],
              },
            ],
          },
        },
        child,
      );
    }

    const platformGroups = alertRuleGroups(
      {
        namespace: args.namespaceName,
        apps: (args.scrapeTargets ?? []).map((t) => ({ app: t.app, exports: t.exports ?? [] })),
        postgres: !!args.postgres,
        backupCronJob: args.backupCronJob,
        restoreDrillCronJob: args.restoreDrillCronJob,
        runbookBase: args.runbookBase ?? D.runbookBase,
      },
      { ...DEFAULT_THRESHOLDS, ...args.thresholds },
    );
    const teamRules = (args.rules ?? []).map(prometheusRule);
    const groups = [...platformGroups, ...(teamRules.length ? [{ name: `${objectName}-team`, rules: teamRules }] : [])];
    new k8s.apiextensions.CustomResource(
      childName(name, "alertRules"),
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: `${objectName}-alerts`, namespace: ns, labels },
        spec: {
          groups: groups.map((g) => ({
            name: g.name,
            rules: g.rules.map((r) => ({
              ...r,
              labels: { ...r.labels, namespace: args.namespaceName, team: args.partOf },
            })),
          })),
        },
      },
      child,
    );

    const boards: [string, Dashboard][] = [
      ["platform-overview", platformOverview(args.namespaceName)],
      ["data", dataDashboard(args.namespaceName, args.backupCronJob)],
      ...(args.dashboards ?? []).map((d): [string, Dashboard] => [d.name, customDashboard(args.namespaceName, d)]),
    ];
    for (const [kind, board] of boards) {
      this.dashboards[board.uid] = board;
      new k8s.core.v1.ConfigMap(
        childName(`${name}-${kind}`, "dashboard"),
        {
          metadata: {
            name: `dashboard-${board.uid}`,
            namespace: ns,
            labels: { ...ownerLabels(args.partOf), ...SHARED_MONITORING.dashboardLabel },
          },
          data: { [`${board.uid}.json`]: JSON.stringify(board) },
        },
        child,
      );
    }

    const receivers = args.receivers ?? [];
    const secretName = `${objectName}-alert-receivers`;
    const secret = credentialsSecret(this, childName(name, "receivers"), {
      name: secretName,
      namespace: ns,
      partOf: args.partOf,
      values: Object.fromEntries(receivers.map((r) => [r.name, r.secret])),
    });
    new k8s.apiextensions.CustomResource(
      childName(name, "alertmanagerConfig"),
      {
        apiVersion: "monitoring.coreos.com/v1alpha1",
        kind: "AlertmanagerConfig",
        metadata: { name: `${objectName}-routes`, namespace: ns, labels },
        spec: teamAlertmanagerConfigSpec(
          receivers.map(({ secret: _s, ...r }) => r),
          secretName,
        ),
      },
      { parent: this, dependsOn: [secret] },
    );
    this.registerOutputs({});
  }
}
