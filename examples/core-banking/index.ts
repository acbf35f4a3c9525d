import {
  alertRuleSchema,
  alertSubscriptionsFromConfig,
  alertSubscriptionSecretUses,
  alertSubscriptionsSchema,
  DataAlarms,
  EcrRepository,
  FargateService,
  fargateServiceArgs,
  fargateServiceSchema,
  KafkaCluster,
  kafkaClusterSchema,
  KafkaTopics,
  kafkaTopicsSchema,
  LoadBalancer,
  loadBalancerArgs,
  loadBalancerSchema,
  LogLevelAlarm,
  managedPostgresSchema,
  managedRedisSchema,
  PostgresDatabase,
  PrometheusWorkspace,
  readProjectConfig,
  RedisCache,
  REDIS_DEFAULTS,
  serviceNetwork,
  ServiceDashboard,
  serviceNetworkSchema,
} from "@acme/platform";
import { z } from "zod";

/*
 * Nexum core banking on AWS (guide 003): the API on ECS Fargate behind an ALB, its migrations run
 * once per image before the rollout, RDS PostgreSQL 15 behind RDS Proxy with a read replica,
 * ElastiCache Redis, Kafka on MSK with the team's topics as code, metrics and the guide's alerts in
 * Amazon Managed Prometheus, an alarm on ERROR log lines and a CloudWatch dashboard of the nexum_*
 * metrics, every alert reaching the on-call subscriptions. Everything that differs between staging
 * and prod is in Pulumi.<stack>.yaml (nexum:* keys); what the app must change is in README.md.
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
    // The guide's domain events, one topic each under NEXUM_KAFKA_TOPIC_PREFIX.
    topics: kafkaTopicsSchema,
    // The API reads from the replica through this variable (read-only queries only).
    readReplicaEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .optional(),
    alerting: z.strictObject({ subscriptions: alertSubscriptionsSchema }),
    alerts: z.strictObject({
      errorRatePerSecond: z.number().positive(),
      minIdleConnections: z.int().min(0),
      p95LatencySeconds: z.number().positive(),
      runbookBase: z.url(),
      extraRules: z.array(alertRuleSchema).optional(),
    }),
  }),
  {
    secretKeys: (values) =>
      alertSubscriptionSecretUses((values.alerting as { subscriptions?: unknown } | undefined)?.subscriptions, [
        "alerting",
        "subscriptions",
      ]),
  },
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
  alertTopic: { subscriptions: alertSubscriptionsFromConfig(config.alerting.subscriptions) },
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

const topics = new KafkaTopics(`${prefix}-topics`, {
  cluster: events,
  prefix: config.api.env?.NEXUM_KAFKA_TOPIC_PREFIX ?? "nexum",
  topics: config.topics,
  protect: prod,
});
// The brokers take IAM over TLS only: the client settings the app must use (README.md).
const kafkaClient = events.clientEnv("NEXUM_KAFKA_");
const api = new FargateService(
  `${prefix}-api`,
  fargateServiceArgs(config.api, {
    network: tasksNetwork,
    loadBalancer: alb.attachment,
    imageRepositoryArns: [images.arn],
    access: [db.access!, cache.access!, events.access],
    env: kafkaClient.env,
    secretEnv: {
      NEXUM_DATABASE_URL: db.connectionUrl,
      NEXUM_REDIS_URL: cache.url,
      ...(config.readReplicaEnv && db.readConnectionUrl ? { [config.readReplicaEnv]: db.readConnectionUrl } : {}),
    },
    linkedEnv: kafkaClient.linkedEnv,
    taskPolicyStatements: topics.clientPolicyStatements({
      consumerGroup: config.api.env?.NEXUM_KAFKA_CONSUMER_GROUP ?? "nexum-core",
    }),
    metrics: {
      workspace: metrics,
      labels: { environment: config.environment },
      cloudWatch: { namespace: "Nexum", metricNames: ["^nexum_"] },
    },
  }),
);

// The guide's log pipeline tags ERROR and CRITICAL JSON lines for alerting: the same, in CloudWatch.
new LogLevelAlarm(`${prefix}-api-errors`, {
  logGroupName: api.logGroupName,
  topicArn: metrics.alertTopicArn,
  namespace: "Nexum",
});

// The guide's key metrics, copied to CloudWatch by the collector (dimension job = the service).
new ServiceDashboard(`${prefix}-api`, {
  namespace: "Nexum",
  dimensions: { job: api.objectName },
  graphs: [
    { title: "Requests", metrics: [{ name: "nexum_requests_total", stat: "Sum" }] },
    { title: "Request duration p95 (s)", metrics: [{ name: "nexum_request_duration_seconds", stat: "p95" }] },
    { title: "Errors", metrics: [{ name: "nexum_errors_total", stat: "Sum" }] },
    { title: "Transactions processed", metrics: [{ name: "nexum_transactions_processed_total", stat: "Sum" }] },
    { title: "Database connections", metrics: [{ name: "nexum_database_connections", stat: "Average" }] },
    { title: "Cache hits", metrics: [{ name: "nexum_cache_hits_total", stat: "Sum" }] },
    { title: "Audit events", metrics: [{ name: "nexum_audit_events_total", stat: "Sum" }] },
  ],
});

/** Where to point the API's DNS name (a CNAME or alias record). */
export const loadBalancerDnsName = alb.dnsName;
/** Repository the API images are pushed to. */
export const imageRepository = images.repositoryUrl;
/** The ECS cluster and service, for `aws ecs` commands. */
export const ecs = { cluster: api.clusterName, service: api.service.name };
/** Kafka bootstrap brokers (IAM over TLS, port 9098). */
export const kafkaBootstrapBrokers = events.bootstrapBrokers;
/** The team's topics, by event. */
export const kafkaTopics = topics.names;
/** The migration task family: `aws ecs run-task --task-definition <family>` reruns it by hand. */
export const migrationTaskFamily = api.migrationTaskDefinition?.family;
/** Amazon Managed Prometheus workspace (query it with Grafana or awscurl). */
export const prometheusWorkspace = metrics.arn;
/** SNS topic every alert and alarm is published to (subscribe the on-call tooling). */
export const alertTopic = metrics.alertTopicArn;
