import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  attachesTo,
  entryPoints,
  EntryPoint,
  exposureRoleOf,
  GatewayRoute,
  isPlaintext,
  redirectsToHttps,
} from "../../lib/exposure";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

/** What to do about each kind of plaintext entry point this policy reports. */
const FIXES: Partial<Record<EntryPoint["kind"], string>> = {
  nodePort: "use type ClusterIP behind the TLS Ingress (or a LoadBalancer with a TLS certificate)",
  externalIp: "remove spec.externalIPs and expose the Service through the TLS Ingress",
  meshGateway: "serve it as HTTPS/TLS with a credential, or set tls.httpsRedirect: true on this server",
};

const routeKind = (r: PolicyResource) => exposureRoleOf(r.type)?.kind ?? "route";

/**
 * Nothing opens a plaintext door from outside the cluster: no NodePort or external-IP Service,
 * no Gateway API listener in the clear (HTTP, TCP, UDP) unless every route of the stack
 * attached to it redirects to HTTPS — and no such route serving on one — and no Istio Gateway
 * server in the clear without `tls.httpsRedirect`. LoadBalancer Services and Ingresses are
 * judged by `service-load-balancer-tls` and `ingress-tls`.
 */
export const noPlaintextExposure: StackValidationPolicy = {
  name: "no-plaintext-exposure",
  description:
    "No NodePort or external-IP Services, and no Gateway API or Istio Gateway listener serving plain HTTP/TCP without a redirect to HTTPS.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls")],
  remediationSteps:
    "Expose apps through the TLS Ingress (ClusterIP Services); give Gateway listeners protocol HTTPS or TLS with certificateRefs, and attach to an HTTP listener only an HTTPRoute whose rules are a RequestRedirect filter with scheme: https; on Istio Gateways, serve HTTPS/TLS or set tls.httpsRedirect: true.",
  url: "https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/",
  validateStack: (args, report) => {
    const routes = args.resources
      .filter((r) => exposureRoleOf(r.type)?.role === "route")
      .map((r) => ({ resource: r, route: { kind: routeKind(r), props: r.props } as GatewayRoute }));
    judgeEach(args.resources, (r) => {
      const role = exposureRoleOf(r.type)?.role;
      if (role !== "service" && role !== "gateway" && role !== "meshGateway") return;
      for (const entry of entryPoints(r.type, r.props).filter(isPlaintext)) {
        if (entry.kind === "loadBalancer") continue;
        if (entry.kind !== "gatewayListener") {
          report(`${entry.where}: ${entry.why}. Fix: ${FIXES[entry.kind]}.`, r.urn);
          continue;
        }
        const listener = {
          gateway: r.props.metadata?.name,
          namespace: r.props.metadata?.namespace,
          listener: entry.listener ?? "",
          port: Number(entry.port),
        };
        const attached = routes.filter((x) => attachesTo(x.route, listener));
        const serving = attached.filter((x) => !redirectsToHttps(x.route));
        if (entry.protocol === "http" && attached.length && !serving.length) continue;
        report(
          `${entry.where}: ${entry.why}, in the clear${
            serving.length ? ` and serving ${serving.map((x) => `${x.route.kind} ${x.resource.name}`).join(", ")}` : ""
          }. Fix: make it protocol HTTPS (or TLS) with tls.certificateRefs, or attach to it only an HTTPRoute redirecting to scheme https.`,
          r.urn,
        );
        for (const x of serving)
          report(
            `${x.route.kind} ${x.resource.name} attaches to listener "${listener.listener}" of Gateway ${listener.gateway}, which is protocol ${entry.protocol.toUpperCase()} in the clear, and does not redirect to HTTPS. Fix: attach it to an HTTPS/TLS listener (parentRefs[].sectionName), or make every rule a RequestRedirect filter with scheme: https.`,
            x.resource.urn,
          );
      }
    });
  },
};
