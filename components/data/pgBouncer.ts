import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IssuerRef, serviceCertificate } from "../kube/certificate";
import { credentialsSecret } from "../kube/credentialsSecret";
import { recommendedLabels, selectorLabels } from "../kube/labels";
import { NetworkPeer, trafficPolicySpec } from "../kube/network";
import { ContainerResources, hardenedContainer, hardenedPodSpec, ScratchDir } from "../kube/podSpec";
import { childName } from "../naming";

/** Every default of a {@link PgBouncer}: the constructor applies these, its config fragment documents them. */
export const PGBOUNCER_DEFAULTS = {
  image: "bitnami/pgbouncer:1.23.1",
  runAsUser: 1001,
  replicas: 2,
  port: 6432,
  poolMode: "transaction" as "session" | "transaction",
  defaultPoolSize: 20,
  maxClientConnections: 500,
  resources: {
    requests: { cpu: "50m", memory: "64Mi" },
    limits: { cpu: "500m", memory: "128Mi" },
  } as ContainerResources,
  issuer: { kind: "ClusterIssuer", name: "platform-internal-ca" } as IssuerRef,
} as const;

const D = PGBOUNCER_DEFAULTS;

/** Arguments of {@link PgBouncer}. */
export interface PgBouncerArgs {
  /** Namespace. */
  readonly namespace: pulumi.Input<string>;
  /** Platform name. */
  readonly partOf: string;
  /** Name of its objects. @default the component name */
  readonly objectName?: string;
  /** The server it pools connections to. */
  readonly database: {
    readonly host: pulumi.Input<string>;
    readonly port: number;
    readonly name: string;
    readonly username: string;
    readonly password: pulumi.Input<string>;
    /** Where the server listens, for the pooler's egress. */
    readonly peer: NetworkPeer;
  };
  /** Pods admitted to the pooler. @default [] */
  readonly clients?: readonly NetworkPeer[];
  /** cert-manager issuer of the pooler's certificate (clients connect with TLS). @default the ClusterIssuer "platform-internal-ca" */
  readonly issuer?: IssuerRef;
  /** Image (Bitnami's layout: its configuration is written at start into /opt/bitnami/pgbouncer). @default "bitnami/pgbouncer:1.23.1" */
  readonly image?: pulumi.Input<string>;
  /** UID the image runs as. @default 1001 */
  readonly runAsUser?: number;
  /** @default 2 */
  readonly replicas?: number;
  /** `transaction` (the most sharing) or `session` (for clients that rely on session state). @default "transaction" */
  readonly poolMode?: "session" | "transaction";
  /** Server connections per database and user. @default 20 */
  readonly defaultPoolSize?: number;
  /** Client connections accepted. @default 500 */
  readonly maxClientConnections?: number;
  /** @default 50m/64Mi requests, 500m/128Mi limits */
  readonly resources?: ContainerResources;
}

/**
 * PgBouncer in front of a PostgreSQL server: TLS to its clients (a cert-manager certificate) and
 * to the server (`sslmode=require`), the server password only in a Secret, hardened pods spread
 * over zones, a PDB and a NetworkPolicy admitting only its clients and reaching only the server.
 */
export class PgBouncer extends pulumi.ComponentResource {
  /** Host clients connect to. */
  public readonly host: pulumi.Output<string>;
  /** Port clients connect to. */
  public readonly port: number;
  /** Where it listens, for its clients' egress. */
  public readonly peer: NetworkPeer;
  /** The Deployment. */
  public readonly deployment: k8s.apps.v1.Deployment;

  /** The pod labels of a pooler whose objects are named `objectName`. */
  static podLabelsOf(objectName: string, partOf: string): Record<string, string> {
    return selectorLabels({ name: objectName, partOf });
  }

  constructor(name: string, args: PgBouncerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:PgBouncer", name, {}, opts);
    const child = { parent: this };
    const objectName = args.objectName ?? name;
    const image = args.image ?? D.image;
    const labels = recommendedLabels({ name: objectName, partOf: args.partOf, image, component: "pooler" });
    const podLabels = PgBouncer.podLabelsOf(objectName, args.partOf);
    const metadata = { name: objectName, namespace: args.namespace, labels };
    const runAsUser = args.runAsUser ?? D.runAsUser;
    this.port = D.port;

    const tls = serviceCertificate(this, childName(name, "certificate"), {
      name: objectName,
      namespace: args.namespace,
      partOf: args.partOf,
      issuer: args.issuer ?? D.issuer,
    });
    const secret = credentialsSecret(this, childName(name, "credentials"), {
      name: `${objectName}-server`,
      namespace: args.namespace,
      partOf: args.partOf,
      values: { POSTGRESQL_PASSWORD: args.database.password },
    });
    const account = new k8s.core.v1.ServiceAccount(
      childName(name, "serviceAccount"),
      { metadata, automountServiceAccountToken: false },
      child,
    );
    const base = "/opt/bitnami/pgbouncer";
    const scratch: ScratchDir[] = [
      { name: "conf", mountPath: `${base}/conf`, sizeLimit: "16Mi" },
      { name: "run", mountPath: `${base}/tmp`, sizeLimit: "16Mi" },
      { name: "logs", mountPath: `${base}/logs`, sizeLimit: "64Mi" },
      { name: "tmp", mountPath: "/tmp", sizeLimit: "16Mi" },
    ];
    const probe = (periodSeconds: number) => ({
      tcpSocket: { port: "pgbouncer" },
      periodSeconds,
      timeoutSeconds: 2,
      failureThreshold: 3,
    });
    this.deployment = new k8s.apps.v1.Deployment(
      childName(name, "deployment"),
      {
        metadata,
        spec: {
          replicas: args.replicas ?? D.replicas,
          selector: { matchLabels: podLabels },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          template: {
            metadata: { labels },
            spec: hardenedPodSpec({
              serviceAccountName: account.metadata.name,
              runAsUser,
              scratch,
              spreadLabels: podLabels,
              volumes: [{ name: "tls", secret: { secretName: tls.secretName, defaultMode: 0o440 } }],
              containers: [
                hardenedContainer({
                  name: "pgbouncer",
                  image,
                  ports: [{ name: "pgbouncer", containerPort: this.port }],
                  env: {
                    POSTGRESQL_HOST: args.database.host,
                    POSTGRESQL_PORT: String(args.database.port),
                    POSTGRESQL_USERNAME: args.database.username,
                    POSTGRESQL_DATABASE: args.database.name,
                    PGBOUNCER_DATABASE: args.database.name,
                    PGBOUNCER_PORT: String(this.port),
                    PGBOUNCER_POOL_MODE: args.poolMode ?? D.poolMode,
                    PGBOUNCER_DEFAULT_POOL_SIZE: String(args.defaultPoolSize ?? D.defaultPoolSize),
                    PGBOUNCER_MAX_CLIENT_CONN: String(args.maxClientConnections ?? D.maxClientConnections),
                    PGBOUNCER_AUTH_TYPE: "scram-sha-256",
                    PGBOUNCER_SERVER_TLS_SSLMODE: "require",
                    PGBOUNCER_CLIENT_TLS_SSLMODE: "require",
                    PGBOUNCER_CLIENT_TLS_CERT_FILE: "/etc/pgbouncer/tls/tls.crt",
                    PGBOUNCER_CLIENT_TLS_KEY_FILE: "/etc/pgbouncer/tls/tls.key",
                  },
                  secretEnv: { POSTGRESQL_PASSWORD: { secretName: secret.metadata.name, key: "POSTGRESQL_PASSWORD" } },
                  resources: args.resources ?? D.resources,
                  runAsUser,
                  scratch,
                  volumeMounts: [{ name: "tls", mountPath: "/etc/pgbouncer/tls", readOnly: true }],
                  probes: { liveness: probe(10), readiness: probe(5), startup: { ...probe(5), failureThreshold: 30 } },
                }),
              ],
            }),
          },
        },
      },
      child,
    );
    new k8s.core.v1.Service(
      childName(name, "service"),
      {
        metadata,
        spec: {
          type: "ClusterIP",
          selector: podLabels,
          ports: [{ name: "pgbouncer", port: this.port, targetPort: "pgbouncer" }],
        },
      },
      child,
    );
    new k8s.policy.v1.PodDisruptionBudget(
      childName(name, "disruptionBudget"),
      { metadata, spec: { selector: { matchLabels: podLabels }, maxUnavailable: 1 } },
      child,
    );
    new k8s.networking.v1.NetworkPolicy(
      childName(name, "networkPolicy"),
      {
        metadata,
        spec: trafficPolicySpec(podLabels, {
          ingress: [{ from: args.clients ?? [], port: this.port }],
          egress: [args.database.peer],
        }),
      },
      child,
    );
    this.host = pulumi.interpolate`${objectName}.${args.namespace}.svc.cluster.local`;
    this.peer = { podLabels, port: this.port, service: objectName };
    this.registerOutputs({ host: this.host });
  }
}
