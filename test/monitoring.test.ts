import { strict as assert } from "node:assert";
import { parser } from "@prometheus-io/lezer-promql";
import { runCheck } from "../automation/check/runCheck";
import { CheckReport } from "../automation/check/report";
import { alertmanagerConfig } from "../components/monitoring/alertmanagerConfig";
import { alertRuleGroups, DEFAULT_THRESHOLDS } from "../components/monitoring/alertRules";
import { dataDashboard, platformOverview } from "../components/monitoring/dashboards";
import { MonitoringStack } from "../components/monitoring/monitoringStack";
import { isSecret, render } from "./mocks";
import { baselineArgs } from "./fixtures/baseline";

/** Parse errors of a PromQL expression, by position (empty when it parses). */
function promqlErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({ enter: (node) => { if (node.type.isError) errors.push(node.from); } });
  return errors;
}

const ALL_RULES = alertRuleGroups(
  { namespace: "lending", httpApps: ["api", "web"], postgres: true, backupCronJob: "postgres-backup", runbookBase: "https://runbooks.example/platform" },
  DEFAULT_THRESHOLDS,
).flatMap((g) => g.rules);

const reports: Record<string, CheckReport> = {};
const find = (stack: string, type: string, name: string) => reports[stack].resources.find((r) => r.type === type && r.name === name)!;

describe("monitoring", () => {
  before(async () => {
    reports.staging = await runCheck({ stack: "staging" });
    reports.prod = await runCheck({ stack: "prod" });
  });

  describe("alert rules", () => {
    it("has the guide's alerts and the platform's own", () => {
      assert.deepEqual(ALL_RULES.map((r) => r.alert).sort(), [
        "ApiHighErrorRate", "ApiHighLatencyP95", "ApiRateLimited", "BackupJobFailed", "BackupTooOld", "CertificateExpiringSoon",
        "ContainerMemoryHigh", "DatabaseConnectionFailures", "DatabaseIdleConnectionsLow", "HpaAtMaxReplicas", "PersistentVolumeAlmostFull",
        "PodCrashLooping", "PodStartFailed",
      ]);
    });

    it("are all valid PromQL (the Prometheus parser finds no error)", () => {
      for (const r of ALL_RULES) assert.deepEqual(promqlErrors(r.expr), [], `${r.alert}: ${r.expr}`);
    });

    it("fail the parser when an expression is broken (the check can fail)", () => {
      assert.notDeepEqual(promqlErrors("sum(rate(http_requests_total[5m])"), []);
    });

    it("carry a severity, summary, description and runbook URL", () => {
      for (const r of ALL_RULES) {
        assert.ok(["critical", "warning", "info"].includes(r.labels.severity), r.alert);
        assert.ok(r.annotations.summary && r.annotations.description, r.alert);
        assert.match(r.annotations.runbook_url, /^https:\/\/runbooks\.example\/platform#[a-z0-9]+$/, r.alert);
      }
    });

    it("take their thresholds from config", () => {
      const rules = alertRuleGroups({ namespace: "x", httpApps: ["api"], postgres: false, runbookBase: "https://r" }, { ...DEFAULT_THRESHOLDS, apiErrorRatePercent: 2.5, certExpiryDays: 7 })
        .flatMap((g) => g.rules);
      assert.match(rules.find((r) => r.alert === "ApiHighErrorRate")!.expr, /\* 100 > 2\.5$/);
      assert.match(rules.find((r) => r.alert === "CertificateExpiringSoon")!.expr, /< 604800$/);
      assert.equal(rules.some((r) => r.alert.startsWith("Database") || r.alert.startsWith("Backup")), false, "no data rules without data");
    });

    it("render per stack with each stack's thresholds into one PrometheusRule after the chart", () => {
      const rule = (stack: string) => find(stack, "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "lending-monitoring-alert-rules");
      const expr = (stack: string) => (rule(stack).props as any).spec.groups[0].rules[0].expr;
      assert.match(expr("staging"), /> 5$/);
      assert.match(expr("prod"), /> 1$/);
      const chart = find("prod", "kubernetes:helm.sh/v4:Chart", "lending-monitoring-chart");
      assert.ok(rule("prod").dependencies.includes(chart.urn), "the CRDs exist first");
    });
  });

  describe("dashboards", () => {
    it("are valid JSON with stable UIDs, the asked panels and parseable queries", () => {
      for (const stack of ["staging", "prod"]) {
        const maps = reports[stack].resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap" && (r.props as any).metadata.labels?.grafana_dashboard === "1");
        assert.equal(maps.length, 2);
        for (const cm of maps) {
          const [[file, text]] = Object.entries<string>((cm.props as any).data);
          const dashboard = JSON.parse(text);
          assert.equal(file, `${dashboard.uid}.json`);
          assert.ok(dashboard.uid.length <= 40);
          for (const panel of dashboard.panels) for (const t of panel.targets) assert.deepEqual(promqlErrors(t.expr), [], t.expr);
        }
      }
      assert.deepEqual(platformOverview("lending").panels.map((p) => p.title), [
        "Request rate by app", "p95 latency by app", "Error rate by app (5xx)", "Pod CPU against limits", "Pod memory against limits", "Container restarts (1h)",
      ]);
      assert.deepEqual(dataDashboard("lending").panels.map((p) => p.title).slice(0, 5), [
        "Database connections by app", "Database connection errors", "Redis memory used", "Redis evictions", "Time since the last verified backup",
      ]);
      assert.equal(platformOverview("lending").uid, platformOverview("lending").uid);
      assert.equal(platformOverview("lending").uid, "lending-platform-overview");
    });
  });

  describe("the chart", () => {
    const values = (stack: string) => (find(stack, "kubernetes:helm.sh/v4:Chart", "lending-monitoring-chart").props as any).values;

    it("pins kube-prometheus-stack and sizes it per stack", () => {
      const chart = find("prod", "kubernetes:helm.sh/v4:Chart", "lending-monitoring-chart").props as any;
      assert.equal(chart.chart, "kube-prometheus-stack");
      assert.match(chart.version, /^\d+\.\d+\.\d+$/);
      assert.equal(chart.repositoryOpts.repo, "https://prometheus-community.github.io/helm-charts");
      assert.deepEqual([values("staging").prometheus.prometheusSpec.retention, values("staging").prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage], ["7d", "20Gi"]);
      assert.deepEqual([values("prod").prometheus.prometheusSpec.retention, values("prod").prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage], ["30d", "200Gi"]);
      assert.equal(values("prod").prometheus.prometheusSpec.resources.limits.memory, "8Gi");
    });

    it("runs every component non-root with limits, and leaves node-exporter out", () => {
      const v = values("prod");
      assert.equal(v.nodeExporter.enabled, false);
      for (const ctx of [v.prometheusOperator.securityContext, v.prometheus.prometheusSpec.securityContext, v.alertmanager.alertmanagerSpec.securityContext, v.grafana.securityContext, v["kube-state-metrics"].securityContext]) {
        assert.equal(ctx.runAsNonRoot, true);
        assert.ok(ctx.runAsUser > 0);
        assert.equal(ctx.seccompProfile.type, "RuntimeDefault");
      }
      for (const r of [v.prometheusOperator.resources, v.prometheus.prometheusSpec.resources, v.alertmanager.alertmanagerSpec.resources, v.grafana.resources]) {
        assert.ok(r.requests.cpu && r.requests.memory && r.limits.memory);
      }
    });

    it("carries no secret: Grafana and Alertmanager read theirs from Secrets", () => {
      const v = values("prod");
      assert.deepEqual(v.grafana.admin, { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
      assert.deepEqual(v.alertmanager.alertmanagerSpec.secrets, ["alertmanager-receivers"]);
      const config = JSON.stringify(v.alertmanager.config);
      assert.match(config, /routing_key_file/);
      assert.match(config, /api_url_file/);
      assert.doesNotMatch(JSON.stringify(reports.prod), /offline-check-placeholder/);
      for (const name of ["grafana-admin", "alertmanager-receivers"]) {
        const secret = reports.prod.resources.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.props as any).metadata.name === name)!;
        assert.equal((secret.props as any).stringData, "[secret]", name);
      }
    });

    it("routes alerts by severity: critical pages, warnings and info go to Slack", () => {
      const routes = (values("prod").alertmanager.config.route.routes as any[]).slice(1);
      assert.deepEqual(routes.map((r) => [r.receiver, r.matchers[0]]), [["lending-oncall", 'severity =~ "critical"'], ["lending-alerts", 'severity =~ "warning|info"']]);
      const none = alertmanagerConfig([], "s") as any;
      assert.deepEqual(none.receivers, [{ name: "null" }]);
    });
  });

  it("scrapes the apps with metrics, admitting only Prometheus on their port", () => {
    const sm = find("staging", "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "lending-monitoring-api-servicemonitor").props as any;
    assert.deepEqual(sm.spec.endpoints, [{ port: "http", path: "/metrics", interval: "30s", scheme: "http" }]);
    assert.equal(sm.metadata.namespace, "lending");
    const np = find("staging", "kubernetes:networking.k8s.io/v1:NetworkPolicy", "lending-monitoring-api-scrape").props as any;
    assert.deepEqual(np.spec.ingress[0].from[0].namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "lending-monitoring" });
    assert.deepEqual(np.spec.ingress[0].ports, [{ protocol: "TCP", port: 8080 }]);
  });

  it("generates the Grafana admin password as a secret", async () => {
    let stack!: MonitoringStack;
    await render(() => {
      stack = new MonitoringStack("mon", {
        namespace: "team-monitoring", partOf: "team", appNamespace: "team", appNamespaceName: "team",
        quota: baselineArgs().quota, limitRange: baselineArgs().limitRange,
      });
    }, { preview: false });
    assert.equal(await isSecret(stack.grafanaAdminPassword), true);
  });

  it("alarms on managed data in prod only, to an encrypted topic CloudWatch may use", () => {
    assert.equal(reports.staging.resources.some((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm"), false);
    const alarms = reports.prod.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.props as any);
    const byMetric = (m: string) => alarms.filter((a) => a.metricName === m);
    assert.equal(byMetric("CPUUtilization")[0].threshold, 75);
    assert.equal(byMetric("FreeStorageSpace")[0].threshold, 20 * 2 ** 30);
    assert.equal(byMetric("DatabaseConnections")[0].threshold, 800);
    assert.equal(byMetric("ReplicaLag").length, 1);
    assert.equal(byMetric("EngineCPUUtilization").length, 3);
    assert.equal(byMetric("DatabaseMemoryUsagePercentage").length, 3);
    assert.equal(byMetric("Evictions").length, 3);
    const topic = reports.prod.resources.find((r) => r.type === "aws:sns/topic:Topic")!;
    assert.ok((topic.props as any).kmsMasterKeyId);
    const key = reports.prod.resources.find((r) => r.type === "aws:kms/key:Key" && r.name.endsWith("alarm-kms"))!;
    assert.match(JSON.stringify((key.props as any).policy), /cloudwatch\.amazonaws\.com/);
  });
});
