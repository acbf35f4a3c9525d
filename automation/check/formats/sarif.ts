import type { Finding, FindingSeverity } from "../../core/findings";
import { packageVersion } from "../../core/packageInfo";
import type { CheckReport } from "../report";
import type { PolicyInfo } from "./policyCatalog";
import { reportSubjects } from "./subjects";

/** Rule ids of what the checker itself reports besides policy findings. */
export const CHECKER_RULES = {
  notInspected: "platform/not-inspected",
  schema: "platform/schema",
  duplicate: "platform/duplicate",
  unknown: "platform/unknown",
} as const;

/** GitHub code scanning's `security-severity` of each severity (a CVSS-like score as a string). */
const SECURITY_SEVERITY: Record<FindingSeverity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

type Level = "error" | "warning" | "note" | "none";

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: Level; enabled?: boolean };
  properties: Record<string, unknown>;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: unknown[];
  suppressions?: { kind: "external"; justification: string }[];
  properties: Record<string, unknown>;
}

function policyRule(p: PolicyInfo, level: string | undefined): SarifRule {
  const steps = p.remediationSteps ?? "See the policy reference.";
  const more = p.url ? `\n\nMore: ${p.url}` : "";
  return {
    id: p.name,
    name: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: p.framework ? `${p.description} (${p.framework})` : p.description },
    help: { text: `${steps}${more}`, markdown: `**Remediation:** ${steps}${p.url ? `\n\n[More](${p.url})` : ""}` },
    ...(p.url ? { helpUri: p.url } : {}),
    defaultConfiguration:
      level === "disabled" ? { level: "none", enabled: false } : { level: level === "advisory" ? "warning" : "error" },
    properties: {
      tags: [
        ...new Set([
          p.category,
          ...(p.category === "security" ? ["security"] : []),
          p.severity,
          ...p.tags,
          ...(p.framework ? [p.framework.split(":")[0]] : []),
        ]),
      ],
      category: p.category,
      severity: p.severity,
      ...(p.category === "security" ? { "security-severity": SECURITY_SEVERITY[p.severity], precision: "high" } : {}),
    },
  };
}

function checkerRule(id: string, name: string, description: string, help: string): SarifRule {
  return {
    id,
    name,
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["platform-check"] },
  };
}

const CHECKER_RULE_LIST: SarifRule[] = [
  checkerRule(
    CHECKER_RULES.notInspected,
    "NotInspected",
    "A resource whose contents no policy or schema sees offline.",
    "Let check see its objects (render the chart or manifests in the program), or accept it in guardrails:accepted with notInspected: true and a reason.",
  ),
  checkerRule(
    CHECKER_RULES.schema,
    "KubernetesSchema",
    "A Kubernetes object that breaks its API schema.",
    "Fix the field the message names; the API server would refuse the object.",
  ),
  checkerRule(
    CHECKER_RULES.duplicate,
    "DuplicateIdentity",
    "Resources that would create the same real object.",
    "Give each resource its own name or namespace: pulumi up would fail halfway on the second.",
  ),
  checkerRule(
    CHECKER_RULES.unknown,
    "NotJudged",
    "A policy could not judge a resource: a value it reads is unknown in a preview.",
    "Make the value known at preview (config instead of another resource's output), or accept it in guardrails:accepted with unknowns: true.",
  ),
];

/** Options of {@link formatSarif}. */
export interface SarifOptions {
  /** Metadata of the pack's policies, by name. */
  policies: ReadonlyMap<string, PolicyInfo>;
}

/**
 * The report as a SARIF 2.1.0 log for code scanning: one run of the tool `platform`, one rule per
 * policy of the pack (plus the checker's own: not inspected, schema, duplicate, unknown) and one
 * result per finding, placed at the program line that created the resource when known, always
 * with the URN as a logical location. Accepted findings are results with an external suppression.
 */
export function formatSarif(report: CheckReport, opts: SarifOptions): string {
  const subjects = reportSubjects(report);
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const addRule = (rule: SarifRule) => {
    index.set(rule.id, rules.length);
    rules.push(rule);
  };
  for (const p of opts.policies.values()) addRule(policyRule(p, report.enforcement.levels[p.name]));
  const findingPolicies = [...report.violations, ...report.accepted, ...report.unknowns].map((f) => f.policy);
  for (const name of new Set(findingPolicies)) {
    if (index.has(name)) continue;
    const category = report.violations.find((v) => v.policy === name)?.category ?? "security";
    addRule(
      policyRule({ name, description: name, severity: "medium", category, tags: [] }, report.enforcement.levels[name]),
    );
  }
  for (const rule of CHECKER_RULE_LIST) addRule(rule);

  const locationOf = (urn: string, name: string) => {
    if (!urn)
      return { physicalLocation: { artifactLocation: { uri: `Pulumi.${report.stack}.yaml`, uriBaseId: "%SRCROOT%" } } };
    const source = subjects.sourceOf(urn);
    const logical = { logicalLocations: [{ name, fullyQualifiedName: urn, kind: "resource" }] };
    if (!source) return logical;
    return {
      physicalLocation: {
        artifactLocation: { uri: source.uri, uriBaseId: "%SRCROOT%" },
        region: { startLine: source.line, startColumn: source.column },
      },
      ...logical,
    };
  };
  const result = (
    ruleId: string,
    level: Level,
    text: string,
    urns: { urn: string; name: string }[],
    properties: Record<string, unknown>,
  ): SarifResult => ({
    ruleId,
    ruleIndex: index.get(ruleId)!,
    level,
    message: { text },
    locations: urns.map((u) => locationOf(u.urn, u.name)),
    properties,
  });
  const findingText = (f: Finding) =>
    `${f.urn ? `${f.type} ${f.name}` : `stack ${report.stack}`}: ${f.message}${f.configKey ? `\nFix in Pulumi.${report.stack}.yaml: set ${f.configKey}.` : ""}`;
  const findingProps = (f: Finding) => ({
    category: f.category,
    severity: f.severity,
    enforcement: f.level,
    ...(f.urn ? { urn: f.urn } : {}),
    ...(f.configKey ? { configKey: f.configKey } : {}),
    ...(f.property ? { property: f.property } : {}),
  });

  const results: SarifResult[] = [
    ...report.violations.map((f) =>
      result(f.policy, f.level === "mandatory" ? "error" : "warning", findingText(f), [f], findingProps(f)),
    ),
    ...report.accepted.map((f) => ({
      ...result(f.policy, f.level === "mandatory" ? "error" : "warning", findingText(f), [f], findingProps(f)),
      suppressions: [{ kind: "external" as const, justification: f.reason }],
    })),
    ...report.schemaErrors.map((e) =>
      result(CHECKER_RULES.schema, "error", `${e.type} ${e.name}: ${e.message}`, [e], { urn: e.urn }),
    ),
    ...report.duplicates.map((d) =>
      result(
        CHECKER_RULES.duplicate,
        "error",
        `${d.identity}: ${d.message}`,
        d.urns.map((urn) => ({ urn, name: urn.split("::").slice(3).join("::") })),
        { identity: d.identity },
      ),
    ),
    ...report.notInspected.map((n) => ({
      ...result(CHECKER_RULES.notInspected, "error", `${n.type} ${n.name}: ${n.reason}`, [n], { urn: n.urn }),
      ...(n.accepted
        ? { suppressions: [{ kind: "external" as const, justification: n.acceptedBecause ?? "accepted" }] }
        : {}),
    })),
    ...report.unknowns.map((u) => ({
      ...result(
        CHECKER_RULES.unknown,
        u.level === "mandatory" && !u.accepted ? "error" : "note",
        `${u.policy} could not judge ${u.type ? `${u.type} ${u.name}` : `stack ${report.stack}`}: ${u.reason}`,
        [u],
        { policy: u.policy, enforcement: u.level, ...(u.urn ? { urn: u.urn } : {}) },
      ),
      ...(u.accepted
        ? { suppressions: [{ kind: "external" as const, justification: "guardrails:accepted with unknowns: true" }] }
        : {}),
    })),
  ];

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "platform",
            fullName: "@acme/platform check",
            version: packageVersion(),
            semanticVersion: packageVersion(),
            rules,
          },
        },
        automationDetails: { id: `platform-check/${report.stack}/` },
        columnKind: "utf16CodeUnits",
        results,
        properties: { stack: report.stack, enforcement: report.enforcement.source, summary: report.summary },
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
