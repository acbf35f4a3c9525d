import { ResourceValidationPolicy } from "@pulumi/policy";
import { listenerValidations } from "../../lib/aws/listeners/validations";
import { PASS_THROUGH_TAG } from "../../lib/aws/listeners/view";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** Classic load balancers listen only with TLS: they cannot redirect, so an HTTP or TCP listener carries plain text. */
export const classicElbTls: ResourceValidationPolicy = {
  name: "aws-elb-classic-tls",
  description:
    "Classic load balancers must listen only with HTTPS or SSL and a certificate (they cannot redirect HTTP to HTTPS); TCP only when the instances terminate TLS (declared by tag). Also covers ELB.2 (a certificate on every SSL/HTTPS listener).",
  severity: "high",
  framework: awsFoundationalControl(
    "ELB.3",
    "Classic Load Balancer listeners should be configured with HTTPS or TLS termination",
  ),
  tags: [groupTag("tls"), "aws"],
  remediationSteps: `Move to an Application Load Balancer (LoadBalancer component) whose port 80 redirects; or give every listener lbProtocol https/ssl with an sslCertificateId. TCP listeners in front of instances that terminate TLS pass when the load balancer is tagged ${PASS_THROUGH_TAG}: "true".`,
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html",
  validateResource: listenerValidations("classic-elb", undefined, (args, report) => {
    const listeners: unknown = args.props.listeners;
    if (!Array.isArray(listeners) || !listeners.length)
      report("the load balancer declares no listeners, so what it accepts cannot be judged.");
  }),
};
