import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** ECR tags never move: a tag always names the image it was pushed as. */
export const ecrImmutableTags: ResourceValidationPolicy = {
  name: "aws-ecr-immutable-tags",
  description: "ECR repositories must have immutable tags, so a deployed tag cannot be overwritten.",
  severity: "high",
  framework: awsFoundationalControl("ECR.2", "ECR private repositories should have tag immutability configured"),
  tags: [groupTag("containers"), "aws"],
  remediationSteps:
    'Set imageTagMutability: "IMMUTABLE" (EcrRepository does) and push each build under a new version tag.',
  url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
  validateResource: forType("aws:ecr/repository:Repository", (args, report) => {
    const mutability = args.props.imageTagMutability ?? "MUTABLE";
    if (mutability !== "IMMUTABLE") report(`imageTagMutability is ${mutability}: a pushed tag can be overwritten.`);
  }),
};
