import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** Every MSK client authenticates (IAM, SCRAM or mutual TLS); none gets in unauthenticated. */
export const mskAuthentication: ResourceValidationPolicy = {
  name: "aws-msk-authentication",
  description:
    "MSK clusters must authenticate every client (IAM, SASL/SCRAM or mutual TLS) and refuse unauthenticated access.",
  severity: "critical",
  framework: awsFoundationalControl("MSK.6", "MSK clusters should disable unauthenticated access"),
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Set clientAuthentication.sasl.iam: true (KafkaCluster does) and clientAuthentication.unauthenticated: false; grant clients kafka-cluster:* actions in their roles.",
  url: "https://docs.aws.amazon.com/msk/latest/developerguide/kafka_apis_iam.html",
  validateResource: (args, report) => {
    const auth = args.props.clientAuthentication;
    if (args.type === "aws:msk/serverlessCluster:ServerlessCluster") {
      if (auth?.sasl?.iam?.enabled !== true)
        report("clientAuthentication.sasl.iam.enabled is not true: MSK Serverless authenticates with IAM only.");
      return;
    }
    if (args.type !== "aws:msk/cluster:Cluster") return;
    if (auth?.unauthenticated === true)
      report("clientAuthentication.unauthenticated is true: anyone who reaches a broker can read and write.");
    const some =
      auth?.sasl?.iam === true ||
      auth?.sasl?.scram === true ||
      (Array.isArray(auth?.tls?.certificateAuthorityArns) && auth.tls.certificateAuthorityArns.length > 0);
    if (!some)
      report(
        "no client authentication (sasl.iam, sasl.scram or tls) is configured: the cluster admits unauthenticated clients.",
      );
  },
};
