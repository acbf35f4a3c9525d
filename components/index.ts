/**
 * The platform SDK (`@acme/platform`): the components, their args types, their defaults objects
 * and the config schemas (zod fragments) a team composes into its own stack config, plus what a
 * config-driven program needs (read and validate config, map it to args, build the cluster
 * provider). Every function exported here is part of the config program: `read…Config` /
 * `parse…Config`, `…FromConfig` / `…Args`, `…Program`, `is…Error`, and the wiring a program
 * builds from its config (`kubernetesProvider`, `clusterKubeconfig`, `serviceNetwork`,
 * `dataNetwork`, `receiverSecretUses`). The building blocks the components are made of are in
 * `@acme/platform/internal`. Compose schemas with your own `zod` (`import { z } from "zod"`).
 */

// Kubernetes building blocks the components' args are made of.
export type { ContainerResources, ScratchDir, SecretKeyRef } from "./kube/podSpec";
export type { ProbeCheck } from "./kube/probes";
export type { NetworkPeer } from "./kube/network";
export type { IssuerRef } from "./kube/certificate";
export type { ChildOption } from "./childOption";
export type { DeepOverride } from "./merge";

// Apps.
export { WebService, WEB_SERVICE_DEFAULTS } from "./app/webService";
export type {
  AutoscalingArgs,
  ExternalEndpoint,
  ExternalSecretRef,
  MigrationArgs,
  ScalingRules,
  VerticalAutoscalingArgs,
  WebServiceArgs,
  WebServiceIngress,
  WebServiceOverrides,
  WebServiceCommonArgs,
  WebServiceScaling,
  WebServiceIdentity,
  DisruptionBudget,
  MetricsArgs,
  ExternalEndpointPort,
  ExternalCidr,
  ExternalHost,
} from "./app/webService";
export type { OneBudget, OneDestination, OneScaling } from "./app/webService/rules";
export { webServiceOptionsSchema, ingressSettingsSchema, appIngressSchema } from "./app/webServiceSchema";
export { AppTier } from "./app/appTier";
export type { AppTierArgs, AppTierApp, AppTierAppOptions, SharedIngress } from "./app/appTier";
export { appSchema } from "./app/appTierSchema";

// Namespace guardrails.
export { SecurityBaseline, SECURITY_BASELINE_DEFAULTS } from "./security/securityBaseline";
export type {
  SecurityBaselineArgs,
  SecurityBaselineOverrides,
  QuotaArgs,
  LimitRangeArgs,
  CpuMemory,
} from "./security/securityBaseline";
export type { RbacSubjects } from "./security/rbac";
export { quotaSchema, limitRangeSchema, rbacSchema } from "./security/securityBaselineSchema";
export { CertificateIssuers, CERTIFICATE_ISSUERS_DEFAULTS } from "./security/certificateIssuers";
export type { CertificateIssuersArgs } from "./security/certificateIssuers";
export { certificateIssuersSchema } from "./security/certificateIssuersSchema";
export type { CertificateIssuersConfig } from "./security/certificateIssuersSchema";
export { IngressControllerSettings, INGRESS_CONTROLLER_DEFAULTS } from "./security/ingressControllerSettings";
export type { IngressControllerSettingsArgs } from "./security/ingressControllerSettings";
export { ingressControllerSettingsSchema } from "./security/ingressControllerSettingsSchema";
export type { IngressControllerSettingsConfig } from "./security/ingressControllerSettingsSchema";

// Data.
export { DataTier } from "./data/dataTier";
export type { DataTierArgs, PostgresSettings, RedisSettings, TierFilled } from "./data/dataTier";
export { dataSchema } from "./data/dataTierSchema";
export type { DataConfig } from "./data/dataTierSchema";
export { PostgresDatabase, POSTGRES_DEFAULTS } from "./data/postgresDatabase";
export type { PostgresDatabaseArgs, PostgresCommon, ManagedPostgres, InClusterPostgres } from "./data/postgresDatabase";
export { postgresSchema, managedPostgresSchema } from "./data/postgresDatabaseSchema";
export { POSTGRES_PROXY_DEFAULTS } from "./data/postgresProxy";
export type { ManagedPostgresProxy } from "./data/postgresProxy";
export { RedisCache, REDIS_DEFAULTS } from "./data/redisCache";
export type { RedisCacheArgs, ManagedRedis, InClusterRedis } from "./data/redisCache";
export { redisSchema, managedRedisSchema } from "./data/redisCacheSchema";
export { PgBouncer, PGBOUNCER_DEFAULTS } from "./data/pgBouncer";
export type { PgBouncerArgs } from "./data/pgBouncer";
export { PostgresBackup, BACKUP_DEFAULTS } from "./data/postgresBackup";
export type { PostgresBackupArgs, ExistingBucket } from "./data/postgresBackup";
export { backupsSchema } from "./data/postgresBackupSchema";
export { RESTORE_DRILL_DEFAULTS } from "./data/restoreDrill";
export type { RestoreDrillOption } from "./data/restoreDrill";
export { dataNetwork } from "./data/network";
export type { DataNetwork } from "./data/network";
export { networkSchema, awsSchema } from "./data/networkSchema";
export type { DataNetworkConfig } from "./data/networkSchema";
export type { DataEndpoint } from "./data/endpoint";
export type { DataServiceCommon, DistributiveOmit, KubernetesClients, ManagedNetworking } from "./data/serviceArgs";
export type { MetricsEndpoint } from "./data/stateful";
export type { KmsKeyOption } from "./aws/kmsKey";

// AWS runtime: services on ECS Fargate, load balancing, static sites, Kafka, images, metrics.
export { FargateService, FARGATE_SERVICE_DEFAULTS } from "./aws/fargateService";
export type { OneTaskCount } from "./aws/fargate/rules";
export type {
  FargateServiceArgs,
  FargateServiceCommonArgs,
  FargateScaling,
  FargateAutoscalingArgs,
  FargateRouting,
  FargateMetrics,
  FargateCloudWatchMetrics,
  FargateMigration,
  FargateHealthCheckArgs,
  SecretRef,
} from "./aws/fargateService";
export { fargateServiceSchema, fargateServiceArgs } from "./aws/fargateServiceSchema";
export type { FargateServiceConfig, FargateWiring } from "./aws/fargateServiceSchema";
export type { ContainerHealthCheck } from "./aws/containerDefinition";
export { LoadBalancer, LOAD_BALANCER_DEFAULTS } from "./aws/loadBalancer";
export type { LoadBalancerArgs, LoadBalancerAttachment, AccessLogOption } from "./aws/loadBalancer";
export { loadBalancerSchema, loadBalancerArgs } from "./aws/loadBalancerSchema";
export type { LoadBalancerConfig } from "./aws/loadBalancerSchema";
export { StaticSite, STATIC_SITE_DEFAULTS } from "./aws/staticSite";
export type { StaticSiteArgs, SiteCertificate } from "./aws/staticSite";
export { staticSiteSchema, staticSiteArgs } from "./aws/staticSiteSchema";
export type { StaticSiteConfig } from "./aws/staticSiteSchema";
export { KafkaCluster, KAFKA_CLUSTER_DEFAULTS } from "./aws/kafkaCluster";
export type {
  KafkaClusterArgs,
  KafkaCommon,
  ProvisionedKafka,
  ServerlessKafka,
  KafkaClientGrant,
} from "./aws/kafkaCluster";
export { kafkaClusterSchema } from "./aws/kafkaClusterSchema";
export type { KafkaClusterConfig } from "./aws/kafkaClusterSchema";
export { EcrRepository, ECR_REPOSITORY_DEFAULTS } from "./aws/ecrRepository";
export type { EcrRepositoryArgs } from "./aws/ecrRepository";
export { PrometheusWorkspace, PROMETHEUS_WORKSPACE_DEFAULTS } from "./aws/prometheusWorkspace";
export type { PrometheusWorkspaceArgs, AlertRuleGroup } from "./aws/prometheusWorkspace";
export { DatabaseBackupPlan, DATABASE_BACKUP_PLAN_DEFAULTS } from "./aws/databaseBackupPlan";
export type { DatabaseBackupPlanArgs } from "./aws/databaseBackupPlan";
export { databaseBackupPlanSchema } from "./aws/databaseBackupPlanSchema";
export type { DatabaseBackupPlanConfig } from "./aws/databaseBackupPlanSchema";
export { serviceNetwork } from "./aws/serviceNetwork";
export type { ServiceNetwork } from "./aws/serviceNetwork";
export { serviceNetworkSchema } from "./aws/serviceNetworkSchema";
export type { ServiceNetworkConfig } from "./aws/serviceNetworkSchema";
export { logRetentionDays, awsArn, policyStatement } from "./aws/awsPrimitives";
export type { ClientAccess } from "./aws/securityGroups";
export type { PolicyStatement } from "./aws/taskRoles";
export type { AlertTopicOption, AlertSubscription } from "./aws/alertTopic";
export {
  alertSubscriptionsSchema,
  alertSubscriptionsFromConfig,
  alertSubscriptionSecretUses,
} from "./aws/alertTopicSchema";
export type { AlertSubscriptionsConfig } from "./aws/alertTopicSchema";
export { KafkaTopics, KAFKA_TOPICS_DEFAULTS } from "./aws/kafkaTopics";
export type { KafkaTopicsArgs, KafkaTopicSpec, KafkaTopicGrant, KafkaTopicsCluster } from "./aws/kafkaTopics";
export { kafkaTopicsSchema } from "./aws/kafkaTopicsSchema";
export type { KafkaTopicsConfig } from "./aws/kafkaTopicsSchema";
export { LogLevelAlarm, LOG_LEVEL_ALARM_DEFAULTS } from "./aws/logLevelAlarm";
export type { LogLevelAlarmArgs } from "./aws/logLevelAlarm";
export { ServiceDashboard } from "./aws/serviceDashboard";
export type { ServiceDashboardArgs, DashboardGraph } from "./aws/serviceDashboard";

// Monitoring.
export { TeamMonitoring, TEAM_MONITORING_DEFAULTS } from "./monitoring/teamMonitoring";
export type { TeamMonitoringArgs, ScrapeTarget } from "./monitoring/teamMonitoring";
export type { MetricExport } from "../policy/lib/readiness/metricExports";
export { monitoringSchema, receiverSchema, dashboardSchema } from "./monitoring/teamMonitoringSchema";
export type { MonitoringConfig } from "./monitoring/teamMonitoringSchema";
export { ClusterMonitoring, CLUSTER_MONITORING_DEFAULTS } from "./monitoring/clusterMonitoring";
export type { ClusterMonitoringArgs } from "./monitoring/clusterMonitoring";
export type { MonitoringResources } from "./monitoring/chartValues";
export { clusterMonitoringSchema } from "./monitoring/clusterMonitoringSchema";
export type { ClusterMonitoringConfig } from "./monitoring/clusterMonitoringSchema";
export { LogShipping, LOG_SHIPPING_DEFAULTS } from "./monitoring/logShipping";
export type { LogShippingArgs } from "./monitoring/logShipping";
export { logShippingSchema } from "./monitoring/logShippingSchema";
export type { LogShippingConfig } from "./monitoring/logShippingSchema";
export { DataAlarms, DEFAULT_CLOUDWATCH_THRESHOLDS } from "./monitoring/dataAlarms";
export type { DataAlarmsArgs, CloudWatchThresholds } from "./monitoring/dataAlarms";
export { DEFAULT_THRESHOLDS } from "./monitoring/alertRules";
export type { AlertThresholds } from "./monitoring/alertRules";
export type { Dashboard, DashboardSpec, Panel } from "./monitoring/dashboards";
export { alertRuleSchema, promqlExpression, promDuration } from "./monitoring/alertRuleSchema";
export type { AlertRuleConfig } from "./monitoring/alertRuleSchema";
export type { AlertReceiver } from "./monitoring/alertmanagerConfig";

// The platform and the config-driven program.
export { Platform } from "./platform";
export type { PlatformArgs } from "./platform";
export { clusterKubeconfig, kubernetesProvider, CLUSTER_DEFAULTS } from "./cluster";
export { clusterSchema } from "./clusterSchema";
export type { ClusterSource } from "./clusterSchema";
export { platformProgram } from "./program";
export type { PlatformOutputs } from "./program";
export { stackConfigSchema } from "./config/schema";
export type { StackConfig, AppConfig } from "./config/schema";
export {
  parseStackConfig,
  readStackConfig,
  parseProjectConfig,
  readProjectConfig,
  receiverSecretUses,
} from "./config/load";
export type { ConfigSource, ProjectConfigOptions, SecretUse } from "./config/load";
export { StackConfigError, isStackConfigError } from "./config/errors";
export { platformArgsFromConfig, appFromConfig } from "./config/platformArgs";
export type { SecretReader } from "./config/platformArgs";
