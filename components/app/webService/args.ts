import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../../childOption";
import { NetworkPeer } from "../../kube/network";
import { ContainerResources, SecretKeyRef } from "../../kube/podSpec";
import { ProbeCheck } from "../../kube/probes";
import type { MetricExport } from "../../../policy/lib/readiness/metricExports";
import { DeepOverride } from "../../merge";

/** Public exposure of a {@link WebService} through an Ingress with TLS. */
export interface WebServiceIngress {
  /** Public host name; the TLS certificate covers exactly this host. */
  readonly host: pulumi.Input<string>;
  /** Path prefix routed to the service. @default "/" */
  readonly path?: string;
  /** IngressClass. @default "nginx" */
  readonly className?: string;
  /** cert-manager ClusterIssuer that signs the certificate. */
  readonly clusterIssuer: string;
  /** Namespace of the ingress controller pods (admitted by the NetworkPolicy). @default "ingress-nginx" */
  readonly controllerNamespace?: string;
  /** Labels of the ingress controller pods. @default { "app.kubernetes.io/name": "ingress-nginx" } */
  readonly controllerPodLabels?: Readonly<Record<string, string>>;
  /** HSTS `max-age`, sent with `includeSubDomains`. @default 31536000 (one year) */
  readonly hstsMaxAgeSeconds?: number;
  /**
   * How the issuer proves the host: `http01` through the ingress controller (a solver pod in the
   * app's namespace, admitted by a NetworkPolicy) or `dns01` (Route 53 records, nothing in the
   * namespace). Written on the Ingress for the readiness checks. @default "http01"
   */
  readonly acmeSolver?: "http01" | "dns01";
  /** Largest request body, e.g. "8m". @default the controller's (1m for ingress-nginx) */
  readonly maxBodySize?: string;
  /** Seconds the controller waits for the app to answer. @default the controller's (60) */
  readonly readTimeoutSeconds?: number;
  /** Seconds the controller waits to send a request to the app. @default the controller's (60) */
  readonly sendTimeoutSeconds?: number;
  /** Requests per second one client address may make. @default no limit */
  readonly rateLimitPerSecond?: number;
  /** Open connections one client address may hold. @default no limit */
  readonly connectionLimit?: number;
  /** Further Ingress annotations; the TLS and redirect ones cannot be replaced here. @default {} */
  readonly annotations?: Readonly<Record<string, pulumi.Input<string>>>;
}

/** How fast the autoscaler may add or remove pods. */
export interface ScalingRules {
  /** Seconds of history the autoscaler looks back on before scaling this way. @default 0 up, 300 down */
  readonly stabilizationWindowSeconds?: number;
  /** Most pods added or removed per minute. @default no pod limit */
  readonly maxPodsPerMinute?: number;
  /** Most pods added or removed per minute, as % of the current count. @default no percentage limit */
  readonly maxPercentPerMinute?: number;
}

/** A HorizontalPodAutoscaler on CPU and memory. */
export interface AutoscalingArgs {
  /** Replica floor. */
  readonly minReplicas: number;
  /** Replica ceiling (>= minReplicas). */
  readonly maxReplicas: number;
  /** Target average CPU utilization, % of requests. @default 70 */
  readonly cpuUtilization?: number;
  /** Target average memory utilization, % of requests. @default 80 */
  readonly memoryUtilization?: number;
  /** Scaling speed per direction. @default Kubernetes' up, a 300 s stabilization window down */
  readonly behavior?: { readonly scaleUp?: ScalingRules; readonly scaleDown?: ScalingRules };
}

/** A VerticalPodAutoscaler: recommendations (`Off`), set at pod creation (`Initial`) or applied live (`Auto`). */
export interface VerticalAutoscalingArgs {
  /** What the VPA does with its recommendations. */
  readonly updateMode: "Off" | "Initial" | "Auto";
  /** Resources it sizes. @default ["cpu", "memory"] */
  readonly controlledResources?: readonly ("cpu" | "memory")[];
  /** Least it may set. @default no floor */
  readonly minAllowed?: { readonly cpu?: string; readonly memory?: string };
  /** Most it may set. @default no ceiling */
  readonly maxAllowed?: { readonly cpu?: string; readonly memory?: string };
}

/** Where the app serves Prometheus metrics. */
export interface MetricsArgs {
  /** Metrics path. @default "/metrics" */
  readonly path?: string;
  /** Metrics port; a port other than the app's is served as `metrics`. @default the app port */
  readonly port?: number;
  /** Metrics the app exports, declared on its ServiceMonitor for the readiness checks and the platform's rules. @default [] */
  readonly exports?: readonly MetricExport[];
}

/** Schema migrations run as a Job before the Deployment changes; the Job's failure stops the rollout. */
export interface MigrationArgs {
  /** Command of the migration (e.g. `["alembic", "upgrade", "head"]`). */
  readonly command: readonly string[];
  /** Its arguments. @default none */
  readonly args?: readonly string[];
  /** Image. @default the app's */
  readonly image?: pulumi.Input<string>;
  /** Retries before the Job fails. @default 1 */
  readonly backoffLimit?: number;
  /** Seconds the Job may run. @default 900 */
  readonly activeDeadlineSeconds?: number;
}

/** A destination outside the cluster an app may reach: an address range or a DNS name, never both. */
export type ExternalEndpoint = ExternalEndpointPort & (ExternalCidr | ExternalHost);

/** What every {@link ExternalEndpoint} names. */
export interface ExternalEndpointPort {
  /** What it is (shown in the NetworkPolicy's annotation). */
  readonly name: string;
  /** TCP port. */
  readonly port: number;
}

/** An {@link ExternalEndpoint} given by its address range. */
export interface ExternalCidr {
  /** Its address range. */
  readonly cidr: string;
  /** Not with `cidr`. @default none */
  readonly host?: undefined;
}

/** An {@link ExternalEndpoint} given by its DNS name. */
export interface ExternalHost {
  /**
   * Its DNS name. A Kubernetes NetworkPolicy matches addresses, not names, so a host opens the
   * port to public addresses only (every private, cluster and link-local range excluded).
   */
  readonly host: string;
  /** Not with `host`. @default none */
  readonly cidr?: undefined;
}

/** A PodDisruptionBudget: pods that must stay up, or pods that may be down, never both. */
export type DisruptionBudget =
  | { readonly minAvailable: number; readonly maxUnavailable?: undefined }
  | { readonly maxUnavailable: number; readonly minAvailable?: undefined };

/** How many pods run: a fixed count, or an autoscaler that owns the count — never both. */
export type WebServiceScaling =
  | {
      /** Fixed replica count. @default 2 */
      readonly replicas?: number;
      /** Not with `replicas`. @default none */
      readonly autoscaling?: undefined;
    }
  | {
      /** HorizontalPodAutoscaler bounds, targets and speed. @default none (fixed replicas) */
      readonly autoscaling?: AutoscalingArgs;
      /** Not with `autoscaling`: the autoscaler owns the replica count. @default none */
      readonly replicas?: undefined;
    };

/** A value taken from AWS Secrets Manager by External Secrets. */
export interface ExternalSecretRef {
  /** Name or ARN of the Secrets Manager secret. */
  readonly remoteKey: string;
  /** Key inside a JSON secret. @default the whole value */
  readonly property?: string;
}

/** Typed overrides, deep-merged over each child's secure defaults (see `components/merge.ts`). */
export interface WebServiceOverrides {
  /** @default {} */
  readonly deployment?: DeepOverride<k8s.apps.v1.DeploymentArgs>;
  /** @default {} */
  readonly service?: DeepOverride<k8s.core.v1.ServiceArgs>;
  /** @default {} */
  readonly autoscaler?: DeepOverride<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>;
  /** @default {} */
  readonly disruptionBudget?: DeepOverride<k8s.policy.v1.PodDisruptionBudgetArgs>;
  /** @default {} */
  readonly ingress?: DeepOverride<k8s.networking.v1.IngressArgs>;
  /** @default {} */
  readonly networkPolicy?: DeepOverride<k8s.networking.v1.NetworkPolicyArgs>;
  /** Merged into the NetworkPolicy admitting the ingress controller to cert-manager's HTTP-01 solver pods (public apps). @default {} */
  readonly acmeSolverPolicy?: DeepOverride<k8s.networking.v1.NetworkPolicyArgs>;
  /** @default {} */
  readonly migrationJob?: DeepOverride<k8s.batch.v1.JobArgs>;
}

/** The database connections one replica of an app opens at most (every worker's pool plus its overflow). */
export interface DatabaseUse {
  /** Connections one replica opens at most. */
  readonly connections: number;
  /** The database server they go to (its `metadata.name` or RDS identifier) when the stack has several. @default the stack's only one */
  readonly server?: string;
}

/** Arguments of {@link WebService}: its {@link WebServiceCommonArgs} and one way of scaling. */
export type WebServiceArgs = WebServiceCommonArgs & WebServiceScaling;

/** Arguments of {@link WebService} other than how it scales ({@link WebServiceScaling}). */
export interface WebServiceCommonArgs {
  /** Namespace to deploy into (pass the Namespace resource's name output to order creation). */
  readonly namespace: pulumi.Input<string>;
  /** Name of every Kubernetes object it creates, its container and `app.kubernetes.io/name`. @default the component name */
  readonly objectName?: string;
  /** The platform the app is part of (`app.kubernetes.io/part-of`). */
  readonly partOf: string;
  /** Image pinned to a tag or digest (an output of another resource, such as a registry push, works too). */
  readonly image: pulumi.Input<string>;
  /** `app.kubernetes.io/component`. @default none */
  readonly component?: "frontend" | "backend" | "worker";
  /** Container port served as `http`; no Service, Ingress or ingress rule without it. @default none (a worker) */
  readonly port?: number;
  /** Metrics endpoint. @default none */
  readonly metrics?: MetricsArgs;
  /** Liveness (required), readiness and startup checks; startup defaults to the liveness check. */
  readonly probes: { readonly liveness: ProbeCheck; readonly readiness?: ProbeCheck; readonly startup?: ProbeCheck };
  /** VerticalPodAutoscaler; with an HPA, only in `Off` mode or on resources the HPA does not scale on. @default none */
  readonly verticalAutoscaling?: VerticalAutoscalingArgs;
  /** PodDisruptionBudget. @default { maxUnavailable: 1 } */
  readonly disruptionBudget?: DisruptionBudget;
  /** Requests and limits of the container. */
  readonly resources: ContainerResources;
  /** Numeric UID the container runs as. @default 10001 */
  readonly runAsUser?: number;
  /** Numeric GID and fsGroup. @default `runAsUser` */
  readonly runAsGroup?: number;
  /** Plain environment values (never credentials). @default {} */
  readonly env?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Secret environment values (Pulumi secrets): kept in the app's own Secret, read through `secretKeyRef`. @default {} */
  readonly secretEnv?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment from keys of existing Secrets (e.g. a data service's `DATABASE_URL`). @default {} */
  readonly secretRefs?: Readonly<Record<string, SecretKeyRef>>;
  /**
   * What the app's pods need before they start — the Secrets and endpoints of the data services
   * it calls. Only the migration Job and the Deployment wait for them; the app's other objects
   * are created at once. @default nothing
   */
  readonly podsAfter?: readonly pulumi.Resource[];
  /** Environment from AWS Secrets Manager, synced by External Secrets into the app's Secret. @default {} */
  readonly externalSecretEnv?: Readonly<Record<string, ExternalSecretRef>>;
  /** The store External Secrets reads from. @default the ClusterSecretStore "aws-secrets-manager" */
  readonly secretStore?: { readonly kind: "ClusterSecretStore" | "SecretStore"; readonly name: string };
  /** Entrypoint override. @default the image's */
  readonly command?: readonly string[];
  /** Arguments override. @default the image's */
  readonly args?: readonly string[];
  /** Writable directories besides `/tmp` (emptyDirs; the root filesystem stays read-only). @default none */
  readonly writablePaths?: readonly { readonly path: string; readonly sizeLimit?: string }[];
  /** Annotations of the pods. @default {} */
  readonly podAnnotations?: Readonly<Record<string, pulumi.Input<string>>>;
  /** The ServiceAccount the pods run as: the component's own (adjusted by `args`), or an `existing` one's name. @default its own, without a token */
  readonly serviceAccount?: ChildOption<DeepOverride<k8s.core.v1.ServiceAccountArgs>, pulumi.Input<string>>;
  /** Schema migrations to run before each rollout. @default none */
  readonly migrations?: MigrationArgs;
  /** Public exposure. @default none (cluster-internal) */
  readonly ingress?: WebServiceIngress;
  /** In-cluster callers admitted on the app port. @default [] */
  readonly allowFrom?: readonly NetworkPeer[];
  /** In-cluster destinations the app may reach (each with a port). @default [] */
  readonly allowTo?: readonly NetworkPeer[];
  /** Destinations outside the cluster the app may reach. @default none */
  readonly egress?: readonly ExternalEndpoint[];
  /** The database connections the app opens, declared for the connection budget. @default none (no database) */
  readonly database?: DatabaseUse;
  /** Overrides merged over the defaults. @default {} */
  readonly overrides?: WebServiceOverrides;
}
