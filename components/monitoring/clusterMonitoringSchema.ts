import { z } from "zod";
import { containerResources, defaultedBy, dnsLabel, memoryQuantity } from "../config/primitives";
import { limitRangeSchema, quotaSchema } from "../security/securityBaselineSchema";
import { CLUSTER_MONITORING_DEFAULTS as D } from "./clusterMonitoring";
import { receiverSchema } from "./teamMonitoringSchema";

/** The config fragment of {@link ClusterMonitoring}: the cluster's one shared monitoring stack. */
export const clusterMonitoringSchema = z.strictObject({
  namespace: defaultedBy(dnsLabel, D.namespace).describe(
    "Namespace of the stack; team stacks name it as monitoring.clusterNamespace.",
  ),
  chartVersion: defaultedBy(
    z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'expected a pinned chart version such as "75.15.0"' }),
    D.chartVersion,
  ).describe("kube-prometheus-stack chart version."),
  retention: defaultedBy(
    z.string().regex(/^\d+(h|d|w|y)$/, { error: 'expected a Prometheus duration such as "15d"' }),
    D.retention,
  ).describe("Prometheus retention."),
  storage: defaultedBy(memoryQuantity, D.storage).describe("Prometheus volume size."),
  quota: quotaSchema.optional().describe("ResourceQuota of the namespace; 4/8 CPU, 8/16 GiB, 30 pods when unset."),
  limitRange: limitRangeSchema.optional().describe("LimitRange of the namespace."),
  resources: z
    .strictObject({
      prometheus: containerResources.optional(),
      alertmanager: containerResources.optional(),
      grafana: containerResources.optional(),
      operator: containerResources.optional(),
      kubeStateMetrics: containerResources.optional(),
    })
    .default({})
    .describe("Requests and limits per component; defaults are in components/monitoring/chartValues.ts."),
  receivers: z
    .array(receiverSchema)
    .default([])
    .describe("The platform team's receivers, for the cluster's own alerts."),
});

/** Validated cluster monitoring config. */
export type ClusterMonitoringConfig = z.output<typeof clusterMonitoringSchema>;
