import { ResourceValidationPolicy } from "@pulumi/policy";
import { IDENTITY_POLICY_DOCUMENTS } from "../../lib/aws/grants/documents";
import { wildcardGrants } from "../../lib/aws/grants/grants";
import { documentValidations } from "../../lib/aws/grants/validations";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** Identity policies grant no `*` or `service:*` on every resource. */
export const iamWildcardPolicy: ResourceValidationPolicy = {
  name: "aws-iam-no-wildcard-actions",
  description:
    'IAM identity policies (managed and inline, on roles, users and groups, both providers) must not Allow "*" or "service:*" actions — or every action but some, via NotAction — on every resource ("*" or NotResource). Deny statements never count. Also covers IAM.21 (wildcard service actions).',
  severity: "critical",
  framework: awsFoundationalControl("IAM.1", 'IAM policies should not allow full "*" administrative privileges'),
  tags: [groupTag("aws-access"), "aws"],
  remediationSteps:
    'List the actions the workload calls (e.g. "s3:GetObject", "kms:Decrypt") and the ARNs it calls them on; keep service-wide wildcards only on named resources.',
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  validateResource: documentValidations(IDENTITY_POLICY_DOCUMENTS, wildcardGrants),
};
