import * as rds from "@pulumi/aws/rds";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
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

/** RDS settings (managed mode). */
export interface ManagedPostgresSettings {
  /** Where the instance lives. */
  network: DataNetwork;
  /** Customer-managed key for storage, Performance Insights and Secrets Manager. @default a new key with rotation */
  kmsKey?: KmsKeyOption;
  /** @default "db.t4g.medium" */
  instanceClass?: string;
  /** @default "16.4" */
  engineVersion?: string;
  /** gp3 storage in GiB, at least 20. @default 20 */
  storageGb?: number;
  /** Storage autoscaling ceiling in GiB. @default 5 × storageGb */
  maxStorageGb?: number;
  /** @default true */
  multiAz?: boolean;
  /** Automated backups, 1–35 days. @default 7 */
  backupRetentionDays?: number;
  /** @default false */
  readReplica?: boolean;
}

/** StatefulSet settings (in-cluster mode). */
export interface InClusterPostgresSettings {
  /** @default "postgres:16.4-alpine" */
  image?: pulumi.Input<string>;
  /** UID of the image's postgres user. @default 70 */
  runAsUser?: number;
  /** Volume size. @default "10Gi" */
  storage?: string;
  /** @default the cluster default StorageClass */
  storageClassName?: string;
  /** @default 250m/512Mi requests, 1/1Gi limits */
  resources?: ContainerResources;
}

/** Arguments of {@link PostgresDatabase}. */
export interface PostgresDatabaseArgs extends DataServiceArgs<ManagedPostgresSettings, InClusterPostgresSettings> {
  /** @default "app" */
  database?: string;
  /** @default "app" */
  username?: string;
}

/**
 * PostgreSQL 16 for a platform, with a generated password kept secret end to end and a Kubernetes
 * Secret (`<objectName>-credentials`: `DATABASE_URL`, `PG*`) that apps read through `secretKeyRef`.
 * Managed: RDS — Multi-AZ, gp3 with a storage autoscaling limit, encrypted with a customer KMS key,
 * Performance Insights encrypted, IAM auth, not public, TLS forced by its parameter group,
 * deletion protection and a final snapshot, credentials also in Secrets Manager, optional read
 * replica. In-cluster: a hardened StatefulSet checked with `pg_isready`.
 */
export class PostgresDatabase extends pulumi.ComponentResource {
  /** The generated password (secret). */
  public readonly password: pulumi.Output<string>;
  /** Host apps connect to. */
  public readonly host: pulumi.Output<string>;
  /** What apps need to connect. */
  public readonly endpoint: DataEndpoint;
  /** The RDS instance (managed mode). */
  public readonly instance?: rds.Instance;
  /** The read replica, when asked for. */
  public readonly replica?: rds.Instance;
  /** The Secrets Manager secret with the credentials (managed mode). */
  public readonly managedSecret?: secretsmanager.Secret;
  /** Name of the Kubernetes Secret with the connection details. */
  public readonly credentialsSecretName: string;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:PostgresDatabase", name, {}, opts);
    const objectName = args.objectName ?? name;
    this.credentialsSecretName = `${objectName}-credentials`;
    const database = args.database ?? "app";
    const username = args.username ?? "app";
    this.password = generatedPassword(this, name);
    const stateful = statefulOptions(this, args.protect);

    if (args.mode === "managed") {
      const m = args.managed;
      if (!m) throw new pulumi.ResourceError("managed mode needs `managed.network`", this);
      const keyArn = serviceKeyArn(this, name, m.kmsKey, `${name}: PostgreSQL storage, Performance Insights and credentials`, args.protect);
      const subnets = new rds.SubnetGroup(childName(name, "subnetGroup"), { subnetIds: m.network.subnetIds, description: `${name} private subnets` }, { parent: this });
      const sg = dataSecurityGroup(this, name, m.network, 5432, `${name} PostgreSQL`);
      const params = new rds.ParameterGroup(childName(name, "parameterGroup"), {
        family: "postgres16",
        description: `${name}: TLS required`,
        parameters: [
          { name: "rds.force_ssl", value: "1" },
          { name: "log_min_duration_statement", value: "1000" },
        ],
      }, { parent: this });
      const storageGb = m.storageGb ?? 20;
      const common = {
        instanceClass: m.instanceClass ?? "db.t4g.medium",
        storageEncrypted: true,
        kmsKeyId: keyArn,
        publiclyAccessible: false,
        vpcSecurityGroupIds: [sg.id],
        parameterGroupName: params.name,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: keyArn,
        iamDatabaseAuthenticationEnabled: true,
        autoMinorVersionUpgrade: true,
        copyTagsToSnapshot: true,
      };
      this.instance = new rds.Instance(childName(name, "dbInstance"), {
        ...common,
        engine: "postgres",
        engineVersion: m.engineVersion ?? "16.4",
        dbName: database,
        username,
        password: this.password,
        allocatedStorage: storageGb,
        maxAllocatedStorage: m.maxStorageGb ?? storageGb * 5,
        storageType: "gp3",
        multiAz: m.multiAz ?? true,
        dbSubnetGroupName: subnets.name,
        backupRetentionPeriod: m.backupRetentionDays ?? 7,
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${name}-final`,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      }, stateful);
      if (m.readReplica) {
        this.replica = new rds.Instance(childName(name, "readReplica"), {
          ...common,
          replicateSourceDb: this.instance.identifier,
          skipFinalSnapshot: true,
        }, stateful);
      }
      this.host = this.instance.address;
      this.managedSecret = storeCredentials(this, name, keyArn, `${name}: PostgreSQL credentials`,
        pulumi.jsonStringify({ engine: "postgres", host: this.host, port: 5432, dbname: database, username, password: this.password }), args.protect);
      credentialsSecret(this, childName(name, "credentials"), this.credentialsSecretName, args.namespace, args.partOf, this.connectionValues(database, username, "require"));
      this.endpoint = { secretEnv: this.secretEnv(), peer: { cidr: m.network.vpcCidr, port: 5432 } };
    } else {
      const s = args.inCluster ?? {};
      this.host = pulumi.interpolate`${objectName}.${args.namespace}.svc.cluster.local`;
      const secret = credentialsSecret(this, childName(name, "credentials"), this.credentialsSecretName, args.namespace, args.partOf, {
        ...this.connectionValues(database, username, "disable"),
        POSTGRES_PASSWORD: this.password,
      });
      const svc = statefulService(this, name, {
        name: objectName,
        namespace: args.namespace,
        partOf: args.partOf,
        image: s.image ?? "postgres:16.4-alpine",
        port: { name: "postgresql", number: 5432 },
        runAsUser: s.runAsUser ?? 70,
        env: { POSTGRES_USER: username, POSTGRES_DB: database, PGDATA: "/var/lib/postgresql/data/pgdata" },
        secretEnv: { POSTGRES_PASSWORD: { secretName: secret.metadata.name, key: "POSTGRES_PASSWORD" } },
        probe: ["pg_isready", "--host=127.0.0.1", "--port=5432", `--username=${username}`, `--dbname=${database}`],
        storage: { size: s.storage ?? "10Gi", mountPath: "/var/lib/postgresql/data", storageClassName: s.storageClassName },
        scratch: ["/var/run/postgresql", "/tmp"],
        resources: s.resources ?? { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        clients: args.clients ?? [],
        protect: !!args.protect,
      });
      this.endpoint = { secretEnv: this.secretEnv(), peer: { podLabels: svc.podLabels, port: 5432 } };
    }
    this.registerOutputs({ host: this.host });
  }

  private connectionValues(database: string, username: string, sslmode: string): Record<string, pulumi.Input<string>> {
    return {
      DATABASE_URL: pulumi.interpolate`postgresql://${username}:${this.password}@${this.host}:5432/${database}?sslmode=${sslmode}`,
      PGHOST: this.host,
      PGPORT: "5432",
      PGDATABASE: database,
      PGUSER: username,
      PGPASSWORD: this.password,
      PGSSLMODE: sslmode,
    };
  }

  private secretEnv(): DataEndpoint["secretEnv"] {
    return { DATABASE_URL: { secretName: this.credentialsSecretName, key: "DATABASE_URL" } };
  }
}
