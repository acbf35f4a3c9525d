import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AppTier, PostgresDatabase, PostgresBackup, RedisCache, SecurityBaseline, WebService } from "../components";
import { findDuplicates } from "../automation/check/duplicates";
import { CapturedResource, defaultOptions } from "../automation/core/resourceModel";
import { httpServiceArgs } from "./fixtures/apps";
import { baselineArgs } from "./fixtures/baseline";
import { runCli } from "./fixtures/cli";
import { render } from "./mocks";

/** Kubernetes `kind namespace/name` of every object rendered. */
function objectIds(resources: CapturedResource[]): string[] {
  return resources
    .filter((r) => r.type.startsWith("kubernetes:"))
    .map((r) => {
      const meta = (r.inputs as any).metadata ?? {};
      return `${r.type} ${meta.namespace}/${meta.name}`;
    });
}

function resource(type: string, name: string, props: Record<string, unknown>, provider?: string): CapturedResource {
  return {
    urn: `urn:pulumi:t::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    dependencies: [],
    propertyDependencies: {},
    options: { ...defaultOptions(), provider },
    inputs: props,
  };
}

describe("unique names", () => {
  describe("every Kubernetes name derives from the component's name", () => {
    it("two PostgresDatabases and two RedisCaches in one namespace render distinct objects", async () => {
      const r = await render(() => {
        for (const name of ["ledger-db", "audit-db"])
          new PostgresDatabase(name, { mode: "in-cluster", namespace: "team", partOf: "team" });
        for (const name of ["sessions", "rates"])
          new RedisCache(name, { mode: "in-cluster", namespace: "team", partOf: "team" });
      });
      const ids = objectIds(r.resources);
      assert.equal(new Set(ids).size, ids.length, ids.join("\n"));
      assert.deepEqual(findDuplicates(r.resources), []);
      assert.ok(
        ids.includes("kubernetes:core/v1:Secret team/ledger-db-credentials") &&
          ids.includes("kubernetes:core/v1:Secret team/audit-db-credentials"),
      );
    });

    it("two apps of one name in two AppTiers of one namespace render distinct objects and selectors", async () => {
      const tier = (name: string) =>
        new AppTier(name, {
          namespace: "team",
          partOf: "team",
          domain: "team.example",
          ingress: { clusterIssuer: "issuer" },
          apps: [{ ...httpServiceArgs(), name: "api", ingress: { host: `api.${name}.team.example` } }],
        });
      const r = await render(() => {
        tier("blue");
        tier("green");
      });
      const ids = objectIds(r.resources);
      assert.equal(new Set(ids).size, ids.length, ids.join("\n"));
      assert.deepEqual(findDuplicates(r.resources), []);
      const selector = (n: string) =>
        r.props("kubernetes:apps/v1:Deployment", n).spec.selector.matchLabels["app.kubernetes.io/name"];
      assert.deepEqual([selector("blue-api-deploy"), selector("green-api-deploy")], ["blue-api", "green-api"]);
    });

    it("two baselines and two backups name their objects after themselves", async () => {
      const r = await render(() => {
        new SecurityBaseline("one", baselineArgs({ namespace: { existing: "shared" } }));
        new SecurityBaseline("two", baselineArgs({ namespace: { existing: "shared" } }));
        for (const name of ["nightly", "hourly"]) {
          new PostgresBackup(name, {
            namespace: "shared",
            namespaceName: "shared",
            partOf: "team",
            image: "registry.example/pg-backup:16.4-1",
            credentialsSecret: "db-credentials",
            database: { podLabels: { app: "db" }, port: 5432 },
            kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
            oidcProviderArn: "arn:aws:iam::1:oidc-provider/oidc.example/id/X",
          });
        }
      });
      assert.deepEqual(findDuplicates(r.resources), []);
      const ids = objectIds(r.resources);
      assert.ok(
        ids.includes("kubernetes:batch/v1:CronJob shared/nightly") &&
          ids.includes("kubernetes:batch/v1:CronJob shared/hourly"),
      );
    });

    it("takes an explicit objectName where a team keeps a name it already has", async () => {
      const r = await render(() => new WebService("team-apps-api", httpServiceArgs({ objectName: "api" })));
      assert.equal(r.props("kubernetes:apps/v1:Deployment", "team-apps-api-deploy").metadata.name, "api");
      assert.equal(r.props("kubernetes:core/v1:Service", "team-apps-api-svc").metadata.name, "api");
    });
  });

  describe("the checker reports two resources claiming one object", () => {
    const deployment = (name: string, apiVersion = "apps/v1", namespace?: string) =>
      resource(
        `kubernetes:${apiVersion}:Deployment`,
        `${name}-${apiVersion.replace("/", "-")}-${namespace ?? "none"}`,
        { metadata: { name, ...(namespace ? { namespace } : {}) } },
      );

    it("by Kubernetes group, kind, namespace and name, whatever the API version; the default namespace when unset", () => {
      const found = findDuplicates([
        deployment("api", "apps/v1", "team"),
        deployment("api", "apps/v1beta1", "team"),
        deployment("api", "apps/v1", "other"),
        deployment("web"),
        deployment("web", "apps/v1", "default"),
      ]);
      assert.deepEqual(
        found.map((d) => d.identity),
        [
          "kubernetes apps/Deployment team/api (cluster default)",
          "kubernetes apps/Deployment default/web (cluster default)",
        ],
      );
      assert.match(
        found[0].message,
        /^2 resources create kubernetes apps\/Deployment team\/api .*the second create fails during pulumi up/,
      );
    });

    it("not across clusters, not for patches, not for names only known after apply", () => {
      const a = resource(
        "kubernetes:core/v1:ConfigMap",
        "a",
        { metadata: { name: "cfg", namespace: "t" } },
        "urn:pulumi:t::p::pulumi:providers:kubernetes::east::id",
      );
      const b = resource(
        "kubernetes:core/v1:ConfigMap",
        "b",
        { metadata: { name: "cfg", namespace: "t" } },
        "urn:pulumi:t::p::pulumi:providers:kubernetes::west::id",
      );
      const patch = resource(
        "kubernetes:core/v1:ConfigMapPatch",
        "p",
        { metadata: { name: "cfg", namespace: "t" } },
        "urn:pulumi:t::p::pulumi:providers:kubernetes::east::id",
      );
      const unknown = resource("kubernetes:core/v1:ConfigMap", "u1", {
        metadata: { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", namespace: "t" },
      });
      const unknown2 = resource("kubernetes:core/v1:ConfigMap", "u2", {
        metadata: { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", namespace: "t" },
      });
      assert.deepEqual(findDuplicates([a, b, patch, unknown, unknown2]), []);
    });

    it("cluster-scoped kinds without a namespace, and AWS physical names (S3 buckets worldwide)", () => {
      const found = findDuplicates([
        resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "r1", { metadata: { name: "reader" } }),
        resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "r2", {
          metadata: { name: "reader", namespace: "ignored" },
        }),
        resource(
          "aws:s3/bucket:Bucket",
          "b1",
          { bucket: "acme-backups" },
          "urn:pulumi:t::p::pulumi:providers:aws::eu::id",
        ),
        resource(
          "aws:s3/bucketV2:BucketV2",
          "b2",
          { bucket: "acme-backups" },
          "urn:pulumi:t::p::pulumi:providers:aws::us::id",
        ),
        resource("aws:iam/role:Role", "role1", { name: "deployer" }),
        resource("aws:iam/role:Role", "role2", { name: "deployer" }),
        resource("aws:rds/parameterGroup:ParameterGroup", "pg1", {}),
        resource("aws:rds/parameterGroup:ParameterGroup", "pg2", {}),
      ]);
      assert.deepEqual(
        found.map((d) => d.identity),
        [
          "kubernetes rbac.authorization.k8s.io/ClusterRole reader (cluster default)",
          "aws S3 bucket acme-backups",
          "aws IAM role deployer (account and region of default)",
        ],
      );
    });

    it("fails an --input file holding a duplicated identity (exit 1), naming both resources", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dupes-"));
      const file = path.join(dir, "resources.json");
      const cm = (n: string) => ({
        type: "kubernetes:core/v1:ConfigMap",
        name: n,
        props: { metadata: { name: "settings", namespace: "team" }, data: { a: "b" } },
      });
      fs.writeFileSync(file, JSON.stringify([cm("first"), cm("second")]));
      try {
        const run = await runCli(["check", "--input", file, "--json"]);
        assert.equal(run.code, 1);
        const report = JSON.parse(run.stdout);
        assert.equal(report.summary.duplicates, 1);
        assert.deepEqual(
          report.duplicates[0].urns.map((u: string) => u.split("::").pop()),
          ["first", "second"],
        );
        const human = await runCli(["check", "--input", file]);
        assert.match(
          human.stdout,
          /Duplicate identities \(1\)\n {2}kubernetes core\/ConfigMap team\/settings \(cluster default\)\n/,
        );
        assert.match(human.stdout.trimEnd(), /^FAIL: .*, 1 duplicate identity$/m);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
