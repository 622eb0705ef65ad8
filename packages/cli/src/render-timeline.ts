// A @hubtrust/report Timeline as terminal text: one bar per certificate over whole years, `|`
// for today and `¦` for the horizon, the end date after each bar.
import type { Timeline, TimelineState } from '@hubtrust/report';
import type { Styles } from './io.js';

const YEAR_MS = 365.25 * 86_400_000;

function paint(state: TimelineState, s: Styles, text: string): string {
  if (state === 'expired') return s.red(text);
  if (state === 'ends-before-horizon') return s.yellow(text);
  if (state === 'not-yet-valid') return s.dim(text);
  return s.green(text);
}

/**
 * Renders `timeline` in `width` columns of plot (years from `today - before` to `horizon + after`).
 * @example process.stdout.write(timelineText(timeline, pc, 48))
 */
export function timelineText(timeline: Timeline, s: Styles, width = 48): string {
  const at = Date.parse(timeline.at);
  const horizon = Date.parse(timeline.horizon);
  const start = Date.UTC(new Date(at - 10 * YEAR_MS).getUTCFullYear(), 0, 1);
  const end = Date.UTC(new Date(Math.max(at, horizon) + 5 * YEAR_MS).getUTCFullYear() + 1, 0, 1);
  const col = (ms: number) =>
    Math.round(((Math.min(Math.max(ms, start), end) - start) / (end - start)) * (width - 1));
  const labelWidth = Math.min(40, Math.max(12, ...timeline.rows.map((r) => r.label.length)));
  const axis = Array.from({ length: width }, () => ' ');
  const years: [number, string][] = [];
  for (let y = new Date(start).getUTCFullYear(); y <= new Date(end).getUTCFullYear(); y += 5)
    years.push([col(Date.UTC(y, 0, 1)), String(y)]);
  const lines: string[] = [];
  let header = ' '.repeat(labelWidth + 2);
  let pos = 0;
  for (const [c, year] of years) {
    if (c < pos) continue;
    header += ' '.repeat(c - pos) + year;
    pos = c + year.length;
  }
  lines.push(s.dim(header));
  let group = '';
  for (const r of timeline.rows) {
    if (r.group !== group) {
      group = r.group;
      lines.push(s.bold(group));
    }
    const bar = [...axis];
    const from = col(Date.parse(r.notBefore));
    const to = col(Date.parse(r.notAfter));
    for (let i = from; i <= to; i++) bar[i] = '█';
    if (Date.parse(r.notAfter) > end) bar[width - 1] = '→';
    const today = col(at);
    const h = col(horizon);
    bar[today] = bar[today] === '█' ? '┃' : '|';
    bar[h] = bar[h] === '█' ? '╏' : '¦';
    const label =
      r.label.length > labelWidth ? `${r.label.slice(0, labelWidth - 1)}…` : r.label.padEnd(labelWidth);
    lines.push(`  ${label}${paint(r.state, s, bar.join(''))} ${r.notAfter.slice(0, 10)}`);
  }
  lines.push(s.dim(`  | today ${timeline.at.slice(0, 10)}   ¦ horizon ${timeline.horizon.slice(0, 10)}`));
  return `${lines.join('\n')}\n`;
}
