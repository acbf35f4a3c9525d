import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { computePolicy } from "../../lib/aws/compute/computePolicy";

/** Every container of an ECS task has a read-only root filesystem. */
export const ecsTaskReadOnlyRoot = computePolicy(
  {
    name: "aws-ecs-task-read-only-root-filesystem",
    description:
      "Every container of an ECS task definition or AWS Batch job definition (classic and aws-native) must have a read-only root filesystem; writable paths are volumes.",
    severity: "medium",
    framework: awsFoundationalControl(
      "ECS.5",
      "ECS containers should be limited to read-only access to root filesystems",
    ),
    tags: [groupTag("hardening"), "aws"],
    remediationSteps:
      "Set readonlyRootFilesystem: true and mount a task volume on each directory the app writes (FargateService: writablePaths).",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage",
  },
  ({ containers }, report) => {
    containers.forEach(({ label, spec: c }) => {
      if (c.readonlyRootFilesystem !== true)
        report(
          `${label} has a writable root filesystem (readonlyRootFilesystem is ${c.readonlyRootFilesystem ?? "unset"}).`,
        );
    });
  },
);
