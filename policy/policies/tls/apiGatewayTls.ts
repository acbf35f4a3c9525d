import { ResourceValidationPolicy } from "@pulumi/policy";
import { configuredList, listenerValidations } from "../../lib/aws/listeners/validations";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/** API Gateway custom domains name a TLS 1.2+ security policy. */
export const apiGatewayTls: ResourceValidationPolicy = {
  name: "aws-apigateway-tls",
  description:
    "API Gateway custom domain names (REST and HTTP/WebSocket APIs, both providers) must name a security policy of TLS 1.2 or newer (TLS_1_2, or a SecurityPolicy_TLS13_… policy), read from its documented name. No Security Hub control covers custom-domain TLS, so the framework is PCI DSS 4.2.1.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    'Set securityPolicy "TLS_1_2" (or SecurityPolicy_TLS13_1_2_2021_06 and newer) on aws.apigateway.DomainName, and domainNameConfiguration.securityPolicy "TLS_1_2" on aws.apigatewayv2.DomainName. Set allowedSecurityPolicies only to pin an exact list (it then decides alone).',
  url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
  configSchema: {
    properties: { allowedSecurityPolicies: { type: "array", items: { type: "string" } } },
  },
  validateResource: listenerValidations("apigateway", (c) => ({
    apigateway: configuredList(c.allowedSecurityPolicies),
  })),
};
