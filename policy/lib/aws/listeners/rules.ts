import { PolicyResource } from "@pulumi/policy";
import { redirectsToHttps } from "./elb";
import { LISTENER_RULE_TYPES, listenersOf } from "./sources";
import { ListenerView } from "./view";

/** The listener a rule belongs to: the one its `listenerArn` came from, else the one whose `arn` it names. */
export function listenerOfRule(rule: PolicyResource, all: PolicyResource[]): PolicyResource | undefined {
  const listeners = all.filter((r) => isElbv2Listener(r.type));
  const from = new Set(rule.propertyDependencies.listenerArn?.map((d) => d.urn) ?? []);
  const linked = listeners.find((l) => from.has(l.urn));
  if (linked || from.size) return linked;
  const arn = rule.props.listenerArn;
  return typeof arn === "string" ? listeners.find((l) => l.props.arn === arn) : undefined;
}

const ELBV2_LISTENERS = new Set([
  "aws:lb/listener:Listener",
  "aws:alb/listener:Listener",
  "aws-native:elasticloadbalancingv2:Listener",
]);

function isElbv2Listener(type: string): boolean {
  return ELBV2_LISTENERS.has(type);
}

/** Whether a type is a listener rule of either provider. */
export function isListenerRule(type: string): boolean {
  return LISTENER_RULE_TYPES.includes(type);
}

/**
 * A rule as a listener view: it answers on its listener's protocol, so a rule that forwards on
 * an HTTP listener serves plain HTTP even when the listener's default action redirects.
 */
export function ruleView(rule: PolicyResource, listener: PolicyResource): ListenerView {
  const [parent] = listenersOf(listener.type, listener.props);
  const actions: any[] = Array.isArray(rule.props.actions) ? rule.props.actions : [];
  return {
    where: "rule",
    setting: "actions",
    shown: `${actions.map((a) => a?.type).join(", ") || "none"} on listener ${listener.name} (${parent.protocol})`,
    protocol: parent.protocol,
    redirectsToHttps: redirectsToHttps(actions),
  };
}
