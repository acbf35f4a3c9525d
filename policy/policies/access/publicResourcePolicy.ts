import { ResourceValidationPolicy } from "@pulumi/policy";
import { RESOURCE_POLICY_DOCUMENTS } from "../../lib/aws/grants/documents";
import { publicGrants } from "../../lib/aws/grants/grants";
import { NARROWING_KEYS } from "../../lib/aws/grants/conditions";
import { documentValidations } from "../../lib/aws/grants/validations";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** Resource policies of ECR, SNS, SQS and KMS grant nothing to everyone without a narrowing condition. */
export const publicResourcePolicy: ResourceValidationPolicy = {
  name: "aws-no-public-resource-policy",
  description:
    'Resource policies of ECR repositories, SNS topics, SQS queues and KMS keys (both providers) must not Allow everyone (Principal "*", {"AWS": "*"}, or NotPrincipal) unless a condition pins the callers (aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID, …). Deny statements never count. Also covers SNS.4 and SQS.3; ECR has no Security Hub control for this.',
  severity: "critical",
  framework: awsFoundationalControl("KMS.5", "KMS keys should not be publicly accessible"),
  tags: [groupTag("aws-access"), "aws"],
  remediationSteps: `Name the principals (account roots, roles, service principals), or keep Principal "*" only with a condition on one of ${NARROWING_KEYS.join(", ")} with a fixed value.`,
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html",
  validateResource: documentValidations(RESOURCE_POLICY_DOCUMENTS, publicGrants),
};
