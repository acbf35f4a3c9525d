import { ResourceValidationPolicy } from "@pulumi/policy";
import { configuredList, listenerValidations } from "../../lib/aws/listeners/validations";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** CloudFront: viewers on HTTPS with a modern TLS policy, and HTTPS-only to custom and VPC origins over TLS 1.2. */
export const cloudfrontTls: ResourceValidationPolicy = {
  name: "aws-cloudfront-tls",
  description:
    "CloudFront distributions (single- and multi-tenant, both providers) must serve viewers over HTTPS with a custom certificate and TLSv1.2_2021 or newer (read from the policy's documented name), and reach custom and VPC origins over HTTPS with TLS 1.2+ only. Also covers CloudFront.7 (custom certificates), CloudFront.9 (encrypted traffic to custom origins) and CloudFront.10 (no deprecated SSL protocols to origins).",
  severity: "high",
  framework: awsFoundationalControl("CloudFront.3", "CloudFront distributions should require encryption in transit"),
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    'Set viewerProtocolPolicy redirect-to-https (or https-only) on every cache behaviour, an ACM viewerCertificate with minimumProtocolVersion TLSv1.2_2021 (or newer), originProtocolPolicy https-only with originSslProtocols ["TLSv1.2"] on custom origins, and the same on every VpcOrigin\'s vpcOriginEndpointConfig. Set allowedMinimumProtocolVersions only to pin an exact list (it then decides alone).',
  url: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
  configSchema: {
    properties: { allowedMinimumProtocolVersions: { type: "array", items: { type: "string" } } },
  },
  validateResource: listenerValidations("cloudfront", (c) => ({
    cloudfront: configuredList(c.allowedMinimumProtocolVersions),
  })),
};
