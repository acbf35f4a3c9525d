import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";

/** Every default of a {@link LogLevelAlarm}. */
export const LOG_LEVEL_ALARM_DEFAULTS = {
  /** JSON field of a log line holding its level. */
  levelField: "level",
  /** Levels that alarm. */
  levels: ["ERROR", "CRITICAL"] as readonly string[],
  /** Seconds per evaluation period. */
  periodSeconds: 300,
  /** Lines per period above which it alarms. */
  threshold: 0,
} as const;

const D = LOG_LEVEL_ALARM_DEFAULTS;

/** Arguments of {@link LogLevelAlarm}. */
export interface LogLevelAlarmArgs {
  /** The log group of the app's JSON log lines (a FargateService's `logGroupName`). */
  readonly logGroupName: pulumi.Input<string>;
  /** Topic the alarm notifies (and its recovery). */
  readonly topicArn: pulumi.Input<string>;
  /** CloudWatch namespace of the count, e.g. `Nexum`. */
  readonly namespace: string;
  /** JSON field holding the level. @default "level" */
  readonly levelField?: string;
  /** Levels counted. @default ["ERROR", "CRITICAL"] */
  readonly levels?: readonly string[];
  /** @default 300 */
  readonly periodSeconds?: number;
  /** Lines per period above which it alarms. @default 0 (any) */
  readonly threshold?: number;
}

/** The metric filter pattern matching JSON lines whose `field` is one of `levels`. */
export function levelFilterPattern(field: string, levels: readonly string[]): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field)) throw new Error(`expected a JSON field name, got "${field}"`);
  return `{ ${levels.map((l) => `($.${field} = ${JSON.stringify(l)})`).join(" || ")} }`;
}

/**
 * An alarm on an app's error log lines: a metric filter counting JSON lines at the alerting levels
 * (the guide's log pipeline tags ERROR and CRITICAL for alerting), and an alarm on that count that
 * notifies the topic; no lines count as none.
 */
export class LogLevelAlarm extends pulumi.ComponentResource {
  /** The alarm. */
  public readonly alarm: cloudwatch.MetricAlarm;

  constructor(name: string, args: LogLevelAlarmArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:LogLevelAlarm", name, {}, opts);
    const child = { parent: this };
    const levels = args.levels ?? D.levels;
    const metricName = `${name}-log-lines`;
    new cloudwatch.LogMetricFilter(
      childName(name, "errorLogFilter"),
      {
        logGroupName: args.logGroupName,
        pattern: levelFilterPattern(args.levelField ?? D.levelField, levels),
        metricTransformation: { name: metricName, namespace: args.namespace, value: "1", defaultValue: "0" },
      },
      child,
    );
    this.alarm = new cloudwatch.MetricAlarm(
      childName(name, "errorLogAlarm"),
      {
        alarmDescription: `${name}: log lines at ${levels.join(" or ")}`,
        namespace: args.namespace,
        metricName,
        statistic: "Sum",
        period: args.periodSeconds ?? D.periodSeconds,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: args.threshold ?? D.threshold,
        treatMissingData: "notBreaching",
        alarmActions: [args.topicArn],
        okActions: [args.topicArn],
      },
      child,
    );
    this.registerOutputs({ alarmName: this.alarm.name });
  }
}
