import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_AT_REST } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** MSK data at rest is encrypted with a customer-managed key. */
export const mskEncryptionAtRest: ResourceValidationPolicy = {
  name: "aws-msk-encryption-at-rest",
  description:
    "MSK provisioned clusters must encrypt data at rest with a customer-managed KMS key (MSK Serverless always uses an AWS-managed one).",
  severity: "high",
  framework: PCI_DSS_AT_REST,
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Set encryptionInfo.encryptionAtRestKmsKeyArn to a customer-managed key with rotation (KafkaCluster does).",
  url: "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html",
  validateResource: forType("aws:msk/cluster:Cluster", (args, report) => {
    // Presence, not the value: a key made in the same update has no ARN yet during a preview.
    const info = args.props.encryptionInfo;
    if (!info || !("encryptionAtRestKmsKeyArn" in info))
      report(
        "encryptionInfo.encryptionAtRestKmsKeyArn is unset: data at rest is encrypted with the AWS-managed key, outside the account's key policies.",
      );
  }),
};
