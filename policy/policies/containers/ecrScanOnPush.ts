import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** Every image pushed to ECR is scanned for vulnerabilities. */
export const ecrScanOnPush: ResourceValidationPolicy = {
  name: "aws-ecr-scan-on-push",
  description: "ECR repositories must scan every image on push.",
  severity: "high",
  framework: awsFoundationalControl("ECR.1", "ECR private repositories should have image scanning configured"),
  tags: [groupTag("containers"), "aws"],
  remediationSteps:
    "Set imageScanningConfiguration.scanOnPush: true (EcrRepository does); registry-level enhanced scanning is configured apart from the repository.",
  url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
  validateResource: forType("aws:ecr/repository:Repository", (args, report) => {
    if (args.props.imageScanningConfiguration?.scanOnPush !== true)
      report("imageScanningConfiguration.scanOnPush is not true: pushed images are not scanned.");
  }),
};
