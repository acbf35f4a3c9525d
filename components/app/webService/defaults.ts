/** Every default of a {@link WebService}: its `resolve` applies these, its config fragment documents them. */
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
    acmeSolver: "http01" as "http01" | "dns01",
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
