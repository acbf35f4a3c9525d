/** One point of the scaling series. */
export interface ScalingPoint {
  apps: number;
  resources: number;
  wallMs: number;
  peakRssMb: number;
}

function panel(
  points: ScalingPoint[],
  pick: (p: ScalingPoint) => number,
  title: string,
  unit: string,
  x0: number,
): string {
  const w = 360,
    h = 220,
    left = 56,
    bottom = 36,
    top = 28;
  const maxX = Math.max(...points.map((p) => p.apps));
  const maxY = Math.max(...points.map(pick)) * 1.15;
  const sx = (v: number) => x0 + left + (v / maxX) * (w - left - 16);
  const sy = (v: number) => top + (1 - v / maxY) * (h - top - bottom);
  const line = points.map((p) => `${sx(p.apps).toFixed(1)},${sy(pick(p)).toFixed(1)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = maxY * f;
      return (
        `<line x1="${x0 + left}" x2="${x0 + w - 16}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="#e5e5e5"/>` +
        `<text x="${x0 + left - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end" font-size="10">${Math.round(v)}</text>`
      );
    })
    .join("");
  const dots = points
    .map(
      (p) =>
        `<circle cx="${sx(p.apps).toFixed(1)}" cy="${sy(pick(p)).toFixed(1)}" r="3.5" fill="#1f6feb"/>` +
        `<text x="${sx(p.apps).toFixed(1)}" y="${(h - bottom + 14).toFixed(1)}" text-anchor="middle" font-size="10">${p.apps}</text>`,
    )
    .join("");
  return (
    `<text x="${x0 + w / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${title}</text>${ticks}` +
    `<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${line}"/>${dots}` +
    `<text x="${x0 + w / 2}" y="${h - 4}" text-anchor="middle" font-size="11">apps on the stack</text>` +
    `<text x="${x0 + 12}" y="${h / 2}" font-size="11" transform="rotate(-90 ${x0 + 12} ${h / 2})" text-anchor="middle">${unit}</text>`
  );
}

/** An SVG with wall time and peak RSS of `check` against the number of apps. */
export function scalingChart(points: ScalingPoint[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="220" font-family="sans-serif">` +
    `<rect width="720" height="220" fill="white"/>` +
    panel(points, (p) => p.wallMs, "check: wall time (median)", "ms", 0) +
    panel(points, (p) => p.peakRssMb, "check: peak RSS (median)", "MB", 360) +
    `</svg>\n`
  );
}
