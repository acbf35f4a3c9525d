import { z } from "zod";
import { countQuantity, cpuQuantity, defaultedBy, memoryQuantity, notLess } from "../config/primitives";
import { SECURITY_BASELINE_DEFAULTS as D } from "./securityBaseline";

/** The config fragments of {@link SecurityBaseline}: the namespace's quota, limit range and RBAC subjects. */

const cpuMemory = z.strictObject({
  cpu: cpuQuantity.describe('CPU quantity, e.g. "250m" or "2".'),
  memory: memoryQuantity.describe('Memory quantity, e.g. "512Mi" or "2Gi".'),
});

/** `<project>:quota`. */
export const quotaSchema = z
  .strictObject({
    requestsCpu: cpuQuantity.describe("Sum of CPU requests in the namespace."),
    requestsMemory: memoryQuantity.describe("Sum of memory requests."),
    limitsCpu: cpuQuantity.describe("Sum of CPU limits."),
    limitsMemory: memoryQuantity.describe("Sum of memory limits."),
    pods: countQuantity.describe("Pod count."),
    services: defaultedBy(countQuantity, D.quota.services).describe("Service count."),
    persistentVolumeClaims: defaultedBy(countQuantity, D.quota.persistentVolumeClaims).describe(
      "PersistentVolumeClaim count.",
    ),
  })
  .describe("Namespace ResourceQuota (LoadBalancer and NodePort Services are always capped at 0).");

/** `<project>:limitRange`. */
export const limitRangeSchema = z
  .strictObject({
    defaultRequest: cpuMemory.describe("Requests for containers that set none: {cpu, memory}."),
    default: cpuMemory.describe("Limits for containers that set none: {cpu, memory}."),
    max: cpuMemory.describe("Largest limits one container may have: {cpu, memory}."),
  })
  .superRefine((lr, ctx) => {
    if (!notLess(lr.default.memory, lr.defaultRequest.memory)) {
      ctx.addIssue({
        code: "custom",
        path: ["default", "memory"],
        message: `expected >= limitRange.defaultRequest.memory (${lr.defaultRequest.memory})`,
      });
    }
    if (!notLess(lr.max.memory, lr.default.memory)) {
      ctx.addIssue({
        code: "custom",
        path: ["max", "memory"],
        message: `expected >= limitRange.default.memory (${lr.default.memory})`,
      });
    }
  })
  .describe("Namespace LimitRange for containers.");

const rbacSubjects = z.strictObject({
  groups: z.array(z.string().min(1)).optional().describe("Identity-provider groups."),
  users: z.array(z.string().min(1)).optional().describe("Individual users."),
});

/** `<project>:rbac`. */
export const rbacSchema = z
  .strictObject({
    deployers: rbacSubjects.optional().describe("Bound to the deployer Role (workloads and Secrets; no RBAC)."),
    auditors: rbacSubjects.optional().describe("Bound to the read-only auditor Role (no Secrets)."),
  })
  .describe("RoleBinding subjects.");
