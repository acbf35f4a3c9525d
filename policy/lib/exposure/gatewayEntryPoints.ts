import { EntryPoint, EntryProtocol } from "./entryPoint";

/** Gateway API listener protocols: what clients speak and whether the Gateway encrypts it. */
const GATEWAY_PROTOCOLS: Record<string, { protocol: EntryProtocol; tls: boolean }> = {
  HTTP: { protocol: "http", tls: false },
  HTTPS: { protocol: "https", tls: true },
  TLS: { protocol: "tls", tls: true },
  TCP: { protocol: "tcp", tls: false },
  UDP: { protocol: "udp", tls: false },
};

/** The entry points of a Gateway API Gateway: one per `spec.listeners` entry, redirects left to its routes. */
export function gatewayEntryPoints(props: any): EntryPoint[] {
  const listeners: any[] = Array.isArray(props?.spec?.listeners) ? props.spec.listeners : [];
  return listeners.map((l, i) => {
    const known = GATEWAY_PROTOCOLS[String(l?.protocol ?? "").toUpperCase()] ?? {
      protocol: "tcp" as const,
      tls: false,
    };
    return {
      kind: "gatewayListener",
      where: `spec.listeners[${i}]`,
      port: l?.port,
      protocol: known.protocol,
      tls: known.tls,
      listener: l?.name,
      ...(l?.hostname ? { host: l.hostname } : {}),
      why: `listener "${l?.name}" is protocol ${l?.protocol} on port ${l?.port}`,
    };
  });
}

/** Istio Gateway server protocols: what clients speak and whether the Gateway encrypts it. */
const ISTIO_PROTOCOLS: Record<string, { protocol: EntryProtocol; tls: boolean }> = {
  HTTP: { protocol: "http", tls: false },
  HTTP2: { protocol: "http2", tls: false },
  GRPC: { protocol: "grpc", tls: false },
  HTTPS: { protocol: "https", tls: true },
  TLS: { protocol: "tls", tls: true },
  TCP: { protocol: "tcp", tls: false },
  MONGO: { protocol: "tcp", tls: false },
};

/** The entry points of an Istio Gateway: one per `spec.servers` entry, redirected where `tls.httpsRedirect` is set. */
export function meshGatewayEntryPoints(props: any): EntryPoint[] {
  const servers: any[] = Array.isArray(props?.spec?.servers) ? props.spec.servers : [];
  return servers.map((s, i) => {
    const name = String(s?.port?.protocol ?? "");
    const known = ISTIO_PROTOCOLS[name.toUpperCase()] ?? { protocol: "tcp" as const, tls: false };
    const redirect = !known.tls && s?.tls?.httpsRedirect === true ? `spec.servers[${i}].tls.httpsRedirect` : undefined;
    return {
      kind: "meshGateway",
      where: `spec.servers[${i}]`,
      port: s?.port?.number,
      protocol: known.protocol,
      tls: known.tls,
      listener: s?.port?.name ?? s?.name,
      ...(redirect ? { redirect } : {}),
      why: `server "${s?.port?.name ?? i}" is protocol ${name} on port ${s?.port?.number}${redirect ? " and redirects to HTTPS" : " without tls.httpsRedirect"}`,
    };
  });
}
