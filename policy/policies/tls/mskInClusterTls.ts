import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** MSK brokers talk to each other over TLS. */
export const mskInClusterTls: ResourceValidationPolicy = {
  name: "aws-msk-in-cluster-tls",
  description: "MSK brokers must encrypt the traffic between them.",
  severity: "high",
  framework: awsFoundationalControl("MSK.1", "MSK clusters should be encrypted in transit among broker nodes"),
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    "Leave encryptionInfo.encryptionInTransit.inCluster unset or true (it cannot be changed after creation).",
  url: "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html",
  validateResource: forType("aws:msk/cluster:Cluster", (args, report) => {
    if (args.props.encryptionInfo?.encryptionInTransit?.inCluster === false)
      report("encryptionInfo.encryptionInTransit.inCluster is false: brokers replicate in plain text.");
  }),
};
