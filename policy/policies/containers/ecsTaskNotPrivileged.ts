import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { containerLabel, taskPolicy } from "../../lib/ecsTasks";

/** No container of an ECS task is privileged. */
export const ecsTaskNotPrivileged = taskPolicy(
  {
    name: "aws-ecs-task-not-privileged",
    description: "No container of an ECS task definition may be privileged (root on the host).",
    severity: "critical",
    framework: awsFoundationalControl("ECS.4", "ECS containers should run as non-privileged"),
    tags: [groupTag("containers"), "aws"],
    remediationSteps: "Remove privileged (or set it false); grant what the app needs through its task role.",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
  },
  (containers, _props, report) => {
    containers.forEach((c, i) => {
      if (c.privileged === true) report(`${containerLabel(c, i)} is privileged.`);
    });
  },
);
