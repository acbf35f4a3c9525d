import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { computePolicy } from "../../lib/aws/compute/computePolicy";

/** Whether an ECS `user` (`name`, `uid`, `uid:gid`, `name:group`) is root. */
export function isRootUser(user: string): boolean {
  const who = user.split(":")[0].trim();
  return who === "" || who === "root" || /^0+$/.test(who);
}

/** Every container of an ECS task runs as a non-root user the task definition names. */
export const ecsTaskNonRoot = computePolicy(
  {
    name: "aws-ecs-task-non-root-user",
    description:
      "Every container of an ECS task definition or AWS Batch job definition (classic and aws-native) must name a non-root user; without one it runs as the image's user, root unless the image says otherwise.",
    severity: "high",
    framework: awsFoundationalControl(
      "ECS.1",
      "Amazon ECS task definitions should have secure networking modes and user definitions",
    ),
    tags: [groupTag("containers"), "aws"],
    remediationSteps:
      'Set user to the numeric uid[:gid] the image runs as, e.g. "10001:10001" (FargateService does by default).',
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
  },
  ({ containers }, report) => {
    containers.forEach(({ label, spec: c }) => {
      if (typeof c.user !== "string" || !c.user.trim())
        report(`${label} names no user, so it runs as the image's user (root unless the image says otherwise).`);
      else if (isRootUser(c.user)) report(`${label} runs as root (user "${c.user}").`);
    });
  },
);
