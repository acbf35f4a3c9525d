import { Backend, ingressBackends } from "../../lib/readiness/routes";
import { KubeObject, StackModel } from "../../lib/readiness/stackModel";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";

function gatewayRouteBackends(route: KubeObject): Backend[] {
  const out: Backend[] = [];
  (route.props.spec?.rules ?? []).forEach((rule: any, i: number) =>
    (rule?.backendRefs ?? []).forEach((ref: any) => {
      if ((ref?.kind ?? "Service") !== "Service" || (ref?.group ?? "") !== "") return;
      out.push({
        service: ref.name,
        namespace: ref.namespace ?? route.namespace,
        port: ref.port,
        where: `rules[${i}]`,
      });
    }),
  );
  return out;
}

const ROUTE_KINDS = ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"];

function judgeBackend(route: KubeObject, b: Backend, model: StackModel, report: ReadinessReport): void {
  const svc = model.find("Service", b.namespace, b.service, "core");
  const subject = `${route.kind} "${route.name}" routes ${b.where} to Service "${b.service}"`;
  if (!svc) {
    report(route, `${subject}, which the stack does not create: requests get 503.`);
    return;
  }
  if (b.port === undefined) return;
  const ports: any[] = Array.isArray(svc.props.spec?.ports) ? svc.props.spec.ports : [];
  if (!ports.some((p) => p?.port === b.port || (p?.name !== undefined && p.name === b.port)))
    report(route, `${subject} port ${JSON.stringify(b.port)}, which the Service does not expose: requests get 503.`);
}

/** Ingress and Gateway API routes send traffic to Services and ports the stack creates. */
export const routeBackends = readinessPolicy(
  {
    name: "readiness-route-backends",
    description:
      "Ingress and Gateway API route backends must name Services the stack creates, on ports those Services expose.",
    severity: "high",
    remediationSteps:
      "Name the Service and its port (number or name) as the Service declares them, in the route's namespace.",
    url: "https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource",
  },
  {
    subjects: (model) => [
      ...model.ofKind("Ingress").filter((o) => o.group === "networking.k8s.io" || o.group === "extensions"),
      ...ROUTE_KINDS.flatMap((k) => model.ofKind(k, "gateway.networking.k8s.io")),
    ],
    judge: (route, model, report) => {
      const backends = route.kind === "Ingress" ? ingressBackends(route) : gatewayRouteBackends(route);
      for (const b of backends) judgeBackend(route, b, model, report);
    },
  },
);
