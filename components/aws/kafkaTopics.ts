import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { splitList } from "../outputValues";
import { accountContext } from "./accountContext";
import { PolicyStatement } from "./taskRoles";

/** Every default of {@link KafkaTopics}. */
export const KAFKA_TOPICS_DEFAULTS = {
  /** Between the team's prefix and a topic's own name. */
  separator: ".",
  /** Partitions per topic. */
  partitions: 6,
  /** Copies of each partition (MSK Serverless always keeps three). */
  replicationFactor: 3,
  /** Copies in sync before a write with `acks=all` counts (provisioned clusters). */
  minInSyncReplicas: 2,
  /** Hours a record is kept: seven days. */
  retentionHours: 168,
} as const;

const D = KAFKA_TOPICS_DEFAULTS;

/** One topic, named under the team's prefix. */
export interface KafkaTopicSpec {
  /** Its name after the prefix, e.g. `transactions` for `nexum-prod.transactions`. */
  readonly name: string;
  /** @default 6 */
  readonly partitions?: number;
  /** @default 3 */
  readonly replicationFactor?: number;
  /** Ignored on MSK Serverless, which fixes it. @default 2 */
  readonly minInSyncReplicas?: number;
  /** Hours records are kept; -1 keeps them forever. @default 168 */
  readonly retentionHours?: number;
}

/** The cluster the topics live on (a {@link KafkaCluster}). */
export interface KafkaTopicsCluster {
  /** Comma-separated `host:9098` list for IAM-authenticated TLS clients. */
  readonly bootstrapBrokers: pulumi.Input<string>;
  /** MSK Serverless. */
  readonly serverless: boolean;
  /** The IAM resource ARN of a topic, group or transactional id. */
  resourceArn(kind: "topic" | "group" | "transactional-id", name: string): pulumi.Output<string>;
  /** The cluster ARN. */
  readonly arn: pulumi.Input<string>;
}

/** Arguments of {@link KafkaTopics}. */
export interface KafkaTopicsArgs {
  /** The cluster. */
  readonly cluster: KafkaTopicsCluster;
  /** The team's topic prefix (its apps' `<APP>_KAFKA_TOPIC_PREFIX`). */
  readonly prefix: string;
  /** The topics. */
  readonly topics: readonly KafkaTopicSpec[];
  /** Region the brokers sign IAM requests in. @default the AWS provider's region */
  readonly region?: pulumi.Input<string>;
  /** Keep the topics (and their data) when removed from the program (prod). @default false */
  readonly protect?: boolean;
}

/** What an app does with the topics. */
export interface KafkaTopicGrant {
  /** Topics (names after the prefix) it uses. @default every topic */
  readonly topics?: readonly string[];
  /** Writes them. @default true */
  readonly produce?: boolean;
  /** Consumer group it reads them in. @default none (it does not consume) */
  readonly consumerGroup?: string;
}

/**
 * The team's Kafka topics as code: created on the cluster through the Kafka provider over TLS with
 * IAM (SASL `aws-iam`, the deployer's AWS credentials), with their partitions, replication,
 * `min.insync.replicas` and retention; `clientPolicyStatements` grants an app exactly these topics
 * and its consumer group. The deployer must reach the brokers (a runner inside the VPC).
 */
export class KafkaTopics extends pulumi.ComponentResource {
  /** Full topic names, by their name after the prefix. */
  public readonly names: Readonly<Record<string, string>>;
  /** The topics. */
  public readonly topics: kafka.Topic[];
  private readonly cluster: KafkaTopicsCluster;

  constructor(name: string, args: KafkaTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:KafkaTopics", name, {}, opts);
    this.cluster = args.cluster;
    const seen = new Set<string>();
    for (const t of args.topics) {
      if (seen.has(t.name)) throw new pulumi.ResourceError(`topic "${t.name}" is declared twice`, this);
      seen.add(t.name);
    }
    const provider = new kafka.Provider(
      childName(name, "kafkaAdmin"),
      {
        bootstrapServers: splitList(args.cluster.bootstrapBrokers, ","),
        tlsEnabled: true,
        skipTlsVerify: false,
        saslMechanism: "aws-iam",
        saslAwsRegion: args.region ?? accountContext(this).region,
      },
      { parent: this },
    );
    const names: Record<string, string> = {};
    this.topics = args.topics.map((t) => {
      const full = `${args.prefix}${D.separator}${t.name}`;
      names[t.name] = full;
      const hours = t.retentionHours ?? D.retentionHours;
      return new kafka.Topic(
        `${childName(name, "kafkaTopic")}-${t.name}`,
        {
          name: full,
          partitions: t.partitions ?? D.partitions,
          replicationFactor: t.replicationFactor ?? D.replicationFactor,
          config: {
            "retention.ms": hours < 0 ? "-1" : String(hours * 3_600_000),
            ...(args.cluster.serverless
              ? {}
              : { "min.insync.replicas": String(t.minInSyncReplicas ?? D.minInSyncReplicas) }),
          },
        },
        { parent: this, provider, protect: args.protect, retainOnDelete: args.protect },
      );
    });
    this.names = names;
    this.registerOutputs({ names });
  }

  /** IAM statements for an app's task role: connect, and describe/write/read exactly its topics, and its consumer group. */
  clientPolicyStatements(grant: KafkaTopicGrant = {}): PolicyStatement[] {
    const wanted = grant.topics ?? Object.keys(this.names);
    const unknown = wanted.filter((t) => !(t in this.names));
    if (unknown.length) throw new pulumi.ResourceError(`no such topic: ${unknown.join(", ")}`, this);
    const produce = grant.produce ?? true;
    const group = grant.consumerGroup;
    const consume = group !== undefined;
    return [
      {
        Sid: "KafkaConnect",
        Effect: "Allow",
        Action: [
          "kafka-cluster:Connect",
          "kafka-cluster:DescribeCluster",
          ...(produce ? ["kafka-cluster:WriteDataIdempotently"] : []),
        ],
        Resource: this.cluster.arn,
      },
      {
        Sid: "KafkaTopics",
        Effect: "Allow",
        Action: [
          "kafka-cluster:DescribeTopic",
          ...(produce ? ["kafka-cluster:WriteData"] : []),
          ...(consume ? ["kafka-cluster:ReadData"] : []),
        ],
        Resource: wanted.map((t) => this.cluster.resourceArn("topic", this.names[t])),
      },
      ...(group !== undefined
        ? [
            {
              Sid: "KafkaConsumerGroup",
              Effect: "Allow",
              Action: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
              Resource: this.cluster.resourceArn("group", group),
            },
          ]
        : []),
    ];
  }
}
