import { performance } from "node:perf_hooks";

/**
 * The phases of a check, in order: `start` (from the process's start until the program runs:
 * loading the CLI, reading the project and stack config), `render` (running the program under the
 * mock engine, its modules loaded and compiled), `expansion` (manifests and secrets),
 * `policies` (the whole pack), `readiness` (the readiness group's share of `policies`, timed only
 * when someone listens), `schemas` (Kubernetes object validation) and `report`.
 */
export type CheckPhase = "start" | "render" | "expansion" | "policies" | "readiness" | "schemas" | "report";

/** What a phase is doing, as the CLI's progress lines say it. */
export const PHASE_ACTIVITY: Record<Exclude<CheckPhase, "start" | "readiness">, string> = {
  render: "rendering the stack (its program under the mock engine, or the input file)",
  expansion: "expanding manifests",
  policies: "running the policy pack",
  schemas: "validating Kubernetes objects",
  report: "building the report",
};

/** Listeners of a check's phases. */
export interface PhaseListeners {
  /** Told how long each phase took, in milliseconds, once it ends. @default nobody */
  onPhase?: (phase: CheckPhase, ms: number) => void;
  /** Told when a phase begins. @default nobody */
  onPhaseStart?: (phase: CheckPhase) => void;
}

/** A clock over a check's phases: `begin` a phase, which ends the one before; costs a timestamp when nobody listens. */
export interface PhaseClock {
  /** Ends the running phase (if any) and begins `phase`. */
  begin(phase: CheckPhase): void;
  /** Ends the running phase. */
  end(): void;
}

/** A phase clock whose `start` phase began when the process did. */
export function phaseClock(listeners: PhaseListeners): PhaseClock {
  let running: CheckPhase | undefined = "start";
  let mark = 0;
  const end = () => {
    const now = performance.now();
    if (running) listeners.onPhase?.(running, now - mark);
    running = undefined;
    mark = now;
  };
  return {
    begin(phase) {
      end();
      running = phase;
      listeners.onPhaseStart?.(phase);
    },
    end,
  };
}
