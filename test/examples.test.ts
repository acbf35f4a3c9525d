import { strict as assert } from "node:assert";
import * as path from "node:path";
import { runCheck } from "../automation/check/runCheck";
import { sharedCheck } from "./fixtures/sharedRenders";
import { CheckReport } from "../automation/check/report";
import { isSecretEnvelope } from "../automation/core/resourceModel";
import { renderProjectStack } from "./fixtures/renderProject";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigOf } from "./fixtures/stackFiles";
import { parse } from "yaml";
import { promqlProblem } from "../components/monitoring/promql";

const PROJECTS = [
  { name: "the root lending program", dir: REPO_ROOT, namespace: "platform" },
  { name: "examples/exams", dir: path.join(REPO_ROOT, "examples", "exams"), namespace: "nexus" },
  { name: "examples/core-banking", dir: path.join(REPO_ROOT, "examples", "core-banking"), namespace: "nexum" },
  { name: "examples/lending-aws", dir: path.join(REPO_ROOT, "examples", "lending-aws"), namespace: "nexis" },
  {
    name: "examples/cluster-services",
    dir: path.join(REPO_ROOT, "examples", "cluster-services"),
    namespace: "services",
  },
];
const STACKS = ["staging", "prod"] as const;
const VPA = "kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler";

const reports = new Map<string, CheckReport>();
const reportOf = (dir: string, stack: string) => reports.get(`${dir}:${stack}`)!;

describe("the projects, as a team's stacks", function () {
  this.timeout(120_000);

  before(async () => {
    for (const p of PROJECTS)
      for (const stack of STACKS) reports.set(`${p.dir}:${stack}`, await sharedCheck(stack, p.dir));
  });

  for (const p of PROJECTS) {
    for (const stack of STACKS) {
      it(`${p.name} (${stack}): every object validated against a schema, none with an error`, () => {
        const r = reportOf(p.dir, stack);
        assert.deepEqual(
          [r.summary.schemaErrors, r.summary.notValidated],
          [0, 0],
          JSON.stringify([r.schemaErrors, r.notValidated]).slice(0, 2000),
        );
      });

      it(`${p.name} (${stack}): each RDS instance's parameter group is of its engine major's family`, () => {
        const r = reportOf(p.dir, stack);
        const config = stackConfigOf(stack, p.dir);
        const postgres = config[`${p.namespace}:data`]?.postgres ?? config[`${p.namespace}:postgres`];
        const instances = r.resources.filter(
          (x) => x.type === "aws:rds/instance:Instance" && !x.props.replicateSourceDb,
        );
        assert.equal(instances.length, postgres?.mode === "managed" ? 1 : 0);
        for (const db of instances) {
          const group = r.resources.find(
            (x) => x.type === "aws:rds/parameterGroup:ParameterGroup" && db.dependencies.includes(x.urn),
          );
          assert.ok(group, `${db.name} has a parameter group`);
          const major = String(db.props.engineVersion).split(".")[0];
          assert.equal(group.props.family, `postgres${major}`);
          if (postgres.engineVersion)
            assert.equal(db.props.engineVersion, postgres.engineVersion, "the stack's version");
        }
      });
    }
  }

  describe("examples/exams", () => {
    const dir = PROJECTS[1].dir;

    it("has a VerticalPodAutoscaler per app that asks for one, in the stack's update mode, aimed at the app's Deployment", () => {
      for (const stack of STACKS) {
        const apps = stackConfigOf(stack, dir)["nexus:apps"] as any[];
        const wanted = apps.filter((a) => a.verticalAutoscaling).map((a) => [a.name, a.verticalAutoscaling.updateMode]);
        assert.ok(wanted.length > 0, stack);
        const vpas = reportOf(dir, stack)
          .resources.filter((x) => x.type === VPA)
          .map((x) => x.props as any);
        assert.deepEqual(
          vpas.map((v) => [v.metadata.name, v.spec.updatePolicy.updateMode]).sort(),
          wanted.sort(),
          stack,
        );
        for (const v of vpas)
          assert.deepEqual(v.spec.targetRef, { apiVersion: "apps/v1", kind: "Deployment", name: v.metadata.name });
      }
    });

    it("runs in-cluster Redis in staging from its Secret-mounted configuration (append-only file and password: see RedisCache's tests)", async () => {
      const rendered = await renderProjectStack(dir, "staging");
      const named = (type: string, name: string) =>
        rendered.resources.filter((x) => x.type === type && (x.inputs as any).metadata.name === name);
      const redis = named("kubernetes:apps/v1:StatefulSet", "redis");
      assert.equal(redis.length, 1);
      const pod = (redis[0].inputs as any).spec.template.spec;
      assert.deepEqual(pod.containers[0].args, ["/etc/redis/redis.conf"]);
      assert.equal(pod.volumes.find((v: any) => v.name === "config").secret.secretName, "redis-config");
      const [conf] = named("kubernetes:core/v1:Secret", "redis-config");
      assert.ok(
        isSecretEnvelope((conf.inputs as any).stringData),
        "the configuration, password included, is a Pulumi secret",
      );
      assert.equal(stackConfigOf("staging", dir)["nexus:data"].redis.mode, "in-cluster");
    });
  });

  describe("examples/exams monitoring", () => {
    const dir = PROJECTS[1].dir;
    const of = (stack: string, type: string) =>
      reportOf(dir, stack)
        .resources.filter((x) => x.type === type)
        .map((x) => x.props as any);

    it("renders the exam platform's own rules on the guide's metrics, labelled with its namespace, and its dashboard", () => {
      for (const stack of STACKS) {
        const [rule] = of(stack, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
        const team = rule.spec.groups.find((g: any) => g.name.endsWith("-team"));
        assert.deepEqual(
          team.rules.map((r: any) => r.alert),
          ["NexusApiServerErrors", "NexusDatabaseConnectionsHigh"],
          stack,
        );
        assert.match(team.rules[0].expr, /http_requests_total\{[^}]*service="backend"/);
        assert.match(team.rules[1].expr, /pg_stat_database_numbackends\{[^}]*datname=/);
        assert.equal(team.rules[0].labels.namespace, rule.metadata.namespace);
        const boards = of(stack, "kubernetes:core/v1:ConfigMap")
          .filter((c) => c.metadata.labels?.grafana_dashboard === "1")
          .map((c) => c.metadata.name);
        assert.ok(
          boards.some((b: string) => b.endsWith("-exams")),
          `${stack}: ${boards.join(", ")}`,
        );
      }
    });

    it("routes its alerts through its own AlertmanagerConfig, and scrapes its in-cluster stores' exporters in staging", () => {
      for (const stack of STACKS)
        assert.equal(of(stack, "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig").length, 1, stack);
      assert.deepEqual(
        of("staging", "kubernetes:monitoring.coreos.com/v1:PodMonitor")
          .map((p) => p.metadata.name)
          .sort(),
        ["postgres-exporter", "redis-exporter"],
      );
    });
  });

  describe("examples/core-banking (guide 003)", () => {
    const dir = PROJECTS[2].dir;
    const find = (stack: string, type: string) => reportOf(dir, stack).resources.filter((x) => x.type === type);

    it("is clean at prod levels in both stacks", async () => {
      for (const stack of STACKS) {
        const report = await runCheck({
          projectDir: dir,
          stack,
          policyConfig: path.join(REPO_ROOT, "policy", "config", "prod.json"),
        });
        assert.deepEqual(
          [report.summary.mandatory, report.summary.advisory],
          [0, 0],
          `${stack}: ${JSON.stringify(report.violations).slice(0, 1500)}`,
        );
      }
    });

    it("has the guide's three Nexum alerts, parsed as PromQL, in Amazon Managed Prometheus", () => {
      for (const stack of STACKS) {
        const [rules] = find(stack, "aws:amp/ruleGroupNamespace:RuleGroupNamespace");
        const alerts = parse(String(rules.props.data)).groups.flatMap((g: any) => g.rules);
        assert.deepEqual(
          alerts.map((a: any) => a.alert),
          ["NexumHighErrorRate", "NexumDatabaseConnectionsLow", "NexumRequestLatencyHigh"],
        );
        for (const a of alerts) assert.equal(promqlProblem(a.expr), undefined, a.alert);
      }
    });

    it("runs prod on the guide's RDS PostgreSQL 15: Multi-AZ, a replica, 30-day backups, its parameters with TLS forced", () => {
      const instances = find("prod", "aws:rds/instance:Instance");
      const primary = instances.find((i) => !i.props.replicateSourceDb)!;
      assert.deepEqual(
        [
          primary.props.engineVersion,
          primary.props.multiAz,
          primary.props.backupRetentionPeriod,
          primary.props.instanceClass,
        ],
        ["15", true, 30, "db.r6g.large"],
      );
      assert.equal(instances.length, 2, "primary and read replica");
      const params = Object.fromEntries(
        (find("prod", "aws:rds/parameterGroup:ParameterGroup")[0].props.parameters as any[]).map((p) => [
          p.name,
          p.value,
        ]),
      );
      assert.deepEqual(
        [
          params["rds.force_ssl"],
          params.max_connections,
          params.shared_preload_libraries,
          params.log_min_duration_statement,
        ],
        ["1", "200", "pg_stat_statements", "1000"],
      );
    });

    it("scales the API 3–20 on CPU, memory and requests per task, and keeps Kafka on TLS with IAM", () => {
      assert.deepEqual(
        find("prod", "aws:appautoscaling/target:Target").map((t) => [t.props.minCapacity, t.props.maxCapacity]),
        [[3, 20]],
      );
      assert.equal(find("prod", "aws:appautoscaling/policy:Policy").length, 3);
      const [kafka] = find("prod", "aws:msk/cluster:Cluster");
      assert.deepEqual((kafka.props as any).encryptionInfo.encryptionInTransit, {
        clientBroker: "TLS",
        inCluster: true,
      });
      assert.equal(
        find("staging", "aws:msk/serverlessCluster:ServerlessCluster").length,
        1,
        "staging on MSK Serverless",
      );
    });

    it("creates the team's topics through the Kafka provider over TLS with IAM, and grants the API exactly those", () => {
      for (const stack of STACKS) {
        const r = reportOf(dir, stack);
        const [provider] = r.resources.filter((x) => x.type === "pulumi:providers:kafka");
        assert.deepEqual([provider.props.saslMechanism, String(provider.props.tlsEnabled)], ["aws-iam", "true"], stack);
        const topics = find(stack, "kafka:index/topic:Topic").map((t) => t.props.name);
        assert.deepEqual(
          topics,
          ["transactions", "accounts", "loans", "audit"].map((e) => `nexum-${stack}.${e}`),
        );
        const [task] = find(stack, "aws:ecs/taskDefinition:TaskDefinition").filter(
          (t) => !/-migrate$/.test(String(t.props.family)),
        );
        const env = Object.fromEntries(
          JSON.parse(String(task.props.containerDefinitions))[0].environment.map((e: any) => [e.name, e.value]),
        );
        assert.deepEqual(
          [env.NEXUM_KAFKA_SECURITY_PROTOCOL, env.NEXUM_KAFKA_SASL_MECHANISM],
          ["SASL_SSL", "AWS_MSK_IAM"],
        );
        assert.equal(env.NEXUM_AUTO_MIGRATE, undefined, "no migration in every task");
      }
    });

    it("migrates once per image before the service rolls out, behind RDS Proxy, with alarms that reach a subscriber", () => {
      for (const stack of STACKS) {
        const r = reportOf(dir, stack);
        const [run] = find(stack, "command:local:Command");
        assert.equal((run.props as any).triggers[0], (stackConfigOf(stack, dir) as any)["nexum:api"].image);
        const [service] = find(stack, "aws:ecs/service:Service");
        assert.ok(service.dependencies.includes(run.urn), `${stack}: the service waits for the migration`);
        const [proxy] = find(stack, "aws:rds/proxy:Proxy");
        assert.deepEqual([proxy.props.requireTls, proxy.props.engineFamily], [true, "POSTGRESQL"]);
        assert.equal(find(stack, "aws:sns/topicSubscription:TopicSubscription").length, 2);
        assert.equal(
          find(stack, "aws:cloudwatch/logMetricFilter:LogMetricFilter")[0].props.pattern,
          '{ ($.level = "ERROR") || ($.level = "CRITICAL") }',
        );
        assert.equal(r.violations.length, 0);
      }
    });

    it("gives the API its secrets only by reference: no secret value in the task definition", () => {
      for (const stack of STACKS) {
        const [task] = find(stack, "aws:ecs/taskDefinition:TaskDefinition");
        const [app] = JSON.parse(String(task.props.containerDefinitions));
        const names = (list: any[]) => list.map((e) => e.name);
        assert.ok(
          names(app.secrets).includes("NEXUM_JWT_SECRET") && names(app.secrets).includes("NEXUM_DATABASE_URL"),
          stack,
        );
        assert.ok(
          !names(app.environment).some((n: string) => /SECRET|PASSWORD|MASTER_KEY|DATABASE_URL/.test(n)),
          stack,
        );
      }
    });
  });

  describe("examples/lending-aws (guide 000, option 3)", () => {
    const dir = PROJECTS[3].dir;

    it("is clean at prod levels in both stacks, with the API on Fargate, the front end on CloudFront and nightly snapshots", async () => {
      for (const stack of STACKS) {
        const report = await runCheck({
          projectDir: dir,
          stack,
          policyConfig: path.join(REPO_ROOT, "policy", "config", "prod.json"),
        });
        assert.deepEqual([report.summary.mandatory, report.summary.advisory], [0, 0], stack);
        const [headers] = report.resources.filter(
          (r) => r.type === "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
        );
        const api = `https://api.${stack === "prod" ? "" : "staging."}nexis.acme-bank.example`.replace(
          "api.staging.nexis",
          "api.nexis.staging",
        );
        assert.match(
          String((headers.props as any).securityHeadersConfig.contentSecurityPolicy.contentSecurityPolicy),
          new RegExp(`connect-src 'self' ${api.replace(/\./g, "\\.")}(;|$)`),
        );
        const records = report.resources.filter((r) => r.type === "aws:route53/record:Record").map((r) => r.props.name);
        assert.ok(records.includes(new URL(api).hostname), `${stack}: the API host in Route 53`);
        const types = new Set(report.resources.map((r) => r.type));
        for (const t of [
          "aws:ecs/service:Service",
          "aws:cloudfront/distribution:Distribution",
          "aws:rds/instance:Instance",
          "aws:backup/plan:Plan",
          "aws:ecr/repository:Repository",
          "aws:elasticache/replicationGroup:ReplicationGroup",
          "command:local:Command",
        ])
          assert.ok(types.has(t), `${stack}: ${t}`);
      }
    });
  });
});
