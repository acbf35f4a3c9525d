import { z } from "zod";
import { promqlProblem } from "./promql";

/** A Prometheus duration such as `5m` or `1h30m`. */
export const promDuration = z
  .string()
  .regex(/^(\d+(ms|s|m|h|d|w|y))+$/, { error: 'expected a Prometheus duration such as "5m"' });

/** A PromQL expression, checked with Prometheus' own grammar. */
export const promqlExpression = z.string().superRefine((expr, ctx) => {
  const problem = promqlProblem(expr);
  if (problem) ctx.addIssue({ code: "custom", message: `expected a PromQL expression: ${problem}`, input: undefined });
});

/** One alerting rule, as a stack file gives it. */
export const alertRuleSchema = z.strictObject({
  alert: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "expected an alert name (letters, digits, '_')" })
    .describe("Alert name."),
  expr: promqlExpression.describe("PromQL condition; the alert fires while it returns series."),
  for: promDuration.optional().describe("How long the condition must hold before the alert fires."),
  severity: z.enum(["critical", "warning", "info"]).describe("Routing severity."),
  summary: z.string().min(1).describe("One-line summary (annotation)."),
  description: z
    .string()
    .optional()
    .describe("Longer description (annotation); may use {{ $value }} and {{ $labels }}."),
  runbookUrl: z.url().optional().describe("Runbook link (annotation runbook_url)."),
  labels: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string())
    .optional()
    .describe("Further labels."),
});

/** One alerting rule. */
export type AlertRuleConfig = z.output<typeof alertRuleSchema>;

/** A rule in Prometheus' rule-file form. */
export interface PrometheusRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The rule-file form of a configured rule. */
export function prometheusRule(rule: AlertRuleConfig): PrometheusRule {
  return {
    alert: rule.alert,
    expr: rule.expr,
    ...(rule.for ? { for: rule.for } : {}),
    labels: { ...rule.labels, severity: rule.severity },
    annotations: {
      summary: rule.summary,
      ...(rule.description ? { description: rule.description } : {}),
      ...(rule.runbookUrl ? { runbook_url: rule.runbookUrl } : {}),
    },
  };
}
