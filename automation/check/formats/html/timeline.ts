import type { PlanReport } from "../../../plan/runPlan";
import { duration } from "../../../plan/runPlan";
import type { DeployPlan, PlannedStep } from "../../../plan/schedule";
import { xmlEscape as esc } from "../xml";
import { htmlPage } from "./page";

const LABEL = 340;
const CHART = 620;
const ROW = 20;
const TOP = 24;

type Row = { kind: "group"; text: string; ready?: number } | { kind: "step"; step: PlannedStep; critical: boolean };

function tickStep(total: number): number {
  for (const step of [10, 30, 60, 120, 300, 600, 900, 1800, 3600]) if (total / step <= 10) return step;
  return 7200;
}

const short = (text: string, max = 52) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The simulated first deploy as a Gantt chart in SVG: the critical path first (its bars marked
 * `critical`), then each app with the chain of creates it waits on and a milestone where it is
 * ready. Every label is escaped.
 */
export function timelineSvg(plan: DeployPlan): string {
  const critical = new Set(plan.criticalPath.map((s) => s.urn));
  const rows: Row[] = [
    { kind: "group", text: `Critical path: ${duration(plan.total)}` },
    ...plan.criticalPath.map((step): Row => ({ kind: "step", step, critical: true })),
  ];
  for (const app of plan.apps) {
    rows.push({ kind: "group", text: `${app.name} ready at ${duration(app.ready)}`, ready: app.ready });
    rows.push(...app.waitsOn.map((step): Row => ({ kind: "step", step, critical: critical.has(step.urn) })));
  }
  const total = Math.max(plan.total, 1);
  const x = (seconds: number) => LABEL + (seconds / total) * CHART;
  const height = TOP + rows.length * ROW + 8;
  const parts: string[] = [];
  const step = tickStep(total);
  for (let t = 0; t <= total; t += step) {
    parts.push(
      `<line class="tick" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP - 6}" y2="${height}"/>`,
      `<text class="ticklabel" x="${x(t).toFixed(1)}" y="${TOP - 10}" text-anchor="middle">${esc(duration(t))}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    if (row.kind === "group") {
      parts.push(
        `<text class="group" x="4" y="${y + 14}">${esc(short(row.text, 56))}<title>${esc(row.text)}</title></text>`,
      );
      if (row.ready !== undefined) {
        const mx = x(row.ready).toFixed(1);
        parts.push(
          `<path class="milestone" data-ready="${row.ready}" d="M${mx},${y + 3} l7,7 l-7,7 l-7,-7 z"><title>${esc(row.text)}</title></path>`,
        );
      }
      return;
    }
    const s = row.step;
    const what = `${s.type} ${s.name}`;
    const width = Math.max((s.seconds / total) * CHART, 2).toFixed(1);
    parts.push(
      `<text class="label" x="14" y="${y + 14}">${esc(short(what))}<title>${esc(what)}</title></text>`,
      `<rect class="bar${row.critical ? " critical" : ""}" data-urn="${esc(s.urn)}" x="${x(s.start).toFixed(1)}" y="${y + 4}" width="${width}" height="${ROW - 8}" rx="2"><title>${esc(`${what}: ${duration(s.start)} → ${duration(s.finish)} (${duration(s.seconds)})`)}</title></rect>`,
    );
  });
  return [
    `<div class="timeline"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Deploy timeline" width="${LABEL + CHART + 20}" height="${height}" viewBox="0 0 ${LABEL + CHART + 20} ${height}">`,
    ...parts,
    "</svg></div>",
    `<p class="legend muted"><span><i style="background:#cf222e"></i>critical path</span><span><i style="background:#8ab4f8"></i>other create</span><span><i style="background:#1a7f37"></i>app ready</span></p>`,
  ].join("\n");
}

/** The deploy plan section of a report: the estimate, then the timeline. */
export function planSection(plan: PlanReport): string {
  return [
    `<p>First deploy of <b>${esc(plan.stack)}</b>: <b>${esc(duration(plan.total))}</b> (${plan.resources} resources; create times: ${esc(plan.times)}); ${plan.apps.length} app(s).</p>`,
    timelineSvg(plan),
  ].join("\n");
}

/** `platform plan --format html`: the timeline alone, as one self-contained page. */
export function formatPlanHtml(plan: PlanReport): string {
  return htmlPage(`Deploy plan: ${plan.stack}`, `<h1>Deploy plan: ${esc(plan.stack)}</h1>\n${planSection(plan)}`);
}
