import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { alsoAfter } from "../dependsOn";
import { credentialsSecret } from "../kube/credentialsSecret";
import { ownerLabels, recommendedLabels, selectorLabels } from "../kube/labels";
import { NetworkPeer, trafficPolicySpec } from "../kube/network";
import { ContainerResources, hardenedContainer, hardenedPodSpec, ScratchDir, SecretKeyRef } from "../kube/podSpec";
import { ProbeCheck, renderProbe } from "../kube/probes";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";

/** Every default of a {@link WebService}: the constructor applies these, its config fragment documents them. */
export const WEB_SERVICE_DEFAULTS = {
  /** Fixed replicas when there is no autoscaler. */
  replicas: 2,
  /** UID the container runs as. */
  runAsUser: 10001,
  /** Budget when none is given. */
  disruptionBudget: { maxUnavailable: 1 },
  /** Autoscaler targets and the scale-down stabilization window. */
  autoscaling: { cpuUtilization: 70, memoryUtilization: 80, scaleDownStabilizationSeconds: 300 },
  /** Size of the writable `/tmp`. */
  tmpSizeLimit: "64Mi",
  /** Size of each further writable directory. */
  scratchSizeLimit: "256Mi",
  /** Metrics path. */
  metricsPath: "/metrics",
  /** Ingress settings shared by public apps. */
  ingress: {
    path: "/",
    className: "nginx",
    controllerNamespace: "ingress-nginx",
    controllerPodLabels: { "app.kubernetes.io/name": "ingress-nginx" } as Record<string, string>,
    hstsMaxAgeSeconds: 31536000,
  },
  /** Migration Job limits. */
  migrations: { backoffLimit: 1, activeDeadlineSeconds: 900 },
  /** What a VerticalPodAutoscaler controls. */
  verticalAutoscaling: { controlledResources: ["cpu", "memory"] as ("cpu" | "memory")[] },
  /** Where External Secrets finds AWS Secrets Manager. */
  secretStore: { kind: "ClusterSecretStore" as "ClusterSecretStore" | "SecretStore", name: "aws-secrets-manager" },
  /** Old ReplicaSets kept for rollback. */
  revisionHistoryLimit: 5,
} as const;

/** Ranges a "host" egress target never reaches: cluster, VPC and link-local addresses. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];

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

/** A destination outside the cluster an app may reach. */
export interface ExternalEndpoint {
  /** What it is (shown in the NetworkPolicy's annotation). */
  readonly name: string;
  /** Its address range; exactly one of `cidr` and `host`. */
  readonly cidr?: string;
  /**
   * Its DNS name. A Kubernetes NetworkPolicy matches addresses, not names, so a host opens the
   * port to public addresses only (every private, cluster and link-local range excluded). Exactly one of `cidr` and `host`.
   */
  readonly host?: string;
  /** TCP port. */
  readonly port: number;
}

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
  /** @default {} */
  readonly migrationJob?: DeepOverride<k8s.batch.v1.JobArgs>;
}

/** Arguments of {@link WebService}. */
export interface WebServiceArgs {
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
  /** Metrics endpoint; `port` defaults to the app port. @default none */
  readonly metrics?: { readonly path?: string; readonly port?: number };
  /** Liveness (required), readiness and startup checks; startup defaults to the liveness check. */
  readonly probes: { readonly liveness: ProbeCheck; readonly readiness?: ProbeCheck; readonly startup?: ProbeCheck };
  /** Fixed replica count, ignored when `autoscaling` is set (the HPA owns replicas). @default 2 */
  readonly replicas?: number;
  /** HorizontalPodAutoscaler bounds, targets and speed. @default none (fixed replicas) */
  readonly autoscaling?: AutoscalingArgs;
  /** VerticalPodAutoscaler; with an HPA, only in `Off` mode or on resources the HPA does not scale on. @default none */
  readonly verticalAutoscaling?: VerticalAutoscalingArgs;
  /** PodDisruptionBudget; exactly one field. @default { maxUnavailable: 1 } */
  readonly disruptionBudget?: { readonly minAvailable?: number; readonly maxUnavailable?: number };
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
  /** Overrides merged over the defaults. @default {} */
  readonly overrides?: WebServiceOverrides;
}

const D = WEB_SERVICE_DEFAULTS;

/** The NetworkPolicy peers an app's external endpoints open. */
export function externalPeers(endpoints: readonly ExternalEndpoint[] | undefined): NetworkPeer[] {
  return (endpoints ?? []).map((e) => (e.cidr !== undefined ? { cidr: e.cidr, port: e.port } : { cidr: "0.0.0.0/0", except: PRIVATE_RANGES, port: e.port }));
}

/**
 * One application on Kubernetes, secure by default: a Deployment with a fully hardened container,
 * its ServiceAccount (no token mounted), Service, HPA and VPA, PDB, NetworkPolicy, its own
 * Secret for secret environment, schema migrations as a Job that gates every rollout, and — for
 * public apps — an Ingress with TLS from cert-manager, forced HTTPS redirect and HSTS.
 */
export class WebService extends pulumi.ComponentResource {
  /** The Deployment. */
  public readonly deployment: k8s.apps.v1.Deployment;
  /** The ServiceAccount the pods run as, unless an existing one was given. */
  public readonly serviceAccount?: k8s.core.v1.ServiceAccount;
  /** The ClusterIP Service, when the app has a port. */
  public readonly service?: k8s.core.v1.Service;
  /** The HorizontalPodAutoscaler, when autoscaling is set. */
  public readonly autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
  /** The VerticalPodAutoscaler, when vertical autoscaling is set. */
  public readonly verticalAutoscaler?: k8s.apiextensions.CustomResource;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: k8s.policy.v1.PodDisruptionBudget;
  /** The Ingress, when the app is public. */
  public readonly ingress?: k8s.networking.v1.Ingress;
  /** The NetworkPolicy admitting the app's callers and allowing its dependencies. */
  public readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  /** The Secret holding the secret environment, when there is any. */
  public readonly secret?: k8s.core.v1.Secret;
  /** The migration Job, when migrations are set; the Deployment waits for it. */
  public readonly migrationJob?: k8s.batch.v1.Job;
  /** Pod labels that select this app (for peers' NetworkPolicies). */
  public readonly selectorLabels: Record<string, string>;
  /** Pod labels of the migration Job (for the data services it must reach). */
  public readonly migrationLabels?: Record<string, string>;
  /** Name of the Kubernetes objects it created. */
  public readonly objectName: string;
  /** `https://host/path` when public. */
  public readonly url?: pulumi.Output<string>;

  constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:WebService", name, {}, opts);
    const objectName = args.objectName ?? name;
    this.objectName = objectName;
    const overrides = args.overrides ?? {};
    const labels = recommendedLabels({ name: objectName, partOf: args.partOf, image: args.image, component: args.component });
    this.selectorLabels = selectorLabels({ name: objectName, partOf: args.partOf });
    const metadata = { name: objectName, namespace: args.namespace, labels };
    const child = { parent: this, dependsOn: opts?.dependsOn };
    const podsAfter = args.podsAfter ?? [];
    const workload = { parent: this, dependsOn: alsoAfter(opts?.dependsOn, podsAfter) };

    const existingAccount = args.serviceAccount?.existing;
    if (existingAccount === undefined) {
      this.serviceAccount = new k8s.core.v1.ServiceAccount(childName(name, "serviceAccount"), deepMerge<k8s.core.v1.ServiceAccountArgs>({
        metadata,
        automountServiceAccountToken: false,
      }, args.serviceAccount?.args), child);
    }
    const serviceAccountName = existingAccount ?? this.serviceAccount!.metadata.name;
    const own = this.ownSecrets(name, objectName, args, child);
    this.secret = own.secret;
    const secretRefs = { ...args.secretRefs, ...own.refs };
    const egress = [...(args.allowTo ?? []), ...externalPeers(args.egress)];
    const scratch: ScratchDir[] = [
      { name: "tmp", mountPath: "/tmp", sizeLimit: D.tmpSizeLimit },
      ...(args.writablePaths ?? []).map((w, i) => ({ name: `scratch-${i}`, mountPath: w.path, sizeLimit: w.sizeLimit ?? D.scratchSizeLimit })),
    ];
    const runAsUser = args.runAsUser ?? D.runAsUser;
    const runAsGroup = args.runAsGroup ?? runAsUser;
    if (args.migrations) {
      this.migrationLabels = selectorLabels({ name: `${objectName}-migrate`, partOf: args.partOf });
      this.migrationJob = this.migrate(name, objectName, args, { serviceAccountName, secretRefs, egress, scratch, runAsUser, runAsGroup }, child, workload);
    }

    const ports = [
      ...(args.port !== undefined ? [{ name: "http", containerPort: args.port }] : []),
      ...(args.metrics?.port !== undefined && args.metrics.port !== args.port ? [{ name: "metrics", containerPort: args.metrics.port }] : []),
    ];
    const { liveness, readiness, startup } = args.probes;
    const replicas = args.autoscaling ? undefined : (args.replicas ?? D.replicas);
    const deploymentArgs = deepMerge<k8s.apps.v1.DeploymentArgs>({
      metadata,
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        revisionHistoryLimit: D.revisionHistoryLimit,
        selector: { matchLabels: this.selectorLabels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels, ...(args.podAnnotations ? { annotations: args.podAnnotations } : {}) },
          spec: hardenedPodSpec({
            serviceAccountName,
            runAsUser,
            runAsGroup,
            scratch,
            spreadLabels: this.selectorLabels,
            containers: [hardenedContainer({
              name: objectName,
              image: args.image,
              command: args.command,
              args: args.args,
              ports,
              env: args.env,
              secretEnv: secretRefs,
              resources: args.resources,
              runAsUser,
              runAsGroup,
              scratch,
              probes: {
                liveness: renderProbe("liveness", liveness),
                readiness: readiness ? renderProbe("readiness", readiness) : undefined,
                startup: renderProbe("startup", startup ?? liveness),
              },
            })],
          }),
        },
      },
    }, overrides.deployment);
    const rolloutAfter = this.migrationJob ? [...podsAfter, this.migrationJob] : podsAfter;
    this.deployment = new k8s.apps.v1.Deployment(childName(name, "deployment"), deploymentArgs, { parent: this, dependsOn: alsoAfter(opts?.dependsOn, rolloutAfter) });
    // The autoscalers name the Deployment rather than wait for its rollout: they are in place when its first pods start.
    const deploymentName = pulumi.output(deploymentArgs.metadata).apply((m) => m?.name ?? objectName);

    if (args.port !== undefined) {
      const servicePorts: k8s.types.input.core.v1.ServicePort[] = ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: "TCP" }));
      this.service = new k8s.core.v1.Service(childName(name, "service"), deepMerge<k8s.core.v1.ServiceArgs>({
        metadata,
        spec: { type: "ClusterIP", selector: this.selectorLabels, ports: servicePorts },
      }, overrides.service), child);
    }
    if (args.autoscaling) this.autoscaler = this.horizontalAutoscaler(name, deploymentName, metadata, args.autoscaling, overrides.autoscaler, child);
    if (args.verticalAutoscaling) this.verticalAutoscaler = this.verticalAutoscalerOf(name, deploymentName, objectName, metadata, args.verticalAutoscaling, child);

    const budget: { minAvailable?: number; maxUnavailable?: number } = args.disruptionBudget ?? D.disruptionBudget;
    this.disruptionBudget = new k8s.policy.v1.PodDisruptionBudget(childName(name, "disruptionBudget"), deepMerge<k8s.policy.v1.PodDisruptionBudgetArgs>({
      metadata,
      spec: {
        selector: { matchLabels: this.selectorLabels },
        ...(budget.minAvailable !== undefined ? { minAvailable: budget.minAvailable } : { maxUnavailable: budget.maxUnavailable ?? D.disruptionBudget.maxUnavailable }),
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    }, overrides.disruptionBudget), child);

    if (args.ingress && this.service) {
      this.ingress = this.publicIngress(name, objectName, metadata, labels, args.ingress, overrides.ingress, child);
      const path = args.ingress.path ?? D.ingress.path;
      this.url = pulumi.interpolate`https://${args.ingress.host}${path !== "/" ? path : ""}`;
    }

    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(childName(name, "networkPolicy"), deepMerge<k8s.networking.v1.NetworkPolicyArgs>({
      metadata: { ...metadata, ...(args.egress?.length ? { annotations: { "platform.acme-bank.example/egress": egressNote(args.egress) } } : {}) },
      spec: trafficPolicySpec(this.selectorLabels, { ingress: this.ingressRules(args), egress }),
    }, overrides.networkPolicy), child);

    this.registerOutputs({ url: this.url });
  }

  /** The app's Secret for `secretEnv` and its External Secret for `externalSecretEnv`, with the env references to them. */
  private ownSecrets(name: string, objectName: string, args: WebServiceArgs, child: pulumi.CustomResourceOptions): { secret?: k8s.core.v1.Secret; refs: Record<string, SecretKeyRef> } {
    const refs: Record<string, SecretKeyRef> = {};
    let secret: k8s.core.v1.Secret | undefined;
    const secretEnv = args.secretEnv ?? {};
    if (Object.keys(secretEnv).length) {
      const secretName = `${objectName}-secrets`;
      secret = credentialsSecret(this, childName(name, "secrets"), { name: secretName, namespace: args.namespace, partOf: args.partOf, values: { ...secretEnv } });
      for (const key of Object.keys(secretEnv)) refs[key] = { secretName, key };
    }
    const external = args.externalSecretEnv ?? {};
    if (Object.keys(external).length) {
      const secretName = `${objectName}-external`;
      const store = args.secretStore ?? D.secretStore;
      new k8s.apiextensions.CustomResource(childName(name, "externalSecret"), {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name: secretName, namespace: args.namespace, labels: ownerLabels(args.partOf) },
        spec: {
          refreshInterval: "1h",
          secretStoreRef: { kind: store.kind, name: store.name },
          target: { name: secretName, creationPolicy: "Owner" },
          data: Object.entries(external).map(([key, ref]) => ({
            secretKey: key,
            remoteRef: { key: ref.remoteKey, ...(ref.property ? { property: ref.property } : {}) },
          })),
        },
      }, child);
      for (const key of Object.keys(external)) refs[key] = { secretName, key };
    }
    return { secret, refs };
  }

  private migrate(
    name: string,
    objectName: string,
    args: WebServiceArgs,
    pod: { serviceAccountName: pulumi.Input<string>; secretRefs: Record<string, SecretKeyRef>; egress: NetworkPeer[]; scratch: ScratchDir[]; runAsUser: number; runAsGroup: number },
    child: pulumi.CustomResourceOptions,
    workload: pulumi.CustomResourceOptions,
  ): k8s.batch.v1.Job {
    const m = args.migrations!;
    const jobName = `${objectName}-migrate`;
    const labels = { ...recommendedLabels({ name: jobName, partOf: args.partOf, image: m.image ?? args.image, component: "migration" }) };
    const deadline = m.activeDeadlineSeconds ?? D.migrations.activeDeadlineSeconds;
    new k8s.networking.v1.NetworkPolicy(childName(name, "migrationPolicy"), {
      metadata: { name: jobName, namespace: args.namespace, labels },
      spec: trafficPolicySpec(this.migrationLabels!, { egress: pod.egress }),
    }, child);
    return new k8s.batch.v1.Job(childName(name, "migrationJob"), deepMerge<k8s.batch.v1.JobArgs>({
      metadata: { name: jobName, namespace: args.namespace, labels },
      spec: {
        backoffLimit: m.backoffLimit ?? D.migrations.backoffLimit,
        activeDeadlineSeconds: deadline,
        template: {
          metadata: { labels },
          spec: hardenedPodSpec({
            serviceAccountName: pod.serviceAccountName,
            runAsUser: pod.runAsUser,
            runAsGroup: pod.runAsGroup,
            scratch: pod.scratch,
            restartPolicy: "Never",
            containers: [hardenedContainer({
              name: "migrate",
              image: m.image ?? args.image,
              command: m.command,
              args: m.args,
              env: args.env,
              secretEnv: pod.secretRefs,
              resources: args.resources,
              runAsUser: pod.runAsUser,
              runAsGroup: pod.runAsGroup,
              scratch: pod.scratch,
            })],
          }),
        },
      },
    }, args.overrides?.migrationJob), {
      ...workload,
      // The Job's pod template cannot change in place: a new version replaces the Job, whose name stays.
      deleteBeforeReplace: true,
      customTimeouts: { create: `${deadline + 120}s`, update: `${deadline + 120}s` },
    });
  }

  private horizontalAutoscaler(
    name: string,
    deploymentName: pulumi.Input<string>,
    metadata: k8s.types.input.meta.v1.ObjectMeta,
    a: AutoscalingArgs,
    override: DeepOverride<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs> | undefined,
    child: pulumi.CustomResourceOptions,
  ): k8s.autoscaling.v2.HorizontalPodAutoscaler {
    const utilization = (resource: string, averageUtilization: number) => ({
      type: "Resource",
      resource: { name: resource, target: { type: "Utilization", averageUtilization } },
    });
    const rules = (r: ScalingRules | undefined, stabilization?: number) => {
      const policies = [
        ...(r?.maxPodsPerMinute !== undefined ? [{ type: "Pods", value: r.maxPodsPerMinute, periodSeconds: 60 }] : []),
        ...(r?.maxPercentPerMinute !== undefined ? [{ type: "Percent", value: r.maxPercentPerMinute, periodSeconds: 60 }] : []),
      ];
      const window = r?.stabilizationWindowSeconds ?? stabilization;
      return {
        ...(window !== undefined ? { stabilizationWindowSeconds: window } : {}),
        ...(policies.length ? { policies, selectPolicy: "Max" } : {}),
      };
    };
    const scaleUp = rules(a.behavior?.scaleUp);
    return new k8s.autoscaling.v2.HorizontalPodAutoscaler(childName(name, "autoscaler"), deepMerge<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>({
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deploymentName },
        minReplicas: a.minReplicas,
        maxReplicas: a.maxReplicas,
        metrics: [
          utilization("cpu", a.cpuUtilization ?? D.autoscaling.cpuUtilization),
          utilization("memory", a.memoryUtilization ?? D.autoscaling.memoryUtilization),
        ],
        behavior: {
          ...(Object.keys(scaleUp).length ? { scaleUp } : {}),
          scaleDown: rules(a.behavior?.scaleDown, D.autoscaling.scaleDownStabilizationSeconds),
        },
      },
    }, override), child);
  }

  private verticalAutoscalerOf(
    name: string,
    deploymentName: pulumi.Input<string>,
    objectName: string,
    metadata: k8s.types.input.meta.v1.ObjectMeta,
    v: VerticalAutoscalingArgs,
    child: pulumi.CustomResourceOptions,
  ): k8s.apiextensions.CustomResource {
    const bounds = (b: { cpu?: string; memory?: string } | undefined) => (b && (b.cpu || b.memory) ? { ...(b.cpu ? { cpu: b.cpu } : {}), ...(b.memory ? { memory: b.memory } : {}) } : undefined);
    const minAllowed = bounds(v.minAllowed);
    const maxAllowed = bounds(v.maxAllowed);
    return new k8s.apiextensions.CustomResource(childName(name, "verticalAutoscaler"), {
      apiVersion: "autoscaling.k8s.io/v1",
      kind: "VerticalPodAutoscaler",
      metadata,
      spec: {
        targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deploymentName },
        updatePolicy: { updateMode: v.updateMode },
        resourcePolicy: {
          containerPolicies: [{
            containerName: objectName,
            controlledResources: [...(v.controlledResources ?? D.verticalAutoscaling.controlledResources)],
            ...(minAllowed ? { minAllowed } : {}),
            ...(maxAllowed ? { maxAllowed } : {}),
          }],
        },
      },
    }, child);
  }

  private publicIngress(
    name: string,
    objectName: string,
    metadata: k8s.types.input.meta.v1.ObjectMeta,
    labels: Record<string, pulumi.Input<string>>,
    ing: WebServiceIngress,
    override: DeepOverride<k8s.networking.v1.IngressArgs> | undefined,
    child: pulumi.CustomResourceOptions,
  ): k8s.networking.v1.Ingress {
    const headers = new k8s.core.v1.ConfigMap(childName(name, "securityHeaders"), {
      metadata: { name: `${objectName}-security-headers`, namespace: metadata.namespace, labels },
      data: {
        "Strict-Transport-Security": `max-age=${ing.hstsMaxAgeSeconds ?? D.ingress.hstsMaxAgeSeconds}; includeSubDomains`,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
      },
    }, child);
    const nginx = "nginx.ingress.kubernetes.io";
    const tuning: Record<string, string> = {
      ...(ing.maxBodySize ? { [`${nginx}/proxy-body-size`]: ing.maxBodySize } : {}),
      ...(ing.readTimeoutSeconds ? { [`${nginx}/proxy-read-timeout`]: String(ing.readTimeoutSeconds) } : {}),
      ...(ing.sendTimeoutSeconds ? { [`${nginx}/proxy-send-timeout`]: String(ing.sendTimeoutSeconds) } : {}),
      ...(ing.rateLimitPerSecond ? { [`${nginx}/limit-rps`]: String(ing.rateLimitPerSecond) } : {}),
      ...(ing.connectionLimit ? { [`${nginx}/limit-connections`]: String(ing.connectionLimit) } : {}),
    };
    return new k8s.networking.v1.Ingress(childName(name, "ingress"), deepMerge<k8s.networking.v1.IngressArgs>({
      metadata: {
        ...metadata,
        annotations: {
          ...ing.annotations,
          ...tuning,
          "cert-manager.io/cluster-issuer": ing.clusterIssuer,
          [`${nginx}/ssl-redirect`]: "true",
          [`${nginx}/force-ssl-redirect`]: "true",
          [`${nginx}/custom-headers`]: pulumi.interpolate`${headers.metadata.namespace}/${headers.metadata.name}`,
        },
      },
      spec: {
        ingressClassName: ing.className ?? D.ingress.className,
        tls: [{ hosts: [ing.host], secretName: `${objectName}-tls` }],
        rules: [{
          host: ing.host,
          http: {
            paths: [{
              path: ing.path ?? D.ingress.path,
              pathType: "Prefix",
              backend: { service: { name: this.service!.metadata.name, port: { name: "http" } } },
            }],
          },
        }],
      },
    }, override), child);
  }

  private ingressRules(args: WebServiceArgs): { from: NetworkPeer[]; port: number }[] {
    if (args.port === undefined) return [];
    const rules: { from: NetworkPeer[]; port: number }[] = [];
    if (args.ingress) {
      rules.push({
        from: [{
          namespace: args.ingress.controllerNamespace ?? D.ingress.controllerNamespace,
          podLabels: { ...(args.ingress.controllerPodLabels ?? D.ingress.controllerPodLabels) },
        }],
        port: args.port,
      });
    }
    rules.push({ from: [...(args.allowFrom ?? [])], port: args.port });
    return rules;
  }
}

/** `kafka=10.20.0.0/24:9094, stripe=api.stripe.com:443`: what an app's egress to the outside is for. */
function egressNote(endpoints: readonly ExternalEndpoint[]): string {
  return endpoints.map((e) => `${e.name}=${e.cidr ?? e.host}:${e.port}`).join(", ");
}
