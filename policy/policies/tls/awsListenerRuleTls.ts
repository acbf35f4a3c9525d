import { StackValidationPolicy } from "@pulumi/policy";
import { judgeListener } from "../../lib/aws/listeners/judge";
import { isListenerRule, listenerOfRule, ruleView } from "../../lib/aws/listeners/rules";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

/** A listener rule answers on its listener's protocol: forwarding on an HTTP listener serves plain HTTP. */
export const awsListenerRuleTls: StackValidationPolicy = {
  name: "aws-lb-listener-rule-tls",
  description:
    "Listener rules (aws.lb, aws.alb, aws-native elasticloadbalancingv2) on an HTTP listener of the stack may only redirect to HTTPS: a rule that forwards there serves plain HTTP even when the listener's default action redirects. A rule whose listener is not in the stack is judged where that listener is declared.",
  severity: "high",
  framework: awsFoundationalControl(
    "ELB.1",
    "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS",
  ),
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    "Attach forwarding rules to the HTTPS listener (LoadBalancer's attachment.listenerArn); on the HTTP listener keep only the redirect to HTTPS.",
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html",
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => isListenerRule(r.type)),
      (rule) => {
        const listener = listenerOfRule(rule, args.resources);
        if (!listener) return;
        for (const m of judgeListener(ruleView(rule, listener))) report(`listener rule ${rule.name}: ${m}`, rule.urn);
      },
    );
  },
};
