/**
 * The platform's tooling as a library (`@acme/platform/automation`): stack operations on the
 * Pulumi Automation API with the guardrails attached, and the offline checker the `platform` CLI
 * runs. Importing it starts nothing.
 */
export * from "./ops";
export { runCheck } from "./check/runCheck";
export type { CheckOptions } from "./check/runCheck";
export { formatHumanReport, reportExitCode } from "./check/report";
export type { CheckReport, Enforcement, ReportedResource, Violation } from "./check/report";
export { UsageError } from "./core/errors";
export { readProject, readProgramConfig, programEntry, stackPart } from "./core/project";
export type { PulumiProject, ProgramConfig } from "./core/project";
export { declaredPolicySettings, GUARDRAILS_NAMESPACE, GUARDRAILS_KEYS, presetNames } from "./policy/stackPolicy";
export type { PolicySettings } from "./policy/stackPolicy";
