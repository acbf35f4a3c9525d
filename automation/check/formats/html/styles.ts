/** The reports' CSS: system fonts only, nothing fetched. */
export const REPORT_STYLES = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa;
  --error: #cf222e; --warn: #9a6700; --ok: #1a7f37; --accent: #0969da; --crit: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; }
.verdict.pass { background: var(--ok); } .verdict.fail { background: var(--error); }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--soft); min-width: 110px; }
.card b { display: block; font-size: 20px; }
.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  padding: 8px 0; background: var(--bg); border-bottom: 1px solid var(--line); }
.filters label { display: flex; gap: 4px; align-items: center; }
.filters input[type=search] { min-width: 220px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 5px 6px; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
.level { font-weight: 600; } .level.mandatory { color: var(--error); } .level.advisory { color: var(--warn); } .level.accepted { color: var(--muted); }
.sev { text-transform: uppercase; font-size: 11px; letter-spacing: .03em; }
.message { white-space: pre-wrap; }
.fix { margin-top: 4px; color: var(--muted); }
.fix code { color: var(--fg); background: var(--soft); padding: 0 3px; }
.hidden { display: none !important; }
.empty { color: var(--muted); font-style: italic; }
.timeline { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.timeline svg { display: block; }
.timeline .bar { fill: #8ab4f8; } .timeline .bar.critical { fill: var(--crit); }
.timeline .milestone { fill: var(--ok); }
.timeline .label { font-size: 11px; fill: var(--fg); } .timeline .group { font-size: 12px; font-weight: 600; fill: var(--fg); }
.timeline .tick { stroke: var(--line); } .timeline .ticklabel { font-size: 10px; fill: var(--muted); }
.legend span { margin-right: 14px; } .legend i { display: inline-block; width: 12px; height: 10px; margin-right: 4px; }
`;
