import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { DatabaseBackupPlan } from "../../components/aws/databaseBackupPlan";
import { EcrRepository } from "../../components/aws/ecrRepository";
import { KafkaCluster } from "../../components/aws/kafkaCluster";
import { PrometheusWorkspace } from "../../components/aws/prometheusWorkspace";
import { PostgresDatabase } from "../../components/data/postgresDatabase";
import { RedisCache } from "../../components/data/redisCache";
import { NETWORK, PRIVATE } from "../fixtures/awsNetwork";
import { computedOutputs } from "../fixtures/data";
import { isSecret, promiseOf, render } from "../mocks";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const DATA_NETWORK = { vpcId: NETWORK.vpcId, subnetIds: NETWORK.privateSubnetIds };

describe("KafkaCluster", () => {
  it("provisioned: TLS to clients and between brokers, IAM only, a customer key, brokers over the AZs without public access, logs and monitoring", async () => {
    const r = await render(() => new KafkaCluster("events", { mode: "provisioned", network: PRIVATE }));
    const c = r.props("aws:msk/cluster:Cluster", "events-kafka");
    assert.deepEqual(c.encryptionInfo.encryptionInTransit, { clientBroker: "TLS", inCluster: true });
    assert.ok(
      r
        .get("aws:msk/cluster:Cluster", "events-kafka")
        .propertyDependencies.encryptionInfo.includes(r.get("aws:kms/key:Key", "events-kms").urn),
    );
    assert.deepEqual(c.clientAuthentication, { sasl: { iam: true, scram: false }, unauthenticated: false });
    assert.deepEqual(
      [
        c.numberOfBrokerNodes,
        c.brokerNodeGroupInfo.clientSubnets,
        c.brokerNodeGroupInfo.connectivityInfo.publicAccess.type,
      ],
      [3, PRIVATE.subnetIds, "DISABLED"],
    );
    assert.equal(c.enhancedMonitoring, "PER_TOPIC_PER_BROKER");
    assert.deepEqual(c.loggingInfo.brokerLogs.cloudwatchLogs.enabled, true);
    const props = r.props("aws:msk/configuration:Configuration", "events-kafka-config").serverProperties.split("\n");
    assert.ok(props.includes("auto.create.topics.enable=false") && props.includes("min.insync.replicas=2"));
  });

  it("admits only its client group, on the IAM port, and the group may send only there", async () => {
    let kafka!: KafkaCluster;
    const r = await render(() => {
      kafka = new KafkaCluster("events", { mode: "serverless", network: PRIVATE });
    });
    const brokers = r.get(SG, "events-sg");
    assert.deepEqual(
      (brokers.inputs as any).ingress.map((i: any) => [i.fromPort, i.toPort]),
      [[9098, 9098]],
    );
    assert.ok(brokers.propertyDependencies.ingress.includes(r.get(SG, "events-clients-sg").urn));
    assert.deepEqual((brokers.inputs as any).egress, []);
    const egress = r.get(EGRESS, "events-clients-egress");
    assert.ok(egress.propertyDependencies.referencedSecurityGroupId.includes(brokers.urn));
    assert.equal(kafka.access.port, 9098);
    const serverless = r.props("aws:msk/serverlessCluster:ServerlessCluster", "events-kafka");
    assert.deepEqual(serverless.clientAuthentication, { sasl: { iam: { enabled: true } } });
  });

  it("grants a client connect, and produce/consume on its topic and group prefixes only", async () => {
    let kafka!: KafkaCluster;
    await render(
      () => {
        kafka = new KafkaCluster("events", { mode: "provisioned", network: PRIVATE });
      },
      {
        preview: false,
        computedOutputs: (type, name) =>
          type === "aws:msk/cluster:Cluster"
            ? { arn: "arn:aws:kafka:eu-west-1:1:cluster/events/abc-1" }
            : computedOutputs(type, name, {}),
      },
    );
    const [connect, topics, groups] = kafka.clientPolicyStatements({
      topicPrefix: "nexum-prod.",
      groupPrefix: "nexum-core",
    }) as any[];
    assert.deepEqual(connect.Action, ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]);
    assert.equal(await promiseOf(topics.Resource), "arn:aws:kafka:eu-west-1:1:topic/events/abc-1/nexum-prod.*");
    assert.deepEqual(topics.Action, [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:WriteData",
      "kafka-cluster:ReadData",
    ]);
    assert.equal(await promiseOf(groups.Resource), "arn:aws:kafka:eu-west-1:1:group/events/abc-1/nexum-core*");
  });

  it("refuses brokers that do not divide over the AZs", async () => {
    await assert.rejects(
      render(() => new KafkaCluster("events", { mode: "provisioned", network: PRIVATE, brokers: 4 })),
      /multiple of the 3 subnets, got 4/,
    );
  });
});

describe("PrometheusWorkspace", () => {
  const rule = {
    alert: "NexumHighErrorRate",
    expr: "rate(nexum_errors_total[5m]) > 0.1",
    for: "2m",
    severity: "critical" as const,
    summary: "High error rate",
  };

  it("keeps the rules in Prometheus' rule-file form and routes every alert to its encrypted topic, published only by the workspace", async () => {
    const r = await render(
      () => new PrometheusWorkspace("metrics", { ruleGroups: [{ name: "nexum-api", rules: [rule] }] }),
      {
        preview: false,
        computedOutputs: (type, name, inputs) =>
          type === "aws:sns/topic:Topic"
            ? { arn: "arn:aws:sns:us-east-1:0:alerts" }
            : computedOutputs(type, name, inputs),
      },
    );
    const groups = parse(r.props("aws:amp/ruleGroupNamespace:RuleGroupNamespace", "metrics-rules").data).groups;
    assert.deepEqual(groups[0].rules[0], {
      alert: "NexumHighErrorRate",
      expr: rule.expr,
      for: "2m",
      labels: { severity: "critical" },
      annotations: { summary: "High error rate" },
    });
    const manager = parse(
      parse(r.props("aws:amp/alertManagerDefinition:AlertManagerDefinition", "metrics-alertmanager").definition)
        .alertmanager_config,
    );
    assert.equal(manager.receivers[0].sns_configs[0].topic_arn, "arn:aws:sns:us-east-1:0:alerts");
    assert.equal(manager.route.receiver, "sns");
    const key = JSON.parse(r.props("aws:kms/key:Key", "metrics-alarm-kms").policy).Statement.find(
      (s: any) => s.Principal.Service === "aps.amazonaws.com",
    );
    assert.deepEqual(key.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
    const publish = r
      .props("aws:sns/topicPolicy:TopicPolicy", "metrics-alarm-topic-policy")
      .policy.Statement.find((s: any) => s.Sid === "ServicesPublish");
    assert.deepEqual(publish.Principal, { Service: ["aps.amazonaws.com"] });
    assert.ok(r.props("aws:amp/workspace:Workspace", "metrics-amp").kmsKeyArn);
  });

  it("refuses an expression Prometheus would not parse, naming the group and alert", async () => {
    await assert.rejects(
      render(
        () =>
          new PrometheusWorkspace("metrics", {
            ruleGroups: [{ name: "g", rules: [{ ...rule, expr: "rate(nexum_errors_total[5m] > 0.1" }] }],
          }),
      ),
      /rule group g, alert NexumHighErrorRate: not valid PromQL at character/,
    );
  });
});

describe("EcrRepository", () => {
  it("keeps tags immutable, scans every push, encrypts with its key and expires old images", async () => {
    const r = await render(() => new EcrRepository("api-images"));
    const repo = r.props("aws:ecr/repository:Repository", "api-images-repo");
    assert.deepEqual(
      [
        repo.name,
        repo.imageTagMutability,
        repo.imageScanningConfiguration.scanOnPush,
        repo.encryptionConfigurations[0].encryptionType,
      ],
      ["api-images", "IMMUTABLE", true, "KMS"],
    );
    const rules = JSON.parse(
      r.props("aws:ecr/lifecyclePolicy:LifecyclePolicy", "api-images-lifecycle-policy").policy,
    ).rules;
    assert.deepEqual(
      rules.map((x: any) => [x.selection.tagStatus, x.selection.countType]),
      [
        ["untagged", "sinceImagePushed"],
        ["any", "imageCountMoreThan"],
      ],
    );
    assert.equal(
      r.ofType("aws:ecr/repositoryPolicy:RepositoryPolicy").length,
      0,
      "no other account may pull unless named",
    );
  });
});

describe("DatabaseBackupPlan", () => {
  it("snapshots the databases nightly into its encrypted vault, kept for the retention, with a role AWS Backup assumes", async () => {
    const r = await render(
      () =>
        new DatabaseBackupPlan("db-backups", { resourceArns: ["arn:aws:rds:us-east-1:1:db:nexis"], retentionDays: 30 }),
    );
    const [rule] = r.props("aws:backup/plan:Plan", "db-backups-plan").rules;
    assert.deepEqual([rule.schedule, rule.lifecycle.deleteAfter], ["cron(0 2 * * ? *)", 30]);
    assert.ok(r.props("aws:backup/vault:Vault", "db-backups-vault").kmsKeyArn);
    assert.deepEqual(r.props("aws:backup/selection:Selection", "db-backups-selection").resources, [
      "arn:aws:rds:us-east-1:1:db:nexis",
    ]);
    assert.equal(
      JSON.parse(r.props("aws:iam/role:Role", "db-backups-role").assumeRolePolicy).Statement[0].Principal.Service,
      "backup.amazonaws.com",
    );
  });
});

describe("managed data services for AWS workloads", () => {
  it("PostgreSQL without a namespace makes no Kubernetes object, gives a secret URL and a client group to join", async () => {
    let db!: PostgresDatabase;
    const r = await render(
      () => {
        db = new PostgresDatabase("db", { mode: "managed", network: DATA_NETWORK });
      },
      { preview: false, computedOutputs },
    );
    assert.equal(r.resources.filter((x) => x.type.startsWith("kubernetes:")).length, 0);
    assert.equal(db.endpoint, undefined);
    assert.equal(
      await promiseOf(db.connectionUrl),
      "postgresql://app:pw-db-password@db-db.db.internal:5432/app?sslmode=require",
    );
    assert.equal(await isSecret(db.connectionUrl), true);
    const server = r.get(SG, "db-sg");
    assert.equal((server.inputs as any).description, "db PostgreSQL: port 5432 from its clients only");
    assert.ok(server.propertyDependencies.ingress.includes(r.get(SG, "db-clients-sg").urn));
    assert.equal(db.access?.port, 5432);
  });

  it("Redis without a namespace likewise, with a rediss:// URL", async () => {
    let cache!: RedisCache;
    await render(
      () => {
        cache = new RedisCache("cache", { mode: "managed", network: DATA_NETWORK });
      },
      { preview: false, computedOutputs },
    );
    assert.equal(await promiseOf(cache.url), "rediss://:pw-cache-password@cache-cache.cache.internal:6379/0");
    assert.equal(cache.access?.port, 6379);
  });

  it("keeps serving an EKS cluster's group without a client group unless asked", async () => {
    const r = await render(
      () =>
        new PostgresDatabase("db", {
          mode: "managed",
          network: { ...DATA_NETWORK, clientSecurityGroupId: "sg-0c1c2c3c", vpcCidr: "10.40.0.0/16" },
          namespace: "team",
          partOf: "team",
        }),
    );
    assert.equal(r.ofType(SG).length, 1);
    assert.equal(
      (r.props(SG, "db-sg") as any).description,
      "db PostgreSQL: port 5432 from the cluster only",
      "unchanged, so the group is not replaced",
    );
  });

  it("refuses a pooler without the namespace it would run in", async () => {
    await assert.rejects(
      render(() => new PostgresDatabase("db", { mode: "managed", network: DATA_NETWORK, pooler: {} })),
      /pooler runs in Kubernetes/,
    );
  });
});
