import { ResourceValidationPolicy } from "@pulumi/policy";
import { configuredList, listenerValidations } from "../../lib/aws/listeners/validations";
import { PASS_THROUGH_TAG } from "../../lib/aws/listeners/view";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** The ELB security policies the platform's LoadBalancer component offers (all TLS 1.2 and newer). */
export const TLS12_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

/** ALB/NLB/GWLB listeners, judged by what their protocol can do (the listener model, `policy/lib/aws/listeners`). */
export const awsListenerTls: ResourceValidationPolicy = {
  name: "aws-lb-listener-tls",
  description:
    "Load balancer listeners (aws.lb, aws.alb, aws-native elasticloadbalancingv2) must use HTTPS/TLS with a security policy of TLS 1.2 or newer, read from the policy's documented name; HTTP only to redirect to HTTPS; TCP only when the targets terminate TLS (declared by tag); UDP and GENEVE (Gateway Load Balancer) cannot use TLS and pass. Also covers ELB.17 (recommended security policies).",
  severity: "high",
  framework: awsFoundationalControl(
    "ELB.1",
    "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS",
  ),
  tags: [groupTag("tls"), "aws"],
  remediationSteps: `Use protocol HTTPS (ALB) or TLS (NLB) with a TLS 1.2+ sslPolicy (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06 or ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09) and a certificate; keep port 80 only as a redirect action to HTTPS. A TCP listener whose targets terminate TLS themselves passes when the listener is tagged ${PASS_THROUGH_TAG}: "true". Set allowedSslPolicies only to pin an exact list (it then decides alone).`,
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
  configSchema: {
    properties: { allowedSslPolicies: { type: "array", items: { type: "string" } } },
  },
  validateResource: listenerValidations("elbv2", (c) => ({ elb: configuredList(c.allowedSslPolicies) })),
};
