import * as pulumi from "@pulumi/pulumi";

/** The container-level health check ECS runs (`docker HEALTHCHECK` semantics). */
export interface ContainerHealthCheck {
  /** `["CMD-SHELL", "…"]` or `["CMD", …]`. */
  readonly command: readonly string[];
  /** Seconds between checks. */
  readonly intervalSeconds: number;
  /** Seconds a check may take. */
  readonly timeoutSeconds: number;
  /** Failures before the container is unhealthy. */
  readonly retries: number;
  /** Seconds after start in which failures do not count. */
  readonly startPeriodSeconds: number;
}

/** One container of a task, as {@link hardenedContainerDefinition} renders it. */
export interface ContainerSpec {
  /** Container name. */
  readonly name: string;
  /** Image, pinned. */
  readonly image: pulumi.Input<string>;
  /** `uid[:gid]`, never root. */
  readonly user: string;
  /** The task stops when this container does. @default true */
  readonly essential?: boolean;
  /** Ports it listens on. @default none */
  readonly ports?: readonly number[];
  /** Literal environment. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Environment from Secrets Manager or SSM: name → `valueFrom`. @default none */
  readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Entrypoint override. @default the image's */
  readonly entryPoint?: readonly string[];
  /** Command override. @default the image's */
  readonly command?: readonly string[];
  /** Health check. @default none */
  readonly healthCheck?: ContainerHealthCheck;
  /** Writable directories, each an ephemeral task volume. @default none */
  readonly writablePaths?: readonly string[];
  /** Where its output goes. */
  readonly logs: {
    readonly group: pulumi.Input<string>;
    readonly region: pulumi.Input<string>;
    readonly streamPrefix: string;
  };
  /** Open files allowed. @default 65536 */
  readonly nofile?: number;
}

/** The task volume a writable path is mounted from: `/app/logs` → `app-logs`. */
export function volumeName(path: string): string {
  return (
    path
      .replace(/^\/+|\/+$/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .toLowerCase() || "root"
  );
}

function sortedPairs<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A container definition that runs as its non-root user on a read-only root filesystem, never
 * privileged, with every Linux capability dropped and an init process reaping zombies; secrets
 * come only through `secrets` (resolved by the ECS agent at start), output goes to awslogs.
 */
export function hardenedContainerDefinition(spec: ContainerSpec): Record<string, unknown> {
  const nofile = spec.nofile ?? 65536;
  return {
    name: spec.name,
    image: spec.image,
    essential: spec.essential ?? true,
    user: spec.user,
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { capabilities: { add: [], drop: ["ALL"] }, initProcessEnabled: true },
    ulimits: [{ name: "nofile", softLimit: nofile, hardLimit: nofile }],
    portMappings: (spec.ports ?? []).map((containerPort) => ({ containerPort, protocol: "tcp" })),
    environment: sortedPairs(spec.environment).map(([name, value]) => ({ name, value })),
    secrets: sortedPairs(spec.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
    mountPoints: (spec.writablePaths ?? []).map((containerPath) => ({
      sourceVolume: volumeName(containerPath),
      containerPath,
      readOnly: false,
    })),
    ...(spec.entryPoint ? { entryPoint: [...spec.entryPoint] } : {}),
    ...(spec.command ? { command: [...spec.command] } : {}),
    ...(spec.healthCheck
      ? {
          healthCheck: {
            command: [...spec.healthCheck.command],
            interval: spec.healthCheck.intervalSeconds,
            timeout: spec.healthCheck.timeoutSeconds,
            retries: spec.healthCheck.retries,
            startPeriod: spec.healthCheck.startPeriodSeconds,
          },
        }
      : {}),
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": spec.logs.group,
        "awslogs-region": spec.logs.region,
        "awslogs-stream-prefix": spec.logs.streamPrefix,
      },
    },
  };
}
