import type { TlsPolicyFamily } from "../tlsPolicies";

/**
 * One place where a resource accepts or makes connections, reduced to what decides whether it
 * carries plain text: its protocol and, where TLS applies, the security policy that bounds it.
 */
export interface ListenerView {
  /** The part of the resource, e.g. `listener`, `listeners[0]`, `origins[1] (api)`. */
  where: string;
  /** The setting that gives the protocol, e.g. `protocol`, `viewerProtocolPolicy`. */
  setting: string;
  /** That setting's value as written (or the default it takes). */
  shown: string;
  /** The protocol spoken: HTTP, HTTPS, TLS, SSL, TCP, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC. */
  protocol: string;
  /** The family of security policy names that bounds the TLS versions. @default none (no named policy applies) */
  tls?: TlsPolicyFamily;
  /** The setting that names the security policy, e.g. `sslPolicy`. @default none */
  policyField?: string;
  /** The security policy named there. @default none (the service's default applies) */
  policyName?: string;
  /** What the service applies when no policy is named, for the message. @default none */
  defaultPolicy?: string;
  /** Whether every answer on plain HTTP is a redirect to HTTPS. @default false */
  redirectsToHttps?: boolean;
  /** Whether the team declared that the targets terminate TLS on a TCP pass-through. @default false */
  passThroughTls?: boolean;
  /** TLS versions offered by a list rather than a named policy (CloudFront origins). @default none */
  protocols?: string[];
  /** A certificate problem the source sees: none given, or CloudFront's default one. @default none */
  certificate?: "missing" | "default";
}

/** The tag key by which a team declares that the targets of a TCP listener terminate TLS themselves. */
export const PASS_THROUGH_TAG = "acme:tls-passthrough";

/** A tag's value from either provider's form: a map (`@pulumi/aws`) or a list of `{key, value}` (aws-native). */
export function tagValue(tags: unknown, key: string): string | undefined {
  if (Array.isArray(tags)) {
    const tag = tags.find((t: any) => t?.key === key || t?.Key === key);
    return tag === undefined ? undefined : String(tag.value ?? tag.Value);
  }
  if (tags && typeof tags === "object") {
    const value = (tags as Record<string, unknown>)[key];
    return value === undefined ? undefined : String(value);
  }
  return undefined;
}

/** Whether a resource carries the pass-through declaration ({@link PASS_THROUGH_TAG} `"true"`). */
export function declaresPassThrough(props: Record<string, any>): boolean {
  return tagValue(props.tags, PASS_THROUGH_TAG) === "true";
}
