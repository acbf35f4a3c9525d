import { WEB_SERVICE_DEFAULTS as D } from "./defaults";

/**
 * The invariants of a {@link WebService}'s args, one function each: its config fragment refines
 * with them and its `resolve` throws them, so code and config refuse the same things.
 */

/** A broken rule: the arg's path and what was expected. */
export interface Problem {
  /** Path of the arg, relative to the object the rule reads. */
  readonly path: readonly (string | number)[];
  /** What was expected. */
  readonly message: string;
}

/** Refinement params (zod's `error`) whose message is what `rule` says about the refused value. */
export function reportedBy<T>(rule: (value: T) => Problem | undefined): {
  error: (issue: { input?: unknown }) => string | undefined;
} {
  return { error: (issue) => rule(issue.input as T)?.message };
}

/** Either a fixed replica count or an autoscaler. */
export type OneScaling =
  | { readonly replicas?: number; readonly autoscaling?: undefined }
  | { readonly replicas?: undefined; readonly autoscaling?: object };

/** `replicas` and `autoscaling` given together: the autoscaler would silently own the count. */
export function scalingProblem(app: {
  readonly replicas?: number;
  readonly autoscaling?: object;
}): Problem | undefined {
  return app.replicas !== undefined && app.autoscaling !== undefined
    ? {
        path: ["replicas"],
        message: 'expected either "replicas" or "autoscaling", not both (the autoscaler owns replicas)',
      }
    : undefined;
}

/** Whether an app scales one way only (see {@link scalingProblem}). */
export function hasOneScaling(app: { readonly replicas?: number; readonly autoscaling?: object }): app is OneScaling {
  return scalingProblem(app) === undefined;
}

/** An autoscaler whose ceiling is below its floor. */
export function autoscalingBoundsProblem(a: {
  readonly minReplicas: number;
  readonly maxReplicas: number;
}): Problem | undefined {
  return a.maxReplicas < a.minReplicas
    ? { path: ["maxReplicas"], message: "expected maxReplicas >= minReplicas" }
    : undefined;
}

/** Either field of a disruption budget. */
export type OneBudget =
  | { readonly minAvailable: number; readonly maxUnavailable?: undefined }
  | { readonly maxUnavailable: number; readonly minAvailable?: undefined };

/** A disruption budget with both or neither of `minAvailable` and `maxUnavailable`. */
export function disruptionBudgetProblem(b: {
  readonly minAvailable?: number;
  readonly maxUnavailable?: number;
}): Problem | undefined {
  return (b.minAvailable === undefined) === (b.maxUnavailable === undefined)
    ? { path: [], message: 'expected exactly one of "minAvailable" or "maxUnavailable"' }
    : undefined;
}

/** Whether a budget sets exactly one field (see {@link disruptionBudgetProblem}). */
export function isOneBudget(b: { readonly minAvailable?: number; readonly maxUnavailable?: number }): b is OneBudget {
  return disruptionBudgetProblem(b) === undefined;
}

/** Either destination of an external endpoint. */
export type OneDestination =
  { readonly cidr: string; readonly host?: undefined } | { readonly host: string; readonly cidr?: undefined };

/** An external endpoint with both or neither of `cidr` and `host`. */
export function destinationProblem(e: { readonly cidr?: string; readonly host?: string }): Problem | undefined {
  return (e.cidr === undefined) === (e.host === undefined)
    ? { path: [], message: 'expected exactly one of "cidr" or "host"' }
    : undefined;
}

/** Whether an endpoint names exactly one destination (see {@link destinationProblem}). */
export function isOneDestination(e: { readonly cidr?: string; readonly host?: string }): e is OneDestination {
  return destinationProblem(e) === undefined;
}

/** What the rules across an app's own fields read: the fields of the same names in `WebServiceArgs` and in config. */
export interface AppFields {
  /** The app port. */
  readonly port?: number;
  /** Public exposure. */
  readonly ingress?: object;
  /** The metrics endpoint. */
  readonly metrics?: { readonly port?: number };
  /** The probes. */
  readonly probes: Readonly<
    Partial<Record<"liveness" | "readiness" | "startup", { readonly path?: string; readonly port?: number }>>
  >;
  /** Fixed replicas. */
  readonly replicas?: number;
  /** The HPA's floor. */
  readonly autoscaling?: { readonly minReplicas: number };
  /** The budget's floor. */
  readonly disruptionBudget?: { readonly minAvailable?: number };
  /** The VPA's mode and resources. */
  readonly verticalAutoscaling?: { readonly updateMode: string; readonly controlledResources?: readonly string[] };
  /** Plain variables. */
  readonly env?: Readonly<Record<string, unknown>>;
  /** Secret variables. */
  readonly secretEnv?: Readonly<Record<string, unknown>>;
}

/** Rules across an app's own fields, with the component's defaults. */
export function appFieldProblems(app: AppFields): Problem[] {
  const problems: Problem[] = [];
  const issue = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (app.ingress && app.port === undefined) issue(["ingress"], 'expected "port" to be set on an app with an ingress');
  if (app.metrics && app.port === undefined && app.metrics.port === undefined)
    issue(["metrics", "port"], 'expected a metrics port (the app has no "port")');
  for (const kind of ["liveness", "readiness", "startup"] as const) {
    const probe = app.probes[kind];
    if (probe?.path && app.port === undefined && probe.port === undefined)
      issue(["probes", kind, "port"], 'expected a port for an HTTP probe (the app has no "port")');
  }
  if (app.port !== undefined && !app.probes.readiness)
    issue(["probes", "readiness"], "expected a readiness probe on an app that serves a port");
  const minPods = app.autoscaling?.minReplicas ?? app.replicas ?? D.replicas;
  const minAvailable = app.disruptionBudget?.minAvailable;
  if (minAvailable !== undefined && minAvailable >= minPods) {
    issue(
      ["disruptionBudget", "minAvailable"],
      `expected fewer than the minimum replica count (${minPods}), or no node could ever be drained`,
    );
  }
  const vpa = app.verticalAutoscaling;
  if (vpa && app.autoscaling && vpa.updateMode !== "Off") {
    const both = (vpa.controlledResources ?? D.verticalAutoscaling.controlledResources).join(" and ");
    issue(
      ["verticalAutoscaling", "updateMode"],
      `expected "Off" while autoscaling scales on CPU and memory: a VPA resizing ${both} under an HPA scaling on them makes both fight`,
    );
  }
  const overlap = Object.keys(app.env ?? {}).filter((k) => k in (app.secretEnv ?? {}));
  if (overlap.length) issue(["secretEnv", overlap[0]], "expected each variable in env or secretEnv, not both");
  return problems;
}
