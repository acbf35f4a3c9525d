import * as ec2 from "@pulumi/aws/ec2";
import * as lb from "@pulumi/aws/lb";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../naming";
import { FARGATE_SERVICE_DEFAULTS as D } from "./defaults";
import { ResolvedFargateService, ResolvedRouting } from "./resolve";

/** The tasks' own security group: in from its load balancer on the app port only, out on HTTPS. */
export function renderSecurityGroup(r: ResolvedFargateService, child: pulumi.CustomResourceOptions): ec2.SecurityGroup {
  const routing = r.routing;
  return new ec2.SecurityGroup(
    childName(r.name, "securityGroup"),
    {
      description: `${r.name}: tasks`,
      vpcId: r.args.network.vpcId,
      ingress: routing
        ? [
            {
              protocol: "tcp",
              fromPort: routing.port,
              toPort: routing.port,
              securityGroups: [routing.attachment.securityGroupId],
              description: "from its load balancer",
            },
          ]
        : [],
      egress: [
        {
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ["0.0.0.0/0"],
          description: "HTTPS: AWS APIs, ECR, external services",
        },
      ],
    },
    child,
  );
}

/** The load balancer's way in: a target group, a listener rule, and egress from the load balancer to the app port. */
export interface RenderedRouting {
  /** The target group the tasks register in. */
  readonly targetGroup: lb.TargetGroup;
  /** The listener rule forwarding to it (the service waits for it). */
  readonly listenerRule: lb.ListenerRule;
}

/** The target group with its health check, the listener rule, and the load balancer's egress to the tasks. */
export function renderRouting(
  r: ResolvedFargateService,
  routing: ResolvedRouting,
  tasks: ec2.SecurityGroup,
  child: pulumi.CustomResourceOptions,
): RenderedRouting {
  const d = D.routing;
  const targetGroup = new lb.TargetGroup(
    childName(r.name, "targetGroup"),
    {
      port: routing.port,
      protocol: "HTTP",
      targetType: "ip",
      vpcId: routing.attachment.vpcId,
      deregistrationDelay: d.deregistrationDelaySeconds,
      healthCheck: {
        path: routing.healthPath,
        protocol: "HTTP",
        matcher: routing.matcher,
        interval: d.intervalSeconds,
        timeout: d.timeoutSeconds,
        healthyThreshold: d.healthyThreshold,
        unhealthyThreshold: d.unhealthyThreshold,
      },
    },
    child,
  );
  const listenerRule = new lb.ListenerRule(
    childName(r.name, "listenerRule"),
    {
      listenerArn: routing.attachment.listenerArn,
      priority: routing.priority,
      conditions: [
        { pathPattern: { values: [...routing.paths] } },
        ...(routing.hosts?.length ? [{ hostHeader: { values: [...routing.hosts] } }] : []),
      ],
      actions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    },
    child,
  );
  new vpc.SecurityGroupEgressRule(
    childName(r.name, "loadBalancerEgress"),
    {
      securityGroupId: routing.attachment.securityGroupId,
      referencedSecurityGroupId: tasks.id,
      ipProtocol: "tcp",
      fromPort: routing.port,
      toPort: routing.port,
      description: `to ${r.objectName}`,
    },
    child,
  );
  return { targetGroup, listenerRule };
}
