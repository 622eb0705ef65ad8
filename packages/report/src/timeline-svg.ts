// SVG of a Timeline: a year axis, one bar per certificate grouped under headings, a solid line
// for today and a dashed one for the horizon. Bars beyond the plotted range (a root valid for 25
// years) are clipped and end in an arrow.
import { ellipsize, escapeXml } from './escape.js';
import { day, FONT, PALETTE } from './palette.js';
import type { Timeline, TimelineState } from './timeline.js';

const WIDTH = 820;
const LABEL_W = 250;
const PLOT_X = LABEL_W + 10;
const PLOT_W = WIDTH - PLOT_X - 70;
const ROW_H = 24;
const GROUP_H = 26;
const TOP = 46;
const YEAR_MS = 365.25 * 86_400_000;
/** The plot never spans more than this before and after today (roots run 25 years). */
const MAX_BEFORE_YEARS = 12;
const MAX_AFTER_YEARS = 20;

const STATE_COLOUR: Record<TimelineState, { stroke: string; fill: string }> = {
  'through-horizon': PALETTE.ok,
  'ends-before-horizon': PALETTE.warn,
  expired: PALETTE.fail,
  'not-yet-valid': PALETTE.neutral,
};

const STATE_TEXT: Record<TimelineState, string> = {
  'through-horizon': 'valid past the horizon',
  'ends-before-horizon': 'ends before the horizon',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
};

function range(t: Timeline): { start: number; end: number } {
  const at = Date.parse(t.at);
  const horizon = Date.parse(t.horizon);
  let start = Math.min(at, horizon) - YEAR_MS;
  let end = Math.max(at, horizon) + YEAR_MS;
  for (const r of t.rows) {
    start = Math.min(start, Date.parse(r.notBefore));
    end = Math.max(end, Date.parse(r.notAfter));
  }
  start = Math.max(start, at - MAX_BEFORE_YEARS * YEAR_MS);
  end = Math.min(end, Math.max(at, horizon) + MAX_AFTER_YEARS * YEAR_MS);
  // Whole years at both ends.
  const s = new Date(start);
  const e = new Date(end);
  return { start: Date.UTC(s.getUTCFullYear(), 0, 1), end: Date.UTC(e.getUTCFullYear() + 1, 0, 1) };
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y}" ${attrs}>${escapeXml(body)}</text>`;
}

/**
 * Renders a {@link Timeline} as a standalone `<svg>` element.
 * @example
 * ```ts
 * element.innerHTML = renderTimelineSvg(buildTimeline({ groups, at, horizon }));
 * ```
 */
export function renderTimelineSvg(timeline: Timeline): string {
  const { start, end } = range(timeline);
  const x = (ms: number) => PLOT_X + ((Math.min(Math.max(ms, start), end) - start) / (end - start)) * PLOT_W;
  const groups: string[] = [];
  for (const r of timeline.rows) if (!groups.includes(r.group)) groups.push(r.group);
  const height = TOP + groups.length * GROUP_H + timeline.rows.length * ROW_H + 40;
  const plotBottom = height - 34;
  const parts: string[] = [];
  // Year grid and labels (at most ~16 labels: every 1, 2 or 5 years).
  const firstYear = new Date(start).getUTCFullYear();
  const lastYear = new Date(end).getUTCFullYear();
  const span = lastYear - firstYear;
  const step = span <= 16 ? 1 : span <= 32 ? 2 : 5;
  for (let year = firstYear; year <= lastYear; year += step) {
    const gx = x(Date.UTC(year, 0, 1));
    parts.push(
      `<line x1="${gx.toFixed(1)}" y1="${TOP - 8}" x2="${gx.toFixed(1)}" y2="${plotBottom}" stroke="#d0d7de" stroke-width="1"/>`,
    );
    parts.push(
      text(gx, TOP - 14, String(year), `font-size="11" text-anchor="middle" fill="${PALETTE.muted}"`),
    );
  }
  let y = TOP;
  for (const group of groups) {
    parts.push(text(12, y + 17, group, `font-size="13" font-weight="700" fill="${PALETTE.ink}"`));
    y += GROUP_H;
    for (const r of timeline.rows.filter((row) => row.group === group)) {
      const from = Date.parse(r.notBefore);
      const to = Date.parse(r.notAfter);
      const c = STATE_COLOUR[r.state];
      const x1 = x(from);
      const x2 = Math.max(x(to), x1 + 2);
      parts.push(`<g class="bar" data-sha256="${r.sha256}">`);
      parts.push(
        `<title>${escapeXml(`${r.label}: ${day(r.notBefore)} → ${day(r.notAfter)}, ${STATE_TEXT[r.state]}`)}</title>`,
      );
      parts.push(text(24, y + 16, ellipsize(r.label, 34), `font-size="12" fill="${PALETTE.ink}"`));
      parts.push(
        `<rect x="${x1.toFixed(1)}" y="${y + 5}" width="${(x2 - x1).toFixed(1)}" height="${ROW_H - 10}" rx="3" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"/>`,
      );
      if (to > end)
        parts.push(
          `<path d="M${x2.toFixed(1)} ${y + 4} l8 ${(ROW_H - 8) / 2} l-8 ${(ROW_H - 8) / 2} Z" fill="${c.stroke}"/>`,
        );
      parts.push(
        text(
          Math.min(x2 + (to > end ? 12 : 4), WIDTH - 4),
          y + 16,
          day(r.notAfter),
          `font-size="11" fill="${c.stroke}"${x2 + 70 > WIDTH ? ' text-anchor="end"' : ''}`,
        ),
      );
      parts.push('</g>');
      y += ROW_H;
    }
  }
  const marker = (iso: string, colour: string, label: string, dashed: boolean, anchor: string) => {
    const mx = x(Date.parse(iso));
    parts.push(
      `<line x1="${mx.toFixed(1)}" y1="${TOP - 6}" x2="${mx.toFixed(1)}" y2="${plotBottom}" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    parts.push(
      text(
        mx,
        plotBottom + 16,
        `${label} ${day(iso)}`,
        `font-size="12" font-weight="700" fill="${colour}" text-anchor="${anchor}"`,
      ),
    );
  };
  marker(timeline.at, PALETTE.today, 'today', false, 'end');
  marker(timeline.horizon, PALETTE.horizon, 'horizon', true, 'start');
  const title = `Validity timeline: today ${day(timeline.at)}, horizon ${day(timeline.horizon)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="hubtrust-timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(title)}</title>`,
    ...parts,
    '</svg>',
  ].join('');
}
