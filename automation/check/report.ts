import type { AcceptedFinding, Finding, UnjudgedFinding } from "../core/findings";
import type { CapturedOptions, SourcePosition } from "../core/resourceModel";
import type { AppliedRemediation } from "../policy/evaluate";
import type { EnforcementLevel } from "../policy/policyConfig";
import type { DuplicateIdentity } from "./duplicates";
import type { NotValidated, SchemaError } from "./k8sSchema";
import type { NotInspected } from "./notInspected";

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
  /** Registered inside an `apply` callback, seen only by running the program as an update. @default absent (seen in the preview) */
  createdInApply?: true;
  /** Where the project's own code created it, path relative to the project directory. @default absent (not known: read from `--input`, created in an `apply` callback, or expanded from a manifest) */
  sourcePosition?: SourcePosition;
}

/** The enforcement a run used. */
export interface Enforcement {
  /** Where the levels came from: the stack's declaration, `--policy-config`, or the all-mandatory default. */
  source: string;
  /** The level each policy ran at. */
  levels: Record<string, EnforcementLevel>;
}

/** A policy that could not judge a resource, and whether the stack accepts that. */
export interface ReportedUnknown extends UnjudgedFinding {
  /** Whether the stack accepts it (`guardrails:accepted` with `unknowns: true`). */
  accepted: boolean;
}

/** An acceptance the stack declares that matched nothing in the run (stale, or misnamed). */
export interface UnusedAcceptance {
  /** The resource name it gives. */
  name: string;
  /** The policies it accepts. */
  policies: string[];
  /** Whether it accepts the resource's not being inspected. */
  notInspected: boolean;
  /** Whether it accepts policies not judging the resource for unknown values. */
  unknowns: boolean;
}

/** The checker's JSON document (DESIGN.md, "The offline checker"; its schema: docs/reference/report.schema.json). */
export interface CheckReport {
  /** Stack whose config was used (`input` for `--input` without `--stack`). */
  stack: string;
  /** The policy levels the run used and where they came from. */
  enforcement: Enforcement;
  /** Every resource. */
  resources: ReportedResource[];
  /** Policy findings not accepted. */
  violations: Finding[];
  /** Findings the stack accepts (`guardrails:accepted`), with its reasons; they do not fail the run. */
  accepted: AcceptedFinding[];
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
  unknowns: ReportedUnknown[];
  /** Acceptances the stack declares that matched nothing in this run (stale, or misnamed). */
  unusedAcceptances: UnusedAcceptance[];
  /** Counts (`notInspected`, `unknowns`: the ones that fail the run). */
  summary: ReportSummary;
}

/** The report's counts. */
export interface ReportSummary {
  /** Resources. */
  resources: number;
  /** Mandatory violations. */
  mandatory: number;
  /** Advisory violations. */
  advisory: number;
  /** Accepted findings. */
  accepted: number;
  /** Kubernetes schema errors. */
  schemaErrors: number;
  /** Objects with no known schema. */
  notValidated: number;
  /** Resources not inspected and not accepted. */
  notInspected: number;
  /** Policies stopped by an unknown value that fail the run. */
  unknowns: number;
  /** Duplicate identities. */
  duplicates: number;
}

/** What `check --json` prints instead of a report when the check cannot finish. */
export interface CheckErrorDocument {
  /** The cause, one line. */
  error: string;
  /** The exit code: 2 a usage, config or input error; 3 the program or a policy could not be evaluated. */
  exitCode: number;
}
