import {
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
  PostgresDatabase,
  readProjectConfig,
  serviceNetwork,
  serviceNetworkSchema,
  StaticSite,
  staticSiteArgs,
  staticSiteSchema,
} from "@acme/platform";
import { z } from "zod";

/*
 * NEXIS on AWS (guide 000, option 3): the FastAPI API on ECS Fargate behind an ALB, the React
 * front end on S3 + CloudFront, RDS PostgreSQL with nightly AWS Backup snapshots, images in ECR.
 * Everything that differs between staging and prod is in Pulumi.<stack>.yaml (nexis:* keys).
 */
const config = readProjectConfig(
  z.strictObject({
    environment: z.enum(["staging", "prod"]),
    network: serviceNetworkSchema,
    loadBalancer: loadBalancerSchema,
    api: fargateServiceSchema,
    site: staticSiteSchema,
    postgres: managedPostgresSchema,
    backups: databaseBackupPlanSchema,
  }),
);

const prefix = `nexis-${config.environment}`;
const prod = config.environment === "prod";
const network = serviceNetwork(config.network);

const images = new EcrRepository(`${prefix}-backend-images`, { protect: prod });
const db = new PostgresDatabase(`${prefix}-db`, {
  ...config.postgres,
  network: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds, vpcCidr: network.vpcCidr },
  protect: prod,
});
new DatabaseBackupPlan(`${prefix}-db-backups`, { ...config.backups, resourceArns: [db.instance!.arn], protect: prod });
new DataAlarms(`${prefix}-data-alarms`, {
  partOf: prefix,
  rds: { primary: db.instance!.identifier, replica: db.replica?.identifier },
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
    access: [db.access!],
    secretEnv: { DATABASE_URL: db.connectionUrl },
  }),
);
const site = new StaticSite(`${prefix}-frontend`, staticSiteArgs(config.site, prod));

/** Where to point the API's DNS name (VITE_API_URL's host). */
export const loadBalancerDnsName = alb.dnsName;
/** The front end: `aws s3 sync dist/ s3://<bucket>/`, then invalidate the distribution. */
export const frontend = { url: site.url, bucket: site.bucketName, distributionId: site.distributionId };
/** Repository the backend images are pushed to. */
export const imageRepository = images.repositoryUrl;
/** The ECS cluster and service, for `aws ecs` commands. */
export const ecs = { cluster: api.clusterName, service: api.service.name };
