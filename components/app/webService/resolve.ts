import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { recommendedLabels, selectorLabels } from "../../kube/labels";
import { NetworkPeer } from "../../kube/network";
import { ScratchDir } from "../../kube/podSpec";
import { ProbeCheck } from "../../kube/probes";
import type { ScrapeTarget } from "../../monitoring/teamMonitoring";
import {
  AutoscalingArgs,
  DisruptionBudget,
  ExternalEndpoint,
  MigrationArgs,
  WebServiceArgs,
  WebServiceIngress,
} from "./args";
import { WEB_SERVICE_DEFAULTS as D, PRIVATE_RANGES } from "./defaults";
import {
  appFieldProblems,
  autoscalingBoundsProblem,
  destinationProblem,
  disruptionBudgetProblem,
  Problem,
  scalingProblem,
} from "./rules";

/** The names and pod labels a {@link WebService} derives from its component name; known before it exists. */
export interface WebServiceIdentity {
  /** Name of every Kubernetes object of the app. */
  readonly objectName: string;
  /** Pod labels that select the app. */
  readonly selectorLabels: Record<string, string>;
  /** The migration Job's name and pod labels, when the app has migrations. */
  readonly migration?: { readonly jobName: string; readonly selectorLabels: Record<string, string> };
}

/** The identity of the WebService `name` with these args. */
export function webServiceIdentity(
  name: string,
  args: Pick<WebServiceArgs, "objectName" | "partOf" | "migrations">,
): WebServiceIdentity {
  const objectName = args.objectName ?? name;
  const jobName = `${objectName}-migrate`;
  return {
    objectName,
    selectorLabels: selectorLabels({ name: objectName, partOf: args.partOf }),
    ...(args.migrations
      ? { migration: { jobName, selectorLabels: selectorLabels({ name: jobName, partOf: args.partOf }) } }
      : {}),
  };
}

/** Pod count: fixed, or owned by a HorizontalPodAutoscaler whose targets are filled in. */
export type ResolvedScaling =
  | { readonly mode: "fixed"; readonly replicas: number }
  | {
      readonly mode: "autoscaled";
      readonly autoscaling: AutoscalingArgs & Required<Pick<AutoscalingArgs, "cpuUtilization" | "memoryUtilization">>;
    };

/** Public exposure with every default applied. */
export type ResolvedIngress = WebServiceIngress &
  Required<
    Pick<
      WebServiceIngress,
      "path" | "className" | "controllerNamespace" | "controllerPodLabels" | "hstsMaxAgeSeconds" | "acmeSolver"
    >
  >;

/** The migration Job with its defaults and names. */
export interface ResolvedMigration extends MigrationArgs {
  /** Name of the Job, its NetworkPolicy and its pods' `app.kubernetes.io/name`. */
  readonly jobName: string;
  /** Pod labels of the Job. */
  readonly selectorLabels: Record<string, string>;
  /** Image: its own, else the app's. */
  readonly image: pulumi.Input<string>;
  /** Retries before the Job fails. */
  readonly backoffLimit: number;
  /** Seconds the Job may run. */
  readonly activeDeadlineSeconds: number;
}

/** Everything a {@link WebService} renders from: its args with every default applied and every derived name. */
export interface ResolvedWebService extends WebServiceIdentity {
  /** The component name, base of its children's Pulumi names. */
  readonly name: string;
  /** The args as given (what needs no resolving is read from here). */
  readonly args: WebServiceArgs;
  /** Labels of its objects. */
  readonly labels: Record<string, pulumi.Input<string>>;
  /** Metadata of its objects (name, namespace, labels). */
  readonly metadata: k8s.types.input.meta.v1.ObjectMeta;
  /** Container ports: `http` for the app port, `metrics` for a separate metrics port. */
  readonly ports: readonly { readonly name: "http" | "metrics"; readonly containerPort: number }[];
  /** Liveness, readiness and startup (the liveness check unless given). */
  readonly probes: { readonly liveness: ProbeCheck; readonly readiness?: ProbeCheck; readonly startup: ProbeCheck };
  /** Fixed replicas or the autoscaler. */
  readonly scaling: ResolvedScaling;
  /** The budget. */
  readonly disruptionBudget: DisruptionBudget;
  /** What the VPA controls, when there is one. */
  readonly verticalAutoscaling?: WebServiceArgs["verticalAutoscaling"] & {
    readonly controlledResources: readonly ("cpu" | "memory")[];
  };
  /** UID of the pods. */
  readonly runAsUser: number;
  /** GID and fsGroup of the pods. */
  readonly runAsGroup: number;
  /** `/tmp` and the further writable directories. */
  readonly scratch: readonly ScratchDir[];
  /** Name of the Secret holding `secretEnv`. */
  readonly secretName: string;
  /** Name of the Secret External Secrets fills from `externalSecretEnv`. */
  readonly externalSecretName: string;
  /** The External Secrets store. */
  readonly secretStore: NonNullable<WebServiceArgs["secretStore"]>;
  /** Destinations the pods may reach: in-cluster peers and external endpoints. */
  readonly egress: readonly NetworkPeer[];
  /** Callers admitted on the app port (the ingress controller first, when public). */
  readonly ingressRules: readonly { readonly from: readonly NetworkPeer[]; readonly port: number }[];
  /** Public exposure, when the app is public and has a port. */
  readonly ingress?: ResolvedIngress;
  /** The migration Job, when migrations are set. */
  readonly migration?: ResolvedMigration;
  /** What the shared Prometheus scrapes through the app's Service, when the app has metrics and a port. */
  readonly scrapeTarget?: ScrapeTarget;
}

/** Every rule the args break, each with the arg's path (see `rules.ts`). */
export function webServiceProblems(args: WebServiceArgs): Problem[] {
  const at = (prefix: (string | number)[], p: Problem | undefined): Problem[] =>
    p ? [{ path: [...prefix, ...p.path], message: p.message }] : [];
  return [
    ...at([], scalingProblem(args)),
    ...at(["autoscaling"], args.autoscaling && autoscalingBoundsProblem(args.autoscaling)),
    ...at(["disruptionBudget"], args.disruptionBudget && disruptionBudgetProblem(args.disruptionBudget)),
    ...(args.egress ?? []).flatMap((e, i) => at(["egress", i], destinationProblem(e))),
    ...appFieldProblems(args),
  ];
}

/**
 * The args of the WebService `name` resolved once: the rules of {@link webServiceProblems}
 * checked (thrown as a ResourceError naming each arg), every default of
 * {@link WEB_SERVICE_DEFAULTS} applied, every name derived.
 */
export function resolveWebService(name: string, args: WebServiceArgs, parent?: pulumi.Resource): ResolvedWebService {
  const problems = webServiceProblems(args);
  if (problems.length) {
    throw new pulumi.ResourceError(
      `WebService "${name}": ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("; ")}`,
      parent,
    );
  }
  const identity = webServiceIdentity(name, args);
  const { objectName } = identity;
  const labels = recommendedLabels({
    name: objectName,
    partOf: args.partOf,
    image: args.image,
    component: args.component,
  });
  const metricsPort = args.metrics?.port;
  const ports = [
    ...(args.port !== undefined ? [{ name: "http" as const, containerPort: args.port }] : []),
    ...(metricsPort !== undefined && metricsPort !== args.port
      ? [{ name: "metrics" as const, containerPort: metricsPort }]
      : []),
  ];
  const runAsUser = args.runAsUser ?? D.runAsUser;
  const ingress = args.ingress && args.port !== undefined ? resolveIngress(args.ingress) : undefined;
  return {
    ...identity,
    name,
    args,
    labels,
    metadata: { name: objectName, namespace: args.namespace, labels },
    ports,
    probes: { ...args.probes, startup: args.probes.startup ?? args.probes.liveness },
    scaling: args.autoscaling
      ? {
          mode: "autoscaled",
          autoscaling: {
            ...args.autoscaling,
            cpuUtilization: args.autoscaling.cpuUtilization ?? D.autoscaling.cpuUtilization,
            memoryUtilization: args.autoscaling.memoryUtilization ?? D.autoscaling.memoryUtilization,
          },
        }
      : { mode: "fixed", replicas: args.replicas ?? D.replicas },
    disruptionBudget: args.disruptionBudget ?? D.disruptionBudget,
    verticalAutoscaling: args.verticalAutoscaling && {
      ...args.verticalAutoscaling,
      controlledResources: args.verticalAutoscaling.controlledResources ?? D.verticalAutoscaling.controlledResources,
    },
    runAsUser,
    runAsGroup: args.runAsGroup ?? runAsUser,
    scratch: [
      { name: "tmp", mountPath: "/tmp", sizeLimit: D.tmpSizeLimit },
      ...(args.writablePaths ?? []).map((w, i) => ({
        name: `scratch-${i}`,
        mountPath: w.path,
        sizeLimit: w.sizeLimit ?? D.scratchSizeLimit,
      })),
    ],
    secretName: `${objectName}-secrets`,
    externalSecretName: `${objectName}-external`,
    secretStore: args.secretStore ?? D.secretStore,
    egress: [...(args.allowTo ?? []), ...externalPeers(args.egress)],
    ingressRules:
      args.port === undefined
        ? []
        : [
            ...(ingress
              ? [
                  {
                    from: [{ namespace: ingress.controllerNamespace, podLabels: { ...ingress.controllerPodLabels } }],
                    port: args.port,
                  },
                ]
              : []),
            { from: [...(args.allowFrom ?? [])], port: args.port },
          ],
    ingress,
    migration: args.migrations &&
      identity.migration && {
        ...args.migrations,
        ...identity.migration,
        image: args.migrations.image ?? args.image,
        backoffLimit: args.migrations.backoffLimit ?? D.migrations.backoffLimit,
        activeDeadlineSeconds: args.migrations.activeDeadlineSeconds ?? D.migrations.activeDeadlineSeconds,
      },
    scrapeTarget:
      args.metrics && args.port !== undefined
        ? {
            app: objectName,
            podLabels: identity.selectorLabels,
            portName: ports.find((p) => p.name === "metrics") ? "metrics" : "http",
            port: metricsPort ?? args.port,
            path: args.metrics.path ?? D.metricsPath,
            exports: args.metrics.exports ?? [],
          }
        : undefined,
  };
}

function resolveIngress(ing: WebServiceIngress): ResolvedIngress {
  return {
    ...ing,
    path: ing.path ?? D.ingress.path,
    className: ing.className ?? D.ingress.className,
    controllerNamespace: ing.controllerNamespace ?? D.ingress.controllerNamespace,
    controllerPodLabels: ing.controllerPodLabels ?? D.ingress.controllerPodLabels,
    hstsMaxAgeSeconds: ing.hstsMaxAgeSeconds ?? D.ingress.hstsMaxAgeSeconds,
    acmeSolver: ing.acmeSolver ?? D.ingress.acmeSolver,
  };
}

/** The NetworkPolicy peers an app's external endpoints open. */
export function externalPeers(endpoints: readonly ExternalEndpoint[] | undefined): NetworkPeer[] {
  return (endpoints ?? []).map((e) =>
    e.cidr !== undefined ? { cidr: e.cidr, port: e.port } : { cidr: "0.0.0.0/0", except: PRIVATE_RANGES, port: e.port },
  );
}
