import { strict as assert } from "node:assert";
import { alertTopic } from "../../components/aws/alertTopic";
import { accountContext } from "../../components/aws/accountContext";
import { FargateService } from "../../components/aws/fargateService";
import { KafkaCluster } from "../../components/aws/kafkaCluster";
import { KafkaTopics } from "../../components/aws/kafkaTopics";
import { PostgresDatabase } from "../../components/data/postgresDatabase";
import { NETWORK, PRIVATE } from "../fixtures/awsNetwork";
import * as pulumi from "@pulumi/pulumi";
import { promiseOf, render } from "../mocks";

const DATA_NETWORK = { vpcId: NETWORK.vpcId, subnetIds: NETWORK.privateSubnetIds };

describe("AWS app wiring", () => {
  it("KafkaTopics: each topic under the prefix through an IAM-over-TLS provider, grants scoped to those topics and the group", async () => {
    let statements: any[] = [];
    const r = await render(() => {
      const cluster = new KafkaCluster("events", { mode: "provisioned", network: PRIVATE });
      const topics = new KafkaTopics("topics", {
        cluster,
        prefix: "nexum-prod",
        topics: [{ name: "transactions", partitions: 12, retentionHours: 720 }, { name: "audit" }],
      });
      statements = topics.clientPolicyStatements({ topics: ["transactions"], consumerGroup: "nexum-core" });
    });
    const t = r.props("kafka:index/topic:Topic", "topics-topic-transactions");
    assert.deepEqual(
      [t.name, t.partitions, t.replicationFactor, t.config["min.insync.replicas"], t.config["retention.ms"]],
      ["nexum-prod.transactions", 12, 3, "2", String(720 * 3_600_000)],
    );
    const provider = r.get("pulumi:providers:kafka", "topics-kafka-admin");
    assert.deepEqual([provider.inputs.saslMechanism, String(provider.inputs.tlsEnabled)], ["aws-iam", "true"]);
    assert.equal(
      r.get("kafka:index/topic:Topic", "topics-topic-audit").options.provider?.includes("topics-kafka-admin"),
      true,
    );
    const sids = statements.map((s) => s.Sid);
    assert.deepEqual(sids, ["KafkaConnect", "KafkaTopics", "KafkaConsumerGroup"]);
    assert.equal((statements[1].Resource as unknown[]).length, 1, "only the granted topic");
  });

  it("FargateService migration: a one-off task of the image runs the command, once per image, before the service", async () => {
    const r = await render(
      () =>
        new FargateService("api", {
          network: PRIVATE,
          image: "registry.example/nexis/api:1.14.2",
          port: 8000,
          migration: { command: ["alembic", "upgrade", "head"] },
        }),
    );
    const task = r.props("aws:ecs/taskDefinition:TaskDefinition", "api-migrate-task");
    const [container] = JSON.parse(task.containerDefinitions);
    assert.deepEqual(
      [task.family, container.command, container.portMappings ?? []],
      ["api-migrate", ["alembic", "upgrade", "head"], []],
    );
    const run = r.get("command:local:Command", "api-migrate-run");
    assert.deepEqual(
      r.props("command:local:Command", "api-migrate-run").triggers[0],
      "registry.example/nexis/api:1.14.2",
    );
    assert.ok(!/SECRET|PASSWORD/.test(String(r.props("command:local:Command", "api-migrate-run").create)));
    assert.ok(r.get("aws:ecs/service:Service", "api-ecs-service").dependencies.includes(run.urn));
  });

  it("PostgresDatabase proxy: TLS required, Secrets Manager auth, apps pointed at the proxy; the replica's read URL a secret", async () => {
    let db: PostgresDatabase | undefined;
    const r = await render(
      () =>
        (db = new PostgresDatabase("db", {
          mode: "managed",
          network: DATA_NETWORK,
          readReplica: true,
          proxy: {},
        })),
      {
        preview: false,
        computedOutputs: (type) =>
          type === "aws:rds/proxy:Proxy" ? { endpoint: "db-proxy.proxy-abc.eu-west-1.rds.amazonaws.com" } : {},
      },
    );
    const proxy = r.props("aws:rds/proxy:Proxy", "db-proxy");
    assert.deepEqual([proxy.requireTls, proxy.auths[0].authScheme], [true, "SECRETS"]);
    assert.match(await promiseOf(db!.connectionUrl), /@db-proxy\.proxy-abc\.eu-west-1\.rds\.amazonaws\.com:5432\//);
    assert.equal(await pulumi.isSecret(db!.readConnectionUrl!), true);
    assert.ok(r.ofType("aws:rds/proxyTarget:ProxyTarget").length === 1);
  });

  it("alert topics: each configured endpoint subscribed to the topic", async () => {
    const r = await render(() => {
      const parent = new pulumi.ComponentResource("test:index:Parent", "alarms");
      alertTopic(
        parent,
        "alarms",
        { subscriptions: [{ protocol: "https", endpoint: pulumi.secret("https://events.pagerduty.com/x") }] },
        { services: ["cloudwatch.amazonaws.com"], description: "test" },
        accountContext(parent),
      );
    });
    const sub = r.get("aws:sns/topicSubscription:TopicSubscription", "alarms-alarm-sub-0");
    assert.equal(sub.inputs.protocol, "https");
    assert.ok(sub.propertyDependencies.topic.includes(r.get("aws:sns/topic:Topic", "alarms-alarm-topic").urn));
  });
});
