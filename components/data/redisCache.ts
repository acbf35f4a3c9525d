import * as elasticache from "@pulumi/aws/elasticache";
import * as pulumi from "@pulumi/pulumi";
import { ContainerResources } from "../app/podSpec";
import { childName } from "../naming";
import { generatedPassword } from "./credentials";
import { DataEndpoint } from "./endpoint";
import { credentialsSecret } from "./kubernetesSecret";
import { DataNetwork } from "./network";
import { dataSecurityGroup } from "./securityGroup";
import { DataServiceArgs, KmsKeyOption, serviceKeyArn, statefulOptions, storeCredentials } from "./serviceArgs";
import { statefulService } from "./stateful";

/** ElastiCache settings (managed mode). */
export interface ManagedRedisSettings {
  /** Where the replication group lives. */
  network: DataNetwork;
  /** Customer-managed key for encryption at rest and the credentials secret. @default a new key with rotation */
  kmsKey?: KmsKeyOption;
  /** @default "cache.t4g.medium" */
  nodeType?: string;
  /** Nodes (primary + replicas) across AZs, at least 2. @default 2 */
  nodes?: number;
  /** @default "7.1" */
  engineVersion?: string;
  /** @default 7 */
  snapshotRetentionDays?: number;
}

/** StatefulSet settings (in-cluster mode). */
export interface InClusterRedisSettings {
  /** @default "redis:7.4.1-alpine" */
  image?: pulumi.Input<string>;
  /** UID of the image's redis user. @default 999 */
  runAsUser?: number;
  /** Volume size for the append-only file. @default "2Gi" */
  storage?: string;
  /** @default 100m/256Mi requests, 500m/512Mi limits */
  resources?: ContainerResources;
}

/** Arguments of {@link RedisCache}. */
export type RedisCacheArgs = DataServiceArgs<ManagedRedisSettings, InClusterRedisSettings>;

/**
 * Redis with a generated password (secret end to end) and a Kubernetes Secret (`<objectName>-credentials`:
 * `REDIS_URL`, `REDIS_PASSWORD`). Managed: an ElastiCache replication group with automatic
 * failover across AZs, encryption at rest (customer key) and in transit (`required`), an auth
 * token, and the credentials in Secrets Manager; apps get a `rediss://` URL. In-cluster: a hardened
 * StatefulSet with `requirepass` and `appendonly yes`, checked with `redis-cli ping`.
 */
export class RedisCache extends pulumi.ComponentResource {
  /** The generated password / auth token (secret). */
  public readonly password: pulumi.Output<string>;
  /** Host apps connect to. */
  public readonly host: pulumi.Output<string>;
  /** What apps need to connect. */
  public readonly endpoint: DataEndpoint;
  /** The replication group (managed mode). */
  public readonly replicationGroup?: elasticache.ReplicationGroup;
  /** Name of the Kubernetes Secret with the connection details. */
  public readonly credentialsSecretName: string;

  constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:RedisCache", name, {}, opts);
    const objectName = args.objectName ?? name;
    this.credentialsSecretName = `${objectName}-credentials`;
    this.password = generatedPassword(this, name);
    const stateful = statefulOptions(this, args.protect);

    if (args.mode === "managed") {
      const m = args.managed;
      if (!m) throw new pulumi.ResourceError("managed mode needs `managed.network`", this);
      const keyArn = serviceKeyArn(this, name, m.kmsKey, `${name}: Redis encryption at rest and credentials`, args.protect);
      const subnets = new elasticache.SubnetGroup(childName(name, "subnetGroup"), { subnetIds: m.network.subnetIds, description: `${name} private subnets` }, { parent: this });
      const sg = dataSecurityGroup(this, name, m.network, 6379, `${name} Redis`);
      this.replicationGroup = new elasticache.ReplicationGroup(childName(name, "replicationGroup"), {
        description: `${name} Redis`,
        engine: "redis",
        engineVersion: m.engineVersion ?? "7.1",
        nodeType: m.nodeType ?? "cache.t4g.medium",
        numCacheClusters: m.nodes ?? 2,
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
        snapshotRetentionLimit: m.snapshotRetentionDays ?? 7,
        autoMinorVersionUpgrade: true,
      }, stateful);
      this.host = this.replicationGroup.primaryEndpointAddress;
      storeCredentials(this, name, keyArn, `${name}: Redis auth token`,
        pulumi.jsonStringify({ host: this.host, port: 6379, authToken: this.password, tls: true }), args.protect);
      credentialsSecret(this, childName(name, "credentials"), this.credentialsSecretName, args.namespace, args.partOf, {
        REDIS_URL: pulumi.interpolate`rediss://:${this.password}@${this.host}:6379/0`,
        REDIS_PASSWORD: this.password,
      });
      this.endpoint = { secretEnv: this.secretEnv(), peer: { cidr: m.network.vpcCidr, port: 6379 } };
    } else {
      const s = args.inCluster ?? {};
      this.host = pulumi.interpolate`${objectName}.${args.namespace}.svc.cluster.local`;
      const secret = credentialsSecret(this, childName(name, "credentials"), this.credentialsSecretName, args.namespace, args.partOf, {
        REDIS_URL: pulumi.interpolate`redis://:${this.password}@${this.host}:6379/0`,
        REDIS_PASSWORD: this.password,
      });
      const password = { secretName: secret.metadata.name, key: "REDIS_PASSWORD" };
      const svc = statefulService(this, name, {
        name: objectName,
        namespace: args.namespace,
        partOf: args.partOf,
        image: s.image ?? "redis:7.4.1-alpine",
        port: { name: "redis", number: 6379 },
        runAsUser: s.runAsUser ?? 999,
        args: ["--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", "/data"],
        secretEnv: { REDIS_PASSWORD: password, REDISCLI_AUTH: password },
        probe: ["redis-cli", "ping"],
        storage: { size: s.storage ?? "2Gi", mountPath: "/data" },
        scratch: ["/tmp"],
        resources: s.resources ?? { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
        clients: args.clients ?? [],
        protect: !!args.protect,
      });
      this.endpoint = { secretEnv: this.secretEnv(), peer: { podLabels: svc.podLabels, port: 6379 } };
    }
    this.registerOutputs({ host: this.host });
  }

  private secretEnv(): DataEndpoint["secretEnv"] {
    return { REDIS_URL: { secretName: this.credentialsSecretName, key: "REDIS_URL" } };
  }
}
