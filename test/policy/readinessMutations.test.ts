import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CapturedResource } from "../../automation/core/resourceModel";
import { evaluatePolicies } from "../../automation/policy/evaluate";
import type { PolicyConfigFile } from "../../automation/policy/policyConfig";
import { REPO_ROOT } from "../fixtures/paths";
import { sharedRender } from "../fixtures/sharedRenders";

/** The prod preset, as `guardrails:policyConfig: prod` applies it. */
const PROD = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "config", "prod.json"), "utf8"));
const prodConfig = (): PolicyConfigFile =>
  Object.fromEntries(
    Object.entries(PROD).map(([name, v]) => [
      name,
      typeof v === "string" ? { enforcementLevel: v } : { properties: v as Record<string, unknown> },
    ]),
  ) as PolicyConfigFile;

/** One defect the rendered prod stack could carry, and the readiness policy that must catch it. */
interface Mutation {
  title: string;
  stack: "root" | "exams";
  /** The resource to change: type suffix and logical name. */
  target: [string, string];
  change: (inputs: any) => void;
  caughtBy: string;
}

const MUTATIONS: Mutation[] = [
  {
    title: "a quota that holds the minimum but not the autoscaling maximum",
    stack: "exams",
    target: [":ResourceQuota", "nexus-production-baseline-quota"],
    change: (q) => (q.spec.hard["requests.cpu"] = "12"),
    caughtBy: "readiness-quota-capacity",
  },
  {
    title: "a readiness probe on a port no container declares",
    stack: "root",
    target: [":Deployment", "lending-apps-api-deploy"],
    change: (d) => (d.spec.template.spec.containers[0].readinessProbe.httpGet.port = "health"),
    caughtBy: "readiness-probe-ports",
  },
  {
    title: "a Service selecting no pod",
    stack: "root",
    target: [":Service", "lending-apps-api-svc"],
    change: (s) => (s.spec.selector = { "app.kubernetes.io/name": "gone" }),
    caughtBy: "readiness-service-endpoints",
  },
  {
    title: "an Ingress backend that does not exist",
    stack: "root",
    target: [":Ingress", "lending-apps-web-ing"],
    change: (i) => (i.spec.rules[0].http.paths[0].backend.service.name = "missing"),
    caughtBy: "readiness-route-backends",
  },
  {
    title: "a ServiceMonitor port the Service lacks",
    stack: "root",
    target: [":ServiceMonitor", "lending-monitoring-api-servicemonitor"],
    change: (m) => (m.spec.endpoints[0].port = "admin"),
    caughtBy: "readiness-monitor-targets",
  },
  {
    title: "a Secret reference nothing creates",
    stack: "root",
    target: [":Deployment", "lending-apps-worker-deploy"],
    change: (d) =>
      d.spec.template.spec.containers[0].env.push({
        name: "API_KEY",
        valueFrom: { secretKeyRef: { name: "never-created", key: "k" } },
      }),
    caughtBy: "readiness-object-references",
  },
  {
    title: "a NetworkPolicy that no longer admits the ingress controller to a public app",
    stack: "root",
    target: [":NetworkPolicy", "lending-apps-api-netpol"],
    change: (np) => (np.spec.ingress = []),
    caughtBy: "readiness-ingress-reachability",
  },
  {
    title: "an autoscaler whose target is gone",
    stack: "exams",
    target: [":HorizontalPodAutoscaler", "nexus-production-apps-backend-hpa"],
    change: (h) => (h.spec.scaleTargetRef.name = "renamed"),
    caughtBy: "readiness-scaling-targets",
  },
  {
    title: "a deployer Role that cannot apply the stack's ServiceMonitors",
    stack: "root",
    target: [":Role", "lending-baseline-deployer"],
    change: (r) => (r.rules = r.rules.filter((rule: any) => !rule.apiGroups.includes("monitoring.coreos.com"))),
    caughtBy: "readiness-deployer-permissions",
  },
  {
    title: "a deployer Role that cannot apply the stack's VerticalPodAutoscalers",
    stack: "exams",
    target: [":Role", "nexus-production-baseline-deployer"],
    change: (r) => (r.rules = r.rules.filter((rule: any) => !rule.apiGroups.includes("autoscaling.k8s.io"))),
    caughtBy: "readiness-deployer-permissions",
  },
  {
    title: "a static replica count on a workload an autoscaler scales",
    stack: "exams",
    target: [":Deployment", "nexus-production-apps-backend-deploy"],
    change: (d) => (d.spec.replicas = 3),
    caughtBy: "readiness-scaling-targets",
  },
  {
    title: "a disruption budget selecting no pod",
    stack: "exams",
    target: [":PodDisruptionBudget", "nexus-production-apps-frontend-pdb"],
    change: (p) => (p.spec.selector = { matchLabels: { "app.kubernetes.io/name": "gone" } }),
    caughtBy: "readiness-scaling-targets",
  },
  {
    title: "a vertical autoscaler whose target is gone",
    stack: "exams",
    target: [":VerticalPodAutoscaler", "nexus-production-apps-backend-vpa"],
    change: (v) => (v.spec.targetRef.name = "renamed"),
    caughtBy: "readiness-scaling-targets",
  },
  {
    title: "a Service target port no container declares",
    stack: "exams",
    target: [":Service", "nexus-production-apps-backend-svc"],
    change: (s) => (s.spec.ports[0].targetPort = "admin"),
    caughtBy: "readiness-service-endpoints",
  },
  {
    title: "a pod behind a Service without a readiness probe",
    stack: "root",
    target: [":Deployment", "lending-apps-web-deploy"],
    change: (d) => delete d.spec.template.spec.containers[0].readinessProbe,
    caughtBy: "readiness-service-endpoints",
  },
  {
    title: "a LimitRange whose maximum is below a container's limit",
    stack: "exams",
    target: [":LimitRange", "nexus-production-baseline-limits"],
    change: (l) => (l.spec.limits[0].max.memory = "512Mi"),
    caughtBy: "readiness-limit-range-admission",
  },
  {
    title: "a quota whose pod count is below the autoscaling maxima",
    stack: "exams",
    target: [":ResourceQuota", "nexus-production-baseline-quota"],
    change: (q) => (q.spec.hard.pods = "4"),
    caughtBy: "readiness-quota-capacity",
  },
  {
    title: "a quota with fewer Services than the stack creates",
    stack: "root",
    target: [":ResourceQuota", "lending-baseline-quota"],
    change: (q) => (q.spec.hard.services = "1"),
    caughtBy: "readiness-quota-capacity",
  },
  {
    title: "a volume naming a ConfigMap nothing creates",
    stack: "exams",
    target: [":Deployment", "nexus-production-apps-frontend-deploy"],
    change: (d) => d.spec.template.spec.volumes.push({ name: "extra", configMap: { name: "never-created" } }),
    caughtBy: "readiness-object-references",
  },
  {
    title: "a ServiceMonitor selecting no Service",
    stack: "exams",
    target: [":ServiceMonitor", "nexus-production-monitoring-backend-servicemonitor"],
    change: (m) => (m.spec.selector = { matchLabels: { "app.kubernetes.io/name": "gone" } }),
    caughtBy: "readiness-monitor-targets",
  },
  {
    title: "an Ingress backend port the Service lacks",
    stack: "exams",
    target: [":Ingress", "nexus-production-apps-backend-ing"],
    change: (i) => (i.spec.rules[0].http.paths[0].backend.service.port = { name: "grpc" }),
    caughtBy: "readiness-route-backends",
  },
  {
    title: "an alert selecting a label no scrape produces",
    stack: "exams",
    target: [":PrometheusRule", "nexus-production-monitoring-alert-rules"],
    change: (r) => {
      const rule = r.spec.groups.flatMap((g: any) => g.rules).find((x: any) => x.alert === "NexusApiServerErrors");
      rule.expr = rule.expr.replace('service="backend"', 'deployment="backend"');
    },
    caughtBy: "readiness-alert-labels",
  },
  {
    title: "an alert on a metric no app declares",
    stack: "root",
    target: [":PrometheusRule", "lending-monitoring-alert-rules"],
    change: (r) =>
      r.spec.groups[0].rules.push({
        alert: "LoanDecisionsFailing",
        expr: 'sum(rate(lending_loan_decisions_failed_total{namespace="lending"}[5m])) > 0',
        labels: { severity: "critical" },
      }),
    caughtBy: "readiness-alert-labels",
  },
  {
    title: "an alert route ending at a receiver without a notifier",
    stack: "root",
    target: [":AlertmanagerConfig", "lending-monitoring-alert-routes"],
    change: (c) => c.spec.receivers.push({ name: "nobody" }) && (c.spec.route.routes[0].receiver = "nobody"),
    caughtBy: "readiness-alert-routes",
  },
  {
    title: "a NetworkPolicy that no longer admits a declared app→database path",
    stack: "root",
    target: [":NetworkPolicy", "lending-apps-api-netpol"],
    change: (np) =>
      (np.spec.egress = np.spec.egress.filter((rule: any) => !rule.ports?.some((p: any) => p.port === 6432))),
    caughtBy: "readiness-declared-paths",
  },
  {
    title: "a NetworkPolicy that no longer lets the backend reach its RDS database",
    stack: "exams",
    target: [":NetworkPolicy", "nexus-production-apps-backend-netpol"],
    change: (np) =>
      (np.spec.egress = np.spec.egress.filter((rule: any) => !rule.ports?.some((p: any) => p.port === 5432))),
    caughtBy: "readiness-declared-paths",
  },
  {
    title: "a NetworkPolicy of the API that no longer admits the worker declaring it",
    stack: "root",
    target: [":NetworkPolicy", "lending-apps-api-netpol"],
    change: (np) =>
      (np.spec.ingress = np.spec.ingress.filter((rule: any) => !rule.from?.some((f: any) => f.podSelector))),
    caughtBy: "readiness-declared-paths",
  },
  {
    title: "a connection budget over max_connections",
    stack: "exams",
    target: [":Deployment", "nexus-production-apps-backend-deploy"],
    change: (d) => (d.metadata.annotations["platform.acme-bank.example/database-connections"] = "400"),
    caughtBy: "readiness-connection-budget",
  },
  {
    title: "a pooler whose server pool outgrows max_connections",
    stack: "root",
    target: [":Deployment", "lending-data-postgres-pooler-deploy"],
    change: (d) =>
      (d.spec.template.spec.containers[0].env.find((e: any) => e.name === "PGBOUNCER_DEFAULT_POOL_SIZE").value =
        "1000"),
    caughtBy: "readiness-connection-budget",
  },
];

/**
 * The defects, each applied alone to a rendered prod stack: each is caught by the
 * readiness policy made for it (mandatory at prod), and the unmutated stacks pass.
 */
describe("deploy readiness on the rendered prod stacks, one defect at a time", function () {
  this.timeout(300_000);
  const rendered: Partial<Record<Mutation["stack"], CapturedResource[]>> = {};

  before(async () => {
    rendered.root = (await sharedRender(REPO_ROOT, "prod")).resources;
    rendered.exams = (await sharedRender(path.join(REPO_ROOT, "examples", "exams"), "prod")).resources;
  });

  const readinessFindings = async (resources: CapturedResource[]) =>
    (await evaluatePolicies(resources, { stack: "prod", project: "platform", config: prodConfig() })).violations.filter(
      (v) => v.category === "readiness",
    );

  for (const stack of ["root", "exams"] as const)
    it(`${stack}: the unmutated prod stack has no readiness finding`, async () => {
      assert.deepEqual(await readinessFindings(rendered[stack]!), []);
    });

  for (const m of MUTATIONS)
    it(`${m.stack}: ${m.title} fails ${m.caughtBy}`, async () => {
      const resources = structuredClone(rendered[m.stack]!);
      const target = resources.find((r) => r.type.endsWith(m.target[0]) && r.name === m.target[1]);
      assert.ok(target, `${m.target.join(" ")} is rendered`);
      m.change(target.inputs);
      const found = await readinessFindings(resources);
      assert.ok(
        found.some((v) => v.policy === m.caughtBy && v.level === "mandatory"),
        `${m.caughtBy} among ${JSON.stringify(found.map((v) => v.policy))}`,
      );
    });
});
