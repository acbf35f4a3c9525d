import { ResourceValidationPolicy } from "@pulumi/policy";
import { imdsV1Reason, METADATA_OPTIONS } from "../../lib/aws/exposure/metadataOptions";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { forTypes } from "../../lib/aws/forTypes";

/** EC2 instances and launch templates require IMDSv2 session tokens. */
export const ec2Imdsv2: ResourceValidationPolicy = {
  name: "aws-ec2-imdsv2",
  description:
    "EC2 instances, launch templates and launch configurations (both providers) must require IMDSv2 (metadataOptions.httpTokens required) or disable the metadata endpoint. Also covers EC2.170 (launch templates).",
  severity: "high",
  framework: awsFoundationalControl("EC2.8", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)"),
  tags: [groupTag("aws-access"), "aws"],
  remediationSteps:
    'Set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } (aws-native launch templates: launchTemplateData.metadataOptions).',
  url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
  validateResource: forTypes(Object.keys(METADATA_OPTIONS), (args, report) => {
    const reason = imdsV1Reason(args.type, args.props);
    if (reason) report(`${reason}.`);
  }),
};
