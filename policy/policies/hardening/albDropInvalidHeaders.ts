import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

const TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** Application Load Balancers drop header fields that are not valid HTTP, a request-smuggling vector. */
export const albDropInvalidHeaders: ResourceValidationPolicy = {
  name: "aws-alb-drop-invalid-headers",
  description: "Application Load Balancers must drop HTTP header fields with invalid names.",
  severity: "medium",
  framework: awsFoundationalControl(
    "ELB.4",
    "Application Load Balancer should be configured to drop invalid http headers",
  ),
  tags: [groupTag("hardening"), "aws"],
  remediationSteps: "Set dropInvalidHeaderFields: true (LoadBalancer does).",
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes",
  validateResource: (args, report) => {
    if (!TYPES.includes(args.type) || (args.props.loadBalancerType ?? "application") !== "application") return;
    if (args.props.dropInvalidHeaderFields !== true)
      report("dropInvalidHeaderFields is not true: headers with invalid names reach the targets.");
  },
};
