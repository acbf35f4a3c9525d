import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** ECS services get no public IP; they are reached through a load balancer. */
export const ecsServiceNoPublicIp: ResourceValidationPolicy = {
  name: "aws-ecs-service-no-public-ip",
  description: "ECS services must not assign public IP addresses to their tasks.",
  severity: "high",
  framework: awsFoundationalControl(
    "ECS.2",
    "ECS services should not have public IP addresses assigned to them automatically",
  ),
  tags: [groupTag("containers"), "aws"],
  remediationSteps:
    "Set networkConfiguration.assignPublicIp false, run tasks in private subnets with a NAT or VPC endpoints, and expose them through a load balancer.",
  url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
  validateResource: forType("aws:ecs/service:Service", (args, report) => {
    if (args.props.networkConfiguration?.assignPublicIp === true)
      report("networkConfiguration.assignPublicIp is true: every task gets a public address.");
  }),
};
