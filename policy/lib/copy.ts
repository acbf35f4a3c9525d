import { Secret } from "@pulumi/policy";

/**
 * A plain deep copy of analyzer props (which arrive behind a read-checking proxy that
 * `structuredClone` cannot copy). `Secret` values are kept as they are so a remediation hands
 * them back still secret.
 */
export function copyProps<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => copyProps(v)) as unknown as T;
  if (value === null || typeof value !== "object" || value instanceof Secret) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyProps((value as Record<string, unknown>)[key]);
  return out as T;
}
