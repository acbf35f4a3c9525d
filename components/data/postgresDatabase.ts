import * as iam from "@pulumi/aws/iam";
import * as rds from "@pulumi/aws/rds";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IssuerRef, serviceCertificate } from "../kube/certificate";
import { credentialsSecret } from "../kube/credentialsSecret";
import { ownerLabels } from "../kube/labels";
import { ContainerResources } from "../kube/podSpec";
import { generatedPassword } from "../kube/password";
import { childName } from "../naming";
import { DataEndpoint } from "./endpoint";
import { PgBouncer, PgBouncerArgs } from "./pgBouncer";
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
import { ManagedPostgresProxy, postgresProxy } from "./postgresProxy";
import { MetricsEndpoint, statefulService } from "./stateful";

/**
 * pg_hba.conf of the in-cluster server: TCP clients only over TLS and with a SCRAM password, plain
 * TCP refused; the Unix socket (the image's own setup) with the password too.
 */
const TLS_ONLY_HBA = [
  "# TYPE    DATABASE USER ADDRESS METHOD",
  "local     all      all          scram-sha-256",
  "hostssl   all      all  all     scram-sha-256",
  "hostnossl all      all  all     reject",
  "",
].join("\n");

/** Every default of a {@link PostgresDatabase}: the constructor applies these, its config fragment documents them. */
export const POSTGRES_DEFAULTS = {
  /** Database name. */
  database: "app",
  /** Owner role the apps connect as. */
  username: "app",
  /** The PostgreSQL majors the platform runs. */
  majors: [14, 15, 16, 17] as readonly number[],
  /** Managed (RDS) settings. */
  managed: {
    instanceClass: "db.t4g.medium",
    engineVersion: "16.4",
    storageGb: 20,
    maxStorageFactor: 5,
    multiAz: true,
    backupRetentionDays: 30,
    readReplica: false,
    monitoringIntervalSeconds: 60,
    performanceInsightsRetentionDays: 7,
    parameters: { log_min_duration_statement: "1000" } as Record<string, string>,
  },
  /** In-cluster (StatefulSet) settings. */
  inCluster: {
    image: "postgres:16.4-alpine",
    runAsUser: 70,
    storage: "10Gi",
    resources: {
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    } as ContainerResources,
    tlsIssuer: { kind: "ClusterIssuer", name: "platform-internal-ca" } as IssuerRef,
    /** The metrics exporter beside the server. */
    exporter: {
      image: "quay.io/prometheuscommunity/postgres-exporter:v0.16.0",
      runAsUser: 65534,
      port: 9187,
      resources: {
        requests: { cpu: "10m", memory: "32Mi" },
        limits: { cpu: "100m", memory: "64Mi" },
      } as ContainerResources,
    },
  },
} as const;

const D = POSTGRES_DEFAULTS;

/** The major of a PostgreSQL version (`"15.4"` → 15), or of an image tag (`postgres:16.4-alpine` → 16). */
export function postgresMajor(versionOrImage: string): number | undefined {
  const tag = versionOrImage.includes(":") ? versionOrImage.slice(versionOrImage.lastIndexOf(":") + 1) : versionOrImage;
  const m = /^(\d+)(\.\d+)?/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

/** The RDS parameter group family of a version: `"15.4"` → `postgres15`. */
export function parameterGroupFamily(engineVersion: string): string {
  return `postgres${postgresMajor(engineVersion)}`;
}

/** What both modes take. */
export interface PostgresCommon extends DataServiceCommon {
  /** Database name. @default "app" */
  readonly database?: string;
  /** Owner role the apps connect as. @default "app" */
  readonly username?: string;
  /** PgBouncer in front of the database (in the apps' namespace); apps then connect through it. @default none */
  readonly pooler?: Omit<PgBouncerArgs, "namespace" | "partOf" | "objectName" | "database" | "clients" | "issuer">;
}

/**
 * RDS PostgreSQL. With `namespace` it serves Kubernetes apps (a credentials Secret there); without
 * it, AWS workloads, which read `connectionUrl` and join `access`.
 */
export interface ManagedPostgres extends PostgresCommon, Partial<KubernetesClients>, ManagedNetworking {
  /** The AWS service. */
  readonly mode: "managed";
  /** Customer-managed key for storage, Performance Insights and Secrets Manager. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** PostgreSQL 14–17; the parameter group family follows it. @default "16.4" */
  readonly engineVersion?: string;
  /** gp3 storage in GiB, at least 20. @default 20 */
  readonly storageGb?: number;
  /** Storage autoscaling ceiling in GiB. @default 5 × storageGb */
  readonly maxStorageGb?: number;
  /** @default true */
  readonly multiAz?: boolean;
  /** Automated backups, 1–35 days. @default 7 */
  readonly backupRetentionDays?: number;
  /** Daily backup window, `hh24:mi-hh24:mi` UTC. @default chosen by AWS */
  readonly backupWindow?: string;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC. @default chosen by AWS */
  readonly maintenanceWindow?: string;
  /** An asynchronous read replica: its URL is `readConnectionUrl`, and `readEndpoint` for Kubernetes apps. @default false */
  readonly readReplica?: boolean;
  /** RDS Proxy between the apps and the instance (`host`, `connectionUrl` and `access` become the proxy's). @default none */
  readonly proxy?: ManagedPostgresProxy;
  /** Parameters of the parameter group (`rds.force_ssl` is always 1). @default { log_min_duration_statement: "1000" } */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Enhanced Monitoring interval (0 turns it off). @default 60 */
  readonly monitoringIntervalSeconds?: 0 | 1 | 5 | 10 | 15 | 30 | 60;
  /** Performance Insights retention: 7 days (free) or a multiple of 31 up to 731. @default 7 */
  readonly performanceInsightsRetentionDays?: number;
}

/** PostgreSQL as a StatefulSet in the namespace, speaking TLS only. */
export interface InClusterPostgres extends PostgresCommon, KubernetesClients {
  /** A StatefulSet. */
  readonly mode: "in-cluster";
  /** @default "postgres:16.4-alpine" */
  readonly image?: pulumi.Input<string>;
  /** UID of the image's postgres user. @default 70 */
  readonly runAsUser?: number;
  /** Volume size. @default "10Gi" */
  readonly storage?: string;
  /** @default the cluster default StorageClass */
  readonly storageClassName?: string;
  /** @default 250m/512Mi requests, 1/1Gi limits */
  readonly resources?: ContainerResources;
  /** Server parameters (`-c name=value`). @default none */
  readonly parameters?: Readonly<Record<string, string>>;
  /** cert-manager issuer of the server certificate; clients connect with `sslmode=require`. @default the ClusterIssuer "platform-internal-ca" */
  readonly tlsIssuer?: IssuerRef;
  /** The postgres_exporter beside the server (scraped by the team's monitoring), or `false` for none. @default the exporter of {@link POSTGRES_DEFAULTS} */
  readonly exporter?: false | { readonly image?: pulumi.Input<string> };
}

/** Arguments of {@link PostgresDatabase}: managed (RDS) or in-cluster. */
export type PostgresDatabaseArgs = ManagedPostgres | InClusterPostgres;

/** The server a mode made: where it listens, and its AWS resources when managed. */
interface ServerParts {
  host: pulumi.Output<string>;
  metrics?: MetricsEndpoint;
  peer?: DataEndpoint["peer"];
  access?: ClientAccess;
  instance?: rds.Instance;
  replica?: rds.Instance;
  managedSecret?: secretsmanager.Secret;
  proxy?: rds.Proxy;
  directAccess?: ClientAccess;
  /** What answers at the server's address once created. */
  serving: pulumi.Resource[];
}

/**
 * PostgreSQL 14–17 for a platform, with a generated password kept secret end to end and a
 * Kubernetes Secret (`<objectName>-credentials`: `DATABASE_URL`, `PG*`) that apps read through
 * `secretKeyRef`; clients always connect with TLS. Managed: RDS — Multi-AZ, gp3 with a storage
 * autoscaling limit, encrypted with a customer KMS key, Performance Insights encrypted, Enhanced
 * Monitoring, IAM auth, not public, TLS forced by a parameter group of the version's family,
 * backup and maintenance windows, deletion protection and a final snapshot, credentials also in
 * Secrets Manager, optional read replica. In-cluster: a hardened StatefulSet serving a
 * cert-manager certificate, checked with `pg_isready`. Optionally PgBouncer in front.
 */
export class PostgresDatabase extends pulumi.ComponentResource {
  /** The generated password (secret). */
  public readonly password: pulumi.Output<string>;
  /** Host apps connect to (the pooler's when there is one). */
  public readonly host: pulumi.Output<string>;
  /** `postgresql://…?sslmode=require` for the apps (secret; through the pooler when there is one). */
  public readonly connectionUrl: pulumi.Output<string>;
  /** What Kubernetes apps need to connect, when the database serves a namespace. */
  public readonly endpoint?: DataEndpoint;
  /** The client security group AWS workloads join to reach the database (managed mode). */
  public readonly access?: ClientAccess;
  /** Where the server itself listens (tools that bypass the pooler connect there), for Kubernetes clients. */
  public readonly serverPeer?: DataEndpoint["peer"];
  /** The RDS instance (managed mode). */
  public readonly instance?: rds.Instance;
  /** The read replica, when asked for. */
  public readonly replica?: rds.Instance;
  /** Host of the read replica (managed mode with `readReplica`). */
  public readonly readerHost?: pulumi.Output<string>;
  /** `postgresql://…?sslmode=require` of the read replica itself (never through a pooler or proxy), for apps that declare reads (secret). */
  public readonly readConnectionUrl?: pulumi.Output<string>;
  /**
   * What Kubernetes apps that read from the replica need, when there is a replica and the database
   * serves a namespace: `DATABASE_READ_URL` (optional: absent until the replica exists) and the path
   * to the replica.
   */
  public readonly readEndpoint?: DataEndpoint;
  /** The RDS Proxy, when asked for. */
  public readonly proxy?: rds.Proxy;
  /** The client group of the instance itself when a proxy fronts it (tools that need their own session). */
  public readonly directAccess?: ClientAccess;
  /** The Secrets Manager secret with the credentials (managed mode). */
  public readonly managedSecret?: secretsmanager.Secret;
  /** The pooler, when asked for. */
  public readonly pooler?: PgBouncer;
  /** Name of the Kubernetes Secret with the connection details, when the database serves a namespace. */
  public readonly credentialsSecretName?: string;
  /** Where its exporter serves metrics (in-cluster). */
  public readonly metrics?: MetricsEndpoint;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:PostgresDatabase", name, {}, opts);
    const objectName = args.objectName ?? name;
    const database = args.database ?? D.database;
    const username = args.username ?? D.username;
    this.password = generatedPassword(this, name);
    if (args.pooler && args.namespace === undefined)
      throw new pulumi.ResourceError("pooler runs in Kubernetes: it needs `namespace` and `partOf`", this);

    const server: ServerParts =
      args.mode === "managed"
        ? this.managed(name, args, database, username)
        : this.inCluster(name, objectName, args, database, username);
    this.instance = server.instance;
    this.replica = server.replica;
    this.managedSecret = server.managedSecret;
    this.access = server.access;
    this.proxy = server.proxy;
    this.directAccess = server.directAccess;
    if (server.replica) this.readerHost = server.replica.address;
    this.metrics = server.metrics;
    this.serverPeer = server.peer;
    let host = server.host;
    let port = 5432;
    if (args.pooler && args.namespace !== undefined && args.partOf !== undefined && server.peer) {
      this.pooler = new PgBouncer(
        childName(name, "pooler"),
        {
          ...args.pooler,
          namespace: args.namespace,
          partOf: args.partOf,
          objectName: `${objectName}-pooler`,
          database: {
            host: server.host,
            port: 5432,
            name: database,
            username,
            password: this.password,
            peer: server.peer,
          },
          clients: args.clients,
          issuer: args.mode === "in-cluster" ? args.tlsIssuer : undefined,
        },
        { parent: this },
      );
      host = this.pooler.host;
      port = this.pooler.port;
    }
    this.host = host;
    this.connectionUrl = pulumi.secret(
      pulumi.interpolate`postgresql://${username}:${this.password}@${host}:${port}/${database}?sslmode=require`,
    );
    if (server.replica) {
      this.readConnectionUrl = pulumi.secret(
        pulumi.interpolate`postgresql://${username}:${this.password}@${server.replica.address}:5432/${database}?sslmode=require`,
      );
    }
    const peer = this.pooler ? this.pooler.peer : server.peer;
    if (args.namespace !== undefined && args.partOf !== undefined && peer) {
      this.credentialsSecretName = `${objectName}-credentials`;
      const secret = credentialsSecret(this, childName(name, "credentials"), {
        name: this.credentialsSecretName,
        namespace: args.namespace,
        partOf: args.partOf,
        values: {
          DATABASE_URL: this.connectionUrl,
          // Tools that need a session of their own (pg_dump, psql) connect straight to the server.
          DIRECT_DATABASE_URL: pulumi.interpolate`postgresql://${username}:${this.password}@${server.host}:5432/${database}?sslmode=require`,
          PGHOST: server.host,
          PGPORT: "5432",
          PGDATABASE: database,
          PGUSER: username,
          PGPASSWORD: this.password,
          PGSSLMODE: "require",
        },
      });
      this.endpoint = {
        secretEnv: { DATABASE_URL: { secretName: this.credentialsSecretName, key: "DATABASE_URL" } },
        peer,
        readyAfter: [secret, ...server.serving, ...(this.pooler ? [this.pooler.deployment] : [])],
      };
      if (server.replica && this.readConnectionUrl && server.peer) {
        // Its Secret exists once the replica does (its address is in the URL); the readers never
        // wait for it: until then they start without the variable and read from the primary.
        const readSecretName = `${objectName}-read-credentials`;
        credentialsSecret(this, childName(name, "readCredentials"), {
          name: readSecretName,
          namespace: args.namespace,
          partOf: args.partOf,
          values: { DATABASE_READ_URL: this.readConnectionUrl },
        });
        this.readEndpoint = {
          secretEnv: { DATABASE_READ_URL: { secretName: readSecretName, key: "DATABASE_READ_URL", optional: true } },
          peer: server.peer,
          readyAfter: [],
        };
      }
    }
    this.registerOutputs({ host: this.host });
  }

  private managed(name: string, args: ManagedPostgres, database: string, username: string): ServerParts {
    const m = D.managed;
    const stateful = statefulOptions(this, args.protect);
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: PostgreSQL storage, Performance Insights and credentials`,
      protect: args.protect,
    });
    const subnets = new rds.SubnetGroup(
      childName(name, "subnetGroup"),
      { subnetIds: args.network.subnetIds, description: `${name} private subnets` },
      { parent: this },
    );
    // A proxy reaches the server as a member of its client group.
    const { securityGroup: sg, access } = managedSecurityGroup(
      this,
      name,
      args.proxy ? { ...args, clientGroup: true } : args,
      5432,
      `${name} PostgreSQL`,
    );
    const engineVersion = args.engineVersion ?? m.engineVersion;
    const parameters = { ...m.parameters, ...args.parameters, "rds.force_ssl": "1" };
    const params = new rds.ParameterGroup(
      childName(name, "parameterGroup"),
      {
        family: parameterGroupFamily(engineVersion),
        description: `${name}: TLS required`,
        parameters: Object.entries(parameters).map(([paramName, value]) => ({
          name: paramName,
          value,
          applyMethod: "pending-reboot",
        })),
      },
      { parent: this },
    );
    const interval = args.monitoringIntervalSeconds ?? m.monitoringIntervalSeconds;
    const monitoringRole = interval > 0 ? this.monitoringRole(name) : undefined;
    const storageGb = args.storageGb ?? m.storageGb;
    const common = {
      instanceClass: args.instanceClass ?? m.instanceClass,
      storageEncrypted: true,
      kmsKeyId: keyArn,
      publiclyAccessible: false,
      vpcSecurityGroupIds: [sg.id],
      parameterGroupName: params.name,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: keyArn,
      performanceInsightsRetentionPeriod: args.performanceInsightsRetentionDays ?? m.performanceInsightsRetentionDays,
      monitoringInterval: interval,
      ...(monitoringRole ? { monitoringRoleArn: monitoringRole.arn } : {}),
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      ...(args.maintenanceWindow ? { maintenanceWindow: args.maintenanceWindow } : {}),
    };
    const instance = new rds.Instance(
      childName(name, "dbInstance"),
      {
        ...common,
        engine: "postgres",
        engineVersion,
        dbName: database,
        username,
        password: this.password,
        allocatedStorage: storageGb,
        maxAllocatedStorage: args.maxStorageGb ?? storageGb * m.maxStorageFactor,
        storageType: "gp3",
        multiAz: args.multiAz ?? m.multiAz,
        dbSubnetGroupName: subnets.name,
        backupRetentionPeriod: args.backupRetentionDays ?? m.backupRetentionDays,
        ...(args.backupWindow ? { backupWindow: args.backupWindow } : {}),
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${name}-final`,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      },
      stateful,
    );
    const replica =
      (args.readReplica ?? m.readReplica)
        ? new rds.Instance(
            childName(name, "readReplica"),
            { ...common, replicateSourceDb: instance.identifier, skipFinalSnapshot: true },
            stateful,
          )
        : undefined;
    const managedSecret = storeCredentials(
      this,
      name,
      keyArn,
      `${name}: PostgreSQL credentials`,
      pulumi.jsonStringify({
        engine: "postgres",
        host: instance.address,
        port: 5432,
        dbname: database,
        username,
        password: this.password,
      }),
      args.protect,
    );
    const peer = args.namespace === undefined ? undefined : vpcPeer(this, args.network, 5432);
    if (args.proxy) {
      if (!access) throw new pulumi.ResourceError("the RDS Proxy needs the server's client group", this);
      const proxied = postgresProxy(this, name, args.proxy, {
        instance,
        serverAccess: access,
        secretArn: managedSecret.arn,
        keyArn,
        networking: args,
        proxyName: args.objectName ?? name,
      });
      return {
        host: proxied.endpoint,
        peer,
        access: proxied.access,
        directAccess: access,
        instance,
        replica,
        managedSecret,
        proxy: proxied.proxy,
        serving: [instance, proxied.proxy],
      };
    }
    return { host: instance.address, peer, access, instance, replica, managedSecret, serving: [instance] };
  }

  /** The role RDS Enhanced Monitoring publishes OS metrics with. */
  private monitoringRole(name: string): iam.Role {
    return new iam.Role(
      childName(name, "monitoringRole"),
      {
        description: `${name}: RDS Enhanced Monitoring`,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
        managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"],
      },
      { parent: this },
    );
  }

  private inCluster(
    name: string,
    objectName: string,
    args: InClusterPostgres,
    database: string,
    username: string,
  ): ServerParts {
    const c = D.inCluster;
    const tls = serviceCertificate(this, childName(name, "certificate"), {
      name: objectName,
      namespace: args.namespace,
      partOf: args.partOf,
      issuer: args.tlsIssuer ?? c.tlsIssuer,
    });
    const initSecret = credentialsSecret(this, childName(name, "serverSecret"), {
      name: `${objectName}-server`,
      namespace: args.namespace,
      partOf: args.partOf,
      values: { POSTGRES_PASSWORD: this.password },
    });
    const tlsDir = "/var/lib/postgresql/tls";
    const hbaDir = "/etc/postgresql/hba";
    const hba = new k8s.core.v1.ConfigMap(
      childName(name, "hbaConfig"),
      {
        metadata: { name: `${objectName}-hba`, namespace: args.namespace, labels: ownerLabels(args.partOf) },
        data: { "pg_hba.conf": TLS_ONLY_HBA },
      },
      { parent: this },
    );
    const parameters = {
      ...args.parameters,
      ssl: "on",
      ssl_cert_file: `${tlsDir}/tls.crt`,
      ssl_key_file: `${tlsDir}/tls.key`,
      ssl_min_protocol_version: "TLSv1.2",
      hba_file: `${hbaDir}/pg_hba.conf`,
    };
    const svc = statefulService(this, name, {
      name: objectName,
      namespace: args.namespace,
      partOf: args.partOf,
      image: args.image ?? c.image,
      port: { name: "postgresql", number: 5432 },
      runAsUser: args.runAsUser ?? c.runAsUser,
      args: Object.entries(parameters).flatMap(([key, value]) => ["-c", `${key}=${value}`]),
      env: { POSTGRES_USER: username, POSTGRES_DB: database, PGDATA: "/var/lib/postgresql/data/pgdata" },
      secretEnv: { POSTGRES_PASSWORD: { secretName: initSecret.metadata.name, key: "POSTGRES_PASSWORD" } },
      // Owned by root with group fsGroup: PostgreSQL accepts a key readable by its group only then.
      secretMounts: [{ name: "tls", secretName: tls.secretName, mountPath: tlsDir, mode: 0o640 }],
      configMounts: [{ name: "hba", configMapName: hba.metadata.name, mountPath: hbaDir }],
      probe: ["pg_isready", "--host=127.0.0.1", "--port=5432", `--username=${username}`, `--dbname=${database}`],
      storage: {
        size: args.storage ?? c.storage,
        mountPath: "/var/lib/postgresql/data",
        storageClassName: args.storageClassName,
      },
      scratch: ["/var/run/postgresql", "/tmp"],
      resources: args.resources ?? c.resources,
      clients: [
        ...(args.clients ?? []),
        ...(args.pooler ? [{ podLabels: PgBouncer.podLabelsOf(`${objectName}-pooler`, args.partOf) }] : []),
      ],
      protect: !!args.protect,
      exporter:
        args.exporter === false
          ? undefined
          : {
              ...c.exporter,
              image: args.exporter?.image ?? c.exporter.image,
              env: { DATA_SOURCE_URI: `127.0.0.1:5432/${database}?sslmode=require`, DATA_SOURCE_USER: username },
              secretEnv: { DATA_SOURCE_PASS: { secretName: initSecret.metadata.name, key: "POSTGRES_PASSWORD" } },
            },
    });
    return {
      host: pulumi.interpolate`${objectName}.${args.namespace}.svc.cluster.local`,
      peer: { podLabels: svc.podLabels, port: 5432, service: objectName },
      metrics: svc.metrics,
      serving: [svc.statefulSet, svc.service],
    };
  }
}
