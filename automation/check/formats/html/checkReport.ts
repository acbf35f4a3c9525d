import type { Finding } from "../../../core/findings";
import type { PlanReport } from "../../../plan/runPlan";
import { reportExitCode } from "../../buildReport";
import { levelCounts } from "../../formatReport";
import type { CheckReport } from "../../report";
import type { PolicyInfo } from "../policyCatalog";
import { reportSubjects, ReportSubjects } from "../subjects";
import { xmlEscape as esc } from "../xml";
import { FILTER_SCRIPT } from "./filterScript";
import { htmlPage } from "./page";
import { planSection } from "./timeline";

/** Options of {@link formatHtmlReport}. */
export interface HtmlReportOptions {
  /** Metadata of the pack's policies, by name. */
  policies: ReadonlyMap<string, PolicyInfo>;
  /** The simulated first deploy, shown as a timeline. @default no timeline */
  plan?: PlanReport;
}

type Row = Finding & { shownLevel: "mandatory" | "advisory" | "accepted"; reason?: string };

const CATEGORIES = [
  ["security", "Security"],
  ["readiness", "Readiness: will it work once deployed"],
] as const;

function groupKey(subjects: ReportSubjects, f: Finding): string {
  if (!f.urn) return "(the stack)";
  const ns = subjects.namespaceOf(f.urn);
  const app = subjects.appOf(f.urn);
  if (ns && app) return `namespace ${ns} / app ${app}`;
  if (app) return `app ${app}`;
  if (ns) return `namespace ${ns}`;
  return "(no namespace or app)";
}

function findingRow(r: Row, report: CheckReport, subjects: ReportSubjects, info: PolicyInfo | undefined): string {
  const source = r.urn ? subjects.sourceOf(r.urn) : undefined;
  const where = source ? `<div class="mono muted">${esc(`${source.uri}:${source.line}`)}</div>` : "";
  const subject = r.urn ? `${esc(r.type)}<br><b>${esc(r.name)}</b>` : `<i>stack ${esc(report.stack)}</i>`;
  const fixes = [
    ...(r.configKey
      ? [
          `<div class="fix">Fix in <code>Pulumi.${esc(report.stack)}.yaml</code>: set <code>${esc(r.configKey)}</code></div>`,
        ]
      : []),
    ...(info?.remediationSteps ? [`<div class="fix">Remediation: ${esc(info.remediationSteps)}</div>`] : []),
    ...(r.reason ? [`<div class="fix">Accepted: ${esc(r.reason)}</div>`] : []),
  ];
  return [
    `<tr class="finding" data-category="${esc(r.category)}" data-level="${r.shownLevel}" data-policy="${esc(r.policy)}">`,
    `<td><span class="level ${r.shownLevel}">${r.shownLevel}</span><br><span class="sev">${esc(r.severity)}</span></td>`,
    `<td class="mono">${info?.url ? `<a href="${esc(info.url)}">${esc(r.policy)}</a>` : esc(r.policy)}</td>`,
    `<td>${subject}${where}</td>`,
    `<td><div class="message">${esc(r.message)}</div>${fixes.join("")}</td>`,
    "</tr>",
  ].join("");
}

function groupTable(title: string, rows: string[]): string {
  return [
    `<div class="findings-group"><h3>${esc(title)} <span class="muted">(${rows.length})</span></h3>`,
    "<table><thead><tr><th>Level</th><th>Policy</th><th>Resource</th><th>Finding</th></tr></thead><tbody>",
    ...rows,
    "</tbody></table></div>",
  ].join("\n");
}

function grouped(rows: Row[], key: (r: Row) => string, render: (r: Row) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const k = key(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(render(r));
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, html]) => groupTable(k, html));
}

function simpleTable(headers: string[], rows: string[][]): string {
  if (!rows.length) return '<p class="empty">None.</p>';
  return [
    `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>`,
    ...rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`),
    "</tbody></table>",
  ].join("\n");
}

function option(value: string, label = value): string {
  return `<option value="${esc(value)}">${esc(label)}</option>`;
}

/**
 * The report as one self-contained HTML page: the summary; findings by namespace and app or by
 * policy (security apart from readiness), each with its remediation and the config key to set,
 * filtered in the page by category, level, policy and text; schema errors, duplicates, resources
 * not inspected and values not judged; and the deploy plan as a timeline. Every string from the
 * report is escaped.
 */
export function formatHtmlReport(report: CheckReport, opts: HtmlReportOptions): string {
  const subjects = reportSubjects(report);
  const s = report.summary;
  const pass = reportExitCode(report) === 0;
  const rows: Row[] = [
    ...report.violations.map((v): Row => ({ ...v, shownLevel: v.level })),
    ...report.accepted.map((a): Row => ({ ...a, shownLevel: "accepted" })),
  ];
  const render = (r: Row) => findingRow(r, report, subjects, opts.policies.get(r.policy));
  const sections = CATEGORIES.map(([category, title]) => {
    const own = rows.filter((r) => r.category === category);
    return [
      `<section class="category-section" id="${category}" data-category="${category}">`,
      `<h2>${esc(title)} <span class="muted">(${own.length})</span></h2>`,
      `<p class="empty none-shown">No ${category} findings${own.length ? " match the filters" : ""}.</p>`,
      `<div class="grouping" data-grouping="app">`,
      ...grouped(own, (r) => groupKey(subjects, r), render),
      "</div>",
      `<div class="grouping hidden" data-grouping="policy">`,
      ...grouped(own, (r) => r.policy, render),
      "</div>",
      "</section>",
    ].join("\n");
  });
  const policies = [...new Set(rows.map((r) => r.policy))].sort();
  const card = (label: string, n: number | string) => `<div class="card"><b>${esc(String(n))}</b>${esc(label)}</div>`;
  const resourceCell = (r: { type: string; name: string; urn: string }) => {
    const source = r.urn ? subjects.sourceOf(r.urn) : undefined;
    return `${esc(r.type)} <b>${esc(r.name)}</b>${source ? `<div class="mono muted">${esc(`${source.uri}:${source.line}`)}</div>` : ""}`;
  };

  const body = [
    `<header><h1>platform check: ${esc(report.stack)} <span class="verdict ${pass ? "pass" : "fail"}">${pass ? "PASS" : "FAIL"}</span></h1>`,
    `<p class="muted">Enforcement: ${esc(report.enforcement.source)} (${esc(levelCounts(report.enforcement))})</p></header>`,
    `<div class="cards" id="summary">`,
    card("resources", s.resources),
    card("mandatory", s.mandatory),
    card("advisory", s.advisory),
    card("accepted", s.accepted),
    card("schema errors", s.schemaErrors),
    card("duplicates", s.duplicates),
    card("not inspected", s.notInspected),
    card("not judged", s.unknowns),
    "</div>",
    `<nav class="muted">Sections: <a href="#security">security</a> · <a href="#readiness">readiness</a> · <a href="#schemas">schemas</a> · <a href="#duplicates">duplicates</a> · <a href="#not-inspected">not inspected</a> · <a href="#unknowns">not judged</a>${opts.plan ? ' · <a href="#plan">deploy plan</a>' : ""}</nav>`,
    `<form class="filters" id="filters" onsubmit="return false">`,
    `<label>Group by <select id="f-group">${option("app", "namespace / app")}${option("policy")}</select></label>`,
    `<label>Category <select id="f-category">${option("", "all")}${option("security")}${option("readiness")}</select></label>`,
    `<label>Level <select id="f-level">${option("", "all")}${option("mandatory")}${option("advisory")}${option("accepted")}</select></label>`,
    `<label>Policy <select id="f-policy">${option("", "all")}${policies.map((p) => option(p)).join("")}</select></label>`,
    `<label>Search <input type="search" id="f-text" placeholder="resource, message, key…"></label>`,
    `<span class="muted" id="f-count"></span>`,
    "</form>",
    ...sections,
    `<section id="schemas"><h2>Kubernetes schema errors <span class="muted">(${report.schemaErrors.length})</span></h2>`,
    simpleTable(
      ["Resource", "Error"],
      report.schemaErrors.map((e) => [resourceCell(e), `<span class="message">${esc(e.message)}</span>`]),
    ),
    report.notValidated.length
      ? `<h3>Not validated: no schema known (${report.notValidated.length})</h3>${simpleTable(
          ["Resource", "Why"],
          report.notValidated.map((n) => [resourceCell(n), esc(n.reason)]),
        )}`
      : "",
    "</section>",
    `<section id="duplicates"><h2>Duplicate identities <span class="muted">(${report.duplicates.length})</span></h2>`,
    simpleTable(
      ["Identity", "Resources", "Why"],
      report.duplicates.map((d) => [
        esc(d.identity),
        d.urns.map((u) => `<div class="mono">${esc(u)}</div>`).join(""),
        esc(d.message),
      ]),
    ),
    "</section>",
    `<section id="not-inspected"><h2>Not inspected <span class="muted">(${report.notInspected.length}, ${s.notInspected} not accepted)</span></h2>`,
    simpleTable(
      ["Resource", "Why not", "Accepted"],
      report.notInspected.map((n) => [
        resourceCell(n),
        esc(n.reason),
        n.accepted
          ? `yes: ${esc(n.acceptedBecause ?? "")}`
          : "<b>no</b>: add it to guardrails:accepted with notInspected: true and a reason, or let check see its objects",
      ]),
    ),
    "</section>",
    `<section id="unknowns"><h2>Not judged: values unknown in a preview <span class="muted">(${report.unknowns.length}, ${s.unknowns} failing the run)</span></h2>`,
    simpleTable(
      ["Policy", "Resource", "Unknown value", "Accepted"],
      report.unknowns.map((u) => [
        `<span class="mono">${esc(u.policy)}</span> <span class="level ${u.level}">${u.level}</span>`,
        u.urn ? resourceCell(u) : "<i>stack</i>",
        esc(u.reason),
        u.accepted ? "yes" : "no",
      ]),
    ),
    "</section>",
    ...(report.unusedAcceptances.length
      ? [
          `<section id="unused"><h2>Acceptances that matched nothing (${report.unusedAcceptances.length})</h2>`,
          simpleTable(
            ["Name", "Policies"],
            report.unusedAcceptances.map((u) => [esc(u.name), esc(u.policies.join(", "))]),
          ),
          "</section>",
        ]
      : []),
    ...(opts.plan
      ? [`<section id="plan"><h2>Deploy plan: the first up</h2>`, planSection(opts.plan), "</section>"]
      : []),
  ].join("\n");
  return htmlPage(`platform check: ${report.stack}`, body, FILTER_SCRIPT);
}
