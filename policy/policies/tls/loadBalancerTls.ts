import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { forType } from "../../lib/typed";

const SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
const SSL_PORTS = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports";

/**
 * A Service of type LoadBalancer terminates TLS on every port at the cloud load balancer
 * (the AWS certificate and TLS-ports annotations), or — with `allowLoadBalancers: false` —
 * is not allowed at all.
 */
export const loadBalancerTls: ResourceValidationPolicy = {
  name: "service-load-balancer-tls",
  description: "Services of type LoadBalancer must listen only with TLS.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls")],
  remediationSteps: `Expose the app through the TLS Ingress instead, or annotate the Service with ${SSL_CERT} (an ACM certificate ARN) and ${SSL_PORTS}: "*" (or every port).`,
  url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#ssl-cert",
  configSchema: {
    properties: { allowLoadBalancers: { type: "boolean", default: true } },
  },
  validateResource: forType("kubernetes:core/v1:Service", (args, report) => {
    if (args.props.spec?.type !== "LoadBalancer") return;
    const { allowLoadBalancers } = args.getConfig<{ allowLoadBalancers?: boolean }>();
    if (allowLoadBalancers === false) {
      report("Services of type LoadBalancer are not allowed in this stack; use the TLS Ingress.");
      return;
    }
    const annotations = args.props.metadata?.annotations ?? {};
    if (!annotations[SSL_CERT]) {
      report(`type LoadBalancer without a TLS certificate (${SSL_CERT}): its listeners are plain TCP.`);
      return;
    }
    const tlsPorts = String(annotations[SSL_PORTS] ?? "*")
      .split(",")
      .map((p) => p.trim());
    if (tlsPorts.includes("*")) return;
    for (const port of args.props.spec?.ports ?? []) {
      if (!tlsPorts.includes(String(port?.port)) && !(port?.name && tlsPorts.includes(port.name))) {
        report(`port ${port?.name ?? port?.port} is not in ${SSL_PORTS}, so it listens without TLS.`);
      }
    }
  }),
};
