import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { recommendedLabels, selectorLabels } from "../labels";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";
import { NetworkPeer, peerSelector } from "./network";
import { ContainerResources, hardenedPodSpec, SecretKeyRef } from "./podSpec";
import { ProbeCheck } from "./probes";

/** Public exposure of a {@link WebService} through an Ingress with TLS. */
export interface WebServiceIngress {
  /** Public host name; the TLS certificate covers exactly this host. */
  host: pulumi.Input<string>;
  /** Path prefix routed to the service. @default "/" */
  path?: string;
  /** IngressClass. @default "nginx" */
  className?: string;
  /** cert-manager ClusterIssuer that signs the certificate. */
  clusterIssuer: string;
  /** Namespace of the ingress controller pods (admitted by the NetworkPolicy). @default "ingress-nginx" */
  controllerNamespace?: string;
  /** Labels of the ingress controller pods. @default { "app.kubernetes.io/name": "ingress-nginx" } */
  controllerPodLabels?: Record<string, string>;
  /** HSTS `max-age`, sent with `includeSubDomains`. @default 31536000 (one year) */
  hstsMaxAgeSeconds?: number;
  /** Further Ingress annotations (e.g. controller tuning); the TLS and redirect ones cannot be replaced here. @default {} */
  annotations?: Record<string, pulumi.Input<string>>;
}

/** Typed overrides, deep-merged over each child's secure defaults (see `components/merge.ts`). */
export interface WebServiceOverrides {
  /** @default {} */
  deployment?: DeepOverride<k8s.apps.v1.DeploymentArgs>;
  /** @default {} */
  service?: DeepOverride<k8s.core.v1.ServiceArgs>;
  /** @default {} */
  autoscaler?: DeepOverride<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>;
  /** @default {} */
  disruptionBudget?: DeepOverride<k8s.policy.v1.PodDisruptionBudgetArgs>;
  /** @default {} */
  ingress?: DeepOverride<k8s.networking.v1.IngressArgs>;
  /** @default {} */
  networkPolicy?: DeepOverride<k8s.networking.v1.NetworkPolicyArgs>;
}

/** Arguments of {@link WebService}. */
export interface WebServiceArgs {
  /** Namespace to deploy into (pass the Namespace resource's name output to order creation). */
  namespace: pulumi.Input<string>;
  /** Name of every Kubernetes object it creates, its container and `app.kubernetes.io/name`. @default the component name */
  objectName?: string;
  /** The platform the app is part of (`app.kubernetes.io/part-of`). */
  partOf: string;
  /** Image pinned to a tag or digest (an output of another resource, such as a registry push, works too). */
  image: pulumi.Input<string>;
  /** `app.kubernetes.io/component`. @default none */
  component?: string;
  /** Container port served as `http`; no Service, Ingress or ingress rule without it. @default none (a worker) */
  port?: number;
  /** Metrics endpoint; `port` defaults to the app port. @default none */
  metrics?: { path: string; port?: number };
  /** Liveness (required), readiness and startup checks; startup defaults to the liveness check. */
  probes: { liveness: ProbeCheck; readiness?: ProbeCheck; startup?: ProbeCheck };
  /** Fixed replica count, ignored when `autoscaling` is set (the HPA owns replicas). @default 2 */
  replicas?: number;
  /** HorizontalPodAutoscaler bounds and targets. @default none (fixed replicas) */
  autoscaling?: { minReplicas: number; maxReplicas: number; cpuUtilization?: number; memoryUtilization?: number };
  /** PodDisruptionBudget; exactly one field. @default { maxUnavailable: 1 } */
  disruptionBudget?: { minAvailable?: number; maxUnavailable?: number };
  /** Requests and limits of the container. */
  resources: ContainerResources;
  /** Numeric UID the container runs as. @default 10001 */
  runAsUser?: number;
  /** Numeric GID and fsGroup. @default `runAsUser` */
  runAsGroup?: number;
  /** Plain environment values (never credentials). @default {} */
  env?: Record<string, pulumi.Input<string>>;
  /** Environment values from Kubernetes Secrets, e.g. `DATABASE_URL`. @default {} */
  secretEnv?: Record<string, SecretKeyRef>;
  /** Entrypoint override. @default the image's */
  command?: string[];
  /** Arguments override. @default the image's */
  args?: string[];
  /** Annotations of the pods. @default {} */
  podAnnotations?: Record<string, pulumi.Input<string>>;
  /** The ServiceAccount the pods run as: the component's own (adjusted by `args`), or an `existing` one's name. @default its own, without a token */
  serviceAccount?: ChildOption<DeepOverride<k8s.core.v1.ServiceAccountArgs>, pulumi.Input<string>>;
  /** Public exposure. @default none (cluster-internal) */
  ingress?: WebServiceIngress;
  /** In-cluster callers admitted on the app port. @default [] */
  allowFrom?: NetworkPeer[];
  /** Destinations the app may reach (each with a port). @default [] */
  allowTo?: NetworkPeer[];
  /** Overrides merged over the defaults. @default {} */
  overrides?: WebServiceOverrides;
}

/**
 * One application on Kubernetes, secure by default: a Deployment with a fully hardened container,
 * its ServiceAccount (no token mounted), Service, HPA, PDB, NetworkPolicy and — for public apps —
 * an Ingress with TLS from cert-manager, forced HTTPS redirect and HSTS.
 */
export class WebService extends pulumi.ComponentResource {
  /** The Deployment. */
  public readonly deployment: k8s.apps.v1.Deployment;
  /** The ServiceAccount the pods run as, unless an existing one was given. */
  public readonly serviceAccount?: k8s.core.v1.ServiceAccount;
  /** Name of the Kubernetes objects it created. */
  public readonly objectName: string;
  /** The ClusterIP Service, when the app has a port. */
  public readonly service?: k8s.core.v1.Service;
  /** The HorizontalPodAutoscaler, when autoscaling is set. */
  public readonly autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: k8s.policy.v1.PodDisruptionBudget;
  /** The Ingress, when the app is public. */
  public readonly ingress?: k8s.networking.v1.Ingress;
  /** The NetworkPolicy admitting the app's callers and allowing its dependencies. */
  public readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  /** Pod labels that select this app (for peers' NetworkPolicies). */
  public readonly selectorLabels: Record<string, string>;
  /** `https://host/path` when public. */
  public readonly url?: pulumi.Output<string>;

  constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:WebService", name, {}, opts);
    const objectName = args.objectName ?? name;
    this.objectName = objectName;
    const overrides = args.overrides ?? {};
    const id = { name: objectName, partOf: args.partOf, image: args.image, component: args.component };
    const labels = recommendedLabels(id);
    this.selectorLabels = selectorLabels(id);
    const metadata = { name: objectName, namespace: args.namespace, labels };
    const child = { parent: this, dependsOn: opts?.dependsOn };

    const existingAccount = args.serviceAccount?.existing;
    if (existingAccount === undefined) {
      this.serviceAccount = new k8s.core.v1.ServiceAccount(childName(name, "serviceAccount"), deepMerge<k8s.core.v1.ServiceAccountArgs>({
        metadata,
        automountServiceAccountToken: false,
      }, args.serviceAccount?.args), child);
    }

    const replicas = args.autoscaling ? undefined : (args.replicas ?? 2);
    this.deployment = new k8s.apps.v1.Deployment(childName(name, "deployment"), deepMerge<k8s.apps.v1.DeploymentArgs>({
      metadata,
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        revisionHistoryLimit: 5,
        selector: { matchLabels: this.selectorLabels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels, ...(args.podAnnotations ? { annotations: args.podAnnotations } : {}) },
          spec: hardenedPodSpec({
            name: objectName,
            image: args.image,
            selectorLabels: this.selectorLabels,
            serviceAccountName: existingAccount ?? this.serviceAccount!.metadata.name,
            port: args.port,
            metricsPort: args.metrics?.port,
            probes: args.probes,
            resources: args.resources,
            runAsUser: args.runAsUser ?? 10001,
            runAsGroup: args.runAsGroup,
            env: args.env,
            secretEnv: args.secretEnv,
            command: args.command,
            args: args.args,
          }),
        },
      },
    }, overrides.deployment), child);

    if (args.port !== undefined) {
      const ports: k8s.types.input.core.v1.ServicePort[] = [{ name: "http", port: args.port, targetPort: "http", protocol: "TCP" }];
      if (args.metrics?.port !== undefined && args.metrics.port !== args.port) {
        ports.push({ name: "metrics", port: args.metrics.port, targetPort: "metrics", protocol: "TCP" });
      }
      this.service = new k8s.core.v1.Service(childName(name, "service"), deepMerge<k8s.core.v1.ServiceArgs>({
        metadata,
        spec: { type: "ClusterIP", selector: this.selectorLabels, ports },
      }, overrides.service), child);
    }

    if (args.autoscaling) {
      const { minReplicas, maxReplicas, cpuUtilization = 70, memoryUtilization = 80 } = args.autoscaling;
      const utilization = (resource: string, averageUtilization: number) => ({
        type: "Resource",
        resource: { name: resource, target: { type: "Utilization", averageUtilization } },
      });
      this.autoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(childName(name, "autoscaler"), deepMerge<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>({
        metadata,
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: this.deployment.metadata.name },
          minReplicas,
          maxReplicas,
          metrics: [utilization("cpu", cpuUtilization), utilization("memory", memoryUtilization)],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
        },
      }, overrides.autoscaler), child);
    }

    const budget = args.disruptionBudget ?? { maxUnavailable: 1 };
    this.disruptionBudget = new k8s.policy.v1.PodDisruptionBudget(childName(name, "disruptionBudget"), deepMerge<k8s.policy.v1.PodDisruptionBudgetArgs>({
      metadata,
      spec: {
        selector: { matchLabels: this.selectorLabels },
        ...(budget.minAvailable !== undefined ? { minAvailable: budget.minAvailable } : { maxUnavailable: budget.maxUnavailable ?? 1 }),
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    }, overrides.disruptionBudget), child);

    if (args.ingress && this.service) {
      const ing = args.ingress;
      const headers = new k8s.core.v1.ConfigMap(childName(name, "securityHeaders"), {
        metadata: { name: `${objectName}-security-headers`, namespace: args.namespace, labels },
        data: {
          "Strict-Transport-Security": `max-age=${ing.hstsMaxAgeSeconds ?? 31536000}; includeSubDomains`,
          "X-Content-Type-Options": "nosniff",
          "X-Frame-Options": "DENY",
          "Referrer-Policy": "strict-origin-when-cross-origin",
        },
      }, child);
      this.ingress = new k8s.networking.v1.Ingress(childName(name, "ingress"), deepMerge<k8s.networking.v1.IngressArgs>({
        metadata: {
          ...metadata,
          annotations: {
            ...ing.annotations,
            "cert-manager.io/cluster-issuer": ing.clusterIssuer,
            "nginx.ingress.kubernetes.io/ssl-redirect": "true",
            "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
            "nginx.ingress.kubernetes.io/custom-headers": pulumi.interpolate`${headers.metadata.namespace}/${headers.metadata.name}`,
          },
        },
        spec: {
          ingressClassName: ing.className ?? "nginx",
          tls: [{ hosts: [ing.host], secretName: `${objectName}-tls` }],
          rules: [{
            host: ing.host,
            http: {
              paths: [{
                path: ing.path ?? "/",
                pathType: "Prefix",
                backend: { service: { name: this.service.metadata.name, port: { name: "http" } } },
              }],
            },
          }],
        },
      }, overrides.ingress), child);
      this.url = pulumi.interpolate`https://${ing.host}${ing.path && ing.path !== "/" ? ing.path : ""}`;
    }

    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(childName(name, "networkPolicy"), deepMerge<k8s.networking.v1.NetworkPolicyArgs>({
      metadata,
      spec: {
        podSelector: { matchLabels: this.selectorLabels },
        policyTypes: ["Ingress", "Egress"],
        ingress: this.ingressRules(args),
        egress: (args.allowTo ?? []).map((peer) => ({
          to: [peerSelector(peer)],
          ...(peer.port !== undefined ? { ports: [{ protocol: "TCP", port: peer.port }] } : {}),
        })),
      },
    }, overrides.networkPolicy), child);

    this.registerOutputs({ url: this.url });
  }

  private ingressRules(args: WebServiceArgs): k8s.types.input.networking.v1.NetworkPolicyIngressRule[] {
    if (args.port === undefined) return [];
    const ports = [{ protocol: "TCP", port: args.port }];
    const rules: k8s.types.input.networking.v1.NetworkPolicyIngressRule[] = [];
    if (args.ingress) {
      rules.push({
        from: [peerSelector({
          namespace: args.ingress.controllerNamespace ?? "ingress-nginx",
          podLabels: args.ingress.controllerPodLabels ?? { "app.kubernetes.io/name": "ingress-nginx" },
        })],
        ports,
      });
    }
    const callers = args.allowFrom ?? [];
    if (callers.length) rules.push({ from: callers.map(peerSelector), ports });
    return rules;
  }
}
