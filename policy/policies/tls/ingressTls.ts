import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/** Ingresses of every API version that served them (the removed ones fail at apply, and are judged all the same). */
const INGRESS_TYPES = [
  "kubernetes:networking.k8s.io/v1:Ingress",
  "kubernetes:networking.k8s.io/v1beta1:Ingress",
  "kubernetes:extensions/v1beta1:Ingress",
];
const PATCH_TYPES = INGRESS_TYPES.map((t) => `${t}Patch`);

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
  remediationSteps:
    "Add spec.tls entries whose hosts cover every spec.rules[].host, with a certificate Secret (e.g. from cert-manager); give every rule a host.",
  url: "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
  validateResource: (args, report) => {
    const patch = PATCH_TYPES.includes(args.type);
    if (!patch && !INGRESS_TYPES.includes(args.type)) return;
    const spec = args.props.spec ?? {};
    // A patch is judged on what it sets: TLS it leaves alone stays as it is.
    if (patch && spec.tls === undefined && spec.rules === undefined && spec.defaultBackend === undefined) return;
    const tlsHosts: string[] = (spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []);
    if (!tlsHosts.length) {
      report("spec.tls is empty: the Ingress serves plain HTTP.");
      return;
    }
    if (spec.defaultBackend ?? spec.backend)
      report(
        `spec.${spec.defaultBackend ? "defaultBackend" : "backend"} serves requests for any host, which no TLS entry can cover.`,
      );
    (spec.rules ?? []).forEach((rule: any, i: number) => {
      if (!rule?.host) report(`spec.rules[${i}] has no host, so it serves hosts no TLS entry covers.`);
      else if (!tlsHosts.some((h) => tlsCovers(h, rule.host)))
        report(`spec.rules[${i}] host "${rule.host}" is not covered by spec.tls.`);
    });
  },
};
