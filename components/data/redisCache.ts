import * as elasticache from "@pulumi/aws/elasticache";
import * as pulumi from "@pulumi/pulumi";
import { credentialsSecret } from "../kube/credentialsSecret";
import { ContainerResources } from "../kube/podSpec";
import { generatedPassword } from "../kube/password";
import { childName } from "../naming";
import { DataEndpoint } from "./endpoint";
import { KmsKeyOption, serviceKeyArn } from "../aws/kmsKey";
import { ClientAccess } from "../aws/securityGroups";
import { statefulOptions } from "../protection";
import {
  DataServiceCommon,
  KubernetesClients,
  managedSecurityGroup,
  ManagedNetworking,
  storeCredentials,
  vpcPeer,
} from "./serviceArgs";
import { redisConf } from "./redisConf";
import { MetricsEndpoint, statefulService } from "./stateful";

/** Every default of a {@link RedisCache}: the constructor applies these, its config fragment documents them. */
export const REDIS_DEFAULTS = {
  /** Managed (ElastiCache) settings. */
  managed: { nodeType: "cache.t4g.medium", nodes: 2, engineVersion: "7.1", snapshotRetentionDays: 7 },
  /** In-cluster (StatefulSet) settings. */
  inCluster: {
    image: "redis:7.4.1-alpine",
    runAsUser: 999,
    storage: "2Gi",
    resources: {
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { cpu: "500m", memory: "512Mi" },
    } as ContainerResources,
    appendFsync: "everysec" as "always" | "everysec" | "no",
    /** The metrics exporter beside the server. */
    exporter: {
      image: "oliver006/redis_exporter:v1.67.0",
      runAsUser: 59000,
      port: 9121,
      resources: {
        requests: { cpu: "10m", memory: "32Mi" },
        limits: { cpu: "100m", memory: "64Mi" },
      } as ContainerResources,
    },
  },
} as const;

const D = REDIS_DEFAULTS;

/**
 * ElastiCache Redis: a replication group with automatic failover across AZs. With `namespace` it
 * serves Kubernetes apps (a credentials Secret there); without it, AWS workloads, which read `url`
 * and join `access`.
 */
export interface ManagedRedis extends DataServiceCommon, Partial<KubernetesClients>, ManagedNetworking {
  /** The AWS service. */
  readonly mode: "managed";
  /** Customer-managed key for encryption at rest and the credentials secret. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** @default "cache.t4g.medium" */
  readonly nodeType?: string;
  /** Nodes (primary + replicas) across AZs, at least 2. @default 2 */
  readonly nodes?: number;
  /** @default "7.1" */
  readonly engineVersion?: string;
  /** Days of daily snapshots kept. @default 7 */
  readonly snapshotRetentionDays?: number;
  /** Daily snapshot window, `hh24:mi-hh24:mi` UTC. @default chosen by AWS */
  readonly snapshotWindow?: string;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC. @default chosen by AWS */
  readonly maintenanceWindow?: string;
}

/** Redis as a StatefulSet with an append-only file and a password. */
export interface InClusterRedis extends DataServiceCommon, KubernetesClients {
  /** A StatefulSet. */
  readonly mode: "in-cluster";
  /** @default "redis:7.4.1-alpine" */
  readonly image?: pulumi.Input<string>;
  /** UID of the image's redis user. @default 999 */
  readonly runAsUser?: number;
  /** Volume size for the append-only file. @default "2Gi" */
  readonly storage?: string;
  /** @default 100m/256Mi requests, 500m/512Mi limits */
  readonly resources?: ContainerResources;
  /** How often the append-only file is synced to disk. @default "everysec" */
  readonly appendFsync?: "always" | "everysec" | "no";
  /** The redis_exporter beside the server (scraped by the team's monitoring), or `false` for none. @default the exporter of {@link REDIS_DEFAULTS} */
  readonly exporter?: false | { readonly image?: pulumi.Input<string> };
}

/** Arguments of {@link RedisCache}: managed (ElastiCache) or in-cluster. */
export type RedisCacheArgs = ManagedRedis | InClusterRedis;

/**
 * Redis with a generated password (secret end to end) and a Kubernetes Secret
 * (`<objectName>-credentials`: `REDIS_URL`, `REDIS_PASSWORD`). Managed: an ElastiCache replication
 * group with automatic failover across AZs, encryption at rest (customer key) and in transit
 * (`required`), an auth token, daily snapshots, and the credentials in Secrets Manager; apps get a
 * `rediss://` URL. In-cluster: a hardened StatefulSet with an append-only file, whose password is
 * in its configuration file (a mounted Secret), never on its command line, checked with `redis-cli ping`.
 */
export class RedisCache extends pulumi.ComponentResource {
  /** The generated password / auth token (secret). */
  public readonly password: pulumi.Output<string>;
  /** Host apps connect to. */
  public readonly host: pulumi.Output<string>;
  /** `rediss://…` (managed) or `redis://…` (in-cluster) with the password (secret). */
  public readonly url: pulumi.Output<string>;
  /** What Kubernetes apps need to connect, when the cache serves a namespace. */
  public readonly endpoint?: DataEndpoint;
  /** The client security group AWS workloads join to reach the cache (managed mode). */
  public readonly access?: ClientAccess;
  /** The replication group (managed mode). */
  public readonly replicationGroup?: elasticache.ReplicationGroup;
  /** How many nodes serve the cache: the replication group's cache clusters (managed mode), else the one server. */
  public readonly nodes: number;
  /** Name of the Kubernetes Secret with the connection details, when the cache serves a namespace. */
  public readonly credentialsSecretName?: string;
  /** Where its exporter serves metrics (in-cluster). */
  public readonly metrics?: MetricsEndpoint;

  constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:RedisCache", name, {}, opts);
    const objectName = args.objectName ?? name;
    this.password = generatedPassword(this, name);
    let peer: DataEndpoint["peer"] | undefined;
    let serving: pulumi.Resource[];
    this.nodes = args.mode === "managed" ? (args.nodes ?? D.managed.nodes) : 1;
    if (args.mode === "managed") {
      const managed = this.managed(name, args);
      this.replicationGroup = managed.group;
      this.access = managed.access;
      this.host = this.replicationGroup.primaryEndpointAddress;
      serving = [this.replicationGroup];
      this.url = pulumi.secret(pulumi.interpolate`rediss://:${this.password}@${this.host}:6379/0`);
      if (args.namespace !== undefined) peer = vpcPeer(this, args.network, 6379);
    } else {
      this.host = pulumi.interpolate`${objectName}.${args.namespace}.svc.cluster.local`;
      this.url = pulumi.secret(pulumi.interpolate`redis://:${this.password}@${this.host}:6379/0`);
      const svc = this.inCluster(name, objectName, args);
      this.metrics = svc.metrics;
      peer = { podLabels: svc.podLabels, port: 6379, service: objectName };
      serving = svc.serving;
    }
    if (args.namespace !== undefined && args.partOf !== undefined && peer) {
      this.credentialsSecretName = `${objectName}-credentials`;
      const secret = credentialsSecret(this, childName(name, "credentials"), {
        name: this.credentialsSecretName,
        namespace: args.namespace,
        partOf: args.partOf,
        values: { REDIS_URL: this.url, REDIS_PASSWORD: this.password },
      });
      this.endpoint = {
        secretEnv: { REDIS_URL: { secretName: this.credentialsSecretName, key: "REDIS_URL" } },
        peer,
        readyAfter: [secret, ...serving],
      };
    }
    this.registerOutputs({ host: this.host });
  }

  private managed(name: string, args: ManagedRedis): { group: elasticache.ReplicationGroup; access?: ClientAccess } {
    const m = D.managed;
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: Redis encryption at rest and credentials`,
      protect: args.protect,
    });
    const subnets = new elasticache.SubnetGroup(
      childName(name, "subnetGroup"),
      { subnetIds: args.network.subnetIds, description: `${name} private subnets` },
      { parent: this },
    );
    const { securityGroup: sg, access } = managedSecurityGroup(this, name, args, 6379, `${name} Redis`);
    const group = new elasticache.ReplicationGroup(
      childName(name, "replicationGroup"),
      {
        description: `${name} Redis`,
        engine: "redis",
        engineVersion: args.engineVersion ?? m.engineVersion,
        nodeType: args.nodeType ?? m.nodeType,
        numCacheClusters: this.nodes,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        atRestEncryptionEnabled: true,
        kmsKeyId: keyArn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authToken: this.password,
        port: 6379,
        subnetGroupName: subnets.name,
        securityGroupIds: [sg.id],
        snapshotRetentionLimit: args.snapshotRetentionDays ?? m.snapshotRetentionDays,
        ...(args.snapshotWindow ? { snapshotWindow: args.snapshotWindow } : {}),
        ...(args.maintenanceWindow ? { maintenanceWindow: args.maintenanceWindow } : {}),
        autoMinorVersionUpgrade: true,
      },
      statefulOptions(this, args.protect),
    );
    storeCredentials(
      this,
      name,
      keyArn,
      `${name}: Redis auth token`,
      pulumi.jsonStringify({ host: group.primaryEndpointAddress, port: 6379, authToken: this.password, tls: true }),
      args.protect,
    );
    return { group, access };
  }

  /** The StatefulSet; returns its pod labels and exporter endpoint. */
  private inCluster(
    name: string,
    objectName: string,
    args: InClusterRedis,
  ): { podLabels: Record<string, string>; metrics?: MetricsEndpoint; serving: pulumi.Resource[] } {
    const c = D.inCluster;
    const config = credentialsSecret(this, childName(name, "settings"), {
      name: `${objectName}-config`,
      namespace: args.namespace,
      partOf: args.partOf,
      values: {
        "redis.conf": redisConf(this.password, args.appendFsync ?? c.appendFsync),
        REDISCLI_AUTH: this.password,
      },
    });
    const svc = statefulService(this, name, {
      name: objectName,
      namespace: args.namespace,
      partOf: args.partOf,
      image: args.image ?? c.image,
      port: { name: "redis", number: 6379 },
      runAsUser: args.runAsUser ?? c.runAsUser,
      args: ["/etc/redis/redis.conf"],
      secretEnv: { REDISCLI_AUTH: { secretName: config.metadata.name, key: "REDISCLI_AUTH" } },
      secretMounts: [{ name: "config", secretName: config.metadata.name, mountPath: "/etc/redis", mode: 0o440 }],
      probe: ["redis-cli", "ping"],
      storage: { size: args.storage ?? c.storage, mountPath: "/data" },
      scratch: ["/tmp"],
      resources: args.resources ?? c.resources,
      clients: args.clients ?? [],
      protect: !!args.protect,
      exporter:
        args.exporter === false
          ? undefined
          : {
              ...c.exporter,
              image: args.exporter?.image ?? c.exporter.image,
              env: { REDIS_ADDR: "redis://127.0.0.1:6379" },
              secretEnv: { REDIS_PASSWORD: { secretName: config.metadata.name, key: "REDISCLI_AUTH" } },
            },
    });
    return { podLabels: svc.podLabels, metrics: svc.metrics, serving: [svc.statefulSet, svc.service] };
  }
}
