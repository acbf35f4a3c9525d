import * as k8s from "@pulumi/kubernetes";

/** How a probe checks the container: an HTTP GET on `path`, or a command. */
export interface ProbeCheck {
  /** HTTP path, e.g. `/health`. Exactly one of `path` and `exec`. */
  readonly path?: string;
  /** Port for the HTTP check. @default the container's `http` port */
  readonly port?: number;
  /** Command run in the container. Exactly one of `path` and `exec`. */
  readonly exec?: readonly string[];
  /** @default per probe kind, see {@link PROBE_TIMING} */
  readonly initialDelaySeconds?: number;
  /** @default per probe kind, see {@link PROBE_TIMING} */
  readonly periodSeconds?: number;
  /** @default per probe kind, see {@link PROBE_TIMING} */
  readonly timeoutSeconds?: number;
  /** @default per probe kind, see {@link PROBE_TIMING} */
  readonly failureThreshold?: number;
}

/** The three probe kinds a container gets. */
export type ProbeKind = "liveness" | "readiness" | "startup";

/**
 * Default timings. Startup tolerates 5 s × 30 = 150 s of boot before liveness takes over, so a
 * slow JVM or migration does not end in a restart loop.
 */
export const PROBE_TIMING: Record<
  ProbeKind,
  Required<Pick<ProbeCheck, "initialDelaySeconds" | "periodSeconds" | "timeoutSeconds" | "failureThreshold">>
> = {
  liveness: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
  readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
  startup: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30 },
};

/** Renders a Kubernetes probe of the given kind. */
export function renderProbe(kind: ProbeKind, check: ProbeCheck): k8s.types.input.core.v1.Probe {
  const defaults = PROBE_TIMING[kind];
  const timing = {
    initialDelaySeconds: check.initialDelaySeconds ?? defaults.initialDelaySeconds,
    periodSeconds: check.periodSeconds ?? defaults.periodSeconds,
    timeoutSeconds: check.timeoutSeconds ?? defaults.timeoutSeconds,
    failureThreshold: check.failureThreshold ?? defaults.failureThreshold,
  };
  const handler = check.exec
    ? { exec: { command: [...check.exec] } }
    : { httpGet: { path: check.path ?? "/", port: check.port ?? "http", scheme: "HTTP" } };
  return { ...handler, ...timing, ...(kind === "liveness" || kind === "startup" ? { successThreshold: 1 } : {}) };
}
