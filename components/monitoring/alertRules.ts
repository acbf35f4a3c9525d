import { BACKUP_DEFAULTS } from "../data/postgresBackup";
import { RESTORE_DRILL_DEFAULTS } from "../data/restoreDrill";
import { MetricExport } from "../../policy/lib/readiness/metricExports";

/** Thresholds of the platform's alert rules. */
export interface AlertThresholds {
  /** API 5xx share of requests, %. @default 1 */
  apiErrorRatePercent: number;
  /** p95 request latency, seconds. @default 1 */
  p95LatencySeconds: number;
  /** Container memory working set against its limit, %. @default 80 */
  memoryUsagePercent: number;
  /** PersistentVolume usage, %. @default 80 */
  diskUsagePercent: number;
  /** Days before a TLS certificate expires. @default 14 */
  certExpiryDays: number;
  /** Hours since the last successful backup. @default 26 */
  backupMaxAgeHours: number;
  /** Fewest idle PostgreSQL connections before alerting. @default 2 */
  dbMinIdleConnections: number;
  /** HTTP 429 responses per second. @default 5 */
  rateLimitPerSecond: number;
}

/** Defaults of {@link AlertThresholds}. */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
  apiErrorRatePercent: 1,
  p95LatencySeconds: 1,
  memoryUsagePercent: 80,
  diskUsagePercent: 80,
  certExpiryDays: 14,
  backupMaxAgeHours: 26,
  dbMinIdleConnections: 2,
  rateLimitPerSecond: 5,
};

/** How long a backup run may take (the backup Job's deadline): a schedule not followed by a success within it failed. */
export const BACKUP_RUN_WINDOW = `${BACKUP_DEFAULTS.runDeadlineHours}h`;

/** How long a restore drill may run (its Job's deadline) before a missed success alerts. */
export const RESTORE_DRILL_WINDOW = `${RESTORE_DRILL_DEFAULTS.runDeadlineHours}h`;

/** A CronJob's last schedule is newer than its last success (or it never succeeded). */
const lastRunFailed = (ns: string, job: string) =>
  `max by (cronjob) (kube_cronjob_status_last_schedule_time{${ns}, ${job}}) > (max by (cronjob) (kube_cronjob_status_last_successful_time{${ns}, ${job}}) or max by (cronjob) (kube_cronjob_status_last_schedule_time{${ns}, ${job}}) * 0)`;

/** One Prometheus alerting rule. */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "critical" | "warning" | "info" };
  annotations: { summary: string; description: string; runbook_url: string };
}

/** What the rules are about. */
export interface RuleContext {
  /** Namespace of the apps. */
  namespace: string;
  /** The scraped apps (their scrape sets `app` to the name) and the metrics each declares it exports. */
  apps: readonly { app: string; exports: readonly MetricExport[] }[];
  /** PostgreSQL is present (a postgres exporter or the app exposes pg pool metrics). */
  postgres: boolean;
  /** Name of the backup CronJob, when backups are configured. */
  backupCronJob?: string;
  /** Name of the restore drill's CronJob, when the backups have one. */
  restoreDrillCronJob?: string;
  /** Base of the runbook links. */
  runbookBase: string;
}

function rule(
  ctx: RuleContext,
  alert: string,
  severity: AlertRule["labels"]["severity"],
  forDuration: string,
  expr: string,
  summary: string,
  description: string,
): AlertRule {
  return {
    alert,
    expr,
    for: forDuration,
    labels: { severity },
    annotations: { summary, description, runbook_url: `${ctx.runbookBase}#${alert.toLowerCase()}` },
  };
}

/**
 * The platform's alert rules, grouped: API (error rate, p95 latency, rate limiting), workloads
 * (crash loops, failed starts, memory, HPA at its ceiling), storage (PVC usage), certificates,
 * data (PostgreSQL connection failures and idle connections) and backups.
 */
export function alertRuleGroups(ctx: RuleContext, t: AlertThresholds): { name: string; rules: AlertRule[] }[] {
  const ns = `namespace="${ctx.namespace}"`;
  const exporting = (metric: string, type: MetricExport["type"], label?: string) => {
    const names = ctx.apps
      .filter((a) =>
        a.exports.some(
          (e) => e.name === metric && (e.type ?? "gauge") === type && (!label || (e.labels ?? []).includes(label)),
        ),
      )
      .map((a) => a.app);
    return names.length ? `, app=~"${names.join("|")}"` : undefined;
  };
  const requests = exporting("http_requests_total", "counter", "status");
  const latency = exporting("http_request_duration_seconds", "histogram");
  const groups = [
    {
      name: "platform-api",
      rules: [
        ...(requests
          ? [
              rule(
                ctx,
                "ApiHighErrorRate",
                "critical",
                "5m",
                `sum by (app) (rate(http_requests_total{${ns}${requests}, status=~"5.."}[5m])) / sum by (app) (rate(http_requests_total{${ns}${requests}}[5m])) * 100 > ${t.apiErrorRatePercent}`,
                "{{ $labels.app }}: more than " + t.apiErrorRatePercent + "% of requests fail",
                "{{ $labels.app }} answered {{ $value | humanize }}% of requests with a 5xx status over 5 minutes.",
              ),
              rule(
                ctx,
                "ApiRateLimited",
                "warning",
                "10m",
                `sum by (app) (rate(http_requests_total{${ns}${requests}, status="429"}[5m])) > ${t.rateLimitPerSecond}`,
                "{{ $labels.app }} is rejecting requests with 429",
                "{{ $labels.app }} returns {{ $value | humanize }} rate-limit responses per second.",
              ),
            ]
          : []),
        ...(latency
          ? [
              rule(
                ctx,
                "ApiHighLatencyP95",
                "warning",
                "10m",
                `histogram_quantile(0.95, sum by (app, le) (rate(http_request_duration_seconds_bucket{${ns}${latency}}[5m]))) > ${t.p95LatencySeconds}`,
                "{{ $labels.app }}: p95 latency above " + t.p95LatencySeconds + "s",
                "95% of {{ $labels.app }} requests take up to {{ $value | humanizeDuration }}.",
              ),
            ]
          : []),
      ],
    },
    {
      name: "platform-workloads",
      rules: [
        rule(
          ctx,
          "PodCrashLooping",
          "critical",
          "10m",
          `increase(kube_pod_container_status_restarts_total{${ns}}[15m]) > 3`,
          "{{ $labels.pod }} is crash-looping",
          "Container {{ $labels.container }} of {{ $labels.pod }} restarted {{ $value }} times in 15 minutes.",
        ),
        rule(
          ctx,
          "PodStartFailed",
          "critical",
          "10m",
          `sum by (pod, reason) (kube_pod_container_status_waiting_reason{${ns}, reason=~"CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError"}) > 0`,
          "{{ $labels.pod }} cannot start ({{ $labels.reason }})",
          "{{ $labels.pod }} has been waiting with {{ $labels.reason }} for 10 minutes: a model, image or configuration failed to load.",
        ),
        rule(
          ctx,
          "ContainerMemoryHigh",
          "warning",
          "15m",
          `sum by (pod, container) (container_memory_working_set_bytes{${ns}, container!=""}) / sum by (pod, container) (kube_pod_container_resource_limits{${ns}, resource="memory"}) * 100 > ${t.memoryUsagePercent}`,
          "{{ $labels.pod }}/{{ $labels.container }} uses over " + t.memoryUsagePercent + "% of its memory limit",
          "Working set is {{ $value | humanize }}% of the limit; the container will be OOM-killed at 100%.",
        ),
        rule(
          ctx,
          "HpaAtMaxReplicas",
          "warning",
          "30m",
          `kube_horizontalpodautoscaler_status_current_replicas{${ns}} >= kube_horizontalpodautoscaler_spec_max_replicas{${ns}}`,
          "{{ $labels.horizontalpodautoscaler }} is at its maximum replicas",
          "The autoscaler cannot add capacity: raise maxReplicas or the quota, or find the load.",
        ),
      ],
    },
    {
      name: "platform-storage",
      rules: [
        rule(
          ctx,
          "PersistentVolumeAlmostFull",
          "warning",
          "15m",
          `kubelet_volume_stats_used_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} * 100 > ${t.diskUsagePercent}`,
          "{{ $labels.persistentvolumeclaim }} is over " + t.diskUsagePercent + "% full",
          "The volume is {{ $value | humanize }}% full; expand the claim before it fills.",
        ),
      ],
    },
    {
      name: "platform-certificates",
      rules: [
        rule(
          ctx,
          "CertificateExpiringSoon",
          "warning",
          "1h",
          `(certmanager_certificate_expiration_timestamp_seconds{${ns}} - time()) < ${t.certExpiryDays * 86400}`,
          "Certificate {{ $labels.name }} expires within " + t.certExpiryDays + " days",
          "cert-manager has not renewed {{ $labels.name }}; it expires in {{ $value | humanizeDuration }}.",
        ),
      ],
    },
  ];
  const connectionErrors = ctx.postgres && exporting("db_connection_errors_total", "counter");
  const idleConnections = ctx.postgres && exporting("db_pool_idle_connections", "gauge");
  groups.push({
    name: "platform-database",
    rules: [
      ...(connectionErrors
        ? [
            rule(
              ctx,
              "DatabaseConnectionFailures",
              "critical",
              "5m",
              `sum by (app) (rate(db_connection_errors_total{${ns}${connectionErrors}}[5m])) > 0`,
              "{{ $labels.app }} fails to connect to PostgreSQL",
              "{{ $labels.app }} sees {{ $value | humanize }} connection errors per second.",
            ),
          ]
        : []),
      ...(idleConnections
        ? [
            rule(
              ctx,
              "DatabaseIdleConnectionsLow",
              "warning",
              "10m",
              `min by (app) (db_pool_idle_connections{${ns}${idleConnections}}) < ${t.dbMinIdleConnections}`,
              "{{ $labels.app }} is running out of database connections",
              "Only {{ $value }} idle connections are left in the pool.",
            ),
          ]
        : []),
    ],
  });
  if (ctx.backupCronJob) {
    const job = `cronjob="${ctx.backupCronJob}"`;
    groups.push({
      name: "platform-backups",
      rules: [
        rule(
          ctx,
          "BackupRunFailed",
          "critical",
          BACKUP_RUN_WINDOW,
          lastRunFailed(ns, job),
          "The last scheduled PostgreSQL backup did not succeed",
          "{{ $labels.cronjob }} was scheduled after its last success and has not succeeded within its " +
            BACKUP_RUN_WINDOW +
            " deadline; the dump was not verified or not uploaded.",
        ),
        rule(
          ctx,
          "BackupTooOld",
          "critical",
          "15m",
          `time() - max(kube_cronjob_status_last_successful_time{${ns}, ${job}}) > ${t.backupMaxAgeHours * 3600}`,
          "No successful PostgreSQL backup in " + t.backupMaxAgeHours + " hours",
          "The last verified backup finished {{ $value | humanizeDuration }} ago.",
        ),
        ...(ctx.restoreDrillCronJob
          ? [
              rule(
                ctx,
                "RestoreDrillFailed",
                "critical",
                RESTORE_DRILL_WINDOW,
                lastRunFailed(ns, `cronjob="${ctx.restoreDrillCronJob}"`),
                "The last restore drill did not restore the newest backup",
                "{{ $labels.cronjob }} was scheduled after its last success and has not succeeded within its " +
                  RESTORE_DRILL_WINDOW +
                  " deadline: the newest dump may not restore.",
              ),
            ]
          : []),
      ],
    });
  }
  return groups.filter((g) => g.rules.length);
}
