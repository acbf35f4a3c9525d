import { ListenerView } from "./view";

/** What a viewer behaviour's `viewerProtocolPolicy` means. */
const VIEWER: Record<string, Pick<ListenerView, "protocol" | "redirectsToHttps">> = {
  "https-only": { protocol: "HTTPS" },
  "redirect-to-https": { protocol: "HTTP", redirectsToHttps: true },
  "allow-all": { protocol: "HTTP" },
};

/** What an origin's `originProtocolPolicy` means: match-viewer speaks HTTP to the origin for HTTP viewers. */
const ORIGIN: Record<string, string> = { "https-only": "HTTPS", "http-only": "HTTP", "match-viewer": "HTTP" };

function behaviour(where: string, b: any): ListenerView {
  const shown = String(b?.viewerProtocolPolicy ?? "unset");
  return { where, setting: "viewerProtocolPolicy", shown, ...(VIEWER[shown] ?? { protocol: "HTTP" }) };
}

/** Origin TLS versions, as a list (`["TLSv1.2"]`) or CloudFront's `{items, quantity}`. */
function sslProtocols(value: any): string[] {
  const list = Array.isArray(value) ? value : Array.isArray(value?.items) ? value.items : [];
  return list.map(String);
}

/** A connection from CloudFront to an origin it reaches over the network (custom or VPC origin endpoint). */
export function originEndpoint(where: string, config: any): ListenerView {
  const shown = String(config?.originProtocolPolicy ?? "unset");
  return {
    where,
    setting: "originProtocolPolicy",
    shown,
    protocol: ORIGIN[shown] ?? "HTTP",
    protocols: sslProtocols(config?.originSslProtocols ?? config?.originSSLProtocols),
  };
}

/**
 * The viewer side and the custom origins of a distribution, from its config object: the classic
 * `Distribution`/`MultitenantDistribution` inputs, or aws-native's `distributionConfig`. S3 and
 * VPC origins are left out here: S3 speaks HTTPS to CloudFront, and a VPC origin's protocol is
 * set on its `VpcOrigin` resource ({@link vpcOrigin}).
 */
export function distribution(config: Record<string, any>): ListenerView[] {
  const ordered = config.orderedCacheBehaviors ?? config.cacheBehaviors ?? [];
  const orderedName = config.orderedCacheBehaviors ? "orderedCacheBehaviors" : "cacheBehaviors";
  const cert = config.viewerCertificate ?? {};
  const defaultCert = cert.cloudfrontDefaultCertificate === true || cert.cloudFrontDefaultCertificate === true;
  const views: ListenerView[] = [
    behaviour("defaultCacheBehavior", config.defaultCacheBehavior),
    ...(Array.isArray(ordered) ? ordered : []).map((b: any, i: number) => behaviour(`${orderedName}[${i}]`, b)),
    {
      where: "viewerCertificate",
      setting: "certificate",
      shown: defaultCert ? "the default certificate" : "a custom certificate",
      protocol: "HTTPS",
      certificate: defaultCert ? "default" : undefined,
      tls: defaultCert ? undefined : "cloudfront",
      policyField: "viewerCertificate.minimumProtocolVersion",
      policyName: cert.minimumProtocolVersion ?? undefined,
      defaultPolicy: "TLSv1 for a custom certificate",
    },
  ];
  (Array.isArray(config.origins) ? config.origins : []).forEach((o: any, i: number) => {
    const label = `origins[${i}] (${o?.originId ?? o?.id})`;
    const custom =
      o?.customOriginConfig ?? (Array.isArray(o?.customOriginConfigs) ? o.customOriginConfigs[0] : undefined);
    if (custom) views.push(originEndpoint(label, custom));
  });
  return views;
}

/** A CloudFront VPC origin's endpoint (`vpcOriginEndpointConfig`, either provider). */
export function vpcOrigin(props: Record<string, any>): ListenerView[] {
  return [originEndpoint("vpcOriginEndpointConfig", props.vpcOriginEndpointConfig)];
}
