import { strict as assert } from "node:assert";
import { messages, urnOf } from "./harness";

const INSTANCE = "aws:rds/instance:Instance";

describe("policy pack: data", () => {
  describe("aws-rds-not-public", () => {
    it("passes a private instance and reports a public one", async () => {
      assert.deepEqual(
        await messages("aws-rds-not-public", { type: INSTANCE, props: { publiclyAccessible: false } }),
        [],
      );
      assert.deepEqual(await messages("aws-rds-not-public", { type: INSTANCE, props: { publiclyAccessible: true } }), [
        "publiclyAccessible is true: the database gets a public endpoint.",
      ]);
    });
  });

  describe("aws-rds-backup-retention", () => {
    it("passes retention at the minimum and reports less, or none", async () => {
      assert.deepEqual(
        await messages("aws-rds-backup-retention", { type: INSTANCE, props: { backupRetentionPeriod: 7 } }),
        [],
      );
      assert.deepEqual(
        await messages("aws-rds-backup-retention", { type: INSTANCE, props: { backupRetentionPeriod: 3 } }),
        ["backupRetentionPeriod is 3 day(s); at least 7 required."],
      );
      assert.deepEqual(await messages("aws-rds-backup-retention", { type: INSTANCE, props: {} }), [
        "backupRetentionPeriod is 0 day(s); at least 7 required.",
      ]);
    });

    it("takes the minimum from config (prod: 30) and leaves replicas alone", async () => {
      assert.equal(
        (
          await messages(
            "aws-rds-backup-retention",
            { type: INSTANCE, props: { backupRetentionPeriod: 14 } },
            { config: { minimumDays: 30 } },
          )
        ).length,
        1,
      );
      assert.deepEqual(
        await messages("aws-rds-backup-retention", { type: INSTANCE, props: { replicateSourceDb: "primary" } }),
        [],
      );
    });
  });

  describe("aws-rds-parameter-group-family (stack policy)", () => {
    const db = (engineVersion: string) => ({
      type: INSTANCE,
      name: "db",
      props: { engine: "postgres", engineVersion, parameterGroupName: "computed" },
      propertyDependencies: { parameterGroupName: [urnOf("aws:rds/parameterGroup:ParameterGroup", "params")] },
    });
    const group = (family: string) => ({
      type: "aws:rds/parameterGroup:ParameterGroup",
      name: "params",
      props: { family, parameters: [] },
    });

    it("passes a group of the version's family and reports another family", async () => {
      assert.deepEqual(await messages("aws-rds-parameter-group-family", [db("15.4"), group("postgres15")]), []);
      assert.deepEqual(await messages("aws-rds-parameter-group-family", [db("15.4"), group("postgres16")]), [
        "db runs postgres 15.4, whose parameter groups are of family postgres15, but params is of family postgres16.",
      ]);
    });

    it("leaves instances without an engine version or a group of this stack to the other policies", async () => {
      assert.deepEqual(
        await messages("aws-rds-parameter-group-family", [
          { type: INSTANCE, name: "replica", props: { replicateSourceDb: "db" } },
          group("postgres16"),
        ]),
        [],
      );
    });
  });

  describe("aws-elasticache-encryption-at-rest", () => {
    const rg = (props: object) => ({
      type: "aws:elasticache/replicationGroup:ReplicationGroup",
      props: { description: "c", ...props },
    });
    it("passes encryption at rest and reports its absence", async () => {
      assert.deepEqual(await messages("aws-elasticache-encryption-at-rest", rg({ atRestEncryptionEnabled: true })), []);
      assert.deepEqual(await messages("aws-elasticache-encryption-at-rest", rg({})), [
        "atRestEncryptionEnabled is not true.",
      ]);
    });
  });

  describe("aws-s3-encryption-at-rest (stack policy)", () => {
    const bucket = { type: "aws:s3/bucket:Bucket", name: "dumps", props: { bucket: "acme-dumps" } };
    const sse = (algorithm: string, linked = true) => ({
      type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      name: "dumps-sse",
      props: {
        bucket: linked ? "computed" : "other",
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }],
      },
      propertyDependencies: linked ? { bucket: [urnOf("aws:s3/bucket:Bucket", "dumps")] } : {},
    });

    it("passes a bucket with SSE-KMS", async () => {
      assert.deepEqual(await messages("aws-s3-encryption-at-rest", [bucket, sse("aws:kms")]), []);
    });

    it("reports a bucket without an encryption configuration, or with SSE-S3 unless allowed", async () => {
      assert.deepEqual(await messages("aws-s3-encryption-at-rest", [bucket, sse("aws:kms", false)]), [
        "bucket dumps has no default encryption configuration in this stack.",
      ]);
      assert.deepEqual(await messages("aws-s3-encryption-at-rest", [bucket, sse("AES256")]), [
        "bucket dumps is encrypted with AES256, not SSE-KMS.",
      ]);
      assert.deepEqual(
        await messages("aws-s3-encryption-at-rest", [bucket, sse("AES256")], { config: { requireKms: false } }),
        [],
      );
    });
  });
});
