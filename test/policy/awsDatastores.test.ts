import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { ENGINE_TLS, engineTls } from "../../policy/lib/aws/datastores/engineTls";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, runPolicy, TestResource, urnOf } from "./harness";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "aws-data.json");

const STORAGE = "aws-rds-storage-encrypted";
const FORCE_SSL = "aws-rds-force-ssl";
const AT_REST = "aws-datastore-encryption-at-rest";
const IN_TRANSIT = "aws-datastore-tls-in-transit";
const CACHE_AUTH = "aws-elasticache-authentication";
const CACHE_AT_REST = "aws-elasticache-encryption-at-rest";
const CACHE_TRANSIT = "aws-elasticache-transit-encryption";
const S3 = "aws-s3-encryption-at-rest";
const HOST_VOLUMES = "aws-ecs-task-no-sensitive-host-volumes";
const PINNED = "aws-ecs-task-image-pinned";
const PRIVILEGED = "aws-ecs-task-not-privileged";
const NON_ROOT = "aws-ecs-task-non-root-user";

/** What each violating resource of the fixture breaks; every `compliant-*` one breaks nothing. */
const VIOLATES: Record<string, string[]> = {
  "replica-unencrypted": [STORAGE],
  "replica-own-group-without-tls": [FORCE_SSL],
  "replica-of-outside-source": [STORAGE, FORCE_SSL],
  "mariadb-force-ssl-only": [FORCE_SSL],
  "sqlserver-default-group": [FORCE_SSL],
  "aurora-mysql-without-tls": [FORCE_SSL],
  "proxy-plaintext": ["aws-rds-proxy-require-tls"],
  "native-db-unencrypted-public": [STORAGE, "aws-rds-not-public"],
  "native-replica-unencrypted": [STORAGE],
  "native-aurora-default-group": [FORCE_SSL],
  "native-proxy-plaintext": ["aws-rds-proxy-require-tls"],
  "redis-without-auth": [CACHE_AUTH],
  "native-redis-plaintext": [CACHE_AT_REST, CACHE_TRANSIT, CACHE_AUTH],
  "serverless-without-users": [CACHE_AUTH],
  "memorydb-open-plaintext": ["aws-memorydb-tls", "aws-memorydb-acl"],
  "native-memorydb-open": ["aws-memorydb-acl"],
  "docdb-plaintext-unencrypted": [AT_REST, IN_TRANSIT],
  "opensearch-defaults": [AT_REST, IN_TRANSIT],
  "native-opensearch-tls10": [IN_TRANSIT],
  "efs-unencrypted": [AT_REST],
  "native-efs-unencrypted": [AT_REST],
  "dax-defaults": [AT_REST, IN_TRANSIT],
  "bucket-v2-inline-sse-s3": [S3],
  "native-bucket-without-encryption": [S3],
  "task-latest": [PINNED],
  "task-untagged": [PINNED],
  "task-branch-tag": [PINNED],
  "task-docker-socket": [HOST_VOLUMES],
  "task-host-root": [HOST_VOLUMES],
  "native-task-privileged": [PRIVILEGED],
  "native-task-proc": [HOST_VOLUMES],
  "batch-privileged-root": [PRIVILEGED, NON_ROOT],
  "batch-docker-socket": [HOST_VOLUMES],
  "batch-ecs-properties-latest": [PINNED],
  "batch-eks-root-host-network": [NON_ROOT, "aws-ecs-task-no-host-namespaces"],
  "native-batch-privileged": [PRIVILEGED],
};

/** The AWS datastore and compute-definition policies; the fixture's resources are judged by these. */
const JUDGED = new Set([
  ...Object.values(VIOLATES).flat(),
  "aws-rds-backup-retention",
  "aws-rds-parameter-group-family",
  "aws-msk-authentication",
  "aws-msk-encryption-at-rest",
  "aws-msk-client-tls",
  "aws-msk-in-cluster-tls",
  "aws-ecs-task-no-added-capabilities",
  "aws-ecs-task-read-only-root-filesystem",
]);

const INSTANCE = "aws:rds/instance:Instance";
const pgGroup = (parameters: object[], name = "pg16") => ({
  type: "aws:rds/parameterGroup:ParameterGroup",
  name: "params",
  props: { name, family: "postgres16", parameters },
});

describe("policy pack: AWS datastores and compute definitions by capability", () => {
  describe("every violating fixture is caught and every compliant one passes, in all three --input forms", () => {
    itInEachInputForm(FIXTURE, (report) => {
      const names = assertBrokenPolicies(
        report,
        (name) => (name.startsWith("compliant-") ? [] : VIOLATES[name]),
        JUDGED,
      );
      for (const name of Object.keys(VIOLATES)) assert.ok(names.includes(name), `${name} is in the run`);
      assert.ok(
        names.some((n) => n.startsWith("native-")),
        "aws-native resources are in the run",
      );
      assert.deepEqual(report.unknowns, []);
    });
  });

  describe("engine → TLS parameter table", () => {
    const rows: [string, string | undefined, string | undefined, boolean | undefined][] = [
      ["postgres", "rds.force_ssl", "1", false],
      ["mysql", "require_secure_transport", "1", false],
      ["mariadb", "require_secure_transport", "1", false],
      ["sqlserver-se", "rds.force_ssl", "1", false],
      ["sqlserver-ee", "rds.force_ssl", "1", false],
      ["aurora-postgresql", "rds.force_ssl", "1", true],
      ["aurora-mysql", "require_secure_transport", "1", true],
      ["docdb", "tls", "enabled", true],
      ["oracle-ee", undefined, undefined, undefined],
    ];
    for (const [engine, parameter, value, clusterLevel] of rows) {
      it(`${engine}: ${parameter ?? "no parameter"}${value ? ` = ${value}` : ""}${clusterLevel ? " on the cluster group" : ""}`, () => {
        const row = engineTls(engine);
        assert.deepEqual([row?.parameter, row?.values[0], row?.clusterLevel], [parameter, value, clusterLevel]);
      });
    }

    it("has one row per engine family, each with a value to set", () => {
      assert.equal(ENGINE_TLS.length, 6);
      assert.ok(ENGINE_TLS.every((row) => row.values.length > 0));
    });

    for (const [engine, parameter, value] of rows.slice(0, 4)) {
      it(`judges a ${engine} instance by ${parameter} through the analyzer`, async () => {
        const db = (group: string) => ({ type: INSTANCE, name: "db", props: { engine, parameterGroupName: group } });
        const group = (params: object[]) => ({
          ...pgGroup(params, "g"),
          props: { name: "g", family: "x", parameters: params },
        });
        assert.deepEqual(await messages(FORCE_SSL, [group([{ name: parameter, value }]), db("g")]), []);
        assert.deepEqual(await messages(FORCE_SSL, [group([{ name: "rds.force_ssl_typo", value: "1" }]), db("g")]), [
          `db: parameter group params does not set ${parameter} = ${value}.`,
        ]);
      });
    }

    it("judges Aurora on its cluster parameter group, aws-native groups as name → value maps", async () => {
      const cluster = (props: object) => ({
        type: "aws-native:rds:DBCluster",
        name: "aurora",
        props: { engine: "aurora-postgresql", storageEncrypted: true, ...props },
      });
      const group = (parameters: object) => ({
        type: "aws-native:rds:DBClusterParameterGroup",
        name: "cluster-params",
        props: { dbClusterParameterGroupName: "apg", family: "aurora-postgresql16", parameters },
      });
      assert.deepEqual(
        await messages(FORCE_SSL, [group({ "rds.force_ssl": "1" }), cluster({ dbClusterParameterGroupName: "apg" })]),
        [],
      );
      assert.deepEqual(
        await messages(FORCE_SSL, [group({ "rds.force_ssl": "0" }), cluster({ dbClusterParameterGroupName: "apg" })]),
        ["aurora: parameter group cluster-params does not set rds.force_ssl = 1."],
      );
      assert.deepEqual(await messages(FORCE_SSL, cluster({})), [
        "aurora uses the default parameter group, which does not force TLS (rds.force_ssl).",
      ]);
    });
  });

  describe("read replicas are judged like their primary", () => {
    const primary = (props: object) => ({
      type: INSTANCE,
      name: "primary",
      props: { identifier: "ledger", engine: "postgres", parameterGroupName: "pg16", ...props },
    });
    const replica = (props: object, linked = false): TestResource => ({
      type: INSTANCE,
      name: "replica",
      props: { replicateSourceDb: linked ? UNKNOWN_VALUE : "ledger", ...props },
      propertyDependencies: linked ? { replicateSourceDb: [urnOf(INSTANCE, "primary")] } : {},
    });
    const tls = pgGroup([{ name: "rds.force_ssl", value: "1" }]);

    it("a replica declaring nothing inherits an encrypted primary's storage and TLS, linked by dependency or identifier", async () => {
      for (const linked of [true, false]) {
        const stack = [tls, primary({ storageEncrypted: true }), replica({}, linked)];
        assert.deepEqual(await messages(STORAGE, stack), []);
        assert.deepEqual(await messages(FORCE_SSL, stack), []);
      }
    });

    it("a replica of an unencrypted primary is reported with it", async () => {
      assert.deepEqual(await messages(STORAGE, [tls, primary({}), replica({})]), [
        "storageEncrypted is not true.",
        "replica of primary, which it follows: storageEncrypted is not true.",
      ]);
    });

    it("a replica's own storageEncrypted: false, or its own group without TLS, is reported", async () => {
      const plain = { ...pgGroup([], "plain"), name: "plain" };
      assert.deepEqual(
        await messages(STORAGE, [tls, primary({ storageEncrypted: true }), replica({ storageEncrypted: false })]),
        ["storageEncrypted is not true."],
      );
      assert.deepEqual(
        await messages(FORCE_SSL, [
          tls,
          plain,
          primary({ storageEncrypted: true }),
          replica({ parameterGroupName: "plain" }),
        ]),
        ["replica: parameter group plain does not set rds.force_ssl = 1."],
      );
    });

    it("a replica of a source outside the stack cannot be verified unless it declares its own", async () => {
      const outside = { type: INSTANCE, name: "r", props: { replicateSourceDb: "arn:aws:rds:eu-west-1:1:db:x" } };
      assert.deepEqual(await messages(STORAGE, outside), [
        "replicateSourceDb names a source outside this stack, so the replica's encryption at rest cannot be verified; declare it on the replica.",
      ]);
      assert.deepEqual(
        await messages(STORAGE, { ...outside, props: { ...outside.props, kmsKeyId: "arn:aws:kms:k" } }),
        [],
      );
    });
  });

  describe("caches: ElastiCache, Valkey and MemoryDB", () => {
    const rg = (props: object) => ({
      type: "aws:elasticache/replicationGroup:ReplicationGroup",
      props: { description: "c", atRestEncryptionEnabled: true, transitEncryptionEnabled: true, ...props },
    });

    it("passes Valkey with TLS and RBAC, and an AUTH token, and reports neither", async () => {
      assert.deepEqual(await messages(CACHE_AUTH, rg({ engine: "valkey", userGroupIds: ["users"] })), []);
      assert.deepEqual(await messages(CACHE_TRANSIT, rg({ engine: "valkey", userGroupIds: ["users"] })), []);
      assert.deepEqual(await messages(CACHE_AUTH, rg({ authToken: "value not shown" })), []);
      assert.deepEqual(await messages(CACHE_AUTH, rg({ userGroupIds: [] })), [
        "neither authToken nor userGroupIds is set: any client that reaches the cache can read and write it.",
      ]);
    });

    it("reports a standalone Redis node, which cannot require AUTH, and leaves Memcached and members alone", async () => {
      const cluster = (props: Record<string, unknown>) => ({ type: "aws:elasticache/cluster:Cluster", props });
      assert.equal((await messages(CACHE_AUTH, cluster({ engine: "redis" }))).length, 1);
      assert.deepEqual(await messages(CACHE_AUTH, cluster({ engine: "memcached" })), []);
      assert.deepEqual(await messages(CACHE_AUTH, cluster({ replicationGroupId: "rg" })), []);
    });

    it("reports MemoryDB open-access, but not an ACL of the stack whose name is unknown in a preview", async () => {
      const mdb = (props: Record<string, unknown>, deps = {}) => ({
        type: "aws:memorydb/cluster:Cluster",
        name: "m",
        props,
        propertyDependencies: deps,
      });
      assert.deepEqual(await messages("aws-memorydb-acl", mdb({ aclName: "open-access" })), [
        'aclName is "open-access": every client connects as the default user, with no password.',
      ]);
      const acl = { type: "aws:memorydb/acl:Acl", name: "acl", props: { userNames: ["app"] } };
      const result = await runPolicy("aws-memorydb-acl", [
        acl,
        mdb({ aclName: UNKNOWN_VALUE }, { aclName: [urnOf("aws:memorydb/acl:Acl", "acl")] }),
      ]);
      assert.deepEqual([result.violations, result.unknowns], [[], []]);
      assert.deepEqual(await messages("aws-memorydb-tls", mdb({ aclName: "a" })), []);
    });
  });

  describe("S3 default encryption, inline or separate", () => {
    it("passes SSE-KMS declared inline on aws.s3.Bucket (the false alarm)", async () => {
      const bucket = {
        type: "aws:s3/bucket:Bucket",
        name: "b",
        props: {
          serverSideEncryptionConfiguration: {
            rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:k" } },
          },
        },
      };
      assert.deepEqual(await messages(S3, bucket), []);
      bucket.props.serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm = "AES256";
      assert.deepEqual(await messages(S3, bucket), ["bucket b is encrypted with AES256, not SSE-KMS."]);
    });
  });

  describe("a value unknown in a preview stops only that datastore's verdict", () => {
    it("judges the others and names the unknown one", async () => {
      const result = await runPolicy(FORCE_SSL, [
        pgGroup([]),
        {
          type: "aws-native:rds:DBInstance",
          name: "unknown",
          props: { engine: UNKNOWN_VALUE, dbParameterGroupName: "pg16" },
        },
        { type: INSTANCE, name: "known", props: { engine: "postgres", parameterGroupName: "pg16" } },
      ]);
      assert.deepEqual(
        result.violations.map((v) => v.name),
        ["known"],
      );
      assert.deepEqual(
        result.unknowns.map((u) => u.name),
        ["unknown"],
      );
    });
  });
});
