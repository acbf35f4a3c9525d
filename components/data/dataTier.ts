import * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import { NetworkPeer } from "../kube/network";
import { selectorLabels } from "../kube/labels";
import { childName } from "../naming";
import type { ScrapeTarget } from "../monitoring/teamMonitoring";
import { DATA_SERVICE_NAMES, DataEndpoint } from "./endpoint";
import { DataNetwork, dataNetwork } from "./network";
import { DataNetworkConfig } from "./networkSchema";
import { PostgresBackup, PostgresBackupArgs } from "./postgresBackup";
import { PostgresDatabase, PostgresDatabaseArgs } from "./postgresDatabase";
import { RedisCache, RedisCacheArgs } from "./redisCache";
import { KmsKeyOption, serviceKeyArn } from "../aws/kmsKey";
import { DistributiveOmit } from "./serviceArgs";

/** What the tier fills in for each of its services. */
export type TierFilled = "namespace" | "partOf" | "clients" | "protect" | "network" | "kmsKey";

/** PostgreSQL of a tier: its mode and that mode's settings (the network and key come from the tier). */
export type PostgresSettings = DistributiveOmit<PostgresDatabaseArgs, TierFilled>;
/** Redis of a tier: its mode and that mode's settings (the network and key come from the tier). */
export type RedisSettings = DistributiveOmit<RedisCacheArgs, TierFilled>;

/** Arguments of {@link DataTier}. */
export interface DataTierArgs {
  /** Namespace of the apps (the Namespace resource's name output). */
  namespace: pulumi.Input<string>;
  /** The same namespace as a plain string. */
  namespaceName: string;
  /** Platform name. */
  partOf: string;
  /** PostgreSQL. @default none */
  postgres?: PostgresSettings;
  /** Redis. @default none */
  redis?: RedisSettings;
  /** Nightly dumps of PostgreSQL to S3 (needs `postgres` and `oidcProviderArn`). @default none */
  backups?: Omit<
    PostgresBackupArgs,
    | "namespace"
    | "namespaceName"
    | "partOf"
    | "credentialsSecret"
    | "database"
    | "kmsKeyArn"
    | "oidcProviderArn"
    | "protect"
  >;
  /** Pod labels of the workloads that use each service (admitted by in-cluster services and poolers). @default none */
  clients?: { postgres?: readonly NetworkPeer[]; redis?: readonly NetworkPeer[] };
  /** Network of managed services (explicit values or a stack reference). Required when any is managed. */
  network?: DataNetworkConfig;
  /** IAM OIDC provider of the cluster, for the backup job's IRSA role. Required with `backups`. */
  oidcProviderArn?: pulumi.Input<string>;
  /** The key for everything the tier stores in AWS: its own (with an alias), or an existing key's ARN. @default its own */
  kmsKey?: KmsKeyOption;
  /** Protect and retain stateful resources (prod). @default false */
  protect?: boolean;
}

/**
 * The data tier of a platform: PostgreSQL and Redis, each managed (RDS, ElastiCache) or
 * in-cluster, one customer KMS key for everything AWS encrypts, and verified nightly backups.
 * `endpoints` tells the app tier how each service is reached.
 */
export class DataTier extends pulumi.ComponentResource {
  /** PostgreSQL, when configured. */
  public readonly postgres?: PostgresDatabase;
  /** Redis, when configured. */
  public readonly redis?: RedisCache;
  /** The backup job, when configured. */
  public readonly backup?: PostgresBackup;
  /** ARN of the tier's KMS key, when anything is stored in AWS. */
  public readonly kmsKeyArn?: pulumi.Input<string>;
  /** How apps reach each service, by the name they list in `dependsOn`. */
  public readonly endpoints: Record<string, DataEndpoint> = {};
  /** The exporters of in-cluster services, for the team's monitoring to scrape. */
  public readonly metricsTargets: ScrapeTarget[] = [];

  constructor(name: string, args: DataTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:DataTier", name, {}, opts);
    const managed = [args.postgres, args.redis].some((s) => s?.mode === "managed");
    if (managed && !args.network) throw new pulumi.ResourceError("a managed data service needs `network`", this);
    const oidcProviderArn = args.oidcProviderArn;
    if (args.backups && (!args.postgres || !oidcProviderArn))
      throw new pulumi.ResourceError("backups need `postgres` and `oidcProviderArn`", this);
    if (managed || args.backups) {
      this.kmsKeyArn = serviceKeyArn(this, name, args.kmsKey, {
        description: `${name}: data at rest (databases, caches, credentials, backups)`,
        protect: args.protect,
      });
      if (args.kmsKey?.existing === undefined) {
        new kms.Alias(
          childName(name, "kmsAlias"),
          { name: `alias/${args.partOf}-${name}`, targetKeyId: this.kmsKeyArn },
          { parent: this },
        );
      }
    }
    const kmsKey = this.kmsKeyArn === undefined ? undefined : { existing: this.kmsKeyArn };
    const network = managed && args.network ? dataNetwork(args.network, { parent: this }) : undefined;
    const managedNetwork = (): DataNetwork => {
      if (!network) throw new pulumi.ResourceError("a managed data service needs `network`", this);
      return network;
    };
    const common = { namespace: args.namespace, partOf: args.partOf, protect: args.protect };
    const backupName = args.backups?.objectName ?? childName(name, "backup");

    if (args.postgres) {
      const backupClients: NetworkPeer[] = args.backups
        ? [{ podLabels: selectorLabels({ name: backupName, partOf: args.partOf }) }]
        : [];
      const clients = [...(args.clients?.postgres ?? []), ...backupClients];
      const pg = args.postgres;
      this.postgres = new PostgresDatabase(
        childName(name, "postgres"),
        pg.mode === "managed"
          ? { ...pg, ...common, clients, network: managedNetwork(), kmsKey }
          : { ...pg, ...common, clients },
        { parent: this },
      );
      this.endpoints[DATA_SERVICE_NAMES.postgres] = servesNamespace(this.postgres.endpoint, this);
      if (this.postgres.readEndpoint) this.endpoints[DATA_SERVICE_NAMES.postgresRead] = this.postgres.readEndpoint;
    }
    if (args.redis) {
      const r = args.redis;
      const clients = args.clients?.redis ?? [];
      this.redis = new RedisCache(
        childName(name, "redis"),
        r.mode === "managed"
          ? { ...r, ...common, clients, network: managedNetwork(), kmsKey }
          : { ...r, ...common, clients },
        { parent: this },
      );
      this.endpoints[DATA_SERVICE_NAMES.redis] = servesNamespace(this.redis.endpoint, this);
    }
    for (const metrics of [this.postgres?.metrics, this.redis?.metrics]) {
      if (metrics)
        this.metricsTargets.push({
          app: `${metrics.podLabels["app.kubernetes.io/name"]}-exporter`,
          ...metrics,
          path: "/metrics",
          via: "pod",
        });
    }
    if (args.backups && this.postgres && this.kmsKeyArn !== undefined && oidcProviderArn) {
      this.backup = new PostgresBackup(
        childName(name, "backup"),
        {
          ...args.backups,
          objectName: backupName,
          namespace: args.namespace,
          namespaceName: args.namespaceName,
          partOf: args.partOf,
          credentialsSecret: servesNamespace(this.postgres.credentialsSecretName, this),
          database: servesNamespace(this.postgres.serverPeer, this),
          kmsKeyArn: this.kmsKeyArn,
          oidcProviderArn,
          protect: args.protect,
        },
        { parent: this, dependsOn: [...servesNamespace(this.postgres.endpoint, this).readyAfter] },
      );
    }
    this.registerOutputs({});
  }
}

/** What a service of the tier made for its namespace (the tier always gives one). */
function servesNamespace<T>(value: T | undefined, tier: pulumi.Resource): T {
  if (value === undefined)
    throw new pulumi.ResourceError("a data service of the tier made nothing for its namespace", tier);
  return value;
}
