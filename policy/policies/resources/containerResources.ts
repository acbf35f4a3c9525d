import { parseQuantity } from "../../lib/quantity";
import { groupTag } from "../../lib/metadata";
import { ensure, podPolicy } from "../../lib/podPolicy";
import { ContainerView, containersOf, where } from "../../lib/workloads";

/** Config of {@link containerResources}. */
export interface ContainerResourcesConfig {
  /** Require a CPU limit (some teams rely on requests alone to avoid CFS throttling). */
  requireCpuLimit: boolean;
  /** Requests filled in by remediation where missing. */
  defaultRequests: { cpu: string; memory: string };
  /** Limits filled in by remediation where missing. */
  defaultLimits: { cpu: string; memory: string };
}

const LISTS = ["initContainers", "containers"] as const;
const quantitySchema = { type: "string" as const, pattern: "^[0-9.]+(m|k|M|G|T|Ki|Mi|Gi|Ti)?$" };
const pairSchema = {
  type: "object" as const,
  properties: { cpu: quantitySchema, memory: quantitySchema },
  required: ["cpu", "memory"],
  additionalProperties: false,
};

function lessThan(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a as string);
  const y = parseQuantity(b as string);
  return x !== undefined && y !== undefined && x < y;
}

function check(c: ContainerView, requireCpuLimit: boolean): string[] {
  const r = c.container.resources ?? {};
  const missing: string[] = [];
  if (r.requests?.cpu === undefined) missing.push("requests.cpu");
  if (r.requests?.memory === undefined) missing.push("requests.memory");
  if (r.limits?.memory === undefined) missing.push("limits.memory");
  if (requireCpuLimit && r.limits?.cpu === undefined) missing.push("limits.cpu");
  const out = missing.length ? [`${where(c)} has no resources.${missing.join(", resources.")}.`] : [];
  for (const res of ["cpu", "memory"]) {
    if (lessThan(r.limits?.[res], r.requests?.[res])) {
      out.push(`${where(c)} limits.${res} (${r.limits[res]}) is below requests.${res} (${r.requests[res]}).`);
    }
  }
  return out;
}

/**
 * Every container, init containers included, requests CPU and memory and has a memory limit;
 * a CPU limit unless the config says otherwise; no limit below its request.
 */
export const containerResources = podPolicy(
  {
    name: "container-resources",
    description: "Containers must request CPU and memory and set limits no lower than the requests.",
    severity: "medium",
    tags: [groupTag("resources")],
    remediationSteps:
      "Set resources.requests.cpu, resources.requests.memory, resources.limits.memory (and resources.limits.cpu) on every container and init container.",
    url: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    configSchema: {
      properties: {
        requireCpuLimit: { type: "boolean", default: true },
        defaultRequests: { ...pairSchema, default: { cpu: "100m", memory: "128Mi" } },
        defaultLimits: { ...pairSchema, default: { cpu: "500m", memory: "256Mi" } },
      },
    },
  },
  (pod, report, args) => {
    const { requireCpuLimit } = args.getConfig<ContainerResourcesConfig>();
    for (const c of containersOf(pod, LISTS)) {
      for (const message of check(c, requireCpuLimit !== false)) report(message);
    }
  },
  (pod, args) => {
    const { defaultRequests, defaultLimits, requireCpuLimit } = args.getConfig<ContainerResourcesConfig>();
    let changed = false;
    for (const c of containersOf(pod, LISTS)) {
      const r = ensure(c.container, "resources");
      const requests = ensure(r, "requests");
      const limits = ensure(r, "limits");
      for (const res of ["cpu", "memory"] as const) {
        if (requests[res] === undefined) {
          requests[res] = defaultRequests[res];
          changed = true;
        }
        if (limits[res] === undefined && (res === "memory" || requireCpuLimit !== false)) {
          limits[res] = lessThan(defaultLimits[res], requests[res]) ? requests[res] : defaultLimits[res];
          changed = true;
        }
      }
    }
    return changed;
  },
);
