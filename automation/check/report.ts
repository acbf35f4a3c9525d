import { CapturedOptions, CapturedResource, redact } from "../core/resourceModel";
import type { AcceptedViolation, AppliedRemediation, UnknownValue } from "../policy/evaluate";
import type { Acceptance } from "../policy/stackPolicy";
import type { EnforcementLevel } from "../policy/policyConfig";
import type { DuplicateIdentity } from "./duplicates";
import type { NotValidated, SchemaError } from "./k8sSchema";
import type { NotInspected } from "./notInspected";

/** A policy violation, as the CrossGuard engine reports it. */
export interface Violation {
  /** Policy name. */
  policy: string;
  /** Enforcement level it was reported at. */
  level: "mandatory" | "advisory";
  /** Policy severity. */
  severity: "low" | "medium" | "high" | "critical";
  /** Offending resource (empty for stack-wide findings). */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its logical name. */
  name: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** One resource in the report: inputs with secrets shown as `"[secret]"`. */
export interface ReportedResource {
  /** URN. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name (last URN segment). */
  name: string;
  /** Parent URN, or `null`. */
  parent: string | null;
  /** URNs it depends on. */
  dependencies: string[];
  /** Resource options. */
  options: CapturedOptions;
  /** Inputs, secrets redacted. */
  props: Record<string, unknown>;
}

/** The enforcement a run used. */
export interface Enforcement {
  /** Where the levels came from: the stack's declaration, `--policy-config`, or the all-mandatory default. */
  source: string;
  /** The level each policy ran at. */
  levels: Record<string, EnforcementLevel>;
}

/** The checker's JSON document (DESIGN.md, "The offline checker"). */
export interface CheckReport {
  /** Stack whose config was used (`input` for `--input` without `--stack`). */
  stack: string;
  /** The policy levels the run used and where they came from. */
  enforcement: Enforcement;
  /** Every resource. */
  resources: ReportedResource[];
  /** Policy violations. */
  violations: Violation[];
  /** Findings the stack accepts (`guardrails:accepted`), with its reasons; they do not fail the run. */
  accepted: AcceptedViolation[];
  /** Remediations the pack applied before analysis (remediate-level policies). */
  remediations: AppliedRemediation[];
  /** Kubernetes schema errors. */
  schemaErrors: SchemaError[];
  /** Kubernetes objects of kinds with no known schema (reported, not errors). */
  notValidated: NotValidated[];
  /** Resources that would create the same real object. */
  duplicates: DuplicateIdentity[];
  /** Resources whose contents nothing inspected (Helm charts, YAML groups); those the stack does not accept fail the run. */
  notInspected: NotInspected[];
  /** Policies that could not judge a resource because a value was unknown (a preview); mandatory ones fail the run unless the stack accepts them or reports only. */
  unknowns: (UnknownValue & { accepted: boolean })[];
  /** Acceptances the stack declares that matched nothing in this run (stale, or misnamed). */
  unusedAcceptances: { name: string; policies: string[]; notInspected: boolean; unknowns: boolean }[];
  /** Counts (`notInspected`, `unknowns`: the ones that fail the run). */
  summary: {
    resources: number; mandatory: number; advisory: number; accepted: number; schemaErrors: number; notValidated: number; notInspected: number;
    unknowns: number; duplicates: number;
  };
}

/** What a run found, besides the resources. */
export interface Findings {
  /** Policy violations. */
  violations: Violation[];
  /** Accepted findings. */
  accepted?: AcceptedViolation[];
  /** Kubernetes schema errors. */
  schemaErrors: SchemaError[];
  /** Objects with no known schema. */
  notValidated: NotValidated[];
  /** Duplicate identities. */
  duplicates: DuplicateIdentity[];
  /** Remediations applied. */
  remediations: AppliedRemediation[];
  /** Resources not inspected. @default none */
  notInspected?: NotInspected[];
  /** Unknown values that stopped policies. @default none */
  unknowns?: UnknownValue[];
  /** What the stack accepts. @default none */
  acceptances?: Acceptance[];
  /** Whether mandatory unknowns fail the run. @default true */
  unknownsFail?: boolean;
}

/** Builds the report from what was rendered and found. */
export function buildReport(stack: string, enforcement: Enforcement, resources: CapturedResource[], findings: Findings): CheckReport {
  const { violations, schemaErrors, notValidated, duplicates, remediations, accepted = [], notInspected = [], acceptances = [], unknownsFail = true } = findings;
  const acceptsUnknowns = new Set(acceptances.filter((a) => a.unknowns).map((a) => a.name));
  const unknowns = (findings.unknowns ?? []).map((u) => ({ ...u, accepted: acceptsUnknowns.has(u.name) }));
  const unusedAcceptances = acceptances
    .filter((a) => !accepted.some((f) => f.name === a.name) && !notInspected.some((n) => n.accepted && n.name === a.name) && !unknowns.some((u) => u.accepted && u.name === a.name))
    .map((a) => ({ name: a.name, policies: a.policies, notInspected: a.notInspected, unknowns: a.unknowns }));
  return {
    stack,
    enforcement,
    resources: resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      dependencies: r.dependencies,
      options: r.options,
      props: redact(r.inputs) as Record<string, unknown>,
    })),
    violations,
    accepted,
    remediations,
    schemaErrors,
    notValidated,
    duplicates,
    notInspected,
    unknowns,
    unusedAcceptances,
    summary: {
      resources: resources.length,
      mandatory: violations.filter((v) => v.level === "mandatory").length,
      advisory: violations.filter((v) => v.level === "advisory").length,
      accepted: accepted.length,
      schemaErrors: schemaErrors.length,
      notValidated: notValidated.length,
      notInspected: notInspected.filter((n) => !n.accepted).length,
      unknowns: unknownsFail ? unknowns.filter((u) => u.level === "mandatory" && !u.accepted).length : 0,
      duplicates: duplicates.length,
    },
  };
}

/** Exit code for a report: 0 clean, 1 on any mandatory violation, schema error, duplicate identity, resource not inspected or mandatory policy stopped by an unknown value (not accepted). */
export function reportExitCode(report: CheckReport): 0 | 1 {
  const s = report.summary;
  return s.mandatory > 0 || s.schemaErrors > 0 || s.duplicates > 0 || s.notInspected > 0 || s.unknowns > 0 ? 1 : 0;
}

/** `37 mandatory, 6 advisory`: how many policies ran at each level. */
export function levelCounts(enforcement: Enforcement): string {
  const counts = new Map<string, number>();
  for (const level of Object.values(enforcement.levels)) counts.set(level, (counts.get(level) ?? 0) + 1);
  return ["mandatory", "remediate", "advisory", "disabled"].filter((l) => counts.has(l)).map((l) => `${counts.get(l)} ${l}`).join(", ");
}

/** The human-readable report: resources by type, violations by level, schema errors, a total. */
export function formatHumanReport(report: CheckReport): string {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const r of report.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const width = Math.max(...[...counts.keys()].map((t) => t.length), 4);
  const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
  lines.push(`Stack ${report.stack}: ${plural(report.summary.resources, "resource")}`);
  lines.push(`Enforcement: ${report.enforcement.source} (${levelCounts(report.enforcement)})`);
  for (const [type, n] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${type.padEnd(width)}  ${String(n).padStart(3)}`);
  }
  for (const level of ["mandatory", "advisory"] as const) {
    const found = report.violations.filter((v) => v.level === level);
    lines.push("", `${level === "mandatory" ? "Mandatory" : "Advisory"} violations (${found.length})`);
    for (const v of found) {
      const subject = v.urn ? `${v.type} ${v.name}` : "(stack)";
      lines.push(`  [${v.severity}] ${v.policy}: ${subject}`, `      ${v.message.replace(/\n/g, "\n      ")}`);
    }
  }
  if (report.accepted.length) {
    lines.push("", `Accepted by the stack (${report.accepted.length})`);
    for (const name of [...new Set(report.accepted.map((a) => a.name))]) {
      const own = report.accepted.filter((a) => a.name === name);
      lines.push(`  ${own[0].type} ${name}`, ...own.map((a) => `      ${a.policy}: ${a.message}`), `      accepted: ${own[0].reason}`);
    }
  }
  if (report.remediations.length) {
    lines.push("", `Remediated (${report.remediations.length})`);
    for (const r of report.remediations) lines.push(`  ${r.policy}: ${r.type} ${r.name}`);
  }
  lines.push("", `Schema errors (${report.schemaErrors.length})`);
  for (const e of report.schemaErrors) lines.push(`  ${e.type} ${e.name}`, `      ${e.message}`);
  if (report.notValidated.length) {
    lines.push("", `Not validated: no schema known (${report.notValidated.length})`);
    for (const n of report.notValidated) lines.push(`  ${n.type} ${n.name}`);
  }
  if (report.notInspected.length) {
    lines.push("", `Not inspected (${report.notInspected.length}, ${report.summary.notInspected} not accepted)`);
    for (const n of report.notInspected) lines.push(`  ${n.type} ${n.name}`, `      ${n.reason}`, `      ${n.accepted ? `accepted: ${n.acceptedBecause}` : "not accepted: add it to guardrails:accepted with notInspected: true and a reason, or let check see its objects"}`);
  }
  if (report.unknowns.length) {
    lines.push("", `Not judged: values unknown in this preview (${report.unknowns.length}, ${report.summary.unknowns} failing the run)`);
    for (const u of report.unknowns) lines.push(`  [${u.level}] ${u.policy}: ${u.type || "(stack)"} ${u.name}`, `      ${u.reason}${u.accepted ? " (accepted)" : ""}`);
  }
  if (report.unusedAcceptances.length) {
    lines.push("", `Acceptances that matched nothing (${report.unusedAcceptances.length})`);
    for (const u of report.unusedAcceptances) lines.push(`  ${u.name}`);
  }
  lines.push("", `Duplicate identities (${report.duplicates.length})`);
  for (const d of report.duplicates) lines.push(`  ${d.identity}`, ...d.urns.map((u) => `      ${u}`));
  const s = report.summary;
  const verdict = reportExitCode(report) === 0 ? "PASS" : "FAIL";
  const extra = [s.accepted ? `${s.accepted} accepted` : "", s.notInspected ? `${s.notInspected} not inspected` : "", s.unknowns ? `${s.unknowns} not judged` : ""].filter(Boolean).map((t) => `, ${t}`).join("");
  lines.push("", `${verdict}: ${plural(s.resources, "resource")}, ${s.mandatory} mandatory, ${s.advisory} advisory${extra}, ${plural(s.schemaErrors, "schema error")}, ${plural(s.duplicates, "duplicate identity", "duplicate identities")}`);
  return lines.join("\n");
}
