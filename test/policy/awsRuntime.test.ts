import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, runPolicy } from "./harness";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "aws-runtime.json");
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const task = (containers: object[], extra: object = {}) => ({
  type: TASK,
  props: { family: "t", containerDefinitions: JSON.stringify(containers), ...extra },
});
const hardened = {
  name: "app",
  image: "r/app:1",
  user: "10001:10001",
  readonlyRootFilesystem: true,
  privileged: false,
  linuxParameters: { capabilities: { drop: ["ALL"] } },
};

/** What each violating fixture breaks; every `compliant-*` fixture breaks nothing. */
const VIOLATES: Record<string, string[]> = {
  "violating-task-guide": [
    "aws-ecs-task-non-root-user",
    "aws-ecs-task-not-privileged",
    "aws-ecs-task-read-only-root-filesystem",
    "aws-ecs-task-no-plaintext-secrets",
  ],
  "violating-task-root-name": ["aws-ecs-task-non-root-user"],
  "violating-task-root-uid": ["aws-ecs-task-non-root-user"],
  "violating-task-root-uid-gid": ["aws-ecs-task-non-root-user"],
  "violating-task-capabilities": ["aws-ecs-task-no-added-capabilities"],
  "violating-task-host-network": ["aws-ecs-task-no-host-namespaces"],
  "violating-task-host-pid": ["aws-ecs-task-no-host-namespaces"],
  "violating-task-url-password": ["aws-ecs-task-no-plaintext-secrets"],
  "violating-task-unreadable": [
    "aws-ecs-task-image-pinned",
    "aws-ecs-task-no-sensitive-host-volumes",
    "aws-ecs-task-non-root-user",
    "aws-ecs-task-not-privileged",
    "aws-ecs-task-no-added-capabilities",
    "aws-ecs-task-no-host-namespaces",
    "aws-ecs-task-read-only-root-filesystem",
    "aws-ecs-task-no-plaintext-secrets",
  ],
  "violating-service-public-ip": ["aws-ecs-service-no-public-ip"],
  "violating-kafka-guide": [
    "aws-msk-client-tls",
    "aws-msk-in-cluster-tls",
    "aws-msk-authentication",
    "aws-msk-encryption-at-rest",
  ],
  "violating-kafka-tls-plaintext": ["aws-msk-client-tls", "aws-msk-authentication"],
  "violating-alb-headers": ["aws-alb-drop-invalid-headers"],
  "violating-repository-mutable": ["aws-ecr-immutable-tags"],
  "violating-repository-no-scan": ["aws-ecr-scan-on-push"],
};

describe("policy pack: AWS runtime (ECS, MSK, ALB, ECR)", () => {
  describe("every violating fixture is caught and every compliant one passes, in all three --input forms", () => {
    itInEachInputForm(FIXTURE, (report) => {
      assertBrokenPolicies(report, (name) => (name.startsWith("compliant-") ? [] : VIOLATES[name]));
      assert.ok(
        report.violations.every((v: any) => v.level === "mandatory"),
        "an input file without a stack runs every policy mandatory",
      );
    });
  });

  describe("aws-ecs-task-non-root-user", () => {
    it("passes a named non-root user and a numeric uid, refuses root in every spelling", async () => {
      assert.deepEqual(
        await messages(
          "aws-ecs-task-non-root-user",
          task([
            { ...hardened, user: "nexum" },
            { ...hardened, name: "b", user: "1000" },
          ]),
        ),
        [],
      );
      assert.deepEqual(
        await messages(
          "aws-ecs-task-non-root-user",
          task([
            { ...hardened, user: "root:root" },
            { ...hardened, name: "b", user: "00" },
            { ...hardened, name: "c", user: "" },
          ]),
        ),
        [
          'container "app" runs as root (user "root:root").',
          'container "b" runs as root (user "00").',
          'container "c" names no user, so it runs as the image\'s user (root unless the image says otherwise).',
        ],
      );
    });

    it("reports a task whose containers it cannot read, rather than passing it", async () => {
      assert.deepEqual(
        await messages("aws-ecs-task-non-root-user", {
          type: TASK,
          props: { family: "t", containerDefinitions: "{}" },
        }),
        ["containerDefinitions is not a JSON array: the task definition could not be judged."],
      );
      assert.deepEqual(await messages("aws-ecs-task-non-root-user", { type: TASK, props: { family: "t" } }), [
        "containerDefinitions is missing: the task definition could not be judged.",
      ]);
    });

    it("reports container definitions unknown in a preview as not judged, never as passing", async () => {
      const result = await runPolicy("aws-ecs-task-non-root-user", {
        type: TASK,
        props: { family: "t", containerDefinitions: UNKNOWN_VALUE },
      });
      assert.deepEqual(result.violations, []);
      assert.deepEqual(
        result.unknowns.map((u) => [u.level, u.reason]),
        [["mandatory", "string value at .containerDefinitions can't be known during preview"]],
      );
    });
  });

  describe("aws-ecs-task-no-plaintext-secrets", () => {
    it("judges the core-banking guide's environment as a reviewer would", async () => {
      const env = (pairs: Record<string, string>) =>
        task([{ ...hardened, environment: Object.entries(pairs).map(([name, value]) => ({ name, value })) }]);
      assert.deepEqual(
        await messages(
          "aws-ecs-task-no-plaintext-secrets",
          env({
            NEXUM_RATE_LIMIT_AUTH: "20",
            NEXUM_JWT_EXPIRY_HOURS: "4",
            NEXUM_JWT_ALGORITHM: "HS256",
            NEXUM_ENCRYPTION_ENABLED: "true",
            NEXUM_ENCRYPTION_PROVIDER: "aesgcm",
            NEXUM_PASSWORD_MIN_LENGTH: "8",
            NEXUM_CACHE_TTL_SECONDS: "300",
            NEXUM_KAFKA_BOOTSTRAP_SERVERS: "b-1:9098",
          }),
        ),
        [],
      );
      assert.deepEqual(
        await messages(
          "aws-ecs-task-no-plaintext-secrets",
          env({ NEXUM_JWT_SECRET: "staging-jwt-secret-256-bits", NEXUM_ENCRYPTION_MASTER_KEY: "c3RhZ2luZw==" }),
        ),
        [
          `container "app" environment[0] "NEXUM_JWT_SECRET": literal value under a credential's name (value not shown).`,
          `container "app" environment[1] "NEXUM_ENCRYPTION_MASTER_KEY": literal value under a credential's name (value not shown).`,
        ],
      );
    });

    it("lets the stack's own policy config allow a name", async () => {
      const t = task([
        {
          ...hardened,
          environment: [
            { name: "PUBLIC_SIGNING_KEY_ID", value: "k1" },
            { name: "APP_SECRET_NAME_HINT_KEY", value: "x" },
          ],
        },
      ]);
      assert.equal((await messages("aws-ecs-task-no-plaintext-secrets", t)).length, 1);
      assert.deepEqual(
        await messages("aws-ecs-task-no-plaintext-secrets", t, {
          config: { allowedNames: ["APP_SECRET_NAME_HINT_KEY"] },
        }),
        [],
      );
    });
  });

  describe("aws-msk-*", () => {
    const cluster = (props: object) => ({
      type: "aws:msk/cluster:Cluster",
      props: { clusterName: "c", kafkaVersion: "3.6.0", numberOfBrokerNodes: 3, ...props },
    });

    it("takes TLS as the default of clientBroker and inCluster, as MSK does", async () => {
      assert.deepEqual(await messages("aws-msk-client-tls", cluster({})), []);
      assert.deepEqual(
        await messages("aws-msk-in-cluster-tls", cluster({ encryptionInfo: { encryptionInTransit: {} } })),
        [],
      );
    });

    it("passes a customer key whose ARN a preview does not know yet", async () => {
      assert.deepEqual(
        await messages(
          "aws-msk-encryption-at-rest",
          cluster({ encryptionInfo: { encryptionAtRestKmsKeyArn: UNKNOWN_VALUE } }),
        ),
        [],
      );
    });

    it("requires IAM on MSK Serverless, its only authentication", async () => {
      assert.deepEqual(
        await messages("aws-msk-authentication", {
          type: "aws:msk/serverlessCluster:ServerlessCluster",
          props: { clusterName: "c", clientAuthentication: { sasl: { iam: { enabled: false } } } },
        }),
        ["clientAuthentication.sasl.iam.enabled is not true: MSK Serverless authenticates with IAM only."],
      );
    });

    it("accepts SCRAM or mutual TLS as authentication", async () => {
      assert.deepEqual(
        await messages("aws-msk-authentication", cluster({ clientAuthentication: { sasl: { scram: true } } })),
        [],
      );
      assert.deepEqual(
        await messages(
          "aws-msk-authentication",
          cluster({
            clientAuthentication: {
              tls: { certificateAuthorityArns: ["arn:aws:acm-pca:eu-west-1:1:certificate-authority/x"] },
            },
          }),
        ),
        [],
      );
    });
  });

  describe("aws-alb-drop-invalid-headers", () => {
    it("judges application load balancers only, under both module tokens", async () => {
      assert.deepEqual(
        await messages("aws-alb-drop-invalid-headers", {
          type: "aws:lb/loadBalancer:LoadBalancer",
          props: { loadBalancerType: "network" },
        }),
        [],
      );
      assert.equal(
        (await messages("aws-alb-drop-invalid-headers", { type: "aws:lb/loadBalancer:LoadBalancer", props: {} }))
          .length,
        1,
      );
    });
  });

  describe("aws-ecr-*", () => {
    it("treats an unset tag mutability as AWS does: mutable", async () => {
      assert.deepEqual(
        await messages("aws-ecr-immutable-tags", { type: "aws:ecr/repository:Repository", props: { name: "r" } }),
        ["imageTagMutability is MUTABLE: a pushed tag can be overwritten."],
      );
    });
  });
});
