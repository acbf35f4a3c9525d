import { z } from "zod";
import { alertSubscriptionsSchema } from "../aws/alertTopicSchema";
import { defaultedBy, dnsLabel, secretKeyReference } from "../config/primitives";
import { alertRuleSchema, promqlExpression } from "./alertRuleSchema";
import { DEFAULT_THRESHOLDS as A } from "./alertRules";
import { DEFAULT_CLOUDWATCH_THRESHOLDS as C } from "./dataAlarms";
import { TEAM_MONITORING_DEFAULTS as D } from "./teamMonitoring";

/** The config fragment of {@link TeamMonitoring}: `<project>:monitoring`. */

const percent = (fallback: number) =>
  z
    .number()
    .gt(0, { error: "expected a percentage above 0" })
    .max(100, { error: "expected a percentage up to 100" })
    .default(fallback);

/** One Alertmanager receiver; its URL or routing key is the secret config key `<project>:<secret>`. */
export const receiverSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, { error: "expected a lower-case receiver name" })
    .describe("Receiver name."),
  type: z
    .enum(["slack", "pagerduty", "webhook"])
    .describe("Integration: slack (webhook URL), pagerduty (Events v2 routing key) or webhook (URL)."),
  severities: z
    .array(z.enum(["critical", "warning", "info"]))
    .min(1)
    .describe("Severities routed to it."),
  secret: secretKeyReference("alertSlackWebhook").describe(
    "Secret config key (<secret> or <project>:<secret>) holding the webhook URL or routing key; set it with `pulumi config set --secret`.",
  ),
  channel: z.string().optional().describe("Slack channel; the webhook's own when unset."),
});

/** A dashboard a stack declares: panels of PromQL queries. */
export const dashboardSchema = z.strictObject({
  name: dnsLabel.describe("Short name; the dashboard's UID is <namespace>-<name>."),
  title: z.string().min(1).describe("Title."),
  panels: z
    .array(
      z.strictObject({
        title: z.string().min(1).describe("Panel title."),
        unit: z.string().min(1).optional().describe('Grafana unit, e.g. "reqps", "s", "percent"; "short" when unset.'),
        type: z.enum(["timeseries", "stat"]).optional().describe("Panel type; timeseries when unset."),
        queries: z
          .array(
            z.strictObject({
              expr: promqlExpression.describe("PromQL query."),
              legend: z.string().optional().describe('Legend format, e.g. "{{app}}".'),
            }),
          )
          .min(1)
          .describe("Queries of the panel."),
      }),
    )
    .min(1)
    .describe("Panels, two per row."),
});

const unique =
  <T>(key: (t: T) => string, what: string) =>
  (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k))
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `expected each ${what} once, got "${k}" again`,
          input: undefined,
        });
      seen.add(k);
    });
  };

/** `<project>:monitoring`. */
export const monitoringSchema = z.strictObject({
  clusterNamespace: defaultedBy(dnsLabel, D.clusterNamespace).describe(
    "Namespace of the cluster's shared monitoring stack (cluster-services), whose Prometheus may scrape the apps.",
  ),
  runbookBase: defaultedBy(z.url(), D.runbookBase).describe("Base URL of the runbooks the platform's alerts link to."),
  receivers: z
    .array(receiverSchema)
    .default([])
    .describe("The team's Alertmanager receivers, routed by severity (an AlertmanagerConfig in the namespace)."),
  alerts: z
    .strictObject({
      apiErrorRatePercent: percent(A.apiErrorRatePercent).describe(
        "API 5xx share above which ApiHighErrorRate fires, %.",
      ),
      p95LatencySeconds: z
        .number()
        .gt(0)
        .max(60, { error: "expected at most 60 seconds" })
        .default(A.p95LatencySeconds)
        .describe("p95 latency threshold, seconds."),
      memoryUsagePercent: percent(A.memoryUsagePercent).describe("Container memory against its limit, %."),
      diskUsagePercent: percent(A.diskUsagePercent).describe("Volume usage, %."),
      certExpiryDays: z
        .int()
        .min(1)
        .max(90, { error: "expected 1 to 90 days" })
        .default(A.certExpiryDays)
        .describe("Days before certificate expiry."),
      backupMaxAgeHours: z
        .int()
        .min(1)
        .max(168, { error: "expected 1 to 168 hours" })
        .default(A.backupMaxAgeHours)
        .describe("Hours since the last verified backup."),
      dbMinIdleConnections: z
        .int()
        .min(0)
        .max(1000)
        .default(A.dbMinIdleConnections)
        .describe("Fewest idle database connections."),
      rateLimitPerSecond: z.number().gt(0).default(A.rateLimitPerSecond).describe("HTTP 429 responses per second."),
    })
    .default({} as never)
    .describe("Thresholds of the platform's alert rules."),
  rules: z
    .array(alertRuleSchema)
    .default([])
    .superRefine(unique((r) => r.alert, "alert name"))
    .describe("The team's own alerting rules, on its own metrics; every expr is parsed as PromQL."),
  dashboards: z
    .array(dashboardSchema)
    .default([])
    .superRefine(unique((d) => d.name, "dashboard name"))
    .describe("The team's own Grafana dashboards."),
  cloudwatch: z
    .strictObject({
      rdsCpuPercent: percent(C.rdsCpuPercent).describe("RDS CPU, %."),
      rdsFreeStorageGb: z.int().min(1).default(C.rdsFreeStorageGb).describe("RDS free storage, GiB."),
      rdsConnections: z.int().min(1).default(C.rdsConnections).describe("RDS connections."),
      rdsReplicaLagSeconds: z.int().min(1).default(C.rdsReplicaLagSeconds).describe("Replica lag, seconds."),
      cacheCpuPercent: percent(C.cacheCpuPercent).describe("ElastiCache engine CPU, %."),
      cacheMemoryPercent: percent(C.cacheMemoryPercent).describe("ElastiCache memory used, %."),
      cacheEvictions: z.int().min(1).default(C.cacheEvictions).describe("Evictions per 5 minutes."),
    })
    .default({} as never)
    .describe("CloudWatch alarm thresholds for managed data services (prod)."),
  alarmSubscriptions: alertSubscriptionsSchema
    .optional()
    .describe(
      "Who the CloudWatch alarms of managed data services reach: endpoints subscribed to their SNS topic (without them the topic must be subscribed elsewhere).",
    ),
});

/** Validated monitoring config. */
export type MonitoringConfig = z.output<typeof monitoringSchema>;
