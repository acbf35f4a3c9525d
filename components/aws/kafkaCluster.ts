import * as msk from "@pulumi/aws/msk";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { replacedOnce } from "../outputValues";
import { statefulOptions } from "../protection";
import { accountContext } from "./accountContext";
import { KmsKeyOption, serviceKeyArn } from "./kmsKey";
import { encryptedLogGroup, logsKeyUser } from "./logGroup";
import { ClientAccess, portSecurityGroup } from "./securityGroups";
import { PolicyStatement } from "./taskRoles";

/** Every default of a {@link KafkaCluster}. */
export const KAFKA_CLUSTER_DEFAULTS = {
  /** Port of IAM-authenticated TLS clients inside the VPC. */
  iamPort: 9098,
  /** What a client sets to authenticate with IAM over TLS (the aws-msk-iam-auth names). */
  iamClient: {
    securityProtocol: "SASL_SSL",
    saslMechanism: "AWS_MSK_IAM",
    jaasConfig: "software.amazon.msk.auth.iam.IAMLoginModule required;",
    callbackHandler: "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
  },
  /** Provisioned clusters. */
  provisioned: {
    kafkaVersion: "3.6.0",
    instanceType: "kafka.m7g.large",
    brokers: 3,
    volumeGb: 100,
    logRetentionDays: 90,
    enhancedMonitoring: "PER_TOPIC_PER_BROKER",
    /** Broker settings: no topics by accident, three copies, two in sync before a write counts. */
    serverProperties: {
      "auto.create.topics.enable": "false",
      "default.replication.factor": "3",
      "min.insync.replicas": "2",
      "unclean.leader.election.enable": "false",
    } as Record<string, string>,
  },
} as const;

const D = KAFKA_CLUSTER_DEFAULTS;

/** What both modes take. */
export interface KafkaCommon {
  /** VPC and the private subnets the brokers (or serverless endpoints) go in: two or three AZs. */
  readonly network: { readonly vpcId: pulumi.Input<string>; readonly subnetIds: pulumi.Input<pulumi.Input<string>[]> };
  /** Cluster name. @default the component name */
  readonly clusterName?: string;
}

/** An MSK provisioned cluster. */
export interface ProvisionedKafka extends KafkaCommon {
  /** Brokers the team sizes. */
  readonly mode: "provisioned";
  /** @default "3.6.0" */
  readonly kafkaVersion?: string;
  /** @default "kafka.m7g.large" */
  readonly instanceType?: string;
  /** Brokers, a multiple of the subnets. @default 3 */
  readonly brokers?: number;
  /** EBS volume per broker, GiB. @default 100 */
  readonly volumeGb?: number;
  /** Key for data at rest and the broker log group. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** Days broker logs are kept. @default 90 */
  readonly logRetentionDays?: number;
  /** Broker settings over the defaults. @default no auto-created topics, replication 3, min.insync 2, no unclean election */
  readonly serverProperties?: Readonly<Record<string, string>>;
  /** Protect and retain the cluster (prod). @default false */
  readonly protect?: boolean;
}

/** MSK Serverless: capacity on demand, always TLS and IAM, encrypted at rest with an AWS-managed key. */
export interface ServerlessKafka extends KafkaCommon {
  /** No brokers to size. */
  readonly mode: "serverless";
}

/** Arguments of {@link KafkaCluster}. */
export type KafkaClusterArgs = ProvisionedKafka | ServerlessKafka;

/** What a client may do with topics and consumer groups. */
export interface KafkaClientGrant {
  /** Topic name prefix, e.g. `nexum-prod.`. */
  readonly topicPrefix: string;
  /** Consumer group prefix. @default the topic prefix */
  readonly groupPrefix?: string;
  /** Write to the topics. @default true */
  readonly produce?: boolean;
  /** Read the topics and join the groups. @default true */
  readonly consume?: boolean;
}

/**
 * Kafka on Amazon MSK for services in the VPC: TLS-only client traffic and TLS between brokers,
 * IAM authentication with unauthenticated access off, encryption at rest with a customer key,
 * brokers spread over the private subnets' AZs without public access, broker logs to an
 * encrypted log group, enhanced monitoring. `mode: "serverless"` for staging: IAM and TLS only
 * by construction. Clients join `access` and get `clientPolicyStatements` in their task role.
 */
export class KafkaCluster extends pulumi.ComponentResource {
  /** The cluster ARN. */
  public readonly arn: pulumi.Output<string>;
  /** Comma-separated `host:9098` list for IAM-authenticated TLS clients. */
  public readonly bootstrapBrokers: pulumi.Output<string>;
  /** The client security group services join. */
  public readonly access: ClientAccess;
  /** MSK Serverless (fixed replication, no per-topic `min.insync.replicas`). */
  public readonly serverless: boolean;

  constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:KafkaCluster", name, {}, opts);
    const child = { parent: this };
    const clusterName = args.clusterName ?? name;
    const port = D.iamPort;
    const { securityGroup, access } = portSecurityGroup(this, name, {
      vpcId: args.network.vpcId,
      port,
      service: `${name} Kafka`,
      clientGroup: true,
    });
    this.access = access;
    this.serverless = args.mode === "serverless";
    if (args.mode === "serverless") {
      const cluster = new msk.ServerlessCluster(
        childName(name, "kafkaCluster"),
        {
          clusterName,
          clientAuthentication: { sasl: { iam: { enabled: true } } },
          vpcConfigs: [{ subnetIds: args.network.subnetIds, securityGroupIds: [securityGroup.id] }],
        },
        child,
      );
      this.arn = cluster.arn;
      this.bootstrapBrokers = cluster.bootstrapBrokersSaslIam;
    } else {
      const p = D.provisioned;
      checkBrokerSpread(this, args.brokers ?? p.brokers, args.network.subnetIds);
      const ctx = accountContext(this);
      const keyArn = serviceKeyArn(this, name, args.kmsKey, {
        description: `${name}: Kafka data and broker logs`,
        users: [logsKeyUser(ctx)],
        protect: args.protect,
      });
      const logs = encryptedLogGroup(this, name, {
        name: `/aws/msk/${clusterName}`,
        retentionDays: args.logRetentionDays ?? p.logRetentionDays,
        kmsKeyArn: keyArn,
      });
      const version = args.kafkaVersion ?? p.kafkaVersion;
      const properties = { ...p.serverProperties, ...args.serverProperties };
      const configuration = new msk.Configuration(
        childName(name, "kafkaConfiguration"),
        {
          name: clusterName,
          kafkaVersions: [version],
          serverProperties: Object.entries(properties)
            .map(([k, v]) => `${k}=${v}`)
            .join("\n"),
        },
        child,
      );
      const cluster = new msk.Cluster(
        childName(name, "kafkaCluster"),
        {
          clusterName,
          kafkaVersion: version,
          numberOfBrokerNodes: args.brokers ?? p.brokers,
          brokerNodeGroupInfo: {
            instanceType: args.instanceType ?? p.instanceType,
            clientSubnets: args.network.subnetIds,
            securityGroups: [securityGroup.id],
            storageInfo: { ebsStorageInfo: { volumeSize: args.volumeGb ?? p.volumeGb } },
            connectivityInfo: { publicAccess: { type: "DISABLED" } },
          },
          clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
          encryptionInfo: {
            encryptionAtRestKmsKeyArn: keyArn,
            encryptionInTransit: { clientBroker: "TLS", inCluster: true },
          },
          configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
          enhancedMonitoring: p.enhancedMonitoring,
          loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logs.name } } },
        },
        statefulOptions(this, args.protect),
      );
      this.arn = cluster.arn;
      this.bootstrapBrokers = cluster.bootstrapBrokersSaslIam;
    }
    this.registerOutputs({ arn: this.arn, bootstrapBrokers: this.bootstrapBrokers });
  }

  /**
   * The client settings for IAM over TLS as environment under `envPrefix` (e.g. `NEXUM_KAFKA_`):
   * `BOOTSTRAP_SERVERS` (computed: for `linkedEnv`), `SECURITY_PROTOCOL`, `SASL_MECHANISM`,
   * `SASL_JAAS_CONFIG` and `SASL_CLIENT_CALLBACK_HANDLER_CLASS`. No secret: the task role signs.
   */
  clientEnv(envPrefix: string): { env: Record<string, string>; linkedEnv: Record<string, pulumi.Output<string>> } {
    const c = D.iamClient;
    return {
      env: {
        [`${envPrefix}SECURITY_PROTOCOL`]: c.securityProtocol,
        [`${envPrefix}SASL_MECHANISM`]: c.saslMechanism,
        [`${envPrefix}SASL_JAAS_CONFIG`]: c.jaasConfig,
        [`${envPrefix}SASL_CLIENT_CALLBACK_HANDLER_CLASS`]: c.callbackHandler,
      },
      linkedEnv: { [`${envPrefix}BOOTSTRAP_SERVERS`]: this.bootstrapBrokers },
    };
  }

  /** The IAM resource ARN of a topic, consumer group or transactional id of the cluster (`*` patterns allowed). */
  resourceArn(kind: "topic" | "group" | "transactional-id", name: string): pulumi.Output<string> {
    return pulumi.interpolate`${replacedOnce(this.arn, ":cluster/", `:${kind}/`)}/${name}`;
  }

  /** IAM statements for a client's task role: connect, and produce/consume on the topics and groups with the prefixes. */
  clientPolicyStatements(grant: KafkaClientGrant): PolicyStatement[] {
    const produce = grant.produce ?? true;
    const consume = grant.consume ?? true;
    const under = (kind: "topic" | "group", prefix: string) => this.resourceArn(kind, `${prefix}*`);
    const topicActions = [
      "kafka-cluster:DescribeTopic",
      ...(produce ? ["kafka-cluster:WriteData"] : []),
      ...(consume ? ["kafka-cluster:ReadData"] : []),
    ];
    return [
      {
        Sid: "KafkaConnect",
        Effect: "Allow",
        Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
        Resource: this.arn,
      },
      { Sid: "KafkaTopics", Effect: "Allow", Action: topicActions, Resource: under("topic", grant.topicPrefix) },
      ...(consume
        ? [
            {
              Sid: "KafkaGroups",
              Effect: "Allow",
              Action: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
              Resource: under("group", grant.groupPrefix ?? grant.topicPrefix),
            },
          ]
        : []),
    ];
  }
}

/** Brokers must divide evenly over the subnets' AZs (MSK's rule), checked when the subnets are known here. */
function checkBrokerSpread(
  parent: pulumi.Resource,
  brokers: number,
  subnets: pulumi.Input<pulumi.Input<string>[]>,
): void {
  if (!Array.isArray(subnets)) return;
  if (subnets.length < 2 || subnets.length > 3)
    throw new pulumi.ResourceError(
      `expected 2 or 3 subnets in different AZs for the brokers, got ${subnets.length}`,
      parent,
    );
  if (brokers % subnets.length !== 0)
    throw new pulumi.ResourceError(
      `expected brokers to be a multiple of the ${subnets.length} subnets, got ${brokers}`,
      parent,
    );
}
