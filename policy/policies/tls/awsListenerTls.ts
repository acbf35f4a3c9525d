import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/** Listener types of the two AWS load balancer modules (the same resource under two tokens). */
export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/** ELB security policies that allow TLS 1.2 and newer only. */
export const TLS12_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

function redirectsToHttps(actions: any[]): boolean {
  return actions.length > 0 && actions.every((a) => a?.type === "redirect" && a.redirect?.protocol === "HTTPS");
}

/** ALB/NLB listeners speak HTTPS or TLS with a TLS 1.2+ policy; plain HTTP only redirects to HTTPS. */
export const awsListenerTls: ResourceValidationPolicy = {
  name: "aws-lb-listener-tls",
  description:
    "Load balancer listeners must use HTTPS/TLS with a TLS 1.2+ security policy; HTTP only to redirect to HTTPS.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    "Use protocol HTTPS (ALB) or TLS (NLB) with sslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 and a certificateArn; keep port 80 only as a redirect action to HTTPS.",
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
  configSchema: {
    properties: { allowedSslPolicies: { type: "array", items: { type: "string" }, default: TLS12_POLICIES } },
  },
  validateResource: (args, report) => {
    if (!LISTENER_TYPES.includes(args.type)) return;
    const { allowedSslPolicies = TLS12_POLICIES } = args.getConfig<{ allowedSslPolicies?: string[] }>();
    const protocol = String(args.props.protocol ?? "HTTP").toUpperCase();
    if (protocol === "HTTPS" || protocol === "TLS") {
      const policy = args.props.sslPolicy;
      if (!policy)
        report(`protocol ${protocol} without sslPolicy: AWS applies ELBSecurityPolicy-2016-08, which allows TLS 1.0.`);
      else if (!allowedSslPolicies.includes(policy)) report(`sslPolicy ${policy} is not in the TLS 1.2+ allow-list.`);
      return;
    }
    if (protocol === "HTTP" && redirectsToHttps(args.props.defaultActions ?? [])) return;
    report(
      protocol === "HTTP"
        ? "plain HTTP listener whose default action is not a redirect to HTTPS."
        : `protocol ${protocol} carries traffic without TLS.`,
    );
  },
};
