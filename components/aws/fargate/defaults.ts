/** Every default of a {@link FargateService}: its `resolve` applies these, its config fragment documents them. */
export const FARGATE_SERVICE_DEFAULTS = {
  /** Task CPU units (1024 = one vCPU). */
  cpu: 512,
  /** Task memory, MiB. */
  memory: 1024,
  /** Tasks when there is no autoscaling. */
  desiredCount: 2,
  /** `uid:gid` the app runs as. */
  user: "10001:10001",
  /** CPU architecture. */
  architecture: "X86_64" as "X86_64" | "ARM64",
  /** Writable directories (the root filesystem is read-only). */
  writablePaths: ["/tmp"] as readonly string[],
  /** Days log events are kept. */
  logRetentionDays: 90,
  /** Container health check on the app's health path. */
  healthCheck: { path: "/health", intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 60 },
  /** Load balancer routing and target health. */
  routing: {
    priority: 100,
    paths: ["/*"] as readonly string[],
    matcher: "200",
    intervalSeconds: 15,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
    deregistrationDelaySeconds: 30,
  },
  /** Target tracking. */
  autoscaling: { cpuUtilization: 70, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 },
  /** The metrics collector beside the app. */
  collector: {
    image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3",
    user: "10001:10001",
    path: "/metrics",
    scrapeIntervalSeconds: 30,
  },
  /** Open files allowed per container. */
  nofile: 65536,
  /** The one-off migration task: seconds to wait before stopping it and failing the deployment. */
  migration: { timeoutSeconds: 900 },
  /** ECS Exec into running tasks. */
  executeCommand: false,
} as const;
