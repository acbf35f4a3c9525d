import * as iam from "@pulumi/aws/iam";
import * as rds from "@pulumi/aws/rds";
import * as pulumi from "@pulumi/pulumi";
import { portSecurityGroup, ClientAccess } from "../aws/securityGroups";
import { inlinePolicy } from "../aws/taskRoles";
import { childName } from "../naming";
import { ManagedNetworking } from "./serviceArgs";

/** Every default of a managed PostgreSQL's RDS Proxy. */
export const POSTGRES_PROXY_DEFAULTS = {
  /** Client IAM authentication: off, clients log in with the password over TLS. */
  iamAuth: "DISABLED" as "DISABLED" | "REQUIRED",
  /** Share of the server's max_connections the proxy may open, %. */
  maxConnectionsPercent: 90,
  /** Share it keeps open while idle, %. */
  maxIdleConnectionsPercent: 50,
  /** Seconds a client waits for a server connection before an error. */
  connectionBorrowTimeoutSeconds: 120,
  /** Seconds an idle client connection is kept. */
  idleClientTimeoutSeconds: 1800,
} as const;

const D = POSTGRES_PROXY_DEFAULTS;

/**
 * RDS Proxy in front of a managed PostgreSQL: the apps' many pooled connections multiplexed onto
 * a bounded share of `max_connections`. TLS required; the proxy logs in with the credentials of
 * the database's Secrets Manager secret, clients with the same password (SCRAM) or, with
 * `iamAuth: "REQUIRED"`, IAM tokens (`rds-db:connect`).
 */
export interface ManagedPostgresProxy {
  /** Client IAM authentication. @default "DISABLED" (the password, over TLS) */
  readonly iamAuth?: "DISABLED" | "REQUIRED";
  /** Share of max_connections the proxy may open, %. @default 90 */
  readonly maxConnectionsPercent?: number;
  /** Share kept open while idle, %. @default 50 */
  readonly maxIdleConnectionsPercent?: number;
  /** Seconds an idle client connection is kept. @default 1800 */
  readonly idleClientTimeoutSeconds?: number;
}

/** What the proxy fronts. */
export interface ProxiedServer {
  /** The instance. */
  readonly instance: rds.Instance;
  /** Its client group, which the proxy joins to reach it. */
  readonly serverAccess: ClientAccess;
  /** The Secrets Manager secret with `username` and `password`. */
  readonly secretArn: pulumi.Input<string>;
  /** Key of the secret. */
  readonly keyArn: pulumi.Input<string>;
  /** The database's networking. */
  readonly networking: ManagedNetworking;
  /** Proxy name (letters, digits, hyphens). */
  readonly proxyName: string;
}

/** The proxy, its endpoint and the client group apps join to reach it. */
export function postgresProxy(
  parent: pulumi.Resource,
  name: string,
  options: ManagedPostgresProxy,
  server: ProxiedServer,
): { proxy: rds.Proxy; endpoint: pulumi.Output<string>; access: ClientAccess } {
  const child = { parent };
  const base = childName(name, "databaseProxy");
  const n = server.networking.network;
  const { securityGroup, access } = portSecurityGroup(parent, base, {
    vpcId: n.vpcId,
    port: 5432,
    service: `${name} RDS Proxy`,
    admit:
      n.clientSecurityGroupId === undefined
        ? []
        : [{ securityGroupId: n.clientSecurityGroupId, description: "cluster pods" }],
    clientGroup: true,
  });
  const role = new iam.Role(
    childName(name, "databaseProxyRole"),
    {
      description: `${name}: RDS Proxy reads the database credentials`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    },
    child,
  );
  inlinePolicy(parent, name, "databaseProxyPolicy", role, [
    { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: server.secretArn },
    {
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: server.keyArn,
      Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } },
    },
  ]);
  const proxy = new rds.Proxy(
    childName(name, "databaseProxy"),
    {
      name: server.proxyName,
      engineFamily: "POSTGRESQL",
      requireTls: true,
      roleArn: role.arn,
      vpcSubnetIds: n.subnetIds,
      vpcSecurityGroupIds: [securityGroup.id, server.serverAccess.securityGroupId],
      idleClientTimeout: options.idleClientTimeoutSeconds ?? D.idleClientTimeoutSeconds,
      debugLogging: false,
      auths: [
        {
          authScheme: "SECRETS",
          secretArn: server.secretArn,
          iamAuth: options.iamAuth ?? D.iamAuth,
          clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
        },
      ],
    },
    child,
  );
  const targets = new rds.ProxyDefaultTargetGroup(
    childName(name, "databaseProxyTargets"),
    {
      dbProxyName: proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent: options.maxConnectionsPercent ?? D.maxConnectionsPercent,
        maxIdleConnectionsPercent: options.maxIdleConnectionsPercent ?? D.maxIdleConnectionsPercent,
        connectionBorrowTimeout: D.connectionBorrowTimeoutSeconds,
      },
    },
    child,
  );
  new rds.ProxyTarget(
    childName(name, "databaseProxyTarget"),
    { dbProxyName: proxy.name, targetGroupName: targets.name, dbInstanceIdentifier: server.instance.identifier },
    child,
  );
  return { proxy, endpoint: proxy.endpoint, access };
}
