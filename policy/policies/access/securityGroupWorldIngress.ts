import { StackValidationPolicy } from "@pulumi/policy";
import { hasIngressRules, IngressRule, ingressRulesOf, worldSources } from "../../lib/aws/exposure/ingressRules";
import { publicLoadBalancerGroups } from "../../lib/aws/exposure/publicLoadBalancers";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

/** Ports a security group of an internet-facing load balancer may open to the world (HTTPS, and HTTP that redirects). */
export const PUBLIC_LOAD_BALANCER_PORTS = [80, 443];

function portsText(r: IngressRule): string {
  if (r.protocol === "-1") return "every protocol and port";
  return r.fromPort === r.toPort ? `${r.protocol} port ${r.fromPort}` : `${r.protocol} ports ${r.fromPort}-${r.toPort}`;
}

function onlyWebPorts(r: IngressRule): boolean {
  return r.protocol === "tcp" && PUBLIC_LOAD_BALANCER_PORTS.includes(r.fromPort) && r.fromPort === r.toPort;
}

/** No security group admits the whole internet, except 80/443 on an internet-facing load balancer of the stack. */
export const securityGroupWorldIngress: StackValidationPolicy = {
  name: "aws-sg-no-world-ingress",
  description:
    "Security group ingress (inline, aws.vpc.SecurityGroupIngressRule, aws.ec2.SecurityGroupRule, aws-native ec2) must not admit 0.0.0.0/0 or ::/0, except TCP 80 and 443 on a group attached to an internet-facing load balancer of the stack (found through the load balancer's securityGroups). Also covers EC2.13/EC2.14 (SSH/RDP), EC2.19 (high-risk ports) and EC2.53/EC2.54.",
  severity: "high",
  framework: awsFoundationalControl(
    "EC2.18",
    "Security groups should only allow unrestricted incoming traffic for authorized ports",
  ),
  tags: [groupTag("aws-access"), "aws"],
  remediationSteps:
    "Admit named CIDRs or other security groups instead of 0.0.0.0/0 and ::/0; put public services behind a load balancer whose group alone opens 443 (and 80 for the redirect) to the world, and admit only that group on the service's port.",
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18",
  validateStack: (args, report) => {
    const lbGroups = publicLoadBalancerGroups(args.resources);
    judgeEach(
      args.resources.filter((r) => hasIngressRules(r.type)),
      (r) => {
        for (const rule of ingressRulesOf(r)) {
          const world = worldSources(rule);
          if (!world.length) continue;
          const onPublicLb =
            rule.group.urns.some((u) => lbGroups.urns.has(u)) || rule.group.ids.some((id) => lbGroups.ids.has(id));
          if (onPublicLb && onlyWebPorts(rule)) continue;
          report(
            `${r.name} ${rule.where} admits ${world.join(" and ")} on ${portsText(rule)}${onlyWebPorts(rule) ? ", and the group is not attached to an internet-facing load balancer of the stack" : ""}.`,
            r.urn,
          );
        }
      },
    );
  },
};
