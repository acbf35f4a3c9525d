import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { computePolicy } from "../../lib/aws/compute/computePolicy";

/** No container of an ECS task is privileged. */
export const ecsTaskNotPrivileged = computePolicy(
  {
    name: "aws-ecs-task-not-privileged",
    description:
      "No container of an ECS task definition or AWS Batch job definition (classic and aws-native) may be privileged (root on the host).",
    severity: "critical",
    framework: awsFoundationalControl("ECS.4", "ECS containers should run as non-privileged"),
    tags: [groupTag("containers"), "aws"],
    remediationSteps: "Remove privileged (or set it false); grant what the app needs through its task role.",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
  },
  ({ containers }, report) => {
    containers.forEach(({ label, spec: c }) => {
      if (c.privileged === true) report(`${label} is privileged.`);
    });
  },
);
