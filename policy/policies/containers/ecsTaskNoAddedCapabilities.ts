import { cisDocker, groupTag } from "../../lib/metadata";
import { computePolicy } from "../../lib/aws/compute/computePolicy";

/** No container of an ECS task adds Linux capabilities. */
export const ecsTaskNoAddedCapabilities = computePolicy(
  {
    name: "aws-ecs-task-no-added-capabilities",
    description:
      "No container of an ECS task definition or AWS Batch job definition (classic and aws-native) may add Linux capabilities.",
    severity: "high",
    framework: cisDocker("5.4", "Ensure that Linux kernel capabilities are restricted within containers"),
    tags: [groupTag("containers"), "aws"],
    remediationSteps:
      "Remove linuxParameters.capabilities.add and drop ALL (FargateService does); an app binding a low port listens on a high one instead.",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html",
  },
  ({ containers }, report) => {
    containers.forEach(({ label, spec: c }) => {
      const added = c.linuxParameters?.capabilities?.add;
      if (Array.isArray(added) && added.length) report(`${label} adds capabilities ${added.join(", ")}.`);
    });
  },
);
