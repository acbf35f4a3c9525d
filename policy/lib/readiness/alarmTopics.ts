import { StackModel, StackResource } from "./stackModel";

/** The SNS topic type, whose resources alarms notify. */
export const SNS_TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const SNS_ARN = /arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+/g;

/** Where each kind of alarm names the topics it notifies: the props holding ARNs (or text with ARNs). */
export const ALARM_SOURCES: Record<string, readonly string[]> = {
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["alarmActions", "okActions", "insufficientDataActions"],
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmActions", "okActions", "insufficientDataActions"],
  "aws:amp/alertManagerDefinition:AlertManagerDefinition": ["definition"],
};

/** A topic an alarm notifies: one of the stack (by URN) or an ARN the stack does not create. */
export type NotifiedTopic =
  { urn: string; label: string; arn?: string } | { urn?: undefined; label: string; arn: string };

/** What one alarm notifies. */
export interface AlarmNotifications {
  /** The topics, each once. */
  topics: NotifiedTopic[];
  /** Some action is unknown in a preview (so "none" cannot be told). */
  partlyUnknown: boolean;
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");

interface TopicIndex {
  byArn: Map<string, StackResource>;
  subscribedUrns: Set<string>;
  subscribedArns: Set<string>;
}

const indexes = new WeakMap<StackModel, TopicIndex>();

/** The stack's topics by ARN and what its subscriptions subscribe, indexed once. */
function topicIndex(model: StackModel): TopicIndex {
  let index = indexes.get(model);
  if (!index) {
    const byArn = new Map<string, StackResource>();
    for (const t of model.ofType(SNS_TOPIC)) if (typeof t.props.arn === "string") byArn.set(t.props.arn, t);
    const subscribedUrns = new Set<string>();
    const subscribedArns = new Set<string>();
    for (const s of model.ofType(SUBSCRIPTION)) {
      for (const d of s.resource.propertyDependencies.topic ?? []) if (d.type === SNS_TOPIC) subscribedUrns.add(d.urn);
      for (const arn of strings(s.props.topic)) subscribedArns.add(arn);
    }
    index = { byArn, subscribedUrns, subscribedArns };
    indexes.set(model, index);
  }
  return index;
}

/** The alarms of the stack (CloudWatch metric and composite alarms, AMP alert manager definitions). */
export function alarmsOf(model: StackModel): StackResource[] {
  return Object.keys(ALARM_SOURCES).flatMap((type) => model.ofType(type));
}

/** The topics an alarm notifies: the stack's topics its actions depend on, and the SNS ARNs they name. */
export function notifiedTopics(alarm: StackResource, model: StackModel): AlarmNotifications {
  const index = topicIndex(model);
  const fields = ALARM_SOURCES[alarm.resource.type] ?? [];
  const topics = new Map<string, NotifiedTopic>();
  let partlyUnknown = false;
  for (const field of fields) {
    for (const d of alarm.resource.propertyDependencies[field] ?? [])
      if (d.type === SNS_TOPIC) topics.set(d.urn, { urn: d.urn, label: `SNS topic "${d.name}"` });
    const raw = field in alarm.resource.props;
    const values = alarm.props[field];
    if (raw && (values === undefined || (Array.isArray(values) && values.some((v) => v === undefined))))
      partlyUnknown = true;
    for (const text of strings(values))
      for (const arn of text.match(SNS_ARN) ?? []) {
        const own = index.byArn.get(arn);
        if (own)
          topics.set(own.resource.urn, { urn: own.resource.urn, label: `SNS topic "${own.resource.name}"`, arn });
        else topics.set(arn, { label: `SNS topic ${arn}`, arn });
      }
  }
  return { topics: [...topics.values()], partlyUnknown };
}

/** Whether someone receives what reaches a topic: a subscription of the stack, or an ARN listed as subscribed elsewhere. */
export function topicHasSubscriber(topic: NotifiedTopic, model: StackModel, provided: readonly string[]): boolean {
  const index = topicIndex(model);
  if (topic.urn !== undefined && index.subscribedUrns.has(topic.urn)) return true;
  const arn =
    topic.arn ??
    (topic.urn !== undefined
      ? model.ofType(SNS_TOPIC).find((t) => t.resource.urn === topic.urn)?.props.arn
      : undefined);
  return typeof arn === "string" && (index.subscribedArns.has(arn) || provided.includes(arn));
}
