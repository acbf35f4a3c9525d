import * as fs from "node:fs";
import * as path from "node:path";
import { Policy, StackValidationPolicy } from "@pulumi/policy";
import { PACK_NAME, policies } from "../policy/policies";

/** Where the generated policy reference lives. */
export const POLICY_REFERENCE_FILE = path.resolve(__dirname, "..", "docs", "reference", "policies.md");

/** The enforcement presets a stack names with `guardrails:policyConfig`. */
const PRESET_DIR = path.resolve(__dirname, "..", "policy", "config");

/** The groups, in report order, with what a reader needs to know about the group as a whole. */
const GROUPS: [string, string, string][] = [
  [
    "api-versions",
    "API versions",
    "Objects of an API version Kubernetes no longer serves; the object's pod is still judged by the other policies.",
  ],
  [
    "pod-security",
    "Pod security",
    "The Pod Security Standards, baseline and restricted, on every workload kind (pod templates and pod-shaped specs, init and ephemeral containers), pod and container settings combined as Kubernetes resolves them.",
  ],
  [
    "containers",
    "Containers on ECS and ECR",
    "Every container of an ECS task definition; a task whose `containerDefinitions` cannot be read is reported, never passed.",
  ],
  ["resources", "Resource limits", "Requests and limits on every container, quota and limit range on every namespace."],
  ["tls", "TLS", "Encryption in transit (and RDS storage encryption) on Kubernetes and AWS."],
  ["data", "Data", "Data stores: exposure, backups, encryption at rest, authentication."],
  [
    "aws-access",
    "AWS access",
    "Who can reach AWS resources: security groups open to the world, IMDSv1, resource policies granting everyone, wildcard IAM; policy documents read by one grant model (`policy/lib/aws/grants`), Deny statements never counted as grants.",
  ],
  [
    "hardening",
    "Hardening",
    "Defence in depth: read-only roots, pinned images, probes, credentials, disruption budgets, spread. The `staging` preset runs this group advisory.",
  ],
  [
    "rbac",
    "RBAC",
    "Roles and bindings judged by effect: every binding resolved to the rules it grants (the stack's roles, aggregated ClusterRoles, the built-in ClusterRoles), every role no binding names judged on its own; the platform's own deployer and auditor Roles comply.",
  ],
  [
    "readiness",
    "Deploy readiness",
    "Whether the stack will work once deployed, judged across its objects: references that resolve, ports that exist, capacity that fits. Their findings are reported apart from security ones (`category: readiness`). The `staging` preset runs this group advisory.",
  ],
];

type Level = string;
type PresetEntry = string | { enforcementLevel?: string; [property: string]: unknown };

/** Each preset's file: `{ "all": level, "<policy>": level | { enforcementLevel?, ...properties } }`. */
function presets(): [string, Record<string, PresetEntry>][] {
  return fs
    .readdirSync(PRESET_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reverse()
    .map((f) => [path.basename(f, ".json"), JSON.parse(fs.readFileSync(path.join(PRESET_DIR, f), "utf8"))]);
}

/** The level and the properties a preset gives one policy: `"all"` first, then the policy's own entry. */
function presetSetting(
  preset: Record<string, PresetEntry>,
  name: string,
): { level: Level; properties: Record<string, unknown> } {
  const levelOf = (e: PresetEntry | undefined): Level | undefined => (typeof e === "string" ? e : e?.enforcementLevel);
  const own = preset[name];
  const level = levelOf(own) ?? levelOf(preset.all) ?? "advisory";
  const properties =
    typeof own === "object" ? Object.fromEntries(Object.entries(own).filter(([k]) => k !== "enforcementLevel")) : {};
  return { level, properties };
}

const groupOf = (p: Policy): string =>
  (p.tags ?? []).find((t) => t.startsWith("group:"))?.slice("group:".length) ?? "other";
const escape = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (v: unknown): string => `\`${JSON.stringify(v)}\``;

function policySection(p: Policy, presetList: [string, Record<string, PresetEntry>][]): string[] {
  const stack = "validateStack" in p && typeof (p as StackValidationPolicy).validateStack === "function";
  const remediates = typeof (p as { remediateResource?: unknown }).remediateResource === "function";
  const lines = [`### \`${p.name}\``, "", p.description, "", "| | |", "| --- | --- |"];
  lines.push(`| Severity | ${p.severity ?? "—"} |`);
  lines.push(
    `| Kind | ${stack ? "stack policy (judges the resources of the stack together)" : "resource policy"}${remediates ? "; can `remediate`" : ""} |`,
  );
  const fw = p.framework;
  if (fw)
    lines.push(
      `| Framework | ${escape(fw.name ?? "")}${fw.version ? ` ${escape(fw.version)}` : ""}${fw.specification ? `: ${escape(fw.specification)}` : ""}${fw.reference ? ` ([source](${fw.reference}))` : ""} |`,
    );
  const other = (p.tags ?? []).filter((t) => !t.startsWith("group:"));
  if (other.length) lines.push(`| Tags | ${other.map((t) => `\`${t}\``).join(", ")} |`);
  for (const [preset, file] of presetList) {
    const { level, properties } = presetSetting(file, p.name);
    const props = Object.entries(properties)
      .map(([k, v]) => `\`${k}\`: ${code(v)}`)
      .join(", ");
    lines.push(`| Level in \`${preset}\` | ${level}${props ? ` (${props})` : ""} |`);
  }
  lines.push(`| Remediation | ${escape(p.remediationSteps ?? "—")} |`);
  if (p.url) lines.push(`| Documentation | <${p.url}> |`);
  type PropertySchema = { type?: string; default?: unknown; description?: string };
  const properties = Object.entries((p.configSchema?.properties ?? {}) as Record<string, PropertySchema>);
  if (properties.length) {
    lines.push(
      "",
      "Config properties (`guardrails:policies` in a stack file, or a policy config file):",
      "",
      "| Property | Type | Default | Description |",
      "| --- | --- | --- | --- |",
    );
    for (const [key, s] of properties)
      lines.push(
        `| \`${key}\` | ${s.type ?? "any"} | ${"default" in s ? code(s.default) : "—"} | ${escape(s.description ?? "")} |`,
      );
  }
  lines.push("");
  return lines;
}

/** The whole `docs/reference/policies.md`, from the policies' own metadata and the presets. */
export function policyReferenceDocument(): string {
  const presetList = presets();
  const known = new Set(GROUPS.map(([g]) => g));
  const groups = [
    ...GROUPS,
    ...[...new Set(policies.map(groupOf))]
      .filter((g) => !known.has(g))
      .map((g): [string, string, string] => [g, g, ""]),
  ];
  const out = [
    "# Policy reference",
    "",
    `Every policy of the \`${PACK_NAME}\` pack (${policies.length} policies), generated from each policy's own metadata`,
    "(`policy/policies/**`) and the enforcement presets (`policy/config/*.json`) by `npm run docs`; a test fails",
    "when this file and the code disagree. How a stack picks its levels and accepts findings:",
    "[guardrails and enforcement](../concepts/guardrails-and-enforcement.md). A stack that declares no policy config",
    "runs every policy `mandatory`.",
    "",
    "Every policy also takes the `accepted` property (findings a stack accepts on named resources, with a reason),",
    "which the pack adds; a stack sets it through `guardrails:accepted`, never by hand.",
    "",
    "| Group | Policies |",
    "| --- | --- |",
    ...groups.map(
      ([g, title]) =>
        `| [${title}](#${title
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, "")
          .replace(/ /g, "-")}) | ${policies
          .filter((p) => groupOf(p) === g)
          .map((p) => `\`${p.name}\``)
          .join(", ")} |`,
    ),
    "",
  ];
  for (const [g, title, about] of groups) {
    const members = policies.filter((p) => groupOf(p) === g);
    if (!members.length) continue;
    out.push(`## ${title}`, "", ...(about ? [about, ""] : []));
    for (const p of members) out.push(...policySection(p, presetList));
  }
  return out.join("\n");
}

if (require.main === module) {
  const next = policyReferenceDocument();
  const current = fs.existsSync(POLICY_REFERENCE_FILE) ? fs.readFileSync(POLICY_REFERENCE_FILE, "utf8") : "";
  fs.mkdirSync(path.dirname(POLICY_REFERENCE_FILE), { recursive: true });
  if (next !== current) fs.writeFileSync(POLICY_REFERENCE_FILE, next);
  console.log(next !== current ? "docs/reference/policies.md updated" : "docs/reference/policies.md up to date");
}
