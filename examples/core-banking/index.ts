import {
  alertRuleSchema,
  DataAlarms,
  EcrRepository,
  FargateService,
  fargateServiceArgs,
  fargateServiceSchema,
  KafkaCluster,
  kafkaClusterSchema,
  LoadBalancer,
  loadBalancerArgs,
  loadBalancerSchema,
  managedPostgresSchema,
  managedRedisSchema,
  PostgresDatabase,
  PrometheusWorkspace,
  readProjectConfig,
  RedisCache,
  REDIS_DEFAULTS,
  serviceNetwork,
  serviceNetworkSchema,
} from "@acme/platform";
import { z } from "zod";

/*
 * Nexum core banking on AWS (guide 003): the API on ECS Fargate behind an ALB, RDS PostgreSQL 15,
 * ElastiCache Redis, Kafka on MSK, metrics and the guide's alerts in Amazon Managed Prometheus.
 * Everything that differs between staging and prod is in Pulumi.<stack>.yaml (nexum:* keys).
 */
const config = readProjectConfig(
  z.strictObject({
    environment: z.enum(["staging", "prod"]),
    network: serviceNetworkSchema,
    loadBalancer: loadBalancerSchema,
    api: fargateServiceSchema,
    postgres: managedPostgresSchema,
    redis: managedRedisSchema,
    kafka: kafkaClusterSchema,
    alerts: z.strictObject({
      errorRatePerSecond: z.number().positive(),
      minIdleConnections: z.int().min(0),
      p95LatencySeconds: z.number().positive(),
      runbookBase: z.url(),
      extraRules: z.array(alertRuleSchema).optional(),
    }),
  }),
);

const prefix = `nexum-${config.environment}`;
const prod = config.environment === "prod";
const network = serviceNetwork(config.network);
const tasksNetwork = { vpcId: network.vpcId, subnetIds: network.privateSubnetIds };
const dataNetwork = { vpcId: network.vpcId, subnetIds: network.privateSubnetIds, vpcCidr: network.vpcCidr };

const images = new EcrRepository(`${prefix}-api-images`, { protect: prod });
const db = new PostgresDatabase(`${prefix}-db`, { ...config.postgres, network: dataNetwork, protect: prod });
const cache = new RedisCache(`${prefix}-cache`, { ...config.redis, network: dataNetwork, protect: prod });
const events = new KafkaCluster(
  `${prefix}-events`,
  config.kafka.mode === "provisioned"
    ? { ...config.kafka, network: tasksNetwork, protect: prod }
    : { ...config.kafka, network: tasksNetwork },
);
const alb = new LoadBalancer(
  `${prefix}-alb`,
  loadBalancerArgs(config.loadBalancer, { vpcId: network.vpcId, subnetIds: network.publicSubnetIds }, prod),
);

const runbook = (alert: string) => `${config.alerts.runbookBase}/${alert}`;
const metrics = new PrometheusWorkspace(`${prefix}-metrics`, {
  ruleGroups: [
    {
      name: "nexum-api",
      rules: [
        {
          alert: "NexumHighErrorRate",
          expr: `sum by (job) (rate(nexum_errors_total[5m])) > ${config.alerts.errorRatePerSecond}`,
          for: "2m",
          severity: "critical",
          summary: "High error rate detected",
          description: "Error rate is {{ $value }} errors per second",
          runbookUrl: runbook("NexumHighErrorRate"),
        },
        {
          alert: "NexumDatabaseConnectionsLow",
          expr: `min by (job) (nexum_database_connections{state="idle"}) < ${config.alerts.minIdleConnections}`,
          for: "1m",
          severity: "warning",
          summary: "Low database connections available",
          runbookUrl: runbook("NexumDatabaseConnectionsLow"),
        },
        {
          alert: "NexumRequestLatencyHigh",
          expr: `histogram_quantile(0.95, sum by (job, le) (rate(nexum_request_duration_seconds_bucket[5m]))) > ${config.alerts.p95LatencySeconds}`,
          for: "5m",
          severity: "warning",
          summary: "High request latency detected",
          runbookUrl: runbook("NexumRequestLatencyHigh"),
        },
        ...(config.alerts.extraRules ?? []),
      ],
    },
  ],
});

// RDS and ElastiCache alarms go to the same topic as the Prometheus alerts.
new DataAlarms(`${prefix}-data-alarms`, {
  partOf: prefix,
  rds: { primary: db.instance!.identifier, replica: db.replica?.identifier },
  cache: { replicationGroupId: cache.replicationGroup!.id, nodes: config.redis.nodes ?? REDIS_DEFAULTS.managed.nodes },
  topic: { existing: metrics.alertTopicArn },
});

const topicPrefix = config.api.env?.NEXUM_KAFKA_TOPIC_PREFIX ?? "nexum";
const api = new FargateService(
  `${prefix}-api`,
  fargateServiceArgs(config.api, {
    network: tasksNetwork,
    loadBalancer: alb.attachment,
    imageRepositoryArns: [images.arn],
    access: [db.access!, cache.access!, events.access],
    secretEnv: { NEXUM_DATABASE_URL: db.connectionUrl, NEXUM_REDIS_URL: cache.url },
    linkedEnv: { NEXUM_KAFKA_BOOTSTRAP_SERVERS: events.bootstrapBrokers },
    taskPolicyStatements: events.clientPolicyStatements({
      topicPrefix,
      groupPrefix: config.api.env?.NEXUM_KAFKA_CONSUMER_GROUP ?? "nexum-core",
    }),
    metrics: { workspace: metrics, labels: { environment: config.environment } },
  }),
);

/** Where to point the API's DNS name (a CNAME or alias record). */
export const loadBalancerDnsName = alb.dnsName;
/** Repository the API images are pushed to. */
export const imageRepository = images.repositoryUrl;
/** The ECS cluster and service, for `aws ecs` commands. */
export const ecs = { cluster: api.clusterName, service: api.service.name };
/** Kafka bootstrap brokers (IAM over TLS, port 9098). */
export const kafkaBootstrapBrokers = events.bootstrapBrokers;
/** Amazon Managed Prometheus workspace (query it with Grafana or awscurl). */
export const prometheusWorkspace = metrics.arn;
/** SNS topic every alert and alarm is published to (subscribe the on-call tooling). */
export const alertTopic = metrics.alertTopicArn;
