import * as sns from "@pulumi/aws/sns";
import type * as inputs from "@pulumi/aws/types/input";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";
import { AccountContext } from "./accountContext";
import { serviceKeyArn } from "./kmsKey";

/** Who an alert topic notifies: an on-call endpoint (a PagerDuty integration URL over HTTPS, an email address, a queue). */
export interface AlertSubscription {
  /** SNS protocol. */
  readonly protocol: "https" | "email" | "email-json" | "sqs" | "lambda";
  /** The endpoint; a URL carrying an integration key belongs in secret config (`pulumi.secret`). */
  readonly endpoint: pulumi.Input<string>;
}

/**
 * Where alerts go: a topic the component makes (KMS-encrypted; `args` adjusts it), or an
 * `existing` topic's ARN; `subscriptions` subscribe on-call endpoints to it (the readiness check
 * `readiness-alarm-subscriptions` wants every alarm topic subscribed, here or elsewhere).
 */
export type AlertTopicOption = ChildOption<DeepOverride<sns.TopicArgs>, pulumi.Input<string>> & {
  /** Endpoints subscribed to the topic. @default none (subscribe elsewhere and declare the topic as provided) */
  readonly subscriptions?: readonly AlertSubscription[];
};

/** Who publishes to the topic. */
export interface TopicPublishers {
  /** Service principals that publish (e.g. `cloudwatch.amazonaws.com`); they may use the topic's key. */
  readonly services: readonly string[];
  /** Resources that publish, for the topic policy's source condition. @default no topic policy (the owner account's default) */
  readonly sourceArns?: readonly pulumi.Input<string>[];
  /** What the topic is for (key description). */
  readonly description: string;
}

/**
 * The ARN of an alert topic: an existing one, or a topic encrypted with its own key that the
 * publishing services may use; with `sourceArns`, a policy lets those services publish only on
 * behalf of those resources and refuses requests without TLS.
 */
export function alertTopic(
  parent: pulumi.Resource,
  parentName: string,
  option: AlertTopicOption | undefined,
  publishers: TopicPublishers,
  ctx: AccountContext,
): { arn: pulumi.Input<string>; topic?: sns.Topic } {
  if (option?.existing !== undefined) {
    subscribe(parent, parentName, option.existing, option.subscriptions);
    return { arn: option.existing };
  }
  const keyArn = serviceKeyArn(parent, parentName, undefined, {
    description: publishers.description,
    role: "alarmKey",
    users: publishers.services.map((service) => ({ service, actions: ["kms:Decrypt", "kms:GenerateDataKey*"] })),
  });
  const topic = new sns.Topic(
    childName(parentName, "alarmTopic"),
    deepMerge<sns.TopicArgs>({ kmsMasterKeyId: keyArn }, option?.args),
    { parent },
  );
  if (publishers.sourceArns?.length) {
    new sns.TopicPolicy(
      childName(parentName, "alarmTopicPolicy"),
      {
        arn: topic.arn,
        policy: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "OwnerAccount",
              Effect: "Allow",
              Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` },
              Action: [
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:AddPermission",
                "sns:RemovePermission",
                "sns:DeleteTopic",
                "sns:Subscribe",
                "sns:ListSubscriptionsByTopic",
                "sns:Publish",
              ],
              Resource: topic.arn,
            },
            {
              Sid: "ServicesPublish",
              Effect: "Allow",
              Principal: { Service: [...publishers.services] },
              Action: ["sns:Publish", "sns:GetTopicAttributes"],
              Resource: topic.arn,
              Condition: {
                ArnEquals: { "aws:SourceArn": [...publishers.sourceArns] },
                StringEquals: { "aws:SourceAccount": ctx.accountId },
              },
            },
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "sns:Publish",
              Resource: topic.arn,
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        } as inputs.sns.PolicyDocument,
      },
      { parent },
    );
  }
  subscribe(parent, parentName, topic.arn, option?.subscriptions);
  return { arn: topic.arn, topic };
}

/** One subscription per endpoint, named by its position (`<name>-alarmSubscription-<i>`). */
function subscribe(
  parent: pulumi.Resource,
  parentName: string,
  topicArn: pulumi.Input<string>,
  subscriptions: readonly AlertSubscription[] | undefined,
): void {
  (subscriptions ?? []).forEach(
    (s, i) =>
      new sns.TopicSubscription(
        `${childName(parentName, "alarmSubscription")}-${i}`,
        { topic: topicArn, protocol: s.protocol, endpoint: s.endpoint },
        { parent },
      ),
  );
}
