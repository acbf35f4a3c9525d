/** What kind of door an object opens from outside the cluster (or outside the mesh). */
export type EntryKind = "nodePort" | "externalIp" | "loadBalancer" | "ingress" | "gatewayListener" | "meshGateway";

/** The protocol clients speak to an entry point. */
export type EntryProtocol = "http" | "https" | "http2" | "grpc" | "tls" | "tcp" | "udp" | "sctp";

/** One entry point an object opens: where clients connect, in what protocol, and whether TLS protects it. */
export interface EntryPoint {
  /** What opens it. */
  kind: EntryKind;
  /** Property path of the object that opens it, e.g. `spec.ports[0]` or `metadata.annotations["…/ssl-redirect"]`. */
  where: string;
  /** Port clients connect to, when the object says (a NodePort the API server allocates has none). @default unknown */
  port?: number | string;
  /** Protocol clients speak to it. */
  protocol: EntryProtocol;
  /** Whether traffic through it is encrypted with TLS up to the entry point. */
  tls: boolean;
  /** Where a plaintext entry point answers with a redirect to HTTPS instead of serving, when it does. @default it serves */
  redirect?: string;
  /** The host it serves, for host-routed entry points (`*` for any host). @default any host */
  host?: string;
  /** Listener or server name, for Gateways. @default none */
  listener?: string;
  /** Whether only the private network reaches it (an internal load balancer). @default false */
  internal?: boolean;
  /** Why it has this protocol and TLS, in words a finding can quote. */
  why: string;
  /** What would close it, for a plaintext entry point. @default none */
  fix?: string;
}

/** Whether an entry point carries traffic in the clear: no TLS and no redirect to HTTPS. */
export function isPlaintext(entry: EntryPoint): boolean {
  return !entry.tls && entry.redirect === undefined;
}
