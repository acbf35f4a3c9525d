/** The directives of a Content-Security-Policy header: name → its sources, each directive once (the first wins, as browsers read it). */
export function cspDirectives(header: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** The sources `fetch`/XHR/WebSocket connections are checked against: `connect-src`, else `default-src`; undefined when neither restricts them. */
export function connectSources(header: string): string[] | undefined {
  const d = cspDirectives(header);
  return d.get("connect-src") ?? d.get("default-src");
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443" };
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\d+|\*))?(\/.*)?$/i;

/**
 * Whether one CSP source admits connections to `origin` (an `https://host[:port]` URL) from a
 * page served at `self`: `*`, `'self'`, a scheme source, or a host source with an optional scheme,
 * `*.` wildcard and port (CSP level 3 matching, paths aside).
 */
export function sourceAdmits(source: string, origin: URL, self: string | undefined): boolean {
  const s = source.toLowerCase();
  if (s === "'none'") return false;
  if (s === "'self'") return self !== undefined && new URL(self).origin === origin.origin;
  if (s === "*") return ["http:", "https:", "ws:", "wss:"].includes(origin.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return s === origin.protocol || (s === "http:" && origin.protocol === "https:");
  const m = HOST_SOURCE.exec(s);
  if (!m || s.startsWith("'")) return false;
  const [, scheme, host, port] = m;
  const schemeOk = scheme
    ? `${scheme}:` === origin.protocol || (scheme === "http" && origin.protocol === "https:")
    : origin.protocol === "https:" || origin.protocol === "wss:";
  const hostOk =
    host === "*" ||
    (host.startsWith("*.") ? origin.hostname.endsWith(host.slice(1)) : origin.hostname === host.toLowerCase());
  const want = origin.port || DEFAULT_PORTS[origin.protocol];
  const portOk =
    port === "*" ||
    (port ?? DEFAULT_PORTS[scheme ? `${scheme}:` : origin.protocol] ?? DEFAULT_PORTS["https:"]) === want;
  return schemeOk && hostOk && portOk;
}

/** The origins of `wanted` a CSP header's connect sources refuse (none when the header does not restrict connections). */
export function refusedOrigins(header: string, wanted: readonly string[], self: string | undefined): string[] {
  const sources = connectSources(header);
  if (!sources) return [];
  return wanted.filter((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      return true;
    }
    return !sources.some((s) => sourceAdmits(s, url, self));
  });
}
