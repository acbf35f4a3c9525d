import type { AcceptedFinding, Finding, UnjudgedFinding } from "../core/findings";
import { CapturedResource, redact } from "../core/resourceModel";
import type { AppliedRemediation } from "../policy/evaluate";
import type { Acceptance } from "../policy/stackPolicy";
import type { DuplicateIdentity } from "./duplicates";
import type { NotValidated, SchemaError } from "./k8sSchema";
import type { NotInspected } from "./notInspected";
import type { CheckReport, Enforcement } from "./report";

/** What a run found, besides the resources. */
export interface RunFindings {
  /** Policy findings not accepted. */
  violations: Finding[];
  /** Accepted findings. @default none */
  accepted?: AcceptedFinding[];
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
  unknowns?: UnjudgedFinding[];
  /** What the stack accepts. @default none */
  acceptances?: Acceptance[];
  /** Whether mandatory unknowns fail the run. @default true */
  unknownsFail?: boolean;
}

/** Builds the report from what was rendered and found. */
export function buildReport(
  stack: string,
  enforcement: Enforcement,
  resources: CapturedResource[],
  findings: RunFindings,
): CheckReport {
  const {
    violations,
    schemaErrors,
    notValidated,
    duplicates,
    remediations,
    accepted = [],
    notInspected = [],
    acceptances = [],
    unknownsFail = true,
  } = findings;
  const acceptsUnknowns = new Set(acceptances.filter((a) => a.unknowns).map((a) => a.name));
  const unknowns = (findings.unknowns ?? []).map((u) => ({ ...u, accepted: acceptsUnknowns.has(u.name) }));
  const unusedAcceptances = acceptances
    .filter(
      (a) =>
        !accepted.some((f) => f.name === a.name) &&
        !notInspected.some((n) => n.accepted && n.name === a.name) &&
        !unknowns.some((u) => u.accepted && u.name === a.name),
    )
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
      ...(r.createdInApply ? { createdInApply: true } : {}),
      ...(r.sourcePosition ? { sourcePosition: r.sourcePosition } : {}),
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
