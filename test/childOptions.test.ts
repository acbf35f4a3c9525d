import { strict as assert } from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import { DataAlarms, DataTier, PostgresBackup, SecurityBaseline, WebService } from "../components";
import { httpServiceArgs } from "./fixtures/apps";
import { baselineArgs } from "./fixtures/baseline";
import { render } from "./mocks";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const backupArgs = () => ({
  namespace: "team",
  namespaceName: "team",
  partOf: "team",
  image: "registry.example/pg-backup:16.4-1",
  credentialsSecret: "db-credentials",
  database: { podLabels: { app: "db" }, port: 5432 },
  kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
  oidcProviderArn: "arn:aws:iam::1:oidc-provider/oidc.example/id/X",
});

describe("args filled from other resources, and children a team brings itself", () => {
  it("takes an image produced by another resource (an Output), labelling the pods with its tag", async () => {
    const r = await render(() => {
      const release = new k8s.core.v1.ConfigMap("release", {
        metadata: { name: "release", namespace: "team" },
        data: { image: "registry.example/team/api:4.5.6" },
      });
      new WebService(
        "api",
        httpServiceArgs({
          image: release.data.apply((d) => d.image),
          env: { RELEASE: release.metadata.name },
          podAnnotations: { "release/by": release.metadata.name },
          ingress: {
            host: release.metadata.apply(() => "api.team.example"),
            clusterIssuer: "issuer",
            annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "8m" },
          },
        }),
      );
    });
    const deployment = r.props(DEPLOYMENT, "api-deploy");
    assert.equal(deployment.spec.template.spec.containers[0].image, "registry.example/team/api:4.5.6");
    assert.equal(deployment.metadata.labels["app.kubernetes.io/version"], "4.5.6");
    assert.equal(deployment.spec.template.metadata.annotations["release/by"], "release");
    const ingress = r.props("kubernetes:networking.k8s.io/v1:Ingress", "api-ing");
    assert.deepEqual(ingress.spec.tls[0].hosts, ["api.team.example"]);
    assert.equal(ingress.metadata.annotations["nginx.ingress.kubernetes.io/proxy-body-size"], "8m");
    assert.ok(
      r.get(DEPLOYMENT, "api-deploy").dependencies.some((u) => u.endsWith("::release")),
      "the Deployment waits for what made its image",
    );
  });

  it("runs pods as an existing ServiceAccount and creates none", async () => {
    const r = await render(() => new WebService("api", httpServiceArgs({ serviceAccount: { existing: "team-irsa" } })));
    assert.equal(r.ofType("kubernetes:core/v1:ServiceAccount").length, 0);
    assert.equal(r.props(DEPLOYMENT, "api-deploy").spec.template.spec.serviceAccountName, "team-irsa");
  });

  it("guards an existing namespace: no Namespace is created, a patch adds the Pod Security labels", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs({ namespace: { existing: "shared" } })));
    assert.equal(r.ofType("kubernetes:core/v1:Namespace").length, 0);
    const patch = r.props("kubernetes:core/v1:NamespacePatch", "b-ns");
    assert.equal(patch.metadata.name, "shared");
    assert.equal(patch.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
    assert.equal(r.props("kubernetes:core/v1:ResourceQuota", "b-quota").metadata.namespace, "shared");
  });

  it("dumps to an existing bucket and creates no bucket of its own", async () => {
    const r = await render(
      () =>
        new PostgresBackup("backup", {
          ...backupArgs(),
          bucket: { existing: { name: "team-dumps", arn: "arn:aws:s3:::team-dumps" } },
        }),
    );
    assert.deepEqual(
      r.resources.filter((x) => x.type.startsWith("aws:s3/")),
      [],
    );
    const policy = r.props("aws:iam/rolePolicy:RolePolicy", "backup-role-policy").policy;
    assert.equal(policy.Statement[0].Resource, "arn:aws:s3:::team-dumps/postgres/*");
    assert.equal(r.props("kubernetes:core/v1:ConfigMap", "backup-settings").data.BACKUP_BUCKET, "team-dumps");
  });

  it("encrypts the data tier with an existing KMS key and creates neither key nor alias", async () => {
    const r = await render(
      () =>
        new DataTier("data", {
          namespace: "team",
          namespaceName: "team",
          partOf: "team",
          redis: { mode: "managed" },
          network: {
            vpcId: "vpc-0a1b2c3d",
            privateSubnetIds: ["subnet-0a1b2c3d", "subnet-1a1b2c3d"],
            clusterSecurityGroupId: "sg-0c1c2c3c",
            vpcCidr: "10.40.0.0/16",
          },
          kmsKey: { existing: "arn:aws:kms:eu-west-1:1:key/team" },
        }),
    );
    assert.deepEqual(
      r.resources.filter((x) => x.type.startsWith("aws:kms/")),
      [],
    );
    assert.equal(
      r.props("aws:elasticache/replicationGroup:ReplicationGroup", "data-redis-cache").kmsKeyId,
      "arn:aws:kms:eu-west-1:1:key/team",
    );
  });

  it("publishes alarms to an existing SNS topic and creates neither topic nor key", async () => {
    const r = await render(
      () =>
        new DataAlarms("alarms", {
          partOf: "team",
          rds: { primary: "db-1" },
          topic: { existing: "arn:aws:sns:eu-west-1:1:oncall" },
        }),
    );
    assert.deepEqual(
      r.resources.filter((x) => x.type.startsWith("aws:sns/") || x.type.startsWith("aws:kms/")),
      [],
    );
    assert.deepEqual(r.props("aws:cloudwatch/metricAlarm:MetricAlarm", "alarms-rds-cpu").alarmActions, [
      "arn:aws:sns:eu-west-1:1:oncall",
    ]);
  });
});
