/**
 * The platform's tooling as a library (`@acme/platform/automation`): stack operations on the
 * Pulumi Automation API with the guardrails attached, and the offline checker the `platform` CLI
 * runs, and the deploy-time plan. Importing it starts nothing.
 */
export { preview, up, destroy, refresh, outputs, runOperation, policyArguments } from "./ops";
export type {
  PolicyArguments,
  OperationName,
  OperationOptions,
  OperationResult,
  Progress,
  Diagnostic,
  PolicyViolation,
  OperationCallbacks,
} from "./ops";
export {
  PlatformOperationError,
  PulumiCliMissingError,
  StackNotFoundError,
  ConcurrentUpdateError,
  PolicyViolationError,
  OperationCancelledError,
  OperationFailedError,
} from "./ops";
export { runCheck } from "./check/runCheck";
export type { CheckOptions, CheckPhase } from "./check/runCheck";
export type { PhaseListeners } from "./check/phases";
export { formatPlan, runPlan } from "./plan/runPlan";
export type { PlanOptions, PlanReport } from "./plan/runPlan";
export { planDeploy } from "./plan/schedule";
export type { CapturedOptions, CapturedResource, SourcePosition } from "./core/resourceModel";
export { DEFAULT_CREATE_TIMES, readCreateTimes } from "./plan/createTimes";
export type { CreateTimes } from "./plan/createTimes";
export type { AppReadiness, DeployPlan, PlannedStep } from "./plan/schedule";
export { reportExitCode } from "./check/buildReport";
export { formatHumanReport } from "./check/formatReport";
export { formatCheckReport } from "./check/formats/render";
export type { FormatCheckOptions } from "./check/formats/render";
export { CHECK_FORMATS, PLAN_FORMATS } from "./check/formats/formatNames";
export type { CheckFormat, PlanFormat } from "./check/formats/formatNames";
export { formatPlanHtml } from "./check/formats/html/timeline";
export type { PolicyInfo } from "./check/formats/policyCatalog";
export type {
  CheckErrorDocument,
  CheckReport,
  Enforcement,
  ReportedResource,
  ReportedUnknown,
  ReportSummary,
  UnusedAcceptance,
} from "./check/report";
export type { DuplicateIdentity } from "./check/duplicates";
export type { NotInspected } from "./check/notInspected";
export type { NotValidated, SchemaError } from "./check/k8sSchema";
export type { AppliedRemediation } from "./policy/evaluate";
export { DEFAULT_CATEGORY, DEFAULT_SEVERITY } from "./core/findings";
export type {
  AcceptedFinding,
  Finding,
  FindingCategory,
  FindingLevel,
  FindingSeverity,
  ResourceRef,
  UnjudgedFinding,
} from "./core/findings";
export { UsageError } from "./core/errors";
export { readProject, readProgramConfig } from "./core/project";
export type { PulumiProject, ProgramConfig } from "./core/project";
export { declaredPolicySettings, GUARDRAILS_NAMESPACE, GUARDRAILS_KEYS, presetNames } from "./policy/stackPolicy";
export type { Acceptance, PolicySettings } from "./policy/stackPolicy";
export { ENFORCEMENT_LEVELS } from "./policy/policyConfig";
export type { EnforcementLevel, PolicyConfigFile } from "./policy/policyConfig";
