import { declaresPassThrough, ListenerView } from "./view";

/** What AWS applies to an HTTPS/TLS listener that names no policy. */
const ELB_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08, which allows TLS 1.0";

/** Whether every action is a redirect to HTTPS (either provider's spelling of the redirect). */
export function redirectsToHttps(actions: unknown): boolean {
  if (!Array.isArray(actions) || !actions.length) return false;
  return actions.every((a: any) => {
    const redirect = a?.redirect ?? a?.redirectConfig;
    return String(a?.type).toLowerCase() === "redirect" && String(redirect?.protocol).toUpperCase() === "HTTPS";
  });
}

/**
 * The protocol of an ELBv2 listener. Unset, it is HTTP on an Application Load Balancer and
 * GENEVE on a Gateway Load Balancer — whose listeners also take no port, which tells them apart.
 */
export function elbv2Protocol(props: Record<string, any>): { protocol: string; shown: string } {
  if (props.protocol !== undefined && props.protocol !== null) {
    const protocol = String(props.protocol).toUpperCase();
    return { protocol, shown: protocol };
  }
  return props.port === undefined || props.port === null
    ? { protocol: "GENEVE", shown: "unset (a Gateway Load Balancer listener: GENEVE)" }
    : { protocol: "HTTP", shown: "unset (HTTP, the default)" };
}

/** An ALB/NLB/GWLB listener of either provider (`defaultActions`; `redirect` or `redirectConfig`). */
export function elbv2Listener(props: Record<string, any>): ListenerView[] {
  const { protocol, shown } = elbv2Protocol(props);
  return [
    {
      where: "listener",
      setting: "protocol",
      shown,
      protocol,
      tls: "elb",
      policyField: "sslPolicy",
      policyName: props.sslPolicy ?? undefined,
      defaultPolicy: ELB_DEFAULT_POLICY,
      redirectsToHttps: redirectsToHttps(props.defaultActions),
      passThroughTls: declaresPassThrough(props),
    },
  ];
}

/** A Classic Load Balancer's listeners (`lbProtocol`, `sslCertificateId`); it cannot redirect. */
export function classicElb(props: Record<string, any>): ListenerView[] {
  const passThroughTls = declaresPassThrough(props);
  return (Array.isArray(props.listeners) ? props.listeners : []).map((l: any, i: number) => {
    const raw = String(l?.lbProtocol ?? l?.protocol ?? "").toUpperCase();
    const protocol = raw === "SSL" ? "TLS" : raw;
    return {
      where: `listeners[${i}]`,
      setting: "lbProtocol",
      shown: `${raw.toLowerCase() || "unset"} on port ${l?.lbPort ?? l?.loadBalancerPort}`,
      protocol: protocol || "UNSET",
      certificate: (l?.sslCertificateId ?? l?.sslCertificateArn ?? l?.SSLCertificateId) ? undefined : "missing",
      passThroughTls,
    } satisfies ListenerView;
  });
}
