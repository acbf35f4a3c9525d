import * as amp from "@pulumi/aws/amp";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { yamlText } from "../outputValues";
import { AlertRuleConfig, prometheusRule } from "../monitoring/alertRuleSchema";
import { promqlProblem } from "../monitoring/promql";
import { childName } from "../naming";
import { accountContext } from "./accountContext";
import { alertTopic, AlertTopicOption } from "./alertTopic";
import { KmsKeyOption, serviceKeyArn } from "./kmsKey";
import { encryptedLogGroup, logsKeyUser } from "./logGroup";

/** Every default of a {@link PrometheusWorkspace}. */
export const PROMETHEUS_WORKSPACE_DEFAULTS = {
  /** Days the workspace's own logs (rule and alertmanager errors) are kept. */
  logRetentionDays: 90,
  /** Alertmanager route timing. */
  route: { groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
} as const;

const D = PROMETHEUS_WORKSPACE_DEFAULTS;

/** A group of alerting rules. */
export interface AlertRuleGroup {
  /** Group name. */
  readonly name: string;
  /** Evaluation interval. @default the workspace's (1m) */
  readonly interval?: string;
  /** The rules. */
  readonly rules: readonly AlertRuleConfig[];
}

/** Arguments of {@link PrometheusWorkspace}. */
export interface PrometheusWorkspaceArgs {
  /** Workspace alias. @default the component name */
  readonly alias?: string;
  /** Alerting rules; each expression must parse as PromQL. @default none */
  readonly ruleGroups?: readonly AlertRuleGroup[];
  /** Where alerts go. @default its own KMS-encrypted SNS topic that only this workspace publishes to */
  readonly alertTopic?: AlertTopicOption;
  /** Key of the workspace data and its log group. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** @default 90 */
  readonly logRetentionDays?: number;
}

/**
 * Amazon Managed Service for Prometheus for services outside Kubernetes: a workspace encrypted
 * with a customer key and logging to an encrypted log group, the team's alerting rules (PromQL
 * checked with Prometheus' own grammar before anything is sent), and an alertmanager routing
 * every alert to an SNS topic. ECS services write to it with `FargateService`'s `metrics`.
 */
export class PrometheusWorkspace extends pulumi.ComponentResource {
  /** The workspace. */
  public readonly workspace: amp.Workspace;
  /** Its ARN (writers get `aps:RemoteWrite` on it). */
  public readonly arn: pulumi.Output<string>;
  /** The remote-write URL. */
  public readonly remoteWriteUrl: pulumi.Output<string>;
  /** ARN of the topic alerts are published to. */
  public readonly alertTopicArn: pulumi.Input<string>;

  constructor(name: string, args: PrometheusWorkspaceArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:PrometheusWorkspace", name, {}, opts);
    const child = { parent: this };
    for (const group of args.ruleGroups ?? []) {
      for (const rule of group.rules) {
        const problem = promqlProblem(rule.expr);
        if (problem) throw new pulumi.ResourceError(`rule group ${group.name}, alert ${rule.alert}: ${problem}`, this);
      }
    }
    const ctx = accountContext(this);
    const alias = args.alias ?? name;
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: metrics and workspace logs`,
      users: [logsKeyUser(ctx)],
    });
    const logs = encryptedLogGroup(this, name, {
      name: `/aws/prometheus/${alias}`,
      retentionDays: args.logRetentionDays ?? D.logRetentionDays,
      kmsKeyArn: keyArn,
    });
    this.workspace = new amp.Workspace(
      childName(name, "workspace"),
      {
        alias,
        kmsKeyArn: keyArn,
        loggingConfiguration: { logGroupArn: pulumi.interpolate`${logs.arn}:*` },
      },
      child,
    );
    this.arn = this.workspace.arn;
    this.remoteWriteUrl = pulumi.interpolate`${this.workspace.prometheusEndpoint}api/v1/remote_write`;

    const topic = alertTopic(
      this,
      name,
      args.alertTopic,
      {
        services: ["aps.amazonaws.com"],
        sourceArns: [this.workspace.arn],
        description: `${name}: alert notifications`,
      },
      ctx,
    );
    this.alertTopicArn = topic.arn;

    if (args.ruleGroups?.length) {
      new amp.RuleGroupNamespace(
        childName(name, "ruleGroups"),
        {
          name: alias,
          workspaceId: this.workspace.id,
          data: stringify({
            groups: args.ruleGroups.map((g) => ({
              name: g.name,
              ...(g.interval ? { interval: g.interval } : {}),
              rules: g.rules.map(prometheusRule),
            })),
          }),
        },
        child,
      );
    }
    new amp.AlertManagerDefinition(
      childName(name, "alertManager"),
      {
        workspaceId: this.workspace.id,
        definition: yamlText({
          alertmanager_config: yamlText({
            route: {
              receiver: "sns",
              group_by: ["alertname", "severity"],
              group_wait: D.route.groupWait,
              group_interval: D.route.groupInterval,
              repeat_interval: D.route.repeatInterval,
            },
            receivers: [
              {
                name: "sns",
                sns_configs: [
                  {
                    topic_arn: topic.arn,
                    sigv4: { region: ctx.region },
                    attributes: {
                      severity: "{{ .CommonLabels.severity }}",
                      alertname: "{{ .CommonLabels.alertname }}",
                    },
                  },
                ],
              },
            ],
          }),
        }),
      },
      child,
    );
    this.registerOutputs({ arn: this.arn, remoteWriteUrl: this.remoteWriteUrl });
  }
}
