import { z } from "zod";
import { isDnsLabel } from "../naming";
import { parseImage } from "./image";
import { isQuantity, parseQuantity } from "./quantity";

/**
 * The zod building blocks every component's config fragment is written with, each with the
 * message a stack file's author reads when a value is wrong.
 */

/** An RFC 1123 DNS label: namespace, app and object names. */
export const dnsLabel = z.string().refine(isDnsLabel, {
  error: "expected a DNS label (lower-case letters, digits and '-', at most 63 characters)",
});

/** A lower-case DNS host name. */
export const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/, {
    error: 'expected a lower-case DNS host name such as "api.example.com"',
  });

/** A Kubernetes CPU quantity. */
export const cpuQuantity = z.string().refine((v) => isQuantity(v), {
  error: 'expected a CPU quantity such as "250m" or "2"',
});

/** A Kubernetes memory or storage quantity (no milli-bytes). */
export const memoryQuantity = z.string().refine((v) => isQuantity(v) && !/m$/.test(v), {
  error: 'expected a memory quantity such as "512Mi" or "2Gi"',
});

/** A whole count, as a number or a digit string. */
export const countQuantity = z.union([z.int().min(0), z.string().regex(/^\d+$/)], {
  error: "expected a whole number",
});

/** An image pinned to a version tag or digest. */
export const imageRef = z.string().refine(
  (v) => {
    const ref = parseImage(v);
    return !!ref && (!!ref.tag || !!ref.digest);
  },
  { error: 'expected an image pinned to a version tag or digest, such as "registry.example/team/app:1.4.2"' },
);

/** A TCP port. */
export const port = z.int().min(1).max(65535);

/** A percentage from 1 to 100. */
export const percentage = z.int().min(1).max(100);

/** A positive whole number of seconds. */
export const seconds = z.int().min(1);

/** A numeric non-root UID or GID. */
export const nonRootId = z.int().min(1, { error: "expected a numeric non-root id (1 or more)" });

/** An environment variable name. */
export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "expected an environment variable name (letters, digits, '_')" });

/**
 * A secret config key of the project, named in config as `<key>` or `<project>:<key>` and read as
 * `<project>:<key>`; the validated value is the key without the project, as Pulumi's config getters
 * take it. That the project is this one is checked where the project is known (the config loader).
 */
export function secretKeyReference(example: string) {
  return z
    .string()
    .regex(/^([A-Za-z0-9_.-]+:)?[a-z][A-Za-z0-9]*$/, {
      error: `expected the name of a secret config key, such as "${example}" or "<project>:${example}" (set with pulumi config set --secret)`,
    })
    .transform((ref) => ref.slice(ref.indexOf(":") + 1));
}

/** A secret config key of the project holding an app's value (see {@link secretKeyReference}). */
export const secretConfigKey = secretKeyReference("apiJwtKey");

/** `<org>/<project>/<stack>`. */
export const stackReference = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
  error: "expected a stack reference of the form <org>/<project>/<stack>",
});

/** An IPv4 CIDR. */
export const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, { error: 'expected an IPv4 CIDR such as "10.20.0.0/16"' });

/** Requests and limits of one container; limits at least the requests. */
export const containerResources = z
  .strictObject({
    requests: z
      .strictObject({
        cpu: cpuQuantity.describe('CPU quantity, e.g. "250m" or "2".'),
        memory: memoryQuantity.describe('Memory quantity, e.g. "512Mi" or "2Gi".'),
      })
      .describe("Requests: {cpu, memory}."),
    limits: z
      .strictObject({
        cpu: cpuQuantity.optional().describe("CPU limit (>= the request); optional."),
        memory: memoryQuantity.describe("Memory limit (>= the request)."),
      })
      .describe("Limits."),
  })
  .superRefine((r, ctx) => {
    if (!notLess(r.limits.memory, r.requests.memory)) {
      ctx.addIssue({
        code: "custom",
        path: ["limits", "memory"],
        message: `expected a memory limit >= the request (${r.requests.memory})`,
      });
    }
    if (r.limits.cpu !== undefined && !notLess(r.limits.cpu, r.requests.cpu)) {
      ctx.addIssue({
        code: "custom",
        path: ["limits", "cpu"],
        message: `expected a CPU limit >= the request (${r.requests.cpu})`,
      });
    }
  });

/** `a >= b` for quantities; true when either is malformed (that is reported on its own). */
export function notLess(a: string, b: string): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x === undefined || y === undefined || x >= y;
}

/**
 * `schema`, optional in config, with the default the component applies shown in the config
 * reference. The component is the one place that applies it, so config and code cannot drift.
 */
export function defaultedBy<T extends z.ZodType>(schema: T, value: z.input<T>): z.ZodOptional<T> {
  return schema.optional().meta({ default: value }) as z.ZodOptional<T>;
}
