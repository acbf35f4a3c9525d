import {
  alertSubscriptionsFromConfig,
  alertSubscriptionSecretUses,
  alertSubscriptionsSchema,
  DatabaseBackupPlan,
  databaseBackupPlanSchema,
  DataAlarms,
  EcrRepository,
  FargateService,
  fargateServiceArgs,
  fargateServiceSchema,
  LoadBalancer,
  loadBalancerArgs,
  loadBalancerSchema,
  managedPostgresSchema,
  managedRedisSchema,
  PostgresDatabase,
  readProjectConfig,
  RedisCache,
  serviceNetwork,
  serviceNetworkSchema,
  StaticSite,
  staticSiteArgs,
  staticSiteSchema,
} from "@acme/platform";
import { z } from "zod";

/*
 * NEXIS on AWS (guide 000, option 3): the FastAPI API on ECS Fargate behind an ALB at its own host
 * name (Route 53), `alembic upgrade head` run once per image before the rollout, the React front
 * end on S3 + CloudFront whose CSP admits the API, RDS PostgreSQL with nightly AWS Backup snapshots,
 * the guide's Redis score cache on ElastiCache (TLS and a token), images in ECR, alarms that reach
 * the on-call subscriptions. Everything that differs between staging and prod is in
 * Pulumi.<stack>.yaml (nexis:* keys); what the app must change is in README.md.
 */
const config = readProjectConfig(
  z.strictObject({
    environment: z.enum(["staging", "prod"]),
    network: serviceNetworkSchema,
    loadBalancer: loadBalancerSchema,
    api: fargateServiceSchema,
    site: staticSiteSchema,
    postgres: managedPostgresSchema,
    redis: managedRedisSchema,
    backups: databaseBackupPlanSchema,
    // Explainability and the lender view read from the replica (guide 000) through this variable;
    // the service then waits for the replica on its first deploy (an ECS task needs every secret).
    readReplicaEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .optional(),
    alerting: z.strictObject({ subscriptions: alertSubscriptionsSchema }),
  }),
  {
    secretKeys: (values) =>
      alertSubscriptionSecretUses((values.alerting as { subscriptions?: unknown } | undefined)?.subscriptions, [
        "alerting",
        "subscriptions",
      ]),
  },
);

const prefix = `nexis-${config.environment}`;
const prod = config.environment === "prod";
const network = serviceNetwork(config.network);

const images = new EcrRepository(`${prefix}-backend-images`, { protect: prod });
const dataNetwork = { vpcId: network.vpcId, subnetIds: network.privateSubnetIds, vpcCidr: network.vpcCidr };
const db = new PostgresDatabase(`${prefix}-db`, { ...config.postgres, network: dataNetwork, protect: prod });
// The guide's score cache (`score:<user_id>`, one hour): TLS required and an auth token.
const scores = new RedisCache(`${prefix}-score-cache`, { ...config.redis, network: dataNetwork, protect: prod });
new DatabaseBackupPlan(`${prefix}-db-backups`, { ...config.backups, resourceArns: [db.instance!.arn], protect: prod });
new DataAlarms(`${prefix}-data-alarms`, {
  partOf: prefix,
  rds: { primary: db.instance!.identifier, replica: db.replica?.identifier },
  topic: { subscriptions: alertSubscriptionsFromConfig(config.alerting.subscriptions) },
});

const alb = new LoadBalancer(
  `${prefix}-alb`,
  loadBalancerArgs(config.loadBalancer, { vpcId: network.vpcId, subnetIds: network.publicSubnetIds }, prod),
);
const api = new FargateService(
  `${prefix}-backend`,
  fargateServiceArgs(config.api, {
    network: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds },
    loadBalancer: alb.attachment,
    imageRepositoryArns: [images.arn],
    access: [db.access!, scores.access!],
    secretEnv: {
      DATABASE_URL: db.connectionUrl,
      ...(config.readReplicaEnv && db.readConnectionUrl ? { [config.readReplicaEnv]: db.readConnectionUrl } : {}),
      REDIS_URL: scores.url,
    },
  }),
);
const site = new StaticSite(`${prefix}-frontend`, staticSiteArgs(config.site, prod));

/** The load balancer's own DNS name (the API's host names are aliases of it). */
export const loadBalancerDnsName = alb.dnsName;
/** The front end: `aws s3 sync dist/ s3://<bucket>/`, then invalidate the distribution. */
export const frontend = { url: site.url, bucket: site.bucketName, distributionId: site.distributionId };
/** Repository the backend images are pushed to. */
export const imageRepository = images.repositoryUrl;
/** The ECS cluster and service, for `aws ecs` commands. */
export const ecs = { cluster: api.clusterName, service: api.service.name };
