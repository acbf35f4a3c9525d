import { ResourceValidationPolicy } from "@pulumi/policy";
import { entryPoints, exposureRoleOf, isPlaintext } from "../../lib/exposure";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/**
 * Ingresses (any API version, and IngressPatches on what they set) terminate TLS for every host
 * they route and answer plain HTTP only with a redirect to HTTPS, as the exposure model reads
 * the Ingress with its controller's annotations.
 */
export const ingressTls: ResourceValidationPolicy = {
  name: "ingress-tls",
  description: "Ingresses must terminate TLS for every host they route and redirect plain HTTP to HTTPS.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls")],
  remediationSteps:
    'Add spec.tls entries whose hosts cover every spec.rules[].host, with a certificate Secret (e.g. from cert-manager); give every rule a host. Keep the controller\'s redirect to HTTPS on: no nginx.ingress.kubernetes.io/ssl-redirect: "false"; on the AWS Load Balancer Controller, alb.ingress.kubernetes.io/ssl-redirect with every HTTP port of listen-ports, and a certificate-arn (or spec.tls hosts to discover one).',
  url: "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
  validateResource: (args, report) => {
    if (exposureRoleOf(args.type)?.role !== "ingress") return;
    for (const entry of entryPoints(args.type, args.props).filter(isPlaintext))
      report(entry.fix ? `${entry.why} Fix: ${entry.fix}.` : entry.why);
  },
};
