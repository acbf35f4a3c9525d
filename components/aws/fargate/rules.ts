import { Problem, reportedBy } from "../../app/webService/rules";
import { fargateSizeProblem, FARGATE_CPU_UNITS } from "../fargateSize";

/**
 * The invariants of a {@link FargateService}'s args, one function each: its config fragment
 * refines with them and its `resolve` throws them, so code and config refuse the same things.
 */

export { reportedBy };
export type { Problem };

/** Either a fixed task count or target tracking. */
export type OneTaskCount =
  | { readonly desiredCount?: number; readonly autoscaling?: undefined }
  | { readonly desiredCount?: undefined; readonly autoscaling?: object };

/** `desiredCount` and `autoscaling` given together: the scaler would silently own the count. */
export function taskCountProblem(s: {
  readonly desiredCount?: number;
  readonly autoscaling?: object;
}): Problem | undefined {
  return s.desiredCount !== undefined && s.autoscaling !== undefined
    ? {
        path: ["desiredCount"],
        message: 'expected either "desiredCount" or "autoscaling", not both (the scaler owns the task count)',
      }
    : undefined;
}

/** Whether a service scales one way only (see {@link taskCountProblem}). */
export function hasOneTaskCount(s: {
  readonly desiredCount?: number;
  readonly autoscaling?: object;
}): s is OneTaskCount {
  return taskCountProblem(s) === undefined;
}

/** A task size Fargate does not run: the CPU, or the memory for that CPU. */
export function taskSizeProblem(size: { readonly cpu: number; readonly memory: number }): Problem | undefined {
  const message = fargateSizeProblem(size.cpu, size.memory);
  if (!message) return undefined;
  return { path: [FARGATE_CPU_UNITS.includes(size.cpu) ? "memory" : "cpu"], message };
}

/** A root user: `root`, uid 0, or none. */
export function userProblem(user: string): Problem | undefined {
  const uid = user.split(":")[0];
  return !uid || uid === "root" || /^0+$/.test(uid)
    ? { path: ["user"], message: `expected a non-root uid[:gid] such as "10001:10001", got ${JSON.stringify(user)}` }
    : undefined;
}

/** A variable set in more than one of the environment sources. */
export function variableOverlapProblem(s: {
  readonly env?: Readonly<Record<string, unknown>>;
  readonly linkedEnv?: Readonly<Record<string, unknown>>;
  readonly secretEnv?: Readonly<Record<string, unknown>>;
  readonly secretRefs?: Readonly<Record<string, unknown>>;
}): Problem | undefined {
  const seen = new Set<string>();
  for (const source of ["env", "linkedEnv", "secretEnv", "secretRefs"] as const) {
    for (const name of Object.keys(s[source] ?? {})) {
      if (seen.has(name))
        return {
          path: [source, name],
          message: `expected each variable in one of env, linkedEnv, secretEnv, secretRefs: ${name} is set more than once`,
        };
      seen.add(name);
    }
  }
  return undefined;
}

/** Target tracking whose ceiling is below its floor. */
export function taskBoundsProblem(a: { readonly minTasks: number; readonly maxTasks: number }): Problem | undefined {
  return a.maxTasks < a.minTasks ? { path: ["maxTasks"], message: "expected maxTasks >= minTasks" } : undefined;
}

/** What the rules across a service's wiring read. */
export interface ServiceWiring {
  /** The app port. */
  readonly port?: number;
  /** Whether a load balancer routes to it. */
  readonly loadBalancer?: object;
  /** Its metrics endpoint. */
  readonly metrics?: { readonly port?: number };
  /** Its target tracking. */
  readonly autoscaling?: { readonly requestsPerTarget?: number };
}

/** Rules across a service's port, load balancer, metrics and scaling. */
export function wiringProblems(s: ServiceWiring): Problem[] {
  return [
    ...(s.loadBalancer && s.port === undefined
      ? [{ path: ["port"], message: "expected a port on a service behind a load balancer" }]
      : []),
    ...(s.metrics && s.metrics.port === undefined && s.port === undefined
      ? [{ path: ["metrics", "port"], message: "expected a port to scrape: set metrics.port or port" }]
      : []),
    ...(s.autoscaling?.requestsPerTarget !== undefined && !s.loadBalancer
      ? [
          {
            path: ["autoscaling", "requestsPerTarget"],
            message: "expected a load balancer: requests per task are counted there",
          },
        ]
      : []),
  ];
}
