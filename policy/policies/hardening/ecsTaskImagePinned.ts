import { computePolicy } from "../../lib/aws/compute/computePolicy";
import { isPinnedImage } from "../../lib/image";
import { groupTag } from "../../lib/metadata";

/** Every container of an ECS task or Batch job runs an image pinned to one release. */
export const ecsTaskImagePinned = computePolicy(
  {
    name: "aws-ecs-task-image-pinned",
    description:
      "Every container of an ECS task definition or AWS Batch job definition (classic and aws-native) must name its image by digest or by a tag naming one release (not latest, untagged, or a branch or channel tag).",
    severity: "medium",
    tags: [groupTag("hardening"), "aws"],
    remediationSteps:
      "Reference the image by digest (repo@sha256:…) or by a version or commit tag in an ECR repository with immutable tags.",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image",
  },
  ({ containers }, report) => {
    for (const { label, spec } of containers) {
      if (typeof spec.image !== "string") report(`${label} names no image.`);
      else if (!isPinnedImage(spec.image))
        report(`${label} runs ${spec.image}, which is not pinned: the tag moves with every push.`);
    }
  },
);
