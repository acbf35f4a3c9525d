import { strict as assert } from "node:assert";
import { renderProjectStack } from "./fixtures/renderProject";
import { sharedCheck } from "./fixtures/sharedRenders";
import { REPO_ROOT } from "./fixtures/paths";
import { CheckReport } from "../automation/check/report";
import { parseKubernetesType } from "../automation/check/k8sSchema";

const reports: Record<string, CheckReport> = {};

/** What each stack deploys, by type. */
const COMMON_INVENTORY: Record<string, number> = {
  "pulumi:pulumi:Stack": 1,
  "pulumi:pulumi:StackReference": 1,
  "pulumi:providers:kubernetes": 1,
  "platform:index:Platform": 1,
  "platform:security:SecurityBaseline": 1,
  "platform:monitoring:TeamMonitoring": 1,
  "kubernetes:monitoring.coreos.com/v1:PrometheusRule": 1,
  "kubernetes:monitoring.coreos.com/v1:ServiceMonitor": 1,
  "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig": 1,
  "platform:app:AppTier": 1,
  "platform:app:WebService": 3,
  "platform:data:DataTier": 1,
  "platform:data:PostgresDatabase": 1,
  "platform:data:RedisCache": 1,
  "platform:data:PostgresBackup": 1,
  "random:index/randomPassword:RandomPassword": 2,
  "kubernetes:core/v1:Namespace": 1,
  "kubernetes:core/v1:ResourceQuota": 1,
  "kubernetes:core/v1:LimitRange": 1,
  "kubernetes:rbac.authorization.k8s.io/v1:Role": 2,
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": 2,
  "kubernetes:apps/v1:Deployment": 4,
  "platform:data:PgBouncer": 1,
  "kubernetes:networking.k8s.io/v1:Ingress": 2,
  "kubernetes:core/v1:ConfigMap": 5,
  "kubernetes:batch/v1:CronJob": 2,
  "kubernetes:batch/v1:Job": 1,
  "aws:kms/key:Key": 1,
  "aws:kms/alias:Alias": 1,
  "aws:iam/rolePolicy:RolePolicy": 2,
  "aws:s3/bucket:Bucket": 1,
  "aws:s3/bucketVersioning:BucketVersioning": 1,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 1,
  "aws:s3/bucketPolicy:BucketPolicy": 1,
};

const EXPECTED_INVENTORY: Record<string, Record<string, number>> = {
  staging: {
    ...COMMON_INVENTORY,
    "kubernetes:apps/v1:StatefulSet": 2,
    "kubernetes:core/v1:Service": 7,
    "kubernetes:core/v1:ServiceAccount": 8,
    "kubernetes:policy/v1:PodDisruptionBudget": 6,
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": 16,
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": 1,
    "kubernetes:cert-manager.io/v1:Certificate": 2,
    "kubernetes:core/v1:ConfigMap": 6,
    "kubernetes:core/v1:Secret": 7,
    "kubernetes:monitoring.coreos.com/v1:PodMonitor": 2,
    "aws:iam/role:Role": 2,
  },
  prod: {
    ...COMMON_INVENTORY,
    "kubernetes:core/v1:Service": 3,
    "kubernetes:core/v1:ServiceAccount": 6,
    "kubernetes:policy/v1:PodDisruptionBudget": 4,
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": 12,
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": 3,
    "kubernetes:cert-manager.io/v1:Certificate": 1,
    "kubernetes:core/v1:Secret": 6,
    "aws:iam/role:Role": 3,
    "aws:rds/instance:Instance": 2,
    "aws:rds/parameterGroup:ParameterGroup": 1,
    "aws:rds/subnetGroup:SubnetGroup": 1,
    "aws:elasticache/replicationGroup:ReplicationGroup": 1,
    "aws:elasticache/subnetGroup:SubnetGroup": 1,
    "aws:ec2/securityGroup:SecurityGroup": 2,
    "aws:secretsmanager/secret:Secret": 2,
    "aws:secretsmanager/secretVersion:SecretVersion": 2,
    "platform:monitoring:DataAlarms": 1,
    "aws:cloudwatch/metricAlarm:MetricAlarm": 13,
    "aws:sns/topic:Topic": 1,
    "aws:sns/topicSubscription:TopicSubscription": 2,
    "aws:kms/key:Key": 2,
  },
};

function inventory(report: CheckReport): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of report.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

function podSpecs(report: CheckReport): { name: string; spec: any }[] {
  return report.resources.flatMap((r) => {
    const p = r.props as any;
    if (r.type === "kubernetes:apps/v1:Deployment" || r.type === "kubernetes:apps/v1:StatefulSet")
      return [{ name: r.name, spec: p.spec.template.spec }];
    if (r.type === "kubernetes:batch/v1:CronJob")
      return [{ name: r.name, spec: p.spec.jobTemplate.spec.template.spec }];
    return [];
  });
}

describe("the program (index.ts) per stack", () => {
  before(async () => {
    reports.staging = await sharedCheck("staging");
    reports.prod = await sharedCheck("prod");
  });

  for (const stack of ["staging", "prod"]) {
    describe(stack, () => {
      it("renders the namespace guardrails, every app's objects and the data tier", () => {
        assert.deepEqual(inventory(reports[stack]), EXPECTED_INVENTORY[stack]);
      });

      it("passes the Kubernetes schemas with no error", () => {
        assert.deepEqual(reports[stack].schemaErrors, []);
      });

      it("hardens every container of every workload", () => {
        const pods = podSpecs(reports[stack]);
        assert.equal(
          pods.length,
          stack === "staging" ? 8 : 6,
          "Deployments (the pooler's too), StatefulSets, the backup and restore drill CronJobs",
        );
        for (const { name, spec } of pods) {
          assert.equal(spec.automountServiceAccountToken, false, name);
          assert.equal(spec.securityContext.runAsNonRoot, true, name);
          assert.equal(spec.securityContext.seccompProfile.type, "RuntimeDefault", name);
          for (const c of spec.containers) {
            const sc = c.securityContext;
            assert.equal(sc.runAsNonRoot, true, name);
            assert.ok(sc.runAsUser > 0, name);
            assert.equal(sc.allowPrivilegeEscalation, false, name);
            assert.equal(sc.readOnlyRootFilesystem, true, name);
            assert.deepEqual(sc.capabilities.drop, ["ALL"], name);
            assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.memory, name);
            if (!name.includes("cronjob")) assert.ok(c.livenessProbe && c.startupProbe, name);
            assert.match(c.image, /:v?[0-9][\w.-]*$/, `${name} pins a version tag`);
          }
        }
      });

      it("deploys every Kubernetes object through the stack's explicit provider", () => {
        const provider = reports[stack].resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
        for (const r of reports[stack].resources.filter((x) => parseKubernetesType(x.type))) {
          assert.ok(r.options.provider?.startsWith(`${provider.urn}::`), r.name);
        }
      });

      it("never shows the kubeconfig in plain text", () => {
        const provider = reports[stack].resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
        assert.equal(provider.props.kubeconfig, "[secret]");
        assert.ok(!JSON.stringify(reports[stack]).includes("apiVersion: v1\\nkind: Config"));
      });

      it("leaves replicas to the HPA wherever one exists", () => {
        const report = reports[stack];
        const scaled = new Set(
          report.resources
            .filter((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")
            .map((r) => (r.props as any).spec.scaleTargetRef.name),
        );
        for (const r of report.resources.filter((x) => x.type === "kubernetes:apps/v1:Deployment")) {
          const props = r.props as any;
          assert.equal("replicas" in props.spec, !scaled.has(props.metadata.name), r.name);
        }
      });
    });
  }

  for (const stack of ["staging", "prod"]) {
    it(`${stack}: gives apps that list postgres and redis their URLs through secretKeyRef, never as plain values`, () => {
      const byApp = Object.fromEntries(
        podSpecs(reports[stack]).map(({ name, spec }) => [name, spec.containers[0].env]),
      );
      const api = byApp["lending-apps-api-deploy"];
      assert.deepEqual(
        api.find((e: any) => e.name === "DATABASE_URL"),
        { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "postgres-credentials", key: "DATABASE_URL" } } },
      );
      assert.deepEqual(
        api.find((e: any) => e.name === "REDIS_URL"),
        { name: "REDIS_URL", valueFrom: { secretKeyRef: { name: "redis-credentials", key: "REDIS_URL" } } },
      );
      const reads = (env: any[]) => env.find((e: any) => e.name === "DATABASE_READ_URL");
      assert.deepEqual(
        [reads(api), reads(byApp["lending-apps-worker-deploy"])],
        stack === "prod"
          ? [
              {
                name: "DATABASE_READ_URL",
                valueFrom: {
                  secretKeyRef: { name: "postgres-read-credentials", key: "DATABASE_READ_URL", optional: true },
                },
              },
              undefined,
            ]
          : [undefined, undefined],
        "the replica's URL goes to the app that lists postgres-read (prod's api), and to no other",
      );
      assert.equal(
        byApp["lending-apps-web-deploy"].some((e: any) => /DATABASE|REDIS/.test(e.name)),
        false,
        "web lists neither",
      );
      for (const env of Object.values(byApp)) {
        for (const e of env as any[])
          assert.ok(!/_URL$|PASSWORD/.test(e.name) || e.valueFrom, `${e.name} comes from a Secret`);
      }
      assert.deepEqual(
        api.find((e: any) => e.name === "SECRET_KEY"),
        { name: "SECRET_KEY", valueFrom: { secretKeyRef: { name: "api-secrets", key: "SECRET_KEY" } } },
        "the JWT key from secret config",
      );
      const secrets = reports[stack].resources.filter((r) => r.type === "kubernetes:core/v1:Secret");
      const inCluster = stack === "staging" ? ["postgres-server", "redis-config"] : [];
      assert.deepEqual(
        secrets.map((s) => (s.props as any).metadata.name).sort(),
        [
          "api-secrets",
          "platform-alert-receivers",
          "postgres-credentials",
          "postgres-pooler-server",
          ...(stack === "prod" ? ["postgres-read-credentials"] : []),
          ...inCluster,
          "redis-credentials",
        ].sort(),
      );
      for (const s of secrets) assert.equal((s.props as any).stringData, "[secret]", (s.props as any).metadata.name);
    });

    it(`${stack}: lets the apps that use a data service reach it, and only them`, () => {
      const netpol = (name: string) => reports[stack].resources.find((r) => r.name === name)!.props as any;
      const apiEgress = netpol("lending-apps-api-netpol").spec.egress;
      const ports = apiEgress.map((e: any) => e.ports?.[0]?.port).sort();
      // PostgreSQL through the pooler (6432), Redis directly; prod's API reads from the replica (5432).
      assert.deepEqual(ports, stack === "prod" ? [5432, 6379, 6432] : [6379, 6432]);
      assert.deepEqual(
        apiEgress.find((e: any) => e.ports[0].port === 6432).to[0].podSelector.matchLabels["app.kubernetes.io/name"],
        "postgres-pooler",
      );
      if (stack === "prod")
        assert.deepEqual(
          netpol("lending-data-postgres-pooler-netpol").spec.egress.map((e: any) => e.to[0].ipBlock?.cidr),
          ["10.40.0.0/16"],
          "the managed server lives in the VPC",
        );
      else
        assert.deepEqual(
          netpol("lending-data-postgres-netpol").spec.ingress[0].from.map(
            (f: any) => f.podSelector.matchLabels["app.kubernetes.io/name"],
          ),
          ["api", "api-migrate", "worker", "postgres-backup", "postgres-pooler"],
          "the api's migration Job too",
        );
      assert.deepEqual(netpol("lending-apps-web-netpol").spec.egress, []);
    });
  }

  it("protects and retains prod's stateful resources, visible in the report's options", () => {
    const stateful = [
      "aws:rds/instance:Instance",
      "aws:elasticache/replicationGroup:ReplicationGroup",
      "aws:kms/key:Key",
      "aws:s3/bucket:Bucket",
      "aws:secretsmanager/secret:Secret",
    ];
    const prod = reports.prod.resources.filter((r) => stateful.includes(r.type) && r.name.startsWith("lending-data"));
    assert.equal(prod.length, 7);
    for (const r of prod) assert.deepEqual([r.options.protect, r.options.retainOnDelete], [true, true], r.name);
    const staging = reports.staging.resources.filter((r) =>
      [...stateful, "kubernetes:apps/v1:StatefulSet"].includes(r.type),
    );
    for (const r of staging) assert.deepEqual([r.options.protect, r.options.retainOnDelete], [false, false], r.name);
  });

  it("runs prod bigger than staging: HPA floors, PDBs, requests and quota", () => {
    const find = (stack: string, type: string, name: string) =>
      reports[stack].resources.find((r) => r.type === type && (r.props as any).metadata?.name === name)!.props as any;
    const hpa = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    assert.ok(find("prod", hpa, "api").spec.minReplicas > find("staging", hpa, "api").spec.minReplicas);
    assert.ok(find("prod", hpa, "api").spec.maxReplicas > find("staging", hpa, "api").spec.maxReplicas);
    assert.equal(find("prod", "kubernetes:policy/v1:PodDisruptionBudget", "api").spec.minAvailable, 2);
    assert.equal(find("staging", "kubernetes:policy/v1:PodDisruptionBudget", "api").spec.maxUnavailable, 1);
    const quota = (stack: string) => find(stack, "kubernetes:core/v1:ResourceQuota", "platform-quota").spec.hard;
    assert.equal(quota("staging")["requests.cpu"], "4");
    assert.equal(quota("prod")["requests.cpu"], "16");
    const ing = (stack: string) => find(stack, "kubernetes:networking.k8s.io/v1:Ingress", "api").spec.rules[0].host;
    assert.equal(ing("staging"), "api.lending.staging.acme-bank.example");
    assert.equal(ing("prod"), "api.lending.acme-bank.example");
  });

  it("exports the environment, namespace, app names, public URLs and data hosts, and no credential", async () => {
    const rendered = await renderProjectStack(REPO_ROOT, "staging");
    assert.deepEqual(rendered.outputs, {
      environment: "staging",
      namespace: "lending",
      apps: ["api", "web", "worker"],
      publicUrls: {
        api: "https://api.lending.staging.acme-bank.example",
        web: "https://lending.staging.acme-bank.example",
      },
      postgresHost: "postgres-pooler.lending.svc.cluster.local",
      redisHost: "redis.lending.svc.cluster.local",
      backupBucket: "acme-lending-staging-pg-backups",
    });
  });
});
