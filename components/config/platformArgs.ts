import * as pulumi from "@pulumi/pulumi";
import { AppTierApp } from "../app/appTier";
import { alertSubscriptionsFromConfig } from "../aws/alertTopicSchema";
import { ExternalSecretRef } from "../app/webService";
import { PlatformArgs } from "../platform";
import { AppConfig, StackConfig } from "./schema";

/**
 * Config → component args is wiring only: names, the namespace, secrets read from their keys.
 * Every other field is the component's own option, passed through as it is; the checks below fail
 * to compile when config gains a field the component does not take.
 */

/** `true` only when every key of `Config` is an arg of the component. */
type TakenBy<Config, Args> = Exclude<keyof Config, keyof Args> extends never ? true : never;
const appsTaken: TakenBy<AppConfig, AppTierApp> = true;
void appsTaken;

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
  /** The team's monitoring objects (`platform-alerts`, `platform-routes`, `platform-alert-receivers`). */
  monitoring: "platform",
} as const;

/** Reads a secret config value (`<project>:<key>`) as a Pulumi secret. */
export type SecretReader = (key: string) => pulumi.Output<string>;

/** Pulumi's own secret getter, one key at a time, so secretness is kept end to end. */
const readProjectSecret: SecretReader = (key) => new pulumi.Config().requireSecret(key);

/** Maps one validated app: its objects are named after it, and its secrets are read from their keys. */
export function appFromConfig(app: AppConfig, readSecret: SecretReader = readProjectSecret): AppTierApp {
  const { secretEnv = {}, ...options } = app;
  const fromConfig: Record<string, pulumi.Output<string>> = {};
  const external: Record<string, ExternalSecretRef> = {};
  for (const [name, source] of Object.entries(secretEnv)) {
    if (typeof source === "string") fromConfig[name] = readSecret(source);
    else external[name] = { remoteKey: source.fromSecretsManager, property: source.property };
  }
  return { ...options, objectName: app.name, secretEnv: fromConfig, externalSecretEnv: external };
}

/** Maps validated stack config to {@link PlatformArgs}. */
export function platformArgsFromConfig(
  config: StackConfig,
  readSecret: SecretReader = readProjectSecret,
): PlatformArgs {
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
      rbac: config.rbac,
    },
    ingress: config.ingress,
    secretStore: config.secretStore,
    apps: config.apps.map((app) => appFromConfig(app, readSecret)),
    data: dataFromConfig(config),
    monitoring: monitoringFromConfig(config, readSecret),
  };
}

/** Maps `<project>:monitoring`: receivers get their secret from secret config. */
export function monitoringFromConfig(
  config: StackConfig,
  readSecret: SecretReader = readProjectSecret,
): PlatformArgs["monitoring"] {
  const { receivers, alerts, alarmSubscriptions, ...monitoring } = config.monitoring;
  return {
    ...monitoring,
    alarmTopic: alarmSubscriptions && { subscriptions: alertSubscriptionsFromConfig(alarmSubscriptions, readSecret) },
    objectName: CONFIG_OBJECT_NAMES.monitoring,
    receivers: receivers.map(({ secret, ...r }) => ({ ...r, secret: readSecret(secret) })),
    thresholds: alerts,
  };
}

/** Maps `<project>:data` and `<project>:aws` to the data tier args, with the object names and prod's protection. */
export function dataFromConfig(config: StackConfig): PlatformArgs["data"] {
  const data = config.data;
  if (!data?.postgres && !data?.redis) return undefined;
  const backups =
    data.backups &&
    (({ bucketName, ...rest }) => ({
      ...rest,
      objectName: CONFIG_OBJECT_NAMES.backup,
      bucket: bucketName ? { args: { bucket: bucketName } } : undefined,
    }))(data.backups);
  return {
    protect: config.environment === "prod",
    network: config.aws?.network,
    oidcProviderArn: config.aws?.oidcProviderArn,
    postgres: data.postgres && { ...data.postgres, objectName: CONFIG_OBJECT_NAMES.postgres },
    redis: data.redis && { ...data.redis, objectName: CONFIG_OBJECT_NAMES.redis },
    backups,
  };
}
