import { alarmsOf, notifiedTopics, topicHasSubscriber } from "../../lib/readiness/alarmTopics";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

/** Every alarm reaches someone: each SNS topic it notifies has a subscription. */
export const alarmSubscriptions = readinessPolicy(
  {
    name: "readiness-alarm-subscriptions",
    description:
      "Every SNS topic a CloudWatch alarm or an Amazon Managed Prometheus alert manager notifies must have a subscription in the stack, or be listed as subscribed elsewhere; an alarm must notify something.",
    severity: "high",
    remediationSteps:
      "Subscribe the on-call tooling to the topic in the stack (the alert topic option's `subscriptions`: an HTTPS PagerDuty integration URL or an email address from secret config), or list the ARN of a topic another stack subscribes in `provided`.",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html",
    configSchema: {
      properties: {
        provided: {
          type: "array",
          items: { type: "string" },
          default: [],
          description: "ARNs of SNS topics subscribed outside the stack (an organisation-wide on-call topic).",
        },
      },
    },
  },
  {
    subjects: (model) => alarmsOf(model),
    judge: (alarm, model, report, args) => {
      const { provided = [] } = args.getConfig<{ provided?: string[] }>();
      const what = `${alarm.resource.type.split(":").pop()} "${alarm.resource.name}"`;
      const { topics, partlyUnknown } = notifiedTopics(alarm, model);
      if (topics.length === 0 && !partlyUnknown) {
        report(alarm, `${what} notifies no topic: when it fires, nobody hears of it.`);
        return;
      }
      for (const topic of topics)
        if (!topicHasSubscriber(topic, model, provided))
          report(
            alarm,
            `${what} notifies ${topic.label}, which has no subscription in the stack and is not listed as subscribed elsewhere: when it fires, nobody hears of it.`,
          );
    },
  },
);
