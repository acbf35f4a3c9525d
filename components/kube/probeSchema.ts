import { z } from "zod";
import { port } from "../config/primitives";
import { PROBE_TIMING } from "./probes";

/** A probe in config: an HTTP GET on a path (on the app port unless `port` is set) or a command; timings default per kind. */
export const probeSchema = z
  .strictObject({
    path: z
      .string()
      .startsWith("/", { error: 'expected an HTTP path starting with "/"' })
      .optional()
      .describe("HTTP GET path; exactly one of path and exec."),
    port: port.optional().describe("Port for the HTTP check; defaults to the app port."),
    exec: z.array(z.string()).min(1).optional().describe("Command run in the container; exactly one of path and exec."),
    initialDelaySeconds: z
      .int()
      .min(0)
      .optional()
      .describe(`Seconds before the first check; default ${PROBE_TIMING.liveness.initialDelaySeconds}.`),
    periodSeconds: z
      .int()
      .min(1)
      .optional()
      .describe(
        `Seconds between checks; default ${PROBE_TIMING.liveness.periodSeconds} (liveness), ${PROBE_TIMING.readiness.periodSeconds} (readiness, startup).`,
      ),
    timeoutSeconds: z
      .int()
      .min(1)
      .optional()
      .describe(`Check timeout in seconds; default ${PROBE_TIMING.liveness.timeoutSeconds}.`),
    failureThreshold: z
      .int()
      .min(1)
      .optional()
      .describe(
        `Failures before acting; default ${PROBE_TIMING.liveness.failureThreshold} (startup: ${PROBE_TIMING.startup.failureThreshold}).`,
      ),
  })
  .refine((p) => (p.path === undefined) !== (p.exec === undefined), {
    error: 'expected exactly one of "path" (HTTP GET) or "exec" (command)',
  });

/** The three probes of an app in config. */
export const probesSchema = z
  .strictObject({
    liveness: probeSchema.describe("Liveness check (required); also the default startup check."),
    readiness: probeSchema.optional().describe("Readiness check; required when the app has a port."),
    startup: probeSchema
      .optional()
      .describe(
        `Startup check; defaults to the liveness check with a ${PROBE_TIMING.startup.periodSeconds * PROBE_TIMING.startup.failureThreshold} s budget.`,
      ),
  })
  .describe("Health checks; each is {path} (HTTP GET) or {exec} (command), with optional timings.");
