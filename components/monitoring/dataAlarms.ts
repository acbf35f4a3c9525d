import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as sns from "@pulumi/aws/sns";
import * as pulumi from "@pulumi/pulumi";
import { accountContext } from "../aws/accountContext";
import { alertTopic, AlertTopicOption } from "../aws/alertTopic";

/** Thresholds of the CloudWatch alarms on managed data services. */
export interface CloudWatchThresholds {
  /** RDS CPU, %. @default 80 */
  rdsCpuPercent: number;
  /** RDS free storage, GiB. @default 10 */
  rdsFreeStorageGb: number;
  /** RDS connections. @default 400 */
  rdsConnections: number;
  /** Replica lag, seconds. @default 60 */
  rdsReplicaLagSeconds: number;
  /** ElastiCache engine CPU, %. @default 75 */
  cacheCpuPercent: number;
  /** ElastiCache memory used, %. @default 80 */
  cacheMemoryPercent: number;
  /** Evictions per 5 minutes. @default 100 */
  cacheEvictions: number;
}

/** Defaults of {@link CloudWatchThresholds}. */
export const DEFAULT_CLOUDWATCH_THRESHOLDS: CloudWatchThresholds = {
  rdsCpuPercent: 80,
  rdsFreeStorageGb: 10,
  rdsConnections: 400,
  rdsReplicaLagSeconds: 60,
  cacheCpuPercent: 75,
  cacheMemoryPercent: 80,
  cacheEvictions: 100,
};

/** Arguments of {@link DataAlarms}. */
export interface DataAlarmsArgs {
  /** Platform name (alarm name prefix). */
  partOf: string;
  /** RDS instance identifiers. @default none */
  rds?: { primary: pulumi.Input<string>; replica?: pulumi.Input<string> };
  /** ElastiCache replication group id and its node count. @default none */
  cache?: { replicationGroupId: pulumi.Input<string>; nodes: number };
  /** Thresholds. @default {@link DEFAULT_CLOUDWATCH_THRESHOLDS} */
  thresholds?: Partial<CloudWatchThresholds>;
  /** Where alarms go: its own SNS topic (KMS-encrypted; `args` adjusts it), or an `existing` topic's ARN. @default its own */
  topic?: AlertTopicOption;
}

interface AlarmSpec {
  key: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, pulumi.Input<string>>;
  comparison: "GreaterThanThreshold" | "LessThanThreshold";
  threshold: number;
  statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  description: string;
}

/**
 * CloudWatch alarms for the managed data services — RDS CPU, free storage, connections and replica
 * lag; ElastiCache CPU, memory and evictions — publishing to an SNS topic encrypted with a key
 * whose policy lets CloudWatch use it.
 */
export class DataAlarms extends pulumi.ComponentResource {
  /** The alarm topic it made (subscribe PagerDuty, AWS Chatbot or email to it), unless an existing one was given. */
  public readonly topic?: sns.Topic;
  /** ARN of the topic the alarms publish to. */
  public readonly topicArn: pulumi.Input<string>;
  /** The alarms, by key (e.g. `rds-cpu`). */
  public readonly alarms: Record<string, cloudwatch.MetricAlarm> = {};

  constructor(name: string, args: DataAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:monitoring:DataAlarms", name, {}, opts);
    const child = { parent: this };
    const t = { ...DEFAULT_CLOUDWATCH_THRESHOLDS, ...args.thresholds };
    const topic = alertTopic(
      this,
      name,
      args.topic,
      { services: ["cloudwatch.amazonaws.com"], description: `${name}: CloudWatch alarm notifications` },
      accountContext(this),
    );
    this.topic = topic.topic;
    this.topicArn = topic.arn;

    const specs: AlarmSpec[] = [];
    if (args.rds) {
      const db = { DBInstanceIdentifier: args.rds.primary };
      specs.push(
        {
          key: "rds-cpu",
          namespace: "AWS/RDS",
          metric: "CPUUtilization",
          dimensions: db,
          comparison: "GreaterThanThreshold",
          threshold: t.rdsCpuPercent,
          statistic: "Average",
          description: `RDS CPU above ${t.rdsCpuPercent}%`,
        },
        {
          key: "rds-free-storage",
          namespace: "AWS/RDS",
          metric: "FreeStorageSpace",
          dimensions: db,
          comparison: "LessThanThreshold",
          threshold: t.rdsFreeStorageGb * 2 ** 30,
          statistic: "Minimum",
          description: `RDS free storage below ${t.rdsFreeStorageGb} GiB`,
        },
        {
          key: "rds-connections",
          namespace: "AWS/RDS",
          metric: "DatabaseConnections",
          dimensions: db,
          comparison: "GreaterThanThreshold",
          threshold: t.rdsConnections,
          statistic: "Maximum",
          description: `RDS connections above ${t.rdsConnections}`,
        },
      );
      if (args.rds.replica) {
        specs.push({
          key: "rds-replica-lag",
          namespace: "AWS/RDS",
          metric: "ReplicaLag",
          dimensions: { DBInstanceIdentifier: args.rds.replica },
          comparison: "GreaterThanThreshold",
          threshold: t.rdsReplicaLagSeconds,
          statistic: "Maximum",
          description: `Read replica lag above ${t.rdsReplicaLagSeconds}s`,
        });
      }
    }
    if (args.cache) {
      for (let i = 1; i <= args.cache.nodes; i++) {
        const node = {
          CacheClusterId: pulumi.interpolate`${args.cache.replicationGroupId}-${String(i).padStart(3, "0")}`,
        };
        specs.push(
          {
            key: `cache-${i}-cpu`,
            namespace: "AWS/ElastiCache",
            metric: "EngineCPUUtilization",
            dimensions: node,
            comparison: "GreaterThanThreshold",
            threshold: t.cacheCpuPercent,
            statistic: "Average",
            description: `Redis node ${i} CPU above ${t.cacheCpuPercent}%`,
          },
          {
            key: `cache-${i}-memory`,
            namespace: "AWS/ElastiCache",
            metric: "DatabaseMemoryUsagePercentage",
            dimensions: node,
            comparison: "GreaterThanThreshold",
            threshold: t.cacheMemoryPercent,
            statistic: "Maximum",
            description: `Redis node ${i} memory above ${t.cacheMemoryPercent}%`,
          },
          {
            key: `cache-${i}-evictions`,
            namespace: "AWS/ElastiCache",
            metric: "Evictions",
            dimensions: node,
            comparison: "GreaterThanThreshold",
            threshold: t.cacheEvictions,
            statistic: "Sum",
            description: `Redis node ${i} evicting more than ${t.cacheEvictions} keys per 5 minutes`,
          },
        );
      }
    }
    for (const s of specs) {
      this.alarms[s.key] = new cloudwatch.MetricAlarm(
        `${name}-${s.key}`,
        {
          alarmDescription: `${args.partOf}: ${s.description}`,
          namespace: s.namespace,
          metricName: s.metric,
          dimensions: s.dimensions,
          statistic: s.statistic,
          period: 300,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          threshold: s.threshold,
          comparisonOperator: s.comparison,
          treatMissingData: s.metric === "ReplicaLag" ? "breaching" : "missing",
          alarmActions: [this.topicArn],
          okActions: [this.topicArn],
        },
        child,
      );
    }
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
