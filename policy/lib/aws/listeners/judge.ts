import { judgeTlsPolicy, TlsPolicyFamily } from "../tlsPolicies";
import { ListenerView, PASS_THROUGH_TAG } from "./view";

/** Protocols that cannot carry TLS and are not plain text a client could read: UDP datagrams, GWLB's GENEVE. */
const NO_TLS_POSSIBLE = new Set(["UDP", "GENEVE"]);
/** Protocols that are always encrypted (QUIC carries TLS 1.3 inside). */
const ALWAYS_ENCRYPTED = new Set(["QUIC", "TCP_QUIC"]);
/** Protocols that terminate TLS at the listener. */
const TLS_TERMINATING = new Set(["HTTPS", "TLS", "SSL"]);
/** Protocols that pass bytes through: plain text unless the targets terminate TLS. */
const PASS_THROUGH = new Set(["TCP", "TCP_UDP"]);
/** TLS versions an origin may be offered. */
const ORIGIN_TLS_OK = new Set(["TLSv1.2", "TLSv1.3"]);

/** Explicit allow-lists a team configured, per family (a configured list decides alone). */
export type AllowedPolicies = Partial<Record<TlsPolicyFamily, readonly string[]>>;

/**
 * What is wrong with one listener view, judged by what its protocol can do: HTTP must redirect
 * to HTTPS; HTTPS/TLS need a certificate and a security policy of TLS 1.2 or newer; TCP passes
 * only when the team declares that the targets terminate TLS; UDP, GENEVE and QUIC pass.
 */
export function judgeListener(view: ListenerView, allowed: AllowedPolicies = {}): string[] {
  const at = `${view.where}.${view.setting} is ${view.shown}`;
  const { protocol } = view;
  if (NO_TLS_POSSIBLE.has(protocol) || ALWAYS_ENCRYPTED.has(protocol)) return [];
  if (protocol === "HTTP") {
    if (view.redirectsToHttps) return [];
    return view.setting === "originProtocolPolicy"
      ? [`${at}: a plain HTTP origin connection; use https-only.`]
      : [`${at}: a plain HTTP ${noun(view)} that does not redirect to HTTPS.`];
  }
  if (PASS_THROUGH.has(protocol)) {
    return view.passThroughTls
      ? []
      : [
          `${at}: protocol ${protocol} carries traffic without TLS; use TLS, or tag the resource ${PASS_THROUGH_TAG}: "true" if its targets terminate TLS themselves.`,
        ];
  }
  if (!TLS_TERMINATING.has(protocol)) return [`${at}: protocol ${protocol} is not one that can be judged to use TLS.`];
  const found: string[] = [];
  if (view.certificate === "missing") found.push(`${at} without a certificate.`);
  if (view.certificate === "default")
    found.push(`${view.where} uses the default *.cloudfront.net certificate, which cannot enforce a TLS 1.2 minimum.`);
  if (view.tls && view.policyField) {
    if (view.policyName === undefined) {
      found.push(`${at} without ${view.policyField}: the service applies ${view.defaultPolicy ?? "its default"}.`);
    } else {
      const reading = judgeTlsPolicy(view.tls, view.policyName, allowed[view.tls]);
      if (!reading.ok) found.push(`${view.policyField} is ${view.policyName}: refused, as ${reading.reason}.`);
    }
  }
  const weak = (view.protocols ?? []).filter((p) => !ORIGIN_TLS_OK.has(p));
  if (weak.length) found.push(`${view.where} allows ${weak.join(", ")} to the origin; allow only TLSv1.2 and newer.`);
  return found;
}

function noun(view: ListenerView): string {
  if (view.setting === "viewerProtocolPolicy") return "viewer behaviour";
  return "listener";
}
