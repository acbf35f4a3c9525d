import { AppTierApp } from "../app/appTier";
import { PlatformArgs } from "../platform";
import { DataConfig } from "./dataSchema";
import { AppConfig, StackConfig } from "./schema";

/** Maps one validated app entry to the {@link AppTierApp} the components take. */
export function appFromConfig(app: AppConfig): AppTierApp {
  return {
    name: app.name,
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

/** Maps validated stack config to {@link PlatformArgs}. */
export function platformArgsFromConfig(config: StackConfig): PlatformArgs {
  return {
    partOf: config.namespace,
    domain: config.domain,
    baseline: {
      namespace: config.namespace,
      quota: config.quota,
      limitRange: config.limitRange,
      deployers: config.rbac.deployers,
      auditors: config.rbac.auditors,
    },
    ingress: config.ingress,
    apps: config.apps.map(appFromConfig),
    data: dataFromConfig(config),
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
      managed: { nodeType: redis.nodeType, nodes: redis.nodes, engineVersion: redis.engineVersion, snapshotRetentionDays: redis.snapshotRetentionDays },
      inCluster: { image: redis.image, runAsUser: redis.runAsUser, storage: redis.storage, resources: redis.resources },
    },
    backups: data.backups,
  };
}
