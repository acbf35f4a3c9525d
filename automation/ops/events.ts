import type { EngineEvent } from "@pulumi/pulumi/automation";
import { DEFAULT_CATEGORY, Finding, findingLevel, resourceRefOf, severityOf } from "../core/findings";

/** Where an operation stands. */
export interface Progress {
  /** Resources the engine has planned to touch so far. */
  planned: number;
  /** Resources finished. */
  done: number;
  /** Resources that failed. */
  failed: number;
  /** The resource being worked on. */
  current?: string;
}

/** A diagnostic message from the engine or the program. */
export interface Diagnostic {
  /** `info`, `warning` or `error` (`info#err` is reported as `info`). */
  severity: "info" | "warning" | "error";
  /** The message, colour codes removed. */
  message: string;
  /** Resource it is about, if any. */
  urn?: string;
}

/**
 * A policy finding the engine reported during an operation: `remediate` counts as mandatory, the
 * CLI's older `warning` as advisory; the severity is the policy's (`medium` when the event has none).
 */
export interface PolicyViolation extends Finding {
  /** Name of the pack the policy belongs to. */
  pack: string;
}

/** Callbacks an internal tool may give to follow an operation. */
export interface OperationCallbacks {
  /** Progress after every resource step. */
  onProgress?: (progress: Progress) => void;
  /** Engine and program diagnostics. */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Each policy violation. */
  onPolicyViolation?: (violation: PolicyViolation) => void;
  /** The final change summary. */
  onSummary?: (changes: Record<string, number>) => void;
}

const COLOR = /<\{%[a-z]*%\}>/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/** A message without the engine's colour directives and ANSI codes. */
export function plainMessage(message: string): string {
  return message.replace(COLOR, "").replace(ANSI, "").trimEnd();
}

/**
 * Folds the engine's event stream into typed callbacks and a record of what happened. Resource
 * steps are counted from `resourcePreEvent` (planned) and `resOutputsEvent` / `resOpFailedEvent`
 * (done / failed); policy events keep their severity; the summary is read from `summaryEvent`.
 */
export class EventCollector {
  readonly violations: PolicyViolation[] = [];
  readonly diagnostics: Diagnostic[] = [];
  changes: Record<string, number> = {};
  private readonly progress: Progress = { planned: 0, done: 0, failed: 0 };
  private readonly seen = new Set<string>();

  constructor(private readonly callbacks: OperationCallbacks = {}) {}

  /** Handles one engine event. */
  readonly onEvent = (event: EngineEvent): void => {
    const e = event;
    if (e.resourcePreEvent) {
      const urn: string = e.resourcePreEvent.metadata?.urn;
      if (urn && !this.seen.has(urn) && e.resourcePreEvent.metadata?.op !== "same") {
        this.seen.add(urn);
        this.progress.planned++;
      }
      this.progress.current = urn?.slice(urn.lastIndexOf("::") + 2);
      this.callbacks.onProgress?.({ ...this.progress });
    } else if (e.resOutputsEvent) {
      if (e.resOutputsEvent.metadata?.op !== "same") this.progress.done++;
      this.callbacks.onProgress?.({ ...this.progress });
    } else if (e.resOpFailedEvent) {
      this.progress.failed++;
      this.callbacks.onProgress?.({ ...this.progress });
    } else if (e.diagnosticEvent) {
      const d = e.diagnosticEvent;
      const diagnostic: Diagnostic = {
        severity: d.severity === "warning" ? "warning" : d.severity === "error" ? "error" : "info",
        message: plainMessage(d.message ?? ""),
        ...(d.urn ? { urn: d.urn } : {}),
      };
      if (diagnostic.message) {
        this.diagnostics.push(diagnostic);
        this.callbacks.onDiagnostic?.(diagnostic);
      }
    } else if (e.policyEvent) {
      const p = e.policyEvent as typeof e.policyEvent & { severity?: string };
      const violation: PolicyViolation = {
        policy: p.policyName,
        category: DEFAULT_CATEGORY,
        level: findingLevel(String(p.enforcementLevel)),
        severity: severityOf(p.severity),
        ...resourceRefOf(p.resourceUrn ?? ""),
        message: plainMessage(p.message ?? ""),
        pack: p.policyPackName,
      };
      this.violations.push(violation);
      this.callbacks.onPolicyViolation?.(violation);
    } else if (e.summaryEvent) {
      this.changes = { ...(e.summaryEvent.resourceChanges ?? {}) };
      this.callbacks.onSummary?.(this.changes);
    }
  };
}
