import { reportExitCode } from "./buildReport";
import type { CheckReport, Enforcement } from "./report";

/** `37 mandatory, 6 advisory`: how many policies ran at each level. */
export function levelCounts(enforcement: Enforcement): string {
  const counts = new Map<string, number>();
  for (const level of Object.values(enforcement.levels)) counts.set(level, (counts.get(level) ?? 0) + 1);
  return ["mandatory", "remediate", "advisory", "disabled"]
    .filter((l) => counts.has(l))
    .map((l) => `${counts.get(l)} ${l}`)
    .join(", ");
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
  const readiness = report.violations.filter((v) => v.category === "readiness");
  const sections = [
    ["Mandatory violations", report.violations.filter((v) => v.category !== "readiness" && v.level === "mandatory")],
    ["Advisory violations", report.violations.filter((v) => v.category !== "readiness" && v.level === "advisory")],
    ...(readiness.length
      ? ([
          ["Will not work once deployed, mandatory", readiness.filter((v) => v.level === "mandatory")],
          ["Will not work once deployed, advisory", readiness.filter((v) => v.level === "advisory")],
        ] as const)
      : []),
  ] as const;
  for (const [title, found] of sections) {
    lines.push("", `${title} (${found.length})`);
    for (const v of found) {
      const subject = v.urn ? `${v.type} ${v.name}` : "(stack)";
      lines.push(`  [${v.severity}] ${v.policy}: ${subject}`, `      ${v.message.replace(/\n/g, "\n      ")}`);
      if (v.configKey) lines.push(`      fix in the stack file: set ${v.configKey}`);
    }
  }
  if (report.accepted.length) {
    lines.push("", `Accepted by the stack (${report.accepted.length})`);
    for (const name of [...new Set(report.accepted.map((a) => a.name))]) {
      const own = report.accepted.filter((a) => a.name === name);
      lines.push(
        `  ${own[0].type} ${name}`,
        ...own.map((a) => `      ${a.policy}: ${a.message}`),
        `      accepted: ${own[0].reason}`,
      );
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
    for (const n of report.notInspected)
      lines.push(
        `  ${n.type} ${n.name}`,
        `      ${n.reason}`,
        `      ${n.accepted ? `accepted: ${n.acceptedBecause}` : "not accepted: add it to guardrails:accepted with notInspected: true and a reason, or let check see its objects"}`,
      );
  }
  if (report.unknowns.length) {
    lines.push(
      "",
      `Not judged: values unknown in this preview (${report.unknowns.length}, ${report.summary.unknowns} failing the run)`,
    );
    for (const u of report.unknowns)
      lines.push(
        `  [${u.level}] ${u.policy}: ${u.type || "(stack)"} ${u.name}`,
        `      ${u.reason}${u.accepted ? " (accepted)" : ""}`,
      );
  }
  if (report.unusedAcceptances.length) {
    lines.push("", `Acceptances that matched nothing (${report.unusedAcceptances.length})`);
    for (const u of report.unusedAcceptances) lines.push(`  ${u.name}`);
  }
  lines.push("", `Duplicate identities (${report.duplicates.length})`);
  for (const d of report.duplicates) lines.push(`  ${d.identity}`, ...d.urns.map((u) => `      ${u}`));
  const s = report.summary;
  const verdict = reportExitCode(report) === 0 ? "PASS" : "FAIL";
  const extra = [
    s.accepted ? `${s.accepted} accepted` : "",
    s.notInspected ? `${s.notInspected} not inspected` : "",
    s.unknowns ? `${s.unknowns} not judged` : "",
  ]
    .filter(Boolean)
    .map((t) => `, ${t}`)
    .join("");
  lines.push(
    "",
    `${verdict}: ${plural(s.resources, "resource")}, ${s.mandatory} mandatory, ${s.advisory} advisory${extra}, ${plural(s.schemaErrors, "schema error")}, ${plural(s.duplicates, "duplicate identity", "duplicate identities")}`,
  );
  return lines.join("\n");
}
