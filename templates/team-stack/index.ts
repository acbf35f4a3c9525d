import {
  AppTier,
  clusterSchema,
  kubernetesProvider,
  limitRangeSchema,
  quotaSchema,
  readProjectConfig,
  SecurityBaseline,
} from "@acme/platform";
import { z } from "zod";

// The stack's settings, typed and validated: Pulumi.<stack>.yaml sets them as payments:<key>.
// A wrong value stops `platform check` and `pulumi preview` with one line naming the file and key.
const config = readProjectConfig(
  z.strictObject({
    cluster: clusterSchema,
    namespace: z.string().min(1),
    domain: z.string().min(1),
    clusterIssuer: z.string().min(1),
    quota: quotaSchema,
    limitRange: limitRangeSchema,
    api: z.strictObject({
      image: z.string().min(1),
      minReplicas: z.int().min(2),
      maxReplicas: z.int().min(2),
    }),
  }),
  { ignoredKeys: ["kubeconfig"] },
);

const provider = kubernetesProvider("cluster", config.cluster);
const opts = { providers: { kubernetes: provider } };

// The namespace with its guardrails: Pod Security "restricted", quota, limit range, default-deny networking.
const baseline = new SecurityBaseline(
  "payments",
  {
    namespace: config.namespace,
    quota: config.quota,
    limitRange: config.limitRange,
  },
  opts,
);

// One hardened, autoscaled app behind TLS: non-root, read-only root filesystem, probes, PDB, NetworkPolicy.
const apps = new AppTier(
  "payments",
  {
    namespace: baseline.namespaceName,
    partOf: "payments",
    domain: config.domain,
    ingress: { clusterIssuer: config.clusterIssuer },
    apps: [
      {
        name: "api",
        image: config.api.image,
        port: 8080,
        ingress: {},
        probes: { liveness: { path: "/health" }, readiness: { path: "/ready" } },
        autoscaling: { minReplicas: config.api.minReplicas, maxReplicas: config.api.maxReplicas },
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
      },
    ],
  },
  { ...opts, dependsOn: [baseline.resourceQuota, baseline.limitRange] },
);

export const url = apps.urls.api;
