import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

const CLASSIC = "aws:elb/loadBalancer:LoadBalancer";

/** Classic load balancers listen only with TLS: they cannot redirect, so an HTTP or TCP listener carries plain text. */
export const classicElbTls: ResourceValidationPolicy = {
  name: "aws-elb-classic-tls",
  description: "Classic load balancers must listen only with HTTPS or SSL (they cannot redirect HTTP to HTTPS).",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    "Move to an Application Load Balancer (LoadBalancer component) whose port 80 redirects; or give every listener lbProtocol https/ssl with an sslCertificateId.",
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html",
  validateResource: (args, report) => {
    if (args.type !== CLASSIC) return;
    const listeners: unknown = args.props.listeners;
    if (!Array.isArray(listeners) || !listeners.length) {
      report("the load balancer declares no listeners, so what it accepts cannot be judged.");
      return;
    }
    listeners.forEach((l: any, i: number) => {
      const protocol = String(l?.lbProtocol ?? "").toLowerCase();
      if (protocol !== "https" && protocol !== "ssl")
        report(
          `listeners[${i}] accepts ${protocol || "an unset protocol"} on port ${l?.lbPort}: plain text; use https or ssl.`,
        );
      else if (!l.sslCertificateId) report(`listeners[${i}] is ${protocol} without an sslCertificateId.`);
    });
  },
};
