import { z } from "zod";
import { isDnsLabel } from "../naming";
import { isQuantity, parseQuantity } from "./quantity";
import { awsSchema, dataSchema } from "./dataSchema";
import { parseImage } from "./image";
import { monitoringSchema } from "./monitoringSchema";

/**
 * The one schema for everything the program reads from stack config (`<project>:*` keys; `platform:*` in the repository's own program).
 * Every key of {@link stackConfigSchema} is declared in `Pulumi.yaml`; `test/config-reference.test.ts`
 * keeps the two and the README's config reference in step.
 */

const dnsLabel = z.string().refine(isDnsLabel, {
  error: "expected a DNS label (lower-case letters, digits and '-', at most 63 characters)",
});

const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/, {
  error: "expected a lower-case DNS host name such as \"api.example.com\"",
});

const cpuQuantity = z.string().refine((v) => isQuantity(v), {
  error: "expected a CPU quantity such as \"250m\" or \"2\"",
});

const memoryQuantity = z.string().refine((v) => isQuantity(v) && !/m$/.test(v), {
  error: "expected a memory quantity such as \"512Mi\" or \"2Gi\"",
});

const countQuantity = z.union([z.int().min(0), z.string().regex(/^\d+$/)], {
  error: "expected a whole number",
});

const imageRef = z.string().refine((v) => {
  const ref = parseImage(v);
  return !!ref && (!!ref.tag || !!ref.digest);
}, { error: "expected an image pinned to a version tag or digest, such as \"registry.example/team/app:1.4.2\"" });

const port = z.int().min(1).max(65535);

const percentage = z.int().min(1).max(100);

/** A probe: an HTTP GET on a path (on the app port unless `port` is set) or a command. */
const probeSchema = z
  .strictObject({
    path: z.string().startsWith("/", { error: "expected an HTTP path starting with \"/\"" }).optional()
      .describe("HTTP GET path; exactly one of path and exec."),
    port: port.optional().describe("Port for the HTTP check; defaults to the app port."),
    exec: z.array(z.string()).min(1).optional().describe("Command run in the container; exactly one of path and exec."),
    initialDelaySeconds: z.int().min(0).optional().describe("Seconds before the first check; default 0."),
    periodSeconds: z.int().min(1).optional().describe("Seconds between checks; default 10 (liveness), 5 (readiness, startup)."),
    timeoutSeconds: z.int().min(1).optional().describe("Check timeout in seconds; default 2."),
    failureThreshold: z.int().min(1).optional().describe("Failures before acting; default 3 (startup: 30)."),
  })
  .refine((p) => (p.path === undefined) !== (p.exec === undefined), {
    error: "expected exactly one of \"path\" (HTTP GET) or \"exec\" (command)",
  });

const resourceSet = <C extends z.ZodType, M extends z.ZodType>(cpu: C, memory: M) =>
  z.strictObject({
    cpu: cpu.describe("CPU quantity, e.g. \"250m\" or \"2\"."),
    memory: memory.describe("Memory quantity, e.g. \"512Mi\" or \"2Gi\"."),
  });

/** Intra-cluster or public traffic exposure of one app. */
const ingressSchema = z.strictObject({
  host: hostname.optional().describe("Public host; defaults to <app>.<domain> and must lie under the domain."),
  path: z.string().startsWith("/").default("/").describe("Path prefix routed to the app."),
});

const disruptionBudgetSchema = z
  .strictObject({
    minAvailable: z.int().min(0).optional().describe("Pods that must stay up during voluntary disruptions (below the replica floor)."),
    maxUnavailable: z.int().min(1).optional().describe("Pods that may be down at once; the default is 1."),
  })
  .refine((b) => (b.minAvailable === undefined) !== (b.maxUnavailable === undefined), {
    error: "expected exactly one of \"minAvailable\" or \"maxUnavailable\"",
  });

const autoscalingSchema = z.strictObject({
  minReplicas: z.int().min(1).describe("Replica floor."),
  maxReplicas: z.int().min(1).describe("Replica ceiling (>= minReplicas)."),
  cpuUtilization: percentage.default(70).describe("Target average CPU utilization, % of requests."),
  memoryUtilization: percentage.default(80).describe("Target average memory utilization, % of requests."),
});

/** One application (a Deployment and what surrounds it). */
export const appSchema = z.strictObject({
  name: dnsLabel.describe("App name: the Kubernetes object names and app.kubernetes.io/name; unique in the stack."),
  image: imageRef.describe("Image pinned to a version tag or digest; \":latest\" is refused in prod."),
  component: z.enum(["frontend", "backend", "worker"]).optional().describe("app.kubernetes.io/component label."),
  port: port.optional().describe("Container port served as \"http\"; without it the app gets no Service, Ingress or ingress rule (a worker)."),
  ingress: ingressSchema.optional().describe("Public exposure through a TLS Ingress; requires port."),
  probes: z.strictObject({
    liveness: probeSchema.describe("Liveness check (required); also the default startup check."),
    readiness: probeSchema.optional().describe("Readiness check; required when the app has a port."),
    startup: probeSchema.optional().describe("Startup check; defaults to the liveness check with a 150 s budget."),
  }).describe("Health checks; each is {path} (HTTP GET) or {exec} (command), with optional timings."),
  metrics: z.strictObject({
    path: z.string().startsWith("/").default("/metrics").describe("Metrics path."),
    port: port.optional().describe("Metrics port; defaults to the app port."),
  }).optional().describe("Prometheus metrics endpoint."),
  replicas: z.int().min(1).optional().describe("Fixed replica count (default 1); not allowed with autoscaling."),
  autoscaling: autoscalingSchema.optional().describe("HorizontalPodAutoscaler; the Deployment then leaves replicas to it."),
  disruptionBudget: disruptionBudgetSchema.optional().describe("PodDisruptionBudget: exactly one of minAvailable or maxUnavailable; default maxUnavailable 1."),
  resources: z.strictObject({
    requests: resourceSet(cpuQuantity, memoryQuantity).describe("Requests: {cpu, memory}."),
    limits: z.strictObject({
      cpu: cpuQuantity.optional().describe("CPU limit (>= request, <= limitRange.max.cpu); optional."),
      memory: memoryQuantity.describe("Memory limit (>= request, <= limitRange.max.memory)."),
    }).describe("Limits."),
  }).describe("Container requests and limits."),
  runAsUser: z.int().min(1).default(10001).describe("Numeric non-root UID the image runs as."),
  runAsGroup: z.int().min(1).optional().describe("Numeric GID and fsGroup; defaults to runAsUser."),
  command: z.array(z.string()).min(1).optional().describe("Entrypoint override."),
  args: z.array(z.string()).optional().describe("Arguments override."),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({})
    .describe("Plain environment variables (never secrets)."),
  dependsOn: z.array(dnsLabel).default([]).describe("Apps this one calls; NetworkPolicies allow exactly these paths."),
});

const rbacSubjects = z.strictObject({
  groups: z.array(z.string().min(1)).default([]).describe("Identity-provider groups."),
  users: z.array(z.string().min(1)).default([]).describe("Individual users."),
});

/** The whole stack config of a platform program. */
export const stackConfigSchema = z
  .strictObject({
    environment: z.enum(["staging", "prod"]).describe("Deployment environment; prod refuses \":latest\" images."),
    namespace: dnsLabel.describe("Namespace the platform creates and deploys into; also app.kubernetes.io/part-of."),
    domain: hostname.describe("Public DNS domain; app hosts default to <app>.<domain>."),
    cluster: z
      .strictObject({
        stackReference: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
          error: "expected a stack reference of the form <org>/<project>/<stack>",
        }).optional().describe("Stack that owns the cluster, <org>/<project>/<stack>."),
        output: z.string().min(1).default("kubeconfig").describe("Output of that stack holding the kubeconfig."),
        kubeconfigFromConfig: z.boolean().default(false)
          .describe("Read the kubeconfig from the secret key <project>:kubeconfig instead of a stack reference."),
      })
      .refine((c) => !!c.stackReference !== c.kubeconfigFromConfig, {
        error: "expected exactly one of \"stackReference\" or \"kubeconfigFromConfig: true\" (then set <project>:kubeconfig as a secret)",
      }).describe("Target cluster: exactly one of stackReference or kubeconfigFromConfig."),
    ingress: z.strictObject({
      className: z.string().min(1).default("nginx").describe("IngressClass of public apps."),
      clusterIssuer: z.string().min(1).describe("cert-manager ClusterIssuer that signs the TLS certificates."),
      controllerNamespace: dnsLabel.default("ingress-nginx").describe("Namespace of the ingress controller pods."),
      controllerPodLabels: z.record(z.string(), z.string()).default({ "app.kubernetes.io/name": "ingress-nginx" })
        .describe("Labels of the ingress controller pods (admitted by app NetworkPolicies)."),
      hstsMaxAgeSeconds: z.int().min(300).default(31536000).describe("HSTS max-age sent by public apps."),
    }).describe("Ingress settings shared by public apps."),
    quota: z.strictObject({
      requestsCpu: cpuQuantity.describe("Sum of CPU requests in the namespace."),
      requestsMemory: memoryQuantity.describe("Sum of memory requests."),
      limitsCpu: cpuQuantity.describe("Sum of CPU limits."),
      limitsMemory: memoryQuantity.describe("Sum of memory limits."),
      pods: countQuantity.describe("Pod count."),
      services: countQuantity.default(20).describe("Service count."),
      persistentVolumeClaims: countQuantity.default(10).describe("PersistentVolumeClaim count."),
    }).describe("Namespace ResourceQuota (LoadBalancer and NodePort Services are always capped at 0)."),
    limitRange: z.strictObject({
      defaultRequest: resourceSet(cpuQuantity, memoryQuantity).describe("Requests for containers that set none: {cpu, memory}."),
      default: resourceSet(cpuQuantity, memoryQuantity).describe("Limits for containers that set none: {cpu, memory}."),
      max: resourceSet(cpuQuantity, memoryQuantity).describe("Largest limits one container may have: {cpu, memory}."),
    }).describe("Namespace LimitRange for containers."),
    rbac: z.strictObject({
      deployers: rbacSubjects.describe("Bound to the deployer Role (workloads and Secrets; no RBAC)."),
      auditors: rbacSubjects.describe("Bound to the read-only auditor Role (no Secrets)."),
    }).describe("RoleBinding subjects."),
    apps: z.array(appSchema).min(1).describe("The applications."),
    data: dataSchema.describe("Data tier: PostgreSQL, Redis and their backups."),
    aws: awsSchema.describe("AWS account details: IRSA and the network of managed data services."),
    monitoring: monitoringSchema.describe("Monitoring stack: kube-prometheus-stack, alert rules and receivers, dashboards, CloudWatch alarms."),
  })
  .superRefine(checkCrossFieldRules);

/** Validated stack config, defaults applied. */
export type StackConfig = z.output<typeof stackConfigSchema>;
/** One validated app entry. */
export type AppConfig = z.output<typeof appSchema>;

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", message, path });
}

/** `a >= b` for quantities; true when either is malformed (that is reported on its own). */
function notLess(a: string, b: string): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x === undefined || y === undefined || x >= y;
}

function checkCrossFieldRules(cfg: z.output<z.ZodObject<any>>, ctx: Ctx): void {
  const config = cfg as unknown as StackConfig;
  const names = new Map<string, number>();
  config.apps.forEach((app, i) => {
    const at = (...rest: (string | number)[]) => ["apps", i, ...rest];
    if (names.has(app.name)) {
      issue(ctx, at("name"), `expected a unique app name, but "${app.name}" is also apps[${names.get(app.name)}]`);
    } else {
      names.set(app.name, i);
    }
    if (config.environment === "prod" && parseImage(app.image)?.tag === "latest" && !parseImage(app.image)?.digest) {
      issue(ctx, at("image"), "expected a version tag in prod, got \":latest\"");
    }
    if (app.ingress && app.port === undefined) {
      issue(ctx, at("ingress"), "expected \"port\" to be set on an app with an ingress");
    }
    if (app.ingress?.host && app.ingress.host !== config.domain && !app.ingress.host.endsWith(`.${config.domain}`)) {
      issue(ctx, at("ingress", "host"), `expected a host under the stack domain "${config.domain}"`);
    }
    if (app.metrics && app.port === undefined && app.metrics.port === undefined) {
      issue(ctx, at("metrics", "port"), "expected a metrics port (the app has no \"port\")");
    }
    for (const kind of ["liveness", "readiness", "startup"] as const) {
      const probe = app.probes[kind];
      if (probe?.path && app.port === undefined && probe.port === undefined) {
        issue(ctx, at("probes", kind, "port"), "expected a port for an HTTP probe (the app has no \"port\")");
      }
    }
    if (app.port !== undefined && !app.probes.readiness) {
      issue(ctx, at("probes", "readiness"), "expected a readiness probe on an app that serves a port");
    }
    if (app.replicas !== undefined && app.autoscaling) {
      issue(ctx, at("replicas"), "expected either \"replicas\" or \"autoscaling\", not both (the autoscaler owns replicas)");
    }
    if (app.autoscaling && app.autoscaling.maxReplicas < app.autoscaling.minReplicas) {
      issue(ctx, at("autoscaling", "maxReplicas"), `expected maxReplicas >= minReplicas (${app.autoscaling.minReplicas})`);
    }
    const minPods = app.autoscaling?.minReplicas ?? app.replicas ?? 1;
    const minAvailable = app.disruptionBudget?.minAvailable;
    if (minAvailable !== undefined && minAvailable >= minPods) {
      issue(ctx, at("disruptionBudget", "minAvailable"), `expected fewer than the minimum replica count (${minPods}), or no node could ever be drained`);
    }
    const { requests, limits } = app.resources;
    if (!notLess(limits.memory, requests.memory)) {
      issue(ctx, at("resources", "limits", "memory"), `expected a memory limit >= the request (${requests.memory})`);
    }
    if (limits.cpu !== undefined && !notLess(limits.cpu, requests.cpu)) {
      issue(ctx, at("resources", "limits", "cpu"), `expected a CPU limit >= the request (${requests.cpu})`);
    }
    const max = config.limitRange.max;
    if (!notLess(max.memory, limits.memory)) {
      issue(ctx, at("resources", "limits", "memory"), `expected at most limitRange.max.memory (${max.memory}), or admission rejects the pod`);
    }
    if (limits.cpu !== undefined && !notLess(max.cpu, limits.cpu)) {
      issue(ctx, at("resources", "limits", "cpu"), `expected at most limitRange.max.cpu (${max.cpu}), or admission rejects the pod`);
    }
    app.dependsOn.forEach((dep, j) => {
      if (dep === app.name) issue(ctx, at("dependsOn", j), "expected another app's name, not the app itself");
    });
  });
  const dataServices = (["postgres", "redis"] as const).filter((s) => config.data[s]);
  const targets = [...names.keys(), ...dataServices];
  config.apps.forEach((app, i) =>
    app.dependsOn.forEach((dep, j) => {
      if (dep !== app.name && !targets.includes(dep)) {
        issue(ctx, ["apps", i, "dependsOn", j], `expected the name of an app or data service in this stack (${targets.join(", ")}), got "${dep}"`);
      }
    }),
  );
  checkDataRules(config, ctx);
  const lr = config.limitRange;
  if (!lr) return;
  if (!notLess(lr.default.memory, lr.defaultRequest.memory)) {
    issue(ctx, ["limitRange", "default", "memory"], `expected >= limitRange.defaultRequest.memory (${lr.defaultRequest.memory})`);
  }
  if (!notLess(lr.max.memory, lr.default.memory)) {
    issue(ctx, ["limitRange", "max", "memory"], `expected >= limitRange.default.memory (${lr.default.memory})`);
  }
}

function checkDataRules(config: StackConfig, ctx: Ctx): void {
  const { data, aws } = config;
  if (data.backups && !data.postgres) issue(ctx, ["data", "backups"], "expected data.postgres to be set (backups dump PostgreSQL)");
  const pg = data.postgres;
  if (pg?.maxStorageGb !== undefined && pg.maxStorageGb < pg.storageGb) {
    issue(ctx, ["data", "postgres", "maxStorageGb"], `expected at least storageGb (${pg.storageGb})`);
  }
  const managed = (["postgres", "redis"] as const).filter((s) => data[s]?.mode === "managed");
  if (!managed.length) return;
  const because = `data.${managed[0]}.mode is managed`;
  if (!aws.network) {
    issue(ctx, ["aws", "network"], `required key is missing (expected the network of managed data services, because ${because})`);
    return;
  }
  if (aws.network.stackReference) return;
  for (const key of ["vpcId", "privateSubnetIds", "clusterSecurityGroupId", "vpcCidr"] as const) {
    if (aws.network[key] === undefined) {
      issue(ctx, ["aws", "network", key], `required key is missing (expected it, or network.stackReference, because ${because})`);
    }
  }
}
