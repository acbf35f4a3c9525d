import { admits, Peer } from "../../lib/readiness/networkAdmission";
import { declaredPorts, isPortName } from "../../lib/readiness/ports";
import { ingressBackends } from "../../lib/readiness/routes";
import { KubeObject, StackModel } from "../../lib/readiness/stackModel";
import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";

/** Labels cert-manager gives the pods that answer HTTP-01 challenges, and the port they listen on. */
const HTTP01_SOLVER = { labels: { "acme.cert-manager.io/http01-solver": "true" }, port: 8089 };
const ISSUER_ANNOTATIONS = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"];
/** The solver kind of the Ingress's issuer, as the stack's ingress settings give it (the platform's WebService writes it). */
const SOLVER_ANNOTATION = "platform.acme-bank.example/acme-solver";

interface Settings {
  controllerNamespace?: string;
  controllerPodLabels?: Record<string, string>;
  acmeSolver?: "http01" | "dns01";
  acmeSolverServiceType?: "ClusterIP" | "NodePort";
}

function backendServices(ing: KubeObject, model: StackModel): KubeObject[] {
  const names = new Set(ingressBackends(ing).map((b) => b.service));
  return [...names].map((n) => model.find("Service", ing.namespace, n, "core")).filter((s): s is KubeObject => !!s);
}

function judgeBackends(ing: KubeObject, model: StackModel, controller: Peer, report: ReadinessReport): void {
  for (const svc of backendServices(ing, model)) {
    const selector: Record<string, string> = svc.props.spec?.selector ?? {};
    for (const w of model.labelled(svc.namespace, selector))
      for (const p of Array.isArray(svc.props.spec?.ports) ? svc.props.spec.ports : []) {
        const target = p?.targetPort ?? p?.port;
        const declared = w.containers.flatMap((c) => declaredPorts(c.container));
        // The endpoints controller leaves out pods that do not declare a named target port.
        if (isPortName(target) && !declared.some((d) => d.name === target)) continue;
        const port = isPortName(target)
          ? { name: target, number: declared.find((d) => d.name === target)?.number }
          : { number: Number(target), name: declared.find((d) => d.number === Number(target))?.name };
        if (!admits(model, w.namespace, w.labels, controller, port))
          report(
            ing,
            `Ingress "${ing.name}" sends traffic through Service "${svc.name}" to ${w.kind} "${w.name}" port ${JSON.stringify(target)}, but no NetworkPolicy of namespace "${w.namespace}" admits the ingress controller (namespace "${controller.namespace}") there: every request times out.`,
          );
      }
  }
}

function judgeCertificate(
  ing: KubeObject,
  model: StackModel,
  s: Required<Settings>,
  controller: Peer,
  report: ReadinessReport,
): void {
  const issuer = ISSUER_ANNOTATIONS.map((a) => ing.props.metadata?.annotations?.[a]).find(Boolean);
  const declared = ing.props.metadata?.annotations?.[SOLVER_ANNOTATION];
  const solver = declared === "http01" || declared === "dns01" ? declared : s.acmeSolver;
  // A DNS-01 solver writes Route 53 records: no pod, Service or path in the namespace.
  if (!issuer || solver !== "http01") return;
  if (!admits(model, ing.namespace, HTTP01_SOLVER.labels, controller, { number: HTTP01_SOLVER.port }))
    report(
      ing,
      `Ingress "${ing.name}" gets its certificate through issuer "${issuer}" by HTTP-01, but no NetworkPolicy of namespace "${ing.namespace}" admits the ingress controller to the solver pods (acme.cert-manager.io/http01-solver=true, port ${HTTP01_SOLVER.port}): the certificate never issues.`,
    );
  if (s.acmeSolverServiceType !== "NodePort") return;
  for (const q of model.inNamespace("ResourceQuota", ing.namespace, "core")) {
    const nodePorts = q.props.spec?.hard?.["services.nodeports"];
    if (nodePorts !== undefined && Number(nodePorts) < 1)
      report(
        ing,
        `Ingress "${ing.name}" gets its certificate by HTTP-01 through a NodePort solver Service, but ResourceQuota "${q.name}" allows ${nodePorts} NodePorts: the solver is refused and the certificate never issues (set the issuer's http01.ingress.serviceType to ClusterIP).`,
      );
  }
}

/** Public apps are reachable from the ingress controller, and their certificates can issue. */
export const ingressReachability = readinessPolicy(
  {
    name: "readiness-ingress-reachability",
    description:
      "The NetworkPolicies of a public app's namespace must admit the ingress controller to its pods on the Service's target port, and, for an HTTP-01 certificate, to cert-manager's solver pods — whose Service the quota must allow. A DNS-01 issuer needs neither. The solver kind is the Ingress's platform.acme-bank.example/acme-solver annotation (the stack's ingress.acmeSolver), else acmeSolver here.",
    severity: "high",
    remediationSteps:
      "Allow ingress from the controller's namespace and pod labels on the app's port and on 8089 to pods labelled acme.cert-manager.io/http01-solver=true (the platform's WebService does both); give the issuer's HTTP-01 solver serviceType ClusterIP. Or solve by DNS-01 (Route 53): set the stack's ingress.acmeSolver to dns01 and the ClusterIssuer's solver in cluster-services to match. Set the controller here as the stack's ingress settings have it.",
    url: "https://cert-manager.io/docs/configuration/acme/http01/",
    configSchema: {
      properties: {
        controllerNamespace: { type: "string", default: "ingress-nginx" },
        controllerPodLabels: {
          type: "object",
          additionalProperties: { type: "string" },
          default: { "app.kubernetes.io/name": "ingress-nginx" },
        },
        acmeSolver: { enum: ["http01", "dns01"], default: "http01" },
        acmeSolverServiceType: { enum: ["ClusterIP", "NodePort"], default: "ClusterIP" },
      },
    },
  },
  {
    subjects: (model) =>
      model.ofKind("Ingress").filter((o) => o.group === "networking.k8s.io" || o.group === "extensions"),
    judge: (ing, model, report, args) => {
      const s: Required<Settings> = {
        controllerNamespace: "ingress-nginx",
        controllerPodLabels: { "app.kubernetes.io/name": "ingress-nginx" },
        acmeSolver: "http01",
        acmeSolverServiceType: "ClusterIP",
        ...args.getConfig<Settings>(),
      };
      const controller = { namespace: s.controllerNamespace, podLabels: s.controllerPodLabels };
      judgeBackends(ing, model, controller, report);
      judgeCertificate(ing, model, s, controller, report);
    },
  },
);
