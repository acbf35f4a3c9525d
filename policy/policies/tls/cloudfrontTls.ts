import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { forType } from "../../lib/typed";

const VIEWER_OK = new Set(["https-only", "redirect-to-https"]);
/** Viewer TLS policies of TLSv1.2_2021 strength or newer. */
export const CLOUDFRONT_MIN_TLS = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/** CloudFront: viewers on HTTPS with a modern TLS policy, and HTTPS-only to custom origins over TLS 1.2. */
export const cloudfrontTls: ResourceValidationPolicy = {
  name: "aws-cloudfront-tls",
  description:
    "CloudFront must serve viewers over HTTPS (TLSv1.2_2021 or newer) and reach custom origins over HTTPS with TLS 1.2.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    'Set viewerProtocolPolicy redirect-to-https (or https-only) on every cache behaviour, an ACM viewerCertificate with minimumProtocolVersion TLSv1.2_2021, and originProtocolPolicy https-only with originSslProtocols ["TLSv1.2"].',
  url: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
  configSchema: {
    properties: {
      allowedMinimumProtocolVersions: { type: "array", items: { type: "string" }, default: CLOUDFRONT_MIN_TLS },
    },
  },
  validateResource: forType("aws:cloudfront/distribution:Distribution", (args, report) => {
    const { allowedMinimumProtocolVersions = CLOUDFRONT_MIN_TLS } = args.getConfig<{
      allowedMinimumProtocolVersions?: string[];
    }>();
    const p = args.props;
    const behaviours = [
      ["defaultCacheBehavior", p.defaultCacheBehavior],
      ...(p.orderedCacheBehaviors ?? []).map((b: any, i: number) => [`orderedCacheBehaviors[${i}]`, b]),
    ];
    for (const [at, b] of behaviours) {
      if (b && !VIEWER_OK.has(b.viewerProtocolPolicy))
        report(`${at}.viewerProtocolPolicy is ${b.viewerProtocolPolicy}; use redirect-to-https or https-only.`);
    }
    const cert = p.viewerCertificate ?? {};
    if (cert.cloudfrontDefaultCertificate) {
      report(
        "viewerCertificate uses the default *.cloudfront.net certificate, which cannot enforce a TLS 1.2 minimum.",
      );
    } else if (!allowedMinimumProtocolVersions.includes(cert.minimumProtocolVersion)) {
      report(
        `viewerCertificate.minimumProtocolVersion is ${cert.minimumProtocolVersion ?? "unset"}; use TLSv1.2_2021 or newer.`,
      );
    }
    (p.origins ?? []).forEach((o: any, i: number) => {
      const custom = o?.customOriginConfig;
      if (!custom) return;
      if (custom.originProtocolPolicy !== "https-only")
        report(`origins[${i}] (${o.originId}) originProtocolPolicy is ${custom.originProtocolPolicy}; use https-only.`);
      const weak = (custom.originSslProtocols ?? []).filter((v: string) => v !== "TLSv1.2");
      if (weak.length)
        report(`origins[${i}] (${o.originId}) allows ${weak.join(", ")} to the origin; allow only TLSv1.2.`);
    });
  }),
};
