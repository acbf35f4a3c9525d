import * as pulumi from "@pulumi/pulumi";
import { yamlText } from "../outputValues";

/** What the metrics collector beside an ECS service scrapes and where it writes. */
export interface ScrapeSpec {
  /** Job label of the scraped series (the service's name). */
  readonly job: string;
  /** Port of the app's metrics endpoint, on the task's loopback. */
  readonly port: number;
  /** Path of the metrics endpoint. */
  readonly path: string;
  /** Seconds between scrapes. */
  readonly intervalSeconds: number;
  /** Amazon Managed Prometheus remote-write URL. */
  readonly remoteWriteUrl: pulumi.Input<string>;
  /** Region of the workspace (SigV4 signing). */
  readonly region: pulumi.Input<string>;
  /** Labels added to every series (e.g. environment). */
  readonly labels: Readonly<Record<string, string>>;
  /** Copy to CloudWatch as embedded metric logs in this log group. @default none */
  readonly cloudWatch?: {
    readonly namespace: string;
    readonly metricNames: readonly string[];
    readonly logGroup: string;
  };
}

/**
 * The AWS Distro for OpenTelemetry collector configuration: scrape the app's Prometheus endpoint
 * inside the task and remote-write to Amazon Managed Prometheus, signed with the task role.
 */
export function collectorConfig(spec: ScrapeSpec): pulumi.Output<string> {
  const { remoteWriteUrl: endpoint, region } = spec;
  return yamlText({
    extensions: { sigv4auth: { region, service: "aps" }, health_check: {} },
    receivers: {
      prometheus: {
        config: {
          global: {
            scrape_interval: `${spec.intervalSeconds}s`,
            scrape_timeout: `${Math.min(10, spec.intervalSeconds)}s`,
          },
          scrape_configs: [
            {
              job_name: spec.job,
              metrics_path: spec.path,
              static_configs: [{ targets: [`localhost:${spec.port}`], labels: spec.labels }],
            },
          ],
        },
      },
    },
    processors: { batch: {} },
    exporters: {
      prometheusremotewrite: {
        endpoint,
        auth: { authenticator: "sigv4auth" },
        resource_to_telemetry_conversion: { enabled: true },
      },
      ...(spec.cloudWatch
        ? {
            awsemf: {
              region,
              namespace: spec.cloudWatch.namespace,
              log_group_name: spec.cloudWatch.logGroup,
              log_stream_name: "otel-metrics",
              dimension_rollup_option: "NoDimensionRollup",
              metric_declarations: [{ dimensions: [["job"]], metric_name_selectors: [...spec.cloudWatch.metricNames] }],
            },
          }
        : {}),
    },
    service: {
      extensions: ["sigv4auth", "health_check"],
      pipelines: {
        metrics: {
          receivers: ["prometheus"],
          processors: ["batch"],
          exporters: ["prometheusremotewrite", ...(spec.cloudWatch ? ["awsemf"] : [])],
        },
      },
    },
  });
}
