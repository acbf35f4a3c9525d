import { strict as assert } from "node:assert";
import { sharedCheck } from "./fixtures/sharedRenders";
import { CheckReport } from "../automation/check/report";
import { alertRuleGroups, DEFAULT_THRESHOLDS } from "../components/monitoring/alertRules";
import { dataDashboard, platformOverview } from "../components/monitoring/dashboards";
import { promqlProblem } from "../components/monitoring/promql";
import { SHARED_MONITORING } from "../components/monitoring/sharedMonitoring";
import { TeamMonitoring } from "../components/monitoring/teamMonitoring";
import { runCli } from "./fixtures/cli";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";
import { render } from "./mocks";

const ALL_RULES = alertRuleGroups(
  {
    namespace: "lending",
    apps: [
      {
        app: "api",
        exports: [
          { name: "http_requests_total", type: "counter", labels: ["status"] },
          { name: "http_request_duration_seconds", type: "histogram" },
          { name: "db_connection_errors_total", type: "counter" },
          { name: "db_pool_idle_connections", type: "gauge" },
        ],
      },
      { app: "web", exports: [] },
    ],
    postgres: true,
    backupCronJob: "postgres-backup",
    runbookBase: "https://runbooks.example/platform",
  },
  DEFAULT_THRESHOLDS,
).flatMap((g) => g.rules);

const reports: Record<string, CheckReport> = {};
const find = (stack: string, type: string, name: string) =>
  reports[stack].resources.find((r) => r.type === type && r.name === name)!;
const ofType = (stack: string, type: string) => reports[stack].resources.filter((r) => r.type === type);

describe("a team's monitoring on the cluster's shared stack", () => {
  before(async () => {
    reports.staging = await sharedCheck("staging");
    reports.prod = await sharedCheck("prod");
  });

  describe("the platform's alert rules", () => {
    it("has the guide's alerts and the platform's own", () => {
      assert.deepEqual(ALL_RULES.map((r) => r.alert).sort(), [
        "ApiHighErrorRate",
        "ApiHighLatencyP95",
        "ApiRateLimited",
        "BackupRunFailed",
        "BackupTooOld",
        "CertificateExpiringSoon",
        "ContainerMemoryHigh",
        "DatabaseConnectionFailures",
        "DatabaseIdleConnectionsLow",
        "HpaAtMaxReplicas",
        "PersistentVolumeAlmostFull",
        "PodCrashLooping",
        "PodStartFailed",
      ]);
    });

    it("are all valid PromQL, and a broken expression is caught", () => {
      for (const r of ALL_RULES) assert.equal(promqlProblem(r.expr), undefined, `${r.alert}: ${r.expr}`);
      assert.match(promqlProblem("sum(rate(http_requests_total[5m])") ?? "", /^not valid PromQL at character \d+/);
    });

    it("carry a severity, summary, description and runbook URL", () => {
      for (const r of ALL_RULES) {
        assert.ok(["critical", "warning", "info"].includes(r.labels.severity), r.alert);
        assert.ok(r.annotations.summary && r.annotations.description, r.alert);
        assert.match(r.annotations.runbook_url, /^https:\/\/runbooks\.example\/platform#[a-z0-9]+$/, r.alert);
      }
    });

    it("render an app's API and database alerts only when it declares the metrics they read", () => {
      const rules = alertRuleGroups(
        {
          namespace: "x",
          apps: [
            { app: "api", exports: [{ name: "http_requests_total", type: "counter", labels: ["status"] }] },
            { app: "web", exports: [{ name: "http_requests_total", type: "counter", labels: ["method"] }] },
            { app: "worker", exports: [] },
          ],
          postgres: true,
          runbookBase: "https://r",
        },
        DEFAULT_THRESHOLDS,
      ).flatMap((g) => g.rules);
      const names = rules.map((r) => r.alert);
      assert.ok(names.includes("ApiHighErrorRate") && names.includes("ApiRateLimited"));
      assert.equal(names.includes("ApiHighLatencyP95"), false, "no app declares the latency histogram");
      assert.equal(
        names.some((n) => n.startsWith("Database")),
        false,
        "no app declares pool metrics",
      );
      assert.match(rules.find((r) => r.alert === "ApiHighErrorRate")!.expr, /app=~"api"[,}]/);
    });

    it("take their thresholds from config", () => {
      const rules = alertRuleGroups(
        {
          namespace: "x",
          apps: [{ app: "api", exports: [{ name: "http_requests_total", type: "counter", labels: ["status"] }] }],
          postgres: false,
          runbookBase: "https://r",
        },
        { ...DEFAULT_THRESHOLDS, apiErrorRatePercent: 2.5, certExpiryDays: 7 },
      ).flatMap((g) => g.rules);
      assert.match(rules.find((r) => r.alert === "ApiHighErrorRate")!.expr, /\* 100 > 2\.5$/);
      assert.match(rules.find((r) => r.alert === "CertificateExpiringSoon")!.expr, /< 604800$/);
      assert.equal(
        rules.some((r) => r.alert.startsWith("Database") || r.alert.startsWith("Backup")),
        false,
        "no data rules without data",
      );
    });
  });

  describe("in the root program's stacks", () => {
    it("installs no monitoring stack of its own: no chart, no monitoring namespace", () => {
      for (const stack of ["staging", "prod"]) {
        assert.equal(ofType(stack, "kubernetes:helm.sh/v4:Chart").length, 0, stack);
        assert.deepEqual(
          ofType(stack, "kubernetes:core/v1:Namespace").map((n) => (n.props as any).metadata.name),
          ["lending"],
          stack,
        );
      }
    });

    it("puts its rules, monitors, routes and dashboards in its own namespace, labelled for the shared stack", () => {
      for (const stack of ["staging", "prod"]) {
        const mine = reports[stack].resources.filter((r) => r.type.startsWith("kubernetes:monitoring.coreos.com/"));
        assert.deepEqual(
          [...new Set(mine.map((r) => r.type))].sort(),
          [
            "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
            "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
            "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
            ...(stack === "staging" ? ["kubernetes:monitoring.coreos.com/v1:PodMonitor"] : []),
          ].sort(),
          stack,
        );
        for (const r of mine) {
          assert.equal((r.props as any).metadata.namespace, "lending", r.name);
          assert.deepEqual(
            Object.entries(SHARED_MONITORING.selector).every(([k, v]) => (r.props as any).metadata.labels[k] === v),
            true,
            r.name,
          );
        }
        const dashboards = ofType(stack, "kubernetes:core/v1:ConfigMap").filter(
          (r) => (r.props as any).metadata.labels?.grafana_dashboard === "1",
        );
        assert.deepEqual(
          dashboards.map((d) => (d.props as any).metadata.namespace),
          ["lending", "lending"],
        );
      }
    });

    it("labels every alert with the team's namespace, so the shared Alertmanager routes it only to the team", () => {
      const rule = find("prod", "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "lending-monitoring-alert-rules")
        .props as any;
      const rules = rule.spec.groups.flatMap((g: any) => g.rules);
      assert.ok(rules.length > 10);
      for (const r of rules) assert.deepEqual([r.labels.namespace, r.labels.team], ["lending", "lending"], r.alert);
      assert.match(rules[0].expr, /> 1$/, "prod's threshold");
      const staging = find(
        "staging",
        "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
        "lending-monitoring-alert-rules",
      ).props as any;
      assert.match(staging.spec.groups[0].rules[0].expr, /> 5$/, "staging's threshold");
    });

    it("routes its alerts by severity to its receivers, their URLs and keys only in its Secret", () => {
      const config = find(
        "prod",
        "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
        "lending-monitoring-alert-routes",
      ).props as any;
      assert.deepEqual(
        config.spec.route.routes.map((r: any) => [r.receiver, r.matchers[0].value]),
        [
          ["lending-oncall", "critical"],
          ["lending-alerts", "warning|info"],
        ],
      );
      const pager = config.spec.receivers.find((r: any) => r.name === "lending-oncall");
      assert.deepEqual(pager.pagerdutyConfigs[0].routingKey, {
        name: "platform-alert-receivers",
        key: "lending-oncall",
      });
      const slack = config.spec.receivers.find((r: any) => r.name === "lending-alerts");
      assert.deepEqual(slack.slackConfigs[0].apiURL, { name: "platform-alert-receivers", key: "lending-alerts" });
      const secret = reports.prod.resources.find(
        (r) => r.type === "kubernetes:core/v1:Secret" && (r.props as any).metadata.name === "platform-alert-receivers",
      )!;
      assert.equal((secret.props as any).stringData, "[secret]");
      assert.ok(
        find(
          "prod",
          "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
          "lending-monitoring-alert-routes",
        ).dependencies.includes(secret.urn),
      );
    });

    it("scrapes the apps with metrics and, in staging, the in-cluster stores' exporters, admitting only the shared Prometheus", () => {
      const sm = find(
        "staging",
        "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
        "lending-monitoring-api-servicemonitor",
      ).props as any;
      assert.deepEqual(sm.spec.endpoints, [
        {
          port: "http",
          path: "/metrics",
          interval: "30s",
          scheme: "http",
          relabelings: [{ action: "replace", targetLabel: "app", replacement: "api" }],
        },
      ]);
      const exporters = ofType("staging", "kubernetes:monitoring.coreos.com/v1:PodMonitor").map((r) => r.props as any);
      assert.deepEqual(exporters.map((p) => p.metadata.name).sort(), ["postgres-exporter", "redis-exporter"]);
      for (const p of exporters) assert.deepEqual(p.spec.podMetricsEndpoints[0].port, "metrics");
      const np = find(
        "staging",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "lending-monitoring-postgres-exporter-scrape",
      ).props as any;
      assert.deepEqual(np.spec.ingress[0].from[0].namespaceSelector.matchLabels, {
        "kubernetes.io/metadata.name": "monitoring",
      });
      assert.deepEqual(np.spec.ingress[0].ports, [{ protocol: "TCP", port: 9187 }]);
      assert.equal(
        ofType("prod", "kubernetes:monitoring.coreos.com/v1:PodMonitor").length,
        0,
        "managed stores have CloudWatch alarms instead",
      );
    });

    it("runs each in-cluster store's exporter hardened beside it, with the credentials from its Secret", () => {
      const pod = (name: string) =>
        (find("staging", "kubernetes:apps/v1:StatefulSet", name).props as any).spec.template.spec;
      const pg = pod("lending-data-postgres-sts").containers.find((c: any) => c.name === "exporter");
      assert.equal(pg.securityContext.runAsUser, 65534);
      assert.deepEqual(
        [
          pg.securityContext.readOnlyRootFilesystem,
          pg.securityContext.allowPrivilegeEscalation,
          pg.securityContext.capabilities,
        ],
        [true, false, { drop: ["ALL"] }],
      );
      assert.deepEqual(pg.env.find((e: any) => e.name === "DATA_SOURCE_PASS").valueFrom, {
        secretKeyRef: { name: "postgres-server", key: "POSTGRES_PASSWORD" },
      });
      assert.ok(pg.resources.limits.memory);
      const redis = pod("lending-data-redis-sts").containers.find((c: any) => c.name === "exporter");
      assert.deepEqual(redis.env.find((e: any) => e.name === "REDIS_PASSWORD").valueFrom, {
        secretKeyRef: { name: "redis-config", key: "REDISCLI_AUTH" },
      });
    });

    it("keeps the dashboards valid, with stable UIDs and parseable queries", () => {
      for (const stack of ["staging", "prod"]) {
        for (const cm of ofType(stack, "kubernetes:core/v1:ConfigMap").filter(
          (r) => (r.props as any).metadata.labels?.grafana_dashboard === "1",
        )) {
          const [[file, text]] = Object.entries<string>((cm.props as any).data);
          const dashboard = JSON.parse(text);
          assert.equal(file, `${dashboard.uid}.json`);
          assert.ok(dashboard.uid.length <= 40);
          for (const panel of dashboard.panels)
            for (const t of panel.targets) assert.equal(promqlProblem(t.expr), undefined, t.expr);
        }
      }
      assert.equal(platformOverview("lending").uid, "lending-platform-overview");
      assert.ok(
        dataDashboard("lending").panels.some((p) =>
          p.targets.some((t) => t.expr.includes("pg_stat_database_numbackends")),
        ),
        "the exporter's metrics have a panel",
      );
    });

    it("alarms on managed data in prod only, to an encrypted topic CloudWatch may use", () => {
      assert.equal(ofType("staging", "aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
      const alarms = ofType("prod", "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.props as any);
      const byMetric = (m: string) => alarms.filter((a) => a.metricName === m);
      assert.equal(byMetric("CPUUtilization")[0].threshold, 75);
      assert.equal(byMetric("FreeStorageSpace")[0].threshold, 20 * 2 ** 30);
      assert.equal(byMetric("ReplicaLag").length, 1);
      assert.equal(byMetric("Evictions").length, 3);
      const key = reports.prod.resources.find((r) => r.type === "aws:kms/key:Key" && r.name.endsWith("alarm-kms"))!;
      assert.match(JSON.stringify((key.props as any).policy), /cloudwatch\.amazonaws\.com/);
    });
  });

  describe("the team's own rules and dashboards from stack config", () => {
    const withRules = (rules: unknown[], dashboards: unknown[] = []) => {
      const config = stackConfigOf("staging");
      config["platform:monitoring"] = { ...config["platform:monitoring"], rules, dashboards };
      return tempProject("staging", config);
    };

    it("render into the team's PrometheusRule and a dashboard ConfigMap", async () => {
      const p = withRules(
        [
          {
            alert: "LoanDecisionsFailing",
            expr: "sum(rate(lending_decisions_failed_total[5m])) > 0.2",
            for: "5m",
            severity: "critical",
            summary: "Loan decisions fail",
          },
        ],
        [
          {
            name: "decisions",
            title: "Decisions",
            panels: [{ title: "Failures", queries: [{ expr: "sum(rate(lending_decisions_failed_total[5m]))" }] }],
          },
        ],
      );
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "staging", "--json"]);
        assert.equal(run.code, 0, run.stdout.slice(0, 2000) + run.stderr);
        const report = JSON.parse(run.stdout);
        const rule = report.resources.find((r: any) => r.type === "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
        const team = rule.props.spec.groups.find((g: any) => g.name === "platform-team");
        assert.deepEqual(
          team.rules.map((r: any) => [r.alert, r.labels.severity, r.labels.namespace]),
          [["LoanDecisionsFailing", "critical", "lending"]],
        );
        assert.ok(
          report.resources.some(
            (r: any) =>
              r.type === "kubernetes:core/v1:ConfigMap" && r.props.metadata.name === "dashboard-lending-decisions",
          ),
        );
      } finally {
        p.cleanup();
      }
    });

    it("refuse a broken expression with exit 2, naming the key and where it breaks", async () => {
      const p = withRules([
        {
          alert: "Broken",
          expr: "sum(rate(lending_decisions_failed_total[5m]) > 0.2",
          severity: "warning",
          summary: "x",
        },
      ]);
      try {
        const run = await runCli(["check", "--project-dir", p.dir, "--stack", "staging"]);
        assert.equal(run.code, 2);
        assert.match(
          run.stderr,
          /^error: Pulumi\.staging\.yaml: platform:monitoring\.rules\[0\]\.expr: expected a PromQL expression: not valid PromQL at character \d+/,
        );
        assert.equal(run.stderr.trim().split("\n").length, 1);
      } finally {
        p.cleanup();
      }
    });

    it("refuse a dashboard query that is not PromQL, and a rule name given twice", async () => {
      const broken = withRules(
        [],
        [{ name: "d", title: "D", panels: [{ title: "p", queries: [{ expr: "rate(x[5m]" }] }] }],
      );
      const twice = withRules([1, 2].map(() => ({ alert: "Same", expr: "up == 0", severity: "info", summary: "s" })));
      try {
        assert.match(
          (await runCli(["check", "--project-dir", broken.dir, "--stack", "staging"])).stderr,
          /platform:monitoring\.dashboards\[0\]\.panels\[0\]\.queries\[0\]\.expr: expected a PromQL expression/,
        );
        assert.match(
          (await runCli(["check", "--project-dir", twice.dir, "--stack", "staging"])).stderr,
          /platform:monitoring\.rules\[1\]: expected each alert name once, got "Same" again/,
        );
      } finally {
        broken.cleanup();
        twice.cleanup();
      }
    });
  });

  it("TeamMonitoring refuses a broken expression given in code, naming the rule", async () => {
    await assert.rejects(
      render(
        () =>
          new TeamMonitoring("mon", {
            namespace: "team",
            namespaceName: "team",
            partOf: "team",
            rules: [{ alert: "X", expr: "up ==", severity: "info", summary: "s" }],
          }),
      ),
      /rule X: not valid PromQL/,
    );
  });
});
