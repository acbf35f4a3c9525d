import * as pulumi from "@pulumi/pulumi";
import { ContainerHealthCheck } from "../containerDefinition";
import { FargateAutoscalingArgs, FargateMetrics, FargateRouting, FargateServiceArgs } from "./args";
import { FARGATE_SERVICE_DEFAULTS as D } from "./defaults";
import {
  Problem,
  taskBoundsProblem,
  taskCountProblem,
  taskSizeProblem,
  userProblem,
  variableOverlapProblem,
  wiringProblems,
} from "./rules";

/** Task count: fixed, or owned by target tracking whose targets and cooldowns are filled in. */
export type ResolvedTaskCount =
  | { readonly mode: "fixed"; readonly desiredCount: number }
  | {
      readonly mode: "autoscaled";
      readonly autoscaling: FargateAutoscalingArgs &
        Required<Pick<FargateAutoscalingArgs, "cpuUtilization" | "scaleInCooldownSeconds" | "scaleOutCooldownSeconds">>;
    };

/** Load balancer routing with every default applied and the port it reaches. */
export interface ResolvedRouting extends FargateRouting {
  /** The app port the target group forwards to. */
  readonly port: number;
  /** Listener rule priority. */
  readonly priority: number;
  /** Path patterns routed here. */
  readonly paths: readonly string[];
  /** Target health check path. */
  readonly healthPath: string;
  /** Status codes that count as healthy. */
  readonly matcher: string;
}

/** Metrics with every default applied and the port scraped. */
export interface ResolvedMetrics extends FargateMetrics {
  /** Port scraped. */
  readonly port: number;
  /** Path scraped. */
  readonly path: string;
  /** Seconds between scrapes. */
  readonly scrapeIntervalSeconds: number;
  /** Labels added to every series. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Everything a {@link FargateService} renders from: its args with every default applied and every derived name. */
export interface ResolvedFargateService {
  /** The component name, base of its children's Pulumi names. */
  readonly name: string;
  /** The args as given (what needs no resolving is read from here). */
  readonly args: FargateServiceArgs;
  /** Base of its AWS names. */
  readonly objectName: string;
  /** Task CPU units. */
  readonly cpu: number;
  /** Task memory, MiB. */
  readonly memory: number;
  /** `uid[:gid]` of the app. */
  readonly user: string;
  /** CPU architecture. */
  readonly architecture: "X86_64" | "ARM64";
  /** Writable directories, each once. */
  readonly writablePaths: readonly string[];
  /** Name of the log group. */
  readonly logGroupName: string;
  /** Days log events are kept. */
  readonly logRetentionDays: number;
  /** Prefix of its SSM parameters: `/<objectName>/`. */
  readonly parameterPrefix: string;
  /** The container health check, when there is a port or a command. */
  readonly healthCheck?: ContainerHealthCheck;
  /** Fixed count or target tracking. */
  readonly taskCount: ResolvedTaskCount;
  /** Load balancer routing, when behind one. */
  readonly routing?: ResolvedRouting;
  /** Metrics, when written to a workspace. */
  readonly metrics?: ResolvedMetrics;
  /** ECS Exec. */
  readonly executeCommand: boolean;
  /** Name of the cluster it runs in: its own (named after it) or the existing one's. */
  readonly clusterName: pulumi.Input<string>;
}

/** Every rule the args break, each with the arg's path (see `rules.ts`). */
export function fargateServiceProblems(args: FargateServiceArgs): Problem[] {
  const at = (prefix: (string | number)[], p: Problem | undefined): Problem[] =>
    p ? [{ path: [...prefix, ...p.path], message: p.message }] : [];
  return [
    ...at([], taskSizeProblem({ cpu: args.cpu ?? D.cpu, memory: args.memory ?? D.memory })),
    ...at([], userProblem(args.user ?? D.user)),
    ...at([], variableOverlapProblem(args)),
    ...at([], taskCountProblem(args)),
    ...at(["autoscaling"], args.autoscaling && taskBoundsProblem(args.autoscaling)),
    ...wiringProblems(args),
  ];
}

/**
 * The args of the FargateService `name` resolved once: the rules of {@link fargateServiceProblems}
 * checked (thrown as a ResourceError naming each arg), every default of
 * {@link FARGATE_SERVICE_DEFAULTS} applied, every name derived.
 */
export function resolveFargateService(
  name: string,
  args: FargateServiceArgs,
  parent?: pulumi.Resource,
): ResolvedFargateService {
  const problems = fargateServiceProblems(args);
  if (problems.length) {
    throw new pulumi.ResourceError(
      `FargateService "${name}": ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("; ")}`,
      parent,
    );
  }
  const objectName = args.objectName ?? name;
  const metricsPort = args.metrics?.port ?? args.port;
  const a = args.autoscaling;
  return {
    name,
    args,
    objectName,
    cpu: args.cpu ?? D.cpu,
    memory: args.memory ?? D.memory,
    user: args.user ?? D.user,
    architecture: args.architecture ?? D.architecture,
    writablePaths: [...new Set(args.writablePaths ?? D.writablePaths)],
    logGroupName: `/ecs/${objectName}`,
    logRetentionDays: args.logRetentionDays ?? D.logRetentionDays,
    parameterPrefix: `/${objectName}/`,
    healthCheck: healthCheckOf(args),
    taskCount: a
      ? {
          mode: "autoscaled",
          autoscaling: {
            ...a,
            cpuUtilization: a.cpuUtilization ?? D.autoscaling.cpuUtilization,
            scaleInCooldownSeconds: a.scaleInCooldownSeconds ?? D.autoscaling.scaleInCooldownSeconds,
            scaleOutCooldownSeconds: a.scaleOutCooldownSeconds ?? D.autoscaling.scaleOutCooldownSeconds,
          },
        }
      : { mode: "fixed", desiredCount: args.desiredCount ?? D.desiredCount },
    routing:
      args.loadBalancer && args.port !== undefined
        ? {
            ...args.loadBalancer,
            port: args.port,
            priority: args.loadBalancer.priority ?? D.routing.priority,
            paths: args.loadBalancer.paths ?? D.routing.paths,
            healthPath: args.loadBalancer.healthPath ?? args.healthCheck?.path ?? D.healthCheck.path,
            matcher: args.loadBalancer.matcher ?? D.routing.matcher,
          }
        : undefined,
    metrics:
      args.metrics && metricsPort !== undefined
        ? {
            ...args.metrics,
            port: metricsPort,
            path: args.metrics.path ?? D.collector.path,
            scrapeIntervalSeconds: args.metrics.scrapeIntervalSeconds ?? D.collector.scrapeIntervalSeconds,
            labels: args.metrics.labels ?? {},
          }
        : undefined,
    executeCommand: args.executeCommand ?? D.executeCommand,
    clusterName: args.cluster?.existing?.name ?? objectName,
  };
}

/** The container health check: the command given, else curl on the health path of the port; none for a worker without one. */
function healthCheckOf(args: FargateServiceArgs): ContainerHealthCheck | undefined {
  const h = args.healthCheck;
  if (!h?.command && args.port === undefined) return undefined;
  const d = D.healthCheck;
  return {
    command: h?.command ?? [
      "CMD-SHELL",
      `curl -fsS http://localhost:${args.port}${h?.path ?? d.path} > /dev/null || exit 1`,
    ],
    intervalSeconds: h?.intervalSeconds ?? d.intervalSeconds,
    timeoutSeconds: h?.timeoutSeconds ?? d.timeoutSeconds,
    retries: h?.retries ?? d.retries,
    startPeriodSeconds: h?.startPeriodSeconds ?? d.startPeriodSeconds,
  };
}
