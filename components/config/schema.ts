import { z } from "zod";
import { isDnsLabel } from "../naming";
import { isQuantity, parseQuantity } from "./quantity";
import { parseImage } from "./image";

/**
 * The one schema for everything the program reads from stack config (`platform:*` keys).
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
    path: z.string().startsWith("/", { error: "expected an HTTP path starting with \"/\"" }).optional(),
    port: port.optional(),
    exec: z.array(z.string()).min(1).optional(),
    initialDelaySeconds: z.int().min(0).optional(),
    periodSeconds: z.int().min(1).optional(),
    timeoutSeconds: z.int().min(1).optional(),
    failureThreshold: z.int().min(1).optional(),
  })
  .refine((p) => (p.path === undefined) !== (p.exec === undefined), {
    error: "expected exactly one of \"path\" (HTTP GET) or \"exec\" (command)",
  });

const resourceSet = <C extends z.ZodType, M extends z.ZodType>(cpu: C, memory: M) =>
  z.strictObject({ cpu, memory });

/** Intra-cluster or public traffic exposure of one app. */
const ingressSchema = z.strictObject({
  /** Public host; defaults to `<app>.<domain>`. */
  host: hostname.optional(),
  /** Path prefix routed to the app. */
  path: z.string().startsWith("/").default("/"),
});

const disruptionBudgetSchema = z
  .strictObject({
    minAvailable: z.int().min(0).optional(),
    maxUnavailable: z.int().min(1).optional(),
  })
  .refine((b) => (b.minAvailable === undefined) !== (b.maxUnavailable === undefined), {
    error: "expected exactly one of \"minAvailable\" or \"maxUnavailable\"",
  });

const autoscalingSchema = z.strictObject({
  minReplicas: z.int().min(1),
  maxReplicas: z.int().min(1),
  cpuUtilization: percentage.default(70),
  memoryUtilization: percentage.default(80),
});

/** One application (a Deployment and what surrounds it). */
export const appSchema = z.strictObject({
  name: dnsLabel,
  image: imageRef,
  component: z.enum(["frontend", "backend", "worker"]).optional(),
  port: port.optional(),
  ingress: ingressSchema.optional(),
  probes: z.strictObject({
    liveness: probeSchema,
    readiness: probeSchema.optional(),
    startup: probeSchema.optional(),
  }),
  metrics: z.strictObject({ path: z.string().startsWith("/").default("/metrics"), port: port.optional() }).optional(),
  replicas: z.int().min(1).optional(),
  autoscaling: autoscalingSchema.optional(),
  disruptionBudget: disruptionBudgetSchema.optional(),
  resources: z.strictObject({
    requests: resourceSet(cpuQuantity, memoryQuantity),
    limits: z.strictObject({ cpu: cpuQuantity.optional(), memory: memoryQuantity }),
  }),
  runAsUser: z.int().min(1).default(10001),
  runAsGroup: z.int().min(1).optional(),
  command: z.array(z.string()).min(1).optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
  dependsOn: z.array(dnsLabel).default([]),
});

const rbacSubjects = z.strictObject({
  groups: z.array(z.string().min(1)).default([]),
  users: z.array(z.string().min(1)).default([]),
});

/** The whole `platform:*` stack config. */
export const stackConfigSchema = z
  .strictObject({
    environment: z.enum(["staging", "prod"]),
    namespace: dnsLabel,
    domain: hostname,
    cluster: z
      .strictObject({
        stackReference: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
          error: "expected a stack reference of the form <org>/<project>/<stack>",
        }).optional(),
        output: z.string().min(1).default("kubeconfig"),
        kubeconfigFromConfig: z.boolean().default(false),
      })
      .refine((c) => !!c.stackReference !== c.kubeconfigFromConfig, {
        error: "expected exactly one of \"stackReference\" or \"kubeconfigFromConfig: true\" (then set platform:kubeconfig as a secret)",
      }),
    ingress: z.strictObject({
      className: z.string().min(1).default("nginx"),
      clusterIssuer: z.string().min(1),
      controllerNamespace: dnsLabel.default("ingress-nginx"),
      controllerPodLabels: z.record(z.string(), z.string()).default({ "app.kubernetes.io/name": "ingress-nginx" }),
      hstsMaxAgeSeconds: z.int().min(300).default(31536000),
    }),
    quota: z.strictObject({
      requestsCpu: cpuQuantity,
      requestsMemory: memoryQuantity,
      limitsCpu: cpuQuantity,
      limitsMemory: memoryQuantity,
      pods: countQuantity,
      services: countQuantity.default(20),
      persistentVolumeClaims: countQuantity.default(10),
    }),
    limitRange: z.strictObject({
      defaultRequest: resourceSet(cpuQuantity, memoryQuantity),
      default: resourceSet(cpuQuantity, memoryQuantity),
      max: resourceSet(cpuQuantity, memoryQuantity),
    }),
    rbac: z.strictObject({ deployers: rbacSubjects, auditors: rbacSubjects }),
    apps: z.array(appSchema).min(1),
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
  config.apps.forEach((app, i) =>
    app.dependsOn.forEach((dep, j) => {
      if (dep !== app.name && !names.has(dep)) {
        issue(ctx, ["apps", i, "dependsOn", j], `expected the name of an app in this stack (${[...names.keys()].join(", ")}), got "${dep}"`);
      }
    }),
  );
  const lr = config.limitRange;
  if (!notLess(lr.default.memory, lr.defaultRequest.memory)) {
    issue(ctx, ["limitRange", "default", "memory"], `expected >= limitRange.defaultRequest.memory (${lr.defaultRequest.memory})`);
  }
  if (!notLess(lr.max.memory, lr.default.memory)) {
    issue(ctx, ["limitRange", "max", "memory"], `expected >= limitRange.default.memory (${lr.default.memory})`);
  }
}
