import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** Whether a TLS host entry (possibly a `*.` wildcard) covers `host`. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith("*.")) return false;
  const suffix = tlsHost.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes(".");
}

/** Ingresses terminate TLS for every host they route. */
export const ingressTls: ResourceValidationPolicy = {
  name: "ingress-tls",
  description: "Ingresses must terminate TLS for every host they route.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls")],
  remediationSteps: "Add spec.tls entries whose hosts cover every spec.rules[].host, with a certificate Secret (e.g. from cert-manager); give every rule a host.",
  url: "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
  validateResource: forType("kubernetes:networking.k8s.io/v1:Ingress", (args, report) => {
    const spec = args.props.spec ?? {};
    const tlsHosts: string[] = (spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []);
    if (!tlsHosts.length) {
      report("spec.tls is empty: the Ingress serves plain HTTP.");
      return;
    }
    if (spec.defaultBackend) report("spec.defaultBackend serves requests for any host, which no TLS entry can cover.");
    (spec.rules ?? []).forEach((rule: any, i: number) => {
      if (!rule?.host) report(`spec.rules[${i}] has no host, so it serves hosts no TLS entry covers.`);
      else if (!tlsHosts.some((h) => tlsCovers(h, rule.host))) report(`spec.rules[${i}] host "${rule.host}" is not covered by spec.tls.`);
    });
  }),
};
