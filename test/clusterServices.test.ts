import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCheck } from "../automation/check/runCheck";
import { sharedCheck } from "./fixtures/sharedRenders";
import { CheckReport } from "../automation/check/report";
import { chartValues, DEFAULT_MONITORING_RESOURCES } from "../components/monitoring/chartValues";
import { SHARED_MONITORING } from "../components/monitoring/sharedMonitoring";
import { REPO_ROOT } from "./fixtures/paths";

const DIR = path.join(REPO_ROOT, "examples", "cluster-services");
const CHART = "kubernetes:helm.sh/v4:Chart";
const reports: Record<string, CheckReport> = {};
const of = (stack: string, type: string) => reports[stack].resources.filter((r) => r.type === type);
const props = (stack: string, type: string, name: string) =>
  reports[stack].resources.find((r) => r.type === type && r.name === name)!.props as any;

/** Every Pulumi project of the repository: the root program and each example. */
function projects(): string[] {
  return [
    REPO_ROOT,
    ...fs
      .readdirSync(path.join(REPO_ROOT, "examples"))
      .map((d) => path.join(REPO_ROOT, "examples", d))
      .filter((d) => fs.existsSync(path.join(d, "Pulumi.yaml"))),
  ];
}

describe("examples/cluster-services: the cluster's shared services", function () {
  this.timeout(120_000);

  before(async () => {
    for (const stack of ["staging", "prod"]) reports[stack] = await sharedCheck(stack, DIR);
  });

  it("is the only project of the repository that installs kube-prometheus-stack", async () => {
    const withChart: string[] = [];
    for (const dir of projects()) {
      for (const stack of ["staging", "prod"]) {
        const report = dir === DIR ? reports[stack] : await runCheck({ projectDir: dir, stack });
        if (report.resources.some((r) => r.type === CHART && (r.props as any).chart === "kube-prometheus-stack"))
          withChart.push(`${path.relative(REPO_ROOT, dir) || "."} ${stack}`);
      }
    }
    assert.deepEqual(withChart, ["examples/cluster-services staging", "examples/cluster-services prod"]);
  });

  it("passes at prod levels, the chart and the log shipper accepted by name with their reasons, nothing else", () => {
    for (const stack of ["staging", "prod"]) {
      const r = reports[stack];
      assert.deepEqual(
        [r.summary.mandatory, r.summary.advisory, r.summary.schemaErrors, r.summary.notInspected, r.summary.duplicates],
        [0, 0, 0, 0, 0],
        stack,
      );
      assert.deepEqual([...new Set(r.accepted.map((a) => a.name))], ["logs-ds"], stack);
      assert.deepEqual(
        r.notInspected.map((n) => [n.name, n.accepted]),
        [["monitoring-chart", true]],
        stack,
      );
      assert.match(r.notInspected[0].acceptedBecause!, /values keep every component non-root/);
      assert.deepEqual(r.unusedAcceptances, []);
    }
  });

  describe("the chart's values (what check can judge of a chart it cannot render)", () => {
    const values = (stack: string) => props(stack, CHART, "monitoring-chart").values;

    it("keep every component non-root, with RuntimeDefault seccomp, requests and limits, and node-exporter off", () => {
      for (const v of [
        values("prod"),
        chartValues({
          retention: "1d",
          storage: "1Gi",
          resources: DEFAULT_MONITORING_RESOURCES,
          alertmanagerConfig: {},
          receiversSecret: "r",
          grafanaAdminSecret: "g",
        }) as any,
      ]) {
        assert.equal(v.nodeExporter.enabled, false);
        const contexts = [
          v.prometheusOperator.securityContext,
          v.prometheusOperator.admissionWebhooks.patch.securityContext,
          v.prometheus.prometheusSpec.securityContext,
          v.alertmanager.alertmanagerSpec.securityContext,
          v.grafana.securityContext,
          v["kube-state-metrics"].securityContext,
        ];
        for (const ctx of contexts) {
          assert.equal(ctx.runAsNonRoot, true);
          assert.ok(ctx.runAsUser > 0);
          assert.equal(ctx.seccompProfile.type, "RuntimeDefault");
        }
        for (const ctx of [
          v.prometheusOperator.containerSecurityContext,
          v.grafana.containerSecurityContext,
          v["kube-state-metrics"].containerSecurityContext,
        ]) {
          assert.deepEqual(
            [ctx.allowPrivilegeEscalation, ctx.readOnlyRootFilesystem, ctx.capabilities.drop],
            [false, true, ["ALL"]],
          );
        }
        for (const r of [
          v.prometheusOperator.resources,
          v.prometheus.prometheusSpec.resources,
          v.alertmanager.alertmanagerSpec.resources,
          v.grafana.resources,
          v["kube-state-metrics"].resources,
        ]) {
          assert.ok(r.requests.cpu && r.requests.memory && r.limits.memory);
        }
      }
    });

    it("select every team's monitors, rules and routes by the shared label in every namespace, each team's routes seeing only its namespace", () => {
      const v = values("prod");
      const spec = v.prometheus.prometheusSpec;
      for (const key of ["serviceMonitor", "podMonitor", "rule"]) {
        assert.deepEqual(spec[`${key}Selector`], { matchLabels: SHARED_MONITORING.selector }, key);
        assert.deepEqual(spec[`${key}NamespaceSelector`], {}, key);
      }
      assert.deepEqual(v.alertmanager.alertmanagerSpec.alertmanagerConfigSelector, {
        matchLabels: SHARED_MONITORING.selector,
      });
      assert.deepEqual(v.alertmanager.alertmanagerSpec.alertmanagerConfigMatcherStrategy, { type: "OnNamespace" });
      assert.deepEqual(v.commonLabels, SHARED_MONITORING.selector, "the chart's own monitors are selected too");
      assert.equal(v.grafana.sidecar.dashboards.searchNamespace, "ALL");
      assert.equal(v.crds.enabled, true);
    });

    it("carry no secret, and size Prometheus per cluster", () => {
      const v = values("prod");
      assert.deepEqual(v.grafana.admin, {
        existingSecret: "grafana-admin",
        userKey: "admin-user",
        passwordKey: "admin-password",
      });
      assert.match(JSON.stringify(v.alertmanager.config), /routing_key_file/);
      assert.deepEqual(
        [v.prometheus.prometheusSpec.retention, values("staging").prometheus.prometheusSpec.retention],
        ["30d", "7d"],
      );
      for (const name of ["grafana-admin", "alertmanager-receivers"]) {
        const secret = reports.prod.resources.find(
          (r) => r.type === "kubernetes:core/v1:Secret" && (r.props as any).metadata.name === name,
        )!;
        assert.equal((secret.props as any).stringData, "[secret]", name);
      }
    });
  });

  describe("log shipping", () => {
    const ds = () => props("prod", "kubernetes:apps/v1:DaemonSet", "logs-ds").spec.template.spec;

    it("reads the node's logs read-only, as root without capabilities, escalation or a writable root filesystem", () => {
      const [c] = ds().containers;
      assert.deepEqual(c.securityContext.capabilities, { drop: ["ALL"] });
      assert.deepEqual(
        [
          c.securityContext.allowPrivilegeEscalation,
          c.securityContext.readOnlyRootFilesystem,
          c.securityContext.privileged,
        ],
        [false, true, false],
      );
      assert.deepEqual(
        c.volumeMounts.find((m: any) => m.name === "logs"),
        { name: "logs", mountPath: "/var/log", readOnly: true },
      );
      assert.ok(c.resources.requests.cpu && c.resources.limits.memory);
      assert.match(c.image, /:\d+\.\d+\.\d+$/);
      const ns = of("prod", "kubernetes:core/v1:Namespace").find((n) => (n.props as any).metadata.name === "logging")!
        .props as any;
      assert.equal(
        ns.metadata.labels["pod-security.kubernetes.io/enforce"],
        "privileged",
        "the only namespace a node agent may run in",
      );
    });

    it("writes to an encrypted log group with retention, through a role only its ServiceAccount assumes", () => {
      const group = props("prod", "aws:cloudwatch/logGroup:LogGroup", "logs-logs");
      assert.deepEqual([group.name, group.retentionInDays], ["/eks/prod/containers", 365]);
      assert.ok(group.kmsKeyId);
      const trust = JSON.parse(props("prod", "aws:iam/role:Role", "logs-role").assumeRolePolicy).Statement[0];
      assert.deepEqual(Object.values(trust.Condition.StringEquals), [
        "system:serviceaccount:logging:fluent-bit",
        "sts.amazonaws.com",
      ]);
      const config = props("prod", "kubernetes:core/v1:ConfigMap", "logs-settings").data["fluent-bit.conf"];
      assert.match(config, /log_group_name\s+\/eks\/prod\/containers/);
      assert.match(config, /Name\s+kubernetes/);
    });
  });

  it("makes the ClusterIssuers team stacks name: the ACME issuer and the internal CA behind in-cluster TLS", () => {
    const issuers = of("prod", "kubernetes:cert-manager.io/v1:ClusterIssuer").map((r) => r.props as any);
    assert.deepEqual(issuers.map((i) => i.metadata.name).sort(), [
      "letsencrypt-prod",
      "platform-internal-ca",
      "platform-internal-ca-root",
    ]);
    const ca = issuers.find((i) => i.metadata.name === "platform-internal-ca");
    const root = props("prod", "kubernetes:cert-manager.io/v1:Certificate", "issuers-cert");
    assert.deepEqual(
      [root.spec.isCA, root.spec.secretName, ca.spec.ca.secretName],
      [true, "platform-internal-ca-key-pair", "platform-internal-ca-key-pair"],
    );
    assert.equal(root.metadata.namespace, "cert-manager");
    const acme = issuers.find((i) => i.metadata.name === "letsencrypt-prod");
    const [dns01, http01] = acme.spec.acme.solvers;
    // cert-manager's default solver Service is a NodePort, which every team quota refuses.
    assert.equal(http01.http01.ingress.serviceType, "ClusterIP");
    assert.equal(http01.selector, undefined);
    // NEXUS hosts by DNS-01 on Route 53, with no key: cert-manager's ServiceAccount assumes a role by IRSA.
    assert.deepEqual(dns01, {
      selector: { dnsZones: ["nexusplatform.com"] },
      dns01: { route53: { region: "eu-west-1", hostedZoneID: "Z0123456789NEXUSPROD" } },
    });
    const sa = props("prod", "kubernetes:core/v1:ServiceAccountPatch", "issuers-sa");
    assert.deepEqual([sa.metadata.namespace, sa.metadata.name], ["cert-manager", "cert-manager"]);
    assert.ok("eks.amazonaws.com/role-arn" in sa.metadata.annotations);
    const read = (v: unknown): any => (typeof v === "string" ? JSON.parse(v) : v);
    const trust = read(props("prod", "aws:iam/role:Role", "issuers-role").assumeRolePolicy);
    assert.match(JSON.stringify(trust.Statement[0].Condition), /"system:serviceaccount:cert-manager:cert-manager"/);
    const policy = read(props("prod", "aws:iam/rolePolicy:RolePolicy", "issuers-role-policy").policy);
    assert.deepEqual(policy.Statement.find((s: any) => s.Sid === "ChallengeRecords").Resource, [
      "arn:aws:route53:::hostedzone/Z0123456789NEXUSPROD",
    ]);
  });

  it("sets the ingress controller's TLS and header settings apps rely on, patching only those keys", () => {
    const patch = props("prod", "kubernetes:core/v1:ConfigMapPatch", "ingress-settings");
    assert.deepEqual([patch.metadata.namespace, patch.metadata.name], ["ingress-nginx", "ingress-nginx-controller"]);
    assert.equal(patch.data["ssl-protocols"], "TLSv1.2 TLSv1.3");
    assert.equal(patch.data["allow-snippet-annotations"], "false");
    assert.match(patch.data["global-allowed-response-headers"], /Strict-Transport-Security/);
  });
});
