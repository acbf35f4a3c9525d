import { StackModel, StackResource } from "./stackModel";

/** Tag of a CloudFront distribution listing the API origins its front end calls (space-separated `https://host[:port]`). */
export const API_ORIGINS_TAG = "acme:api-origins";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const HEADERS_POLICY = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";

/** A front end that declares the API origins it calls, and the CSP headers its responses carry. */
export interface FrontEnd extends StackResource {
  /** What it is, for messages. */
  label: string;
  /** Its own origin (`'self'`), from its first alias. */
  self?: string;
  /** The API origins it calls. */
  apiOrigins: string[];
  /** Each Content-Security-Policy header it sends, with where it is set. */
  policies: { where: string; header: string }[];
}

/** The CSP header a response headers policy sets, if any. */
function cspOf(policy: StackResource): string | undefined {
  const csp = policy.props.securityHeadersConfig?.contentSecurityPolicy?.contentSecurityPolicy;
  return typeof csp === "string" ? csp : undefined;
}

/** The response headers policies of the stack a distribution's cache behaviors use (by dependency, else by id). */
function headersPoliciesOf(d: StackResource, model: StackModel): StackResource[] {
  const all = model.ofType(HEADERS_POLICY);
  const urns = new Set(
    ["defaultCacheBehavior", "orderedCacheBehaviors"].flatMap((f) =>
      (d.resource.propertyDependencies[f] ?? []).filter((r) => r.type === HEADERS_POLICY).map((r) => r.urn),
    ),
  );
  const behaviors = [d.props.defaultCacheBehavior, ...(d.props.orderedCacheBehaviors ?? [])];
  const ids = new Set(behaviors.map((b) => b?.responseHeadersPolicyId).filter((id) => typeof id === "string"));
  return all.filter((p) => urns.has(p.resource.urn) || (typeof p.props.id === "string" && ids.has(p.props.id)));
}

/** The CloudFront distributions that declare, with {@link API_ORIGINS_TAG}, the API origins their front end calls. */
export function frontEndsOf(model: StackModel): FrontEnd[] {
  return model.ofType(DISTRIBUTION).flatMap((d) => {
    const tag = d.props.tags?.[API_ORIGINS_TAG];
    if (typeof tag !== "string") return [];
    const alias = (d.props.aliases ?? [])[0];
    return [
      {
        ...d,
        label: `CloudFront distribution "${d.resource.name}"`,
        self: typeof alias === "string" ? `https://${alias}` : undefined,
        apiOrigins: tag.split(/\s+/).filter(Boolean),
        policies: headersPoliciesOf(d, model).flatMap((p) => {
          const header = cspOf(p);
          return header ? [{ where: `response headers policy "${p.resource.name}"`, header }] : [];
        }),
      },
    ];
  });
}
