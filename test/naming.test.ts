import { strict as assert } from "node:assert";
import { CHILD_ROLES, childName } from "../components";
import { isDnsLabel } from "../components/naming";

describe("child naming", () => {
  it("keeps every child role suffix frozen (a change here replaces live resources)", () => {
    assert.deepEqual(CHILD_ROLES, {
      namespace: "ns",
      resourceQuota: "quota",
      limitRange: "limits",
      defaultDenyPolicy: "default-deny",
      dnsEgressPolicy: "allow-dns",
      deployerRole: "deployer",
      deployerBinding: "deployer-binding",
      auditorRole: "auditor",
      auditorBinding: "auditor-binding",
      serviceAccount: "sa",
      deployment: "deploy",
      service: "svc",
      autoscaler: "hpa",
      disruptionBudget: "pdb",
      ingress: "ing",
      networkPolicy: "netpol",
      securityHeaders: "security-headers",
      secrets: "secrets",
      externalSecret: "external-secret",
      migrationJob: "migrate",
      migrationPolicy: "migrate-netpol",
      verticalAutoscaler: "vpa",
      baseline: "baseline",
      appTier: "apps",
      kubernetesProvider: "k8s",
      dataTier: "data",
      postgres: "postgres",
      redis: "redis",
      backup: "backup",
      kmsKey: "kms",
      kmsAlias: "kms-alias",
      password: "password",
      credentials: "credentials",
      serverSecret: "server-secret",
      certificate: "cert",
      pooler: "pooler",
      monitoringRole: "monitoring-role",
      statefulSet: "sts",
      headlessService: "headless",
      subnetGroup: "subnets",
      securityGroup: "sg",
      parameterGroup: "params",
      dbInstance: "db",
      readReplica: "replica",
      managedSecret: "secret",
      managedSecretVersion: "secret-version",
      replicationGroup: "cache",
      bucket: "bucket",
      bucketVersioning: "versioning",
      bucketEncryption: "encryption",
      publicAccessBlock: "public-access-block",
      bucketLifecycle: "lifecycle",
      bucketPolicy: "bucket-policy",
      role: "role",
      rolePolicy: "role-policy",
      cronJob: "cronjob",
      settings: "settings",
      monitoring: "monitoring",
      chart: "chart",
      grafanaAdmin: "grafana-admin",
      receivers: "receivers",
      alertRules: "alert-rules",
      serviceMonitor: "servicemonitor",
      scrapePolicy: "scrape",
      dashboard: "dashboard",
      dataAlarms: "alarms",
      alarmTopic: "alarm-topic",
      alarmKey: "alarm-kms",
    });
  });

  it("prefixes the role suffix with the parent's name", () => {
    assert.equal(childName("lending-apps-api", "deployment"), "lending-apps-api-deploy");
    assert.equal(childName("lending", "baseline"), "lending-baseline");
  });

  it("accepts DNS labels and rejects anything else", () => {
    for (const ok of ["api", "a", "web-2", "x".repeat(63)]) assert.ok(isDnsLabel(ok), ok);
    for (const bad of ["", "Api", "-api", "api-", "a_b", "a.b", "x".repeat(64)]) assert.ok(!isDnsLabel(bad), bad);
  });
});
