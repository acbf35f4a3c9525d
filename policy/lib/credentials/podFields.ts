import type { PodView } from "../workloads";

/** A container's probes, each may run a command or send HTTP headers. */
export const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
/** A container's lifecycle hooks, each may run a command or send HTTP headers. */
export const HOOKS = ["postStart", "preStop"] as const;

/** A probe or hook handler and its path inside the container (`livenessProbe`, `lifecycle.preStop`). */
export interface Handler {
  /** The handler object (`exec`, `httpGet`, …). */
  handler: any;
  /** Its path inside the container. */
  path: string;
}

/** A container's probes and lifecycle hooks that are set. */
export function handlersOf(container: any): Handler[] {
  const probes = PROBES.map((p) => ({ handler: container?.[p], path: p }));
  const hooks = HOOKS.map((h) => ({ handler: container?.lifecycle?.[h], path: `lifecycle.${h}` }));
  return [...probes, ...hooks].filter((h) => h.handler && typeof h.handler === "object");
}

/** The path of a pod's metadata in the resource: `spec.template.metadata` beside `spec.template.spec`. */
export function podMetadataPath(pod: PodView): string {
  return pod.specPath.replace(/(^|\.)spec$/, "$1metadata");
}
