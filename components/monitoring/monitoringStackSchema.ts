import { z } from "zod";
import { DEFAULT_THRESHOLDS as A } from "./alertRules";
import { defaultedBy } from "../config/primitives";
import { DEFAULT_CLOUDWATCH_THRESHOLDS as C } from "./dataAlarms";
import { MONITORING_DEFAULTS as M } from "./monitoringStack";

const percent = (fallback: number) => z.number().gt(0, { error: "expected a percentage above 0" }).max(100, { error: "expected a percentage up to 100" }).default(fallback);
const cpu = z.string().regex(/^\d+(\.\d+)?m?$/, { error: "expected a CPU quantity such as \"250m\"" });
const memory = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti)$/, { error: "expected a memory quantity such as \"512Mi\"" });
const resources = z.strictObject({
  requests: z.strictObject({ cpu, memory }),
  limits: z.strictObject({ cpu: cpu.optional(), memory }),
});

/** One Alertmanager receiver; its URL or routing key is the secret config key `<project>:<secret>`. */
export const receiverSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, { error: "expected a lower-case receiver name" }).describe("Receiver name."),
  type: z.enum(["slack", "pagerduty", "webhook"]).describe("Integration: slack (webhook URL), pagerduty (Events v2 routing key) or webhook (URL)."),
  severities: z.array(z.enum(["critical", "warning", "info"])).min(1).describe("Severities routed to it."),
  secret: z.string().regex(/^[a-z][A-Za-z0-9]*$/, { error: "expected the name of a secret config key, such as \"alertSlackWebhook\"" })
    .describe("Secret config key (<project>:<secret>) holding the webhook URL or routing key; set it with `pulumi config set --secret`."),
  channel: z.string().optional().describe("Slack channel; the webhook's own when unset."),
});

/** The config fragment of {@link MonitoringStack}: `<project>:monitoring`. */
export const monitoringSchema = z.strictObject({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63).optional().describe("Namespace of the stack; <namespace>-monitoring when unset."),
  chartVersion: defaultedBy(z.string().regex(/^\d+\.\d+\.\d+$/, { error: "expected a pinned chart version such as \"75.15.0\"" }), M.chartVersion)
    .describe("kube-prometheus-stack chart version."),
  retention: defaultedBy(z.string().regex(/^\d+(h|d|w|y)$/, { error: "expected a Prometheus duration such as \"15d\"" }), M.retention).describe("Prometheus retention."),
  storage: defaultedBy(memory, M.storage).describe("Prometheus volume size."),
  quota: defaultedBy(z.strictObject({
    requestsCpu: cpu, requestsMemory: memory, limitsCpu: cpu, limitsMemory: memory, pods: z.int().min(1),
  }), M.quota).describe("ResourceQuota of the monitoring namespace."),
  resources: z.strictObject({
    prometheus: resources.optional(), alertmanager: resources.optional(), grafana: resources.optional(),
    operator: resources.optional(), kubeStateMetrics: resources.optional(),
  }).default({}).describe("Requests and limits per component; defaults are in components/monitoring/chartValues.ts."),
  receivers: z.array(receiverSchema).default([]).describe("Alertmanager receivers, routed by severity."),
  alerts: z.strictObject({
    apiErrorRatePercent: percent(A.apiErrorRatePercent).describe("API 5xx share above which ApiHighErrorRate fires, %."),
    p95LatencySeconds: z.number().gt(0).max(60, { error: "expected at most 60 seconds" }).default(A.p95LatencySeconds).describe("p95 latency threshold, seconds."),
    memoryUsagePercent: percent(A.memoryUsagePercent).describe("Container memory against its limit, %."),
    diskUsagePercent: percent(A.diskUsagePercent).describe("Volume usage, %."),
    certExpiryDays: z.int().min(1).max(90, { error: "expected 1 to 90 days" }).default(A.certExpiryDays).describe("Days before certificate expiry."),
    backupMaxAgeHours: z.int().min(1).max(168, { error: "expected 1 to 168 hours" }).default(A.backupMaxAgeHours).describe("Hours since the last verified backup."),
    dbMinIdleConnections: z.int().min(0).max(1000).default(A.dbMinIdleConnections).describe("Fewest idle database connections."),
    rateLimitPerSecond: z.number().gt(0).default(A.rateLimitPerSecond).describe("HTTP 429 responses per second."),
  }).default({} as never).describe("Alert thresholds."),
  cloudwatch: z.strictObject({
    rdsCpuPercent: percent(C.rdsCpuPercent).describe("RDS CPU, %."),
    rdsFreeStorageGb: z.int().min(1).default(C.rdsFreeStorageGb).describe("RDS free storage, GiB."),
    rdsConnections: z.int().min(1).default(C.rdsConnections).describe("RDS connections."),
    rdsReplicaLagSeconds: z.int().min(1).default(C.rdsReplicaLagSeconds).describe("Replica lag, seconds."),
    cacheCpuPercent: percent(C.cacheCpuPercent).describe("ElastiCache engine CPU, %."),
    cacheMemoryPercent: percent(C.cacheMemoryPercent).describe("ElastiCache memory used, %."),
    cacheEvictions: z.int().min(1).default(C.cacheEvictions).describe("Evictions per 5 minutes."),
  }).default({} as never).describe("CloudWatch alarm thresholds for managed data services (prod)."),
});

/** Validated monitoring config. */
export type MonitoringConfig = z.output<typeof monitoringSchema>;
