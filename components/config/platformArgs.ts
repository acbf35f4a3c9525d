import { AppTierApp } from "../app/appTier";
import { PlatformArgs } from "../platform";
import * as pulumi from "@pulumi/pulumi";
import { DataConfig } from "./dataSchema";
import { AppConfig, StackConfig } from "./schema";

/**
 * The Kubernetes names a config-driven platform gives its objects. They are what stacks had before
 * every name derived from its component's name, so those stacks' live objects keep their names;
 * they stay unique because each config-driven platform owns its namespace and its app names are
 * unique in it.
 */
export const CONFIG_OBJECT_NAMES = {
  /** Base of the baseline's objects: `platform-quota`, `platform-limits`, `platform-deployer`, `platform-auditor`. */
  baseline: "platform",
  /** The default-deny NetworkPolicy. */
  defaultDenyPolicy: "default-deny-all",
  /** The DNS egress NetworkPolicy. */
  dnsEgressPolicy: "allow-dns-egress",
  /** PostgreSQL's objects (`postgres`, `postgres-credentials`, `postgres-headless`). */
  postgres: "postgres",
  /** Redis's objects. */
  redis: "redis",
  /** The backup CronJob and its companions. */
  backup: "postgres-backup",
} as const;

/** Maps one validated app entry to the {@link AppTierApp} the components take; its objects are named after the app. */
export function appFromConfig(app: AppConfig): AppTierApp {
  return {
    name: app.name,
    objectName: app.name,
    image: app.image,
    component: app.component,
    port: app.port,
    ingress: app.ingress,
    metrics: app.metrics,
    probes: app.probes,
    replicas: app.autoscaling ? undefined : (app.replicas ?? 1),
    autoscaling: app.autoscaling,
    disruptionBudget: app.disruptionBudget,
    resources: app.resources,
    runAsUser: app.runAsUser,
    runAsGroup: app.runAsGroup,
    env: app.env,
    command: app.command,
    args: app.args,
    dependsOn: app.dependsOn,
  };
}

/** Reads a secret config value (`platform:<key>`). */
export type SecretReader = (key: string) => pulumi.Output<string>;

const readPlatformSecret: SecretReader = (key) => new pulumi.Config().requireSecret(key);

/** Maps validated stack config to {@link PlatformArgs}. */
export function platformArgsFromConfig(config: StackConfig, readSecret: SecretReader = readPlatformSecret): PlatformArgs {
  return {
    partOf: config.namespace,
    domain: config.domain,
    baseline: {
      namespace: config.namespace,
      objectName: CONFIG_OBJECT_NAMES.baseline,
      overrides: {
        defaultDenyPolicy: { metadata: { name: CONFIG_OBJECT_NAMES.defaultDenyPolicy } },
        dnsEgressPolicy: { metadata: { name: CONFIG_OBJECT_NAMES.dnsEgressPolicy } },
      },
      quota: config.quota,
      limitRange: config.limitRange,
      deployers: config.rbac.deployers,
      auditors: config.rbac.auditors,
    },
    ingress: config.ingress,
    apps: config.apps.map(appFromConfig),
    data: dataFromConfig(config),
    monitoring: monitoringFromConfig(config, readSecret),
  };
}

/** Maps `platform:monitoring`; receivers get their secret URL or key from secret config. */
export function monitoringFromConfig(config: StackConfig, readSecret: SecretReader): PlatformArgs["monitoring"] {
  const m = config.monitoring;
  return {
    namespace: m.namespace ?? `${config.namespace}-monitoring`,
    chartVersion: m.chartVersion,
    retention: m.retention,
    storage: m.storage,
    quota: m.quota,
    limitRange: {
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "500m", memory: "512Mi" },
      max: { cpu: "4", memory: "8Gi" },
    },
    resources: Object.fromEntries(Object.entries(m.resources).filter(([, v]) => v !== undefined)),
    receivers: m.receivers.map((r) => ({ name: r.name, type: r.type, severities: r.severities, channel: r.channel, secret: readSecret(r.secret) })),
    thresholds: m.alerts,
    cloudwatch: m.cloudwatch,
  };
}

/** Maps `platform:data` and `platform:aws` to the data tier args; prod protects stateful resources. */
export function dataFromConfig(config: StackConfig): PlatformArgs["data"] {
  const data: DataConfig = config.data;
  if (!data.postgres && !data.redis) return undefined;
  const pg = data.postgres;
  const redis = data.redis;
  return {
    protect: config.environment === "prod",
    network: config.aws.network,
    oidcProviderArn: config.aws.oidcProviderArn,
    postgres: pg && {
      mode: pg.mode,
      objectName: CONFIG_OBJECT_NAMES.postgres,
      database: pg.database,
      username: pg.username,
      managed: {
        instanceClass: pg.instanceClass, engineVersion: pg.engineVersion, storageGb: pg.storageGb, maxStorageGb: pg.maxStorageGb,
        multiAz: pg.multiAz, backupRetentionDays: pg.backupRetentionDays, readReplica: pg.readReplica,
      },
      inCluster: { image: pg.image, runAsUser: pg.runAsUser, storage: pg.storage, storageClassName: pg.storageClassName, resources: pg.resources },
    },
    redis: redis && {
      mode: redis.mode,
      objectName: CONFIG_OBJECT_NAMES.redis,
      managed: { nodeType: redis.nodeType, nodes: redis.nodes, engineVersion: redis.engineVersion, snapshotRetentionDays: redis.snapshotRetentionDays },
      inCluster: { image: redis.image, runAsUser: redis.runAsUser, storage: redis.storage, resources: redis.resources },
    },
    backups: data.backups && backupsFromConfig(data.backups),
  };
}

function backupsFromConfig({ bucketName, ...backups }: NonNullable<DataConfig["backups"]>): NonNullable<PlatformArgs["data"]>["backups"] {
  return { ...backups, objectName: CONFIG_OBJECT_NAMES.backup, bucket: bucketName ? { args: { bucket: bucketName } } : undefined };
}
