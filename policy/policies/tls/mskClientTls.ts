import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** Clients reach MSK brokers over TLS only. */
export const mskClientTls: ResourceValidationPolicy = {
  name: "aws-msk-client-tls",
  description: "MSK clusters must accept client connections over TLS only.",
  severity: "critical",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    'Set encryptionInfo.encryptionInTransit.clientBroker to "TLS" (the default) and connect clients on the TLS ports (9094, 9096, 9098).',
  url: "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html",
  validateResource: forType("aws:msk/cluster:Cluster", (args, report) => {
    const mode = args.props.encryptionInfo?.encryptionInTransit?.clientBroker ?? "TLS";
    if (mode !== "TLS")
      report(`encryptionInfo.encryptionInTransit.clientBroker is ${mode}: clients may connect in plain text.`);
  }),
};
