/**
 * The platform's tooling as a library (`@acme/platform/automation`): stack operations on the
 * Pulumi Automation API with the guardrails attached, and the offline checker the `platform` CLI
 * runs, and the deploy-time plan. Importing it starts nothing.
 */
export * from "./ops";
export { runCheck } from "./check/runCheck";
export type { CheckOptions, CheckPhase } from "./check/runCheck";
export { formatPlan, runPlan } from "./plan/runPlan";
export type { PlanOptions, PlanReport } from "./plan/runPlan";
export { planDeploy } from "./plan/schedule";
export { DEFAULT_CREATE_TIMES, readCreateTimes } from "./plan/createTimes";
export type { CreateTimes } from "./plan/createTimes";
export type { AppReadiness, DeployPlan, PlannedStep } from "./plan/schedule";
export { reportExitCode } from "./check/buildReport";
export { formatHumanReport } from "./check/formatReport";
export type { CheckErrorDocument, CheckReport, Enforcement, ReportedResource, ReportedUnknown, ReportSummary, UnusedAcceptance } from "./check/report";
export { DEFAULT_CATEGORY, DEFAULT_SEVERITY } from "./core/findings";
export type { AcceptedFinding, Finding, FindingCategory, FindingLevel, FindingSeverity, ResourceRef, UnjudgedFinding } from "./core/findings";
export { UsageError } from "./core/errors";
export { readProject, readProgramConfig, programEntry, stackPart } from "./core/project";
export type { PulumiProject, ProgramConfig } from "./core/project";
export { declaredPolicySettings, GUARDRAILS_NAMESPACE, GUARDRAILS_KEYS, presetNames } from "./policy/stackPolicy";
export type { PolicySettings } from "./policy/stackPolicy";
