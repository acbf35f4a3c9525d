import type { PlanReport } from "../../plan/runPlan";
import { formatHumanReport } from "../formatReport";
import type { CheckReport } from "../report";
import type { CheckFormat } from "./formatNames";
import { formatHtmlReport } from "./html/checkReport";
import { formatJunit } from "./junit";
import { platformPolicyCatalog, PolicyInfo } from "./policyCatalog";
import { formatSarif } from "./sarif";

/** Options of {@link formatCheckReport}. */
export interface FormatCheckOptions {
  /** Metadata of the policies that ran, by name. @default the platform pack's */
  policies?: ReadonlyMap<string, PolicyInfo>;
  /** The simulated first deploy, for the HTML report's timeline. @default no timeline */
  plan?: PlanReport;
}

/** The report in one of the formats of `platform check --format`. */
export function formatCheckReport(format: CheckFormat, report: CheckReport, opts: FormatCheckOptions = {}): string {
  switch (format) {
    case "text":
      return formatHumanReport(report);
    case "json":
      return JSON.stringify(report, null, 2);
    case "sarif":
      return formatSarif(report, { policies: opts.policies ?? platformPolicyCatalog() });
    case "junit":
      return formatJunit(report, { policies: opts.policies ?? platformPolicyCatalog() });
    case "html":
      return formatHtmlReport(report, { policies: opts.policies ?? platformPolicyCatalog(), plan: opts.plan });
  }
}
