import { EntryPoint } from "./entryPoint";
import { IngressSettings } from "./ingressAnnotations";
import { ingressControllerOf } from "./ingressControllers";
import { interpretIngressSettings } from "./ingressSettings";
import { tlsCovers } from "./tlsHosts";

/** What the rest of the stack says about an Ingress's class. */
export interface IngressClassContext {
  /** IngressClass name → its `spec.controller`. @default none */
  classControllers?: ReadonlyMap<string, string>;
  /** IngressClass name → the spec of the IngressClassParams it names, and where that is. @default none */
  classParams?: ReadonlyMap<string, { spec: Record<string, unknown>; where: string }>;
}

/** Something the Ingress routes: a rule's host, its default backend, or every host at once. */
interface Routed {
  where: string;
  host: string;
  covered: boolean;
  /** Why it has no TLS, when it is not covered. */
  uncovered?: string;
  fix?: string;
}

type Listener = NonNullable<IngressSettings["listenPorts"]>[number];
const HTTP_80: Listener = { protocol: "http", port: 80 };
const HTTPS_443: Listener = { protocol: "https", port: 443 };

/** Keys of the settings that open or redirect an HTTP listener. */
const LISTENER_SETTINGS: (keyof IngressSettings)[] = [
  "sslRedirect",
  "forceSslRedirect",
  "listenPorts",
  "sslRedirectPort",
];

/**
 * The entry points of an Ingress (or IngressPatch): an HTTPS entry per host TLS covers, an HTTP
 * one per host on each HTTP listener — redirected to HTTPS or served in the clear, as the
 * controller's settings ({@link interpretIngressSettings}) decide — and one plaintext entry per
 * host no certificate covers. A patch that sets neither rules nor TLS is judged on the listener
 * annotations it sets.
 */
export function ingressEntryPoints(props: any, patch: boolean, context: IngressClassContext = {}): EntryPoint[] {
  const annotations: Record<string, unknown> = props?.metadata?.annotations ?? {};
  const spec = props?.spec ?? {};
  const className: string | undefined = spec.ingressClassName ?? annotations["kubernetes.io/ingress.class"];
  const controller = ingressControllerOf(className, annotations, context.classControllers);
  const params = className !== undefined ? context.classParams?.get(className) : undefined;
  const { settings, sources } = interpretIngressSettings(controller, annotations, params?.spec, params?.where);
  const alb = controller === "aws-load-balancer-controller";
  const tlsHosts: string[] = (spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []);
  const anyCertificate = settings.certificate || tlsHosts.length > 0;
  const onlyAnnotations =
    patch && spec.tls === undefined && spec.rules === undefined && spec.defaultBackend === undefined;

  let listeners = settings.listenPorts ?? (alb ? [anyCertificate ? HTTPS_443 : HTTP_80] : [HTTP_80, HTTPS_443]);
  let routed: Routed[];
  if (onlyAnnotations) {
    if (!LISTENER_SETTINGS.some((s) => sources[s])) return [];
    if (alb && !settings.listenPorts) listeners = [];
    routed = [{ where: "metadata.annotations", host: "*", covered: true }];
  } else if (!anyCertificate) {
    const certificate = alb ? sources.certificate : undefined;
    routed = [
      {
        where: "spec.tls",
        host: "*",
        covered: false,
        uncovered: alb
          ? "no alb.ingress.kubernetes.io/certificate-arn and no spec.tls hosts to discover a certificate for: the load balancer serves plain HTTP."
          : "spec.tls is empty: the Ingress serves plain HTTP.",
        fix: certificate?.row.fix,
      },
    ];
  } else {
    const covers = (host: string) => settings.certificate || tlsHosts.some((h) => tlsCovers(h, host));
    const backend = spec.defaultBackend ? "defaultBackend" : spec.backend ? "backend" : undefined;
    routed = [
      ...(backend
        ? [
            {
              where: `spec.${backend}`,
              host: "*",
              covered: settings.certificate,
              uncovered: `spec.${backend} serves requests for any host, which no TLS entry can cover.`,
            },
          ]
        : []),
      ...(spec.rules ?? []).map((rule: any, i: number): Routed => {
        const where = `spec.rules[${i}]`;
        if (!rule?.host)
          return {
            where,
            host: "*",
            covered: settings.certificate,
            uncovered: `${where} has no host, so it serves hosts no TLS entry covers.`,
          };
        return {
          where,
          host: rule.host,
          covered: covers(rule.host),
          uncovered: `${where} host "${rule.host}" is not covered by spec.tls.`,
        };
      }),
    ];
  }

  const entries: EntryPoint[] = [];
  for (const r of routed) {
    if (!r.covered) {
      const listener = listeners.find((l) => l.protocol === "http") ?? listeners[0] ?? HTTP_80;
      entries.push({
        kind: "ingress",
        where: r.where,
        port: listener.port,
        protocol: listener.protocol,
        tls: false,
        host: r.host,
        internal: settings.internal,
        why: r.uncovered ?? "",
        ...(r.fix ? { fix: r.fix } : {}),
      });
      continue;
    }
    for (const l of listeners) {
      const base = {
        kind: "ingress" as const,
        where: r.where,
        port: l.port,
        protocol: l.protocol,
        host: r.host,
        internal: settings.internal,
      };
      if (l.protocol === "https") {
        entries.push({
          ...base,
          tls: true,
          why: `HTTPS on port ${l.port} with a certificate for ${r.host === "*" ? "its hosts" : r.host}`,
        });
        continue;
      }
      const redirect = alb ? redirectOfAlb(sources, settings) : redirectOfNginxLike(sources, settings);
      if (redirect) {
        entries.push({ ...base, tls: false, redirect, why: `HTTP on port ${l.port} redirects to HTTPS (${redirect})` });
        continue;
      }
      const cause = alb ? sources.listenPorts : sources.sslRedirect;
      const subject = r.host === "*" ? "every host it serves" : `host "${r.host}" (${r.where})`;
      entries.push({
        ...base,
        tls: false,
        why: alb
          ? `${cause?.where ?? "the listeners"} opens HTTP on port ${l.port} and no alb.ingress.kubernetes.io/ssl-redirect redirects it, so ${subject} is served over plain HTTP.`
          : `${cause?.where ?? "the controller"} is ${JSON.stringify(String(cause?.value))}: ${controller} serves ${subject} over plain HTTP on port ${l.port} instead of redirecting to HTTPS.`,
        fix: alb ? sources.listenPorts?.row.fix : `${sources.sslRedirect?.row.fix ?? "turn on the redirect to HTTPS"}`,
      });
    }
  }
  return entries;
}

/** Where an ALB's HTTP listeners redirect to HTTPS, if they do. */
function redirectOfAlb(sources: ReturnType<typeof interpretIngressSettings>["sources"], settings: IngressSettings) {
  return settings.sslRedirectPort !== undefined ? sources.sslRedirectPort?.where : undefined;
}

/** Where an ingress-nginx-like controller redirects a TLS host's HTTP to HTTPS, if it does. */
function redirectOfNginxLike(
  sources: ReturnType<typeof interpretIngressSettings>["sources"],
  settings: IngressSettings,
) {
  if (settings.forceSslRedirect) return sources.forceSslRedirect?.where ?? "force-ssl-redirect";
  if (settings.sslRedirect)
    return sources.sslRedirect?.where ?? "spec.tls (the controller redirects TLS hosts by default)";
  return undefined;
}
