import { z } from "zod";
import {
  cidr,
  containerResources,
  cpuQuantity,
  defaultedBy,
  dnsLabel,
  envName,
  hostname,
  imageRef,
  memoryQuantity,
  nonRootId,
  percentage,
  port,
  secretConfigKey,
  seconds,
} from "../config/primitives";
import { probesSchema } from "../kube/probeSchema";
import { WEB_SERVICE_DEFAULTS as D } from "./webService/defaults";
import {
  appFieldProblems,
  autoscalingBoundsProblem,
  destinationProblem,
  disruptionBudgetProblem,
  hasOneScaling,
  isOneBudget,
  isOneDestination,
  reportedBy,
  scalingProblem,
} from "./webService/rules";

/**
 * The config fragment of {@link WebService}: what a stack file may say about one app, with the
 * component's own defaults documented (and applied only by the component).
 */

/** One metric an app exports (`metrics.exports[]`), as its ServiceMonitor's annotation declares it. */
export const metricExportSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: "expected a Prometheus metric name" })
    .describe("Metric name; a histogram's or summary's base name (without _bucket, _sum, _count)."),
  type: z
    .enum(["counter", "gauge", "histogram", "summary"])
    .default("gauge")
    .describe("Metric type; a histogram is stored as its name with _bucket (labelled le), _sum and _count."),
  labels: z
    .array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: "expected a Prometheus label name" }))
    .default([])
    .describe("Labels the app puts on it (the scrape adds namespace, pod, container, service, job, instance, app)."),
});

/** Ingress settings every public app of a stack shares (`<project>:ingress`). */
export const ingressSettingsSchema = z.strictObject({
  className: defaultedBy(z.string().min(1), D.ingress.className).describe("IngressClass of public apps."),
  clusterIssuer: z.string().min(1).describe("cert-manager ClusterIssuer that signs the TLS certificates."),
  controllerNamespace: defaultedBy(dnsLabel, D.ingress.controllerNamespace).describe(
    "Namespace of the ingress controller pods.",
  ),
  controllerPodLabels: defaultedBy(z.record(z.string(), z.string()), D.ingress.controllerPodLabels).describe(
    "Labels of the ingress controller pods (admitted by app NetworkPolicies).",
  ),
  hstsMaxAgeSeconds: defaultedBy(z.int().min(300), D.ingress.hstsMaxAgeSeconds).describe(
    "HSTS max-age sent by public apps.",
  ),
  acmeSolver: defaultedBy(z.enum(["http01", "dns01"]), D.ingress.acmeSolver).describe(
    "How the clusterIssuer solves ACME challenges, as cluster-services configures it: http01 (a solver pod in the namespace, admitted by a NetworkPolicy) or dns01 (Route 53).",
  ),
});

/** One app's public exposure. */
export const appIngressSchema = z.strictObject({
  host: hostname.optional().describe("Public host; defaults to <app>.<domain> and must lie under the domain."),
  path: defaultedBy(z.string().startsWith("/"), D.ingress.path).describe("Path prefix routed to the app."),
  maxBodySize: z
    .string()
    .regex(/^\d+[kmg]?$/, { error: 'expected an nginx size such as "8m"' })
    .optional()
    .describe('Largest request body, e.g. "8m"; the controller\'s default (1m) when unset.'),
  readTimeoutSeconds: seconds
    .max(3600)
    .optional()
    .describe("Seconds the controller waits for the app's answer; the controller's default (60) when unset."),
  sendTimeoutSeconds: seconds
    .max(3600)
    .optional()
    .describe("Seconds the controller waits to send a request to the app; the controller's default (60) when unset."),
  rateLimitPerSecond: z
    .int()
    .min(1)
    .optional()
    .describe("Requests per second one client address may make; unlimited when unset."),
  connectionLimit: z
    .int()
    .min(1)
    .optional()
    .describe("Connections one client address may hold open; unlimited when unset."),
});

const scalingRules = z.strictObject({
  stabilizationWindowSeconds: z
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe("Seconds of history looked back on before scaling this way."),
  maxPodsPerMinute: z.int().min(1).optional().describe("Most pods added or removed per minute."),
  maxPercentPerMinute: z
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("Most pods added or removed per minute, as % of the current count."),
});

const autoscalingSchema = z
  .strictObject({
    minReplicas: z.int().min(1).describe("Replica floor."),
    maxReplicas: z.int().min(1).describe("Replica ceiling (>= minReplicas)."),
    cpuUtilization: defaultedBy(percentage, D.autoscaling.cpuUtilization).describe(
      "Target average CPU utilization, % of requests.",
    ),
    memoryUtilization: defaultedBy(percentage, D.autoscaling.memoryUtilization).describe(
      "Target average memory utilization, % of requests.",
    ),
    behavior: z
      .strictObject({
        scaleUp: scalingRules.optional().describe("How fast pods are added; Kubernetes' default when unset."),
        scaleDown: scalingRules
          .optional()
          .describe(
            `How fast pods are removed; a ${D.autoscaling.scaleDownStabilizationSeconds} s stabilization window when unset.`,
          ),
      })
      .optional()
      .describe("Scaling speed per direction (HPA behavior)."),
  })
  .refine((a) => !autoscalingBoundsProblem(a), { ...reportedBy(autoscalingBoundsProblem), path: ["maxReplicas"] });

const bounds = z.strictObject({ cpu: cpuQuantity.optional(), memory: memoryQuantity.optional() });

const verticalAutoscalingSchema = z.strictObject({
  updateMode: z
    .enum(["Off", "Initial", "Auto"])
    .describe("Off: recommendations only; Initial: set at pod creation; Auto: applied by evicting pods."),
  controlledResources: defaultedBy(
    z.array(z.enum(["cpu", "memory"])).min(1),
    D.verticalAutoscaling.controlledResources,
  ).describe("Resources the VPA sizes."),
  minAllowed: bounds.optional().describe("Least it may set: {cpu, memory}."),
  maxAllowed: bounds.optional().describe("Most it may set: {cpu, memory}."),
});

const disruptionBudgetSchema = z
  .strictObject({
    minAvailable: z
      .int()
      .min(0)
      .optional()
      .describe("Pods that must stay up during voluntary disruptions (below the replica floor)."),
    maxUnavailable: z
      .int()
      .min(1)
      .optional()
      .describe(`Pods that may be down at once; the default is ${D.disruptionBudget.maxUnavailable}.`),
  })
  .refine(isOneBudget, reportedBy(disruptionBudgetProblem));

/** One secret environment value: a secret config key of the project, or a Secrets Manager secret synced by External Secrets. */
export const secretSourceSchema = z.union(
  [
    secretConfigKey,
    z.strictObject({
      fromSecretsManager: z.string().min(1).describe("Name or ARN of the AWS Secrets Manager secret."),
      property: z.string().min(1).optional().describe("Key inside a JSON secret."),
    }),
  ],
  { error: "expected the name of a secret config key, or {fromSecretsManager: <secret name>, property?: <key>}" },
);

const externalEndpointSchema = z
  .strictObject({
    name: dnsLabel.describe('What it is, e.g. "kafka".'),
    cidr: cidr.optional().describe("Its address range; exactly one of cidr and host."),
    host: hostname
      .optional()
      .describe("Its DNS name; NetworkPolicies match addresses, so this opens the port to public addresses only."),
    port: port.describe("TCP port."),
  })
  .refine(isOneDestination, reportedBy(destinationProblem));

const migrationSchema = z.strictObject({
  command: z.array(z.string()).min(1).describe("Migration command, e.g. [alembic, upgrade, head]."),
  args: z.array(z.string()).optional().describe("Its arguments."),
  image: imageRef.optional().describe("Image; the app's when unset."),
  backoffLimit: defaultedBy(z.int().min(0).max(10), D.migrations.backoffLimit).describe(
    "Retries before the Job, and with it the rollout, fails.",
  ),
  activeDeadlineSeconds: defaultedBy(seconds.max(7200), D.migrations.activeDeadlineSeconds).describe(
    "Seconds the Job may run.",
  ),
});

/** How many database connections one replica (or task) of an app opens at most, and to which server. */
export const databaseUseSchema = z.strictObject({
  connections: z.int().min(1).describe("Connections one replica opens at most: workers × (pool size + overflow)."),
  server: z
    .string()
    .min(1)
    .optional()
    .describe("The database server they go to (its name or RDS identifier) when the stack has several."),
});

/** The fields of {@link webServiceOptionsSchema}, before the rule across them that shapes its type. */
export const webServiceOptionsFields = z.strictObject({
  image: imageRef.describe('Image pinned to a version tag or digest; ":latest" is refused in prod.'),
  component: z.enum(["frontend", "backend", "worker"]).optional().describe("app.kubernetes.io/component label."),
  port: port
    .optional()
    .describe(
      'Container port served as "http"; without it the app gets no Service, Ingress or ingress rule (a worker).',
    ),
  ingress: appIngressSchema.optional().describe("Public exposure through a TLS Ingress; requires port."),
  probes: probesSchema,
  metrics: z
    .strictObject({
      path: defaultedBy(z.string().startsWith("/"), D.metricsPath).describe("Metrics path."),
      port: port.optional().describe("Metrics port; defaults to the app port."),
      exports: z
        .array(metricExportSchema)
        .default([])
        .describe(
          "Metrics the app exports, with the labels it puts on them: alerts may use only these (and the well-known exporters' metrics), with labels the scrape produces (readiness-alert-labels).",
        ),
    })
    .optional()
    .describe("Prometheus metrics endpoint."),
  replicas: defaultedBy(z.int().min(1), D.replicas).describe("Fixed replica count; not allowed with autoscaling."),
  autoscaling: autoscalingSchema
    .optional()
    .describe("HorizontalPodAutoscaler; the Deployment then leaves replicas to it."),
  verticalAutoscaling: verticalAutoscalingSchema
    .optional()
    .describe("VerticalPodAutoscaler; with autoscaling only in Off mode, since the HPA scales on CPU and memory."),
  disruptionBudget: disruptionBudgetSchema
    .optional()
    .describe(
      `PodDisruptionBudget: exactly one of minAvailable or maxUnavailable; default maxUnavailable ${D.disruptionBudget.maxUnavailable}.`,
    ),
  resources: containerResources.describe("Container requests and limits."),
  runAsUser: defaultedBy(nonRootId, D.runAsUser).describe("Numeric non-root UID the image runs as."),
  runAsGroup: nonRootId.optional().describe("Numeric GID and fsGroup; defaults to runAsUser."),
  command: z.array(z.string()).min(1).optional().describe("Entrypoint override."),
  args: z.array(z.string()).optional().describe("Arguments override."),
  env: z.record(envName, z.string()).optional().describe("Plain environment variables (never secrets)."),
  secretEnv: z
    .record(envName, secretSourceSchema)
    .optional()
    .describe(
      "Secret environment: each name maps to a secret config key (<project>:<key>, set with pulumi config set --secret) or {fromSecretsManager}; reaches the container only through a Secret.",
    ),
  writablePaths: z
    .array(
      z.strictObject({
        path: z
          .string()
          .regex(/^\/[^\0]*$/, { error: "expected an absolute path" })
          .describe("Directory the app writes to."),
        sizeLimit: defaultedBy(memoryQuantity, D.scratchSizeLimit).describe("Most it may hold."),
      }),
    )
    .optional()
    .describe("Writable directories besides /tmp (emptyDirs; the root filesystem stays read-only)."),
  migrations: migrationSchema
    .optional()
    .describe(
      "Schema migrations run as a Job with the app's environment before each rollout; its failure stops the rollout.",
    ),
  egress: z
    .array(externalEndpointSchema)
    .optional()
    .describe("Destinations outside the cluster the app may reach: {name, cidr | host, port}."),
  database: databaseUseSchema
    .optional()
    .describe("Database connections one replica opens at most, for the connection budget; none when unset."),
});

/** What the refinement making an app's options one way of scaling (a fixed count or an autoscaler) reports. */
export const oneScalingIssue = { ...reportedBy(scalingProblem), path: ["replicas"] };

/** Everything a stack file may set for one app, as the WebService options. */
export const webServiceOptionsSchema = webServiceOptionsFields.refine(hasOneScaling, oneScalingIssue);

/** Rules across an app's own fields, with the component's defaults (each from `webService/rules.ts`). */
export function checkWebServiceOptions(
  app: z.output<typeof webServiceOptionsSchema>,
  at: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
): void {
  for (const p of appFieldProblems(app)) issue([...at, ...p.path], p.message);
}
