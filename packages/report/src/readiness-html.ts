// Readiness over time (@hubtrust/roots' `analyzeReadiness` report, its schema v1) as a section of
// the HTML report: one SVG band per endpoint family over the report's range (green verifies, red
// fails, grey: the cloud profile makes no claim; each stretch carries its period and first failure
// as a tooltip), year ticks, then the first failure of each endpoint and the recommended change
// with its bytes per format. Used by `hubtrust bundle check --html` and the demo's report.
// Self-contained and readable printed: every colour also has its words in the tables.
import type { ReadinessReport } from '@hubtrust/roots';
import { escapeXml } from './escape.js';
import { day, FONT, PALETTE } from './palette.js';
import type { ReportSection } from './report-html.js';

const COLOUR = { verifies: PALETTE.ok.stroke, fails: PALETTE.fail.stroke, unknown: '#8c959f' } as const;
const LABEL_W = 190;
const PLOT_W = 620;
const ROW_H = 22;

/** Options of the readiness SVG. */
export interface ReadinessSvgOptions {
  /** Marks this instant ("today", the report's generation time) when it lies inside the range. */
  today?: Date;
}

/** `options.today` as ISO 8601 when it lies inside the report's range. */
function todayInRange(r: ReadinessReport, options: ReadinessSvgOptions): string | undefined {
  const t = options.today?.getTime();
  if (t === undefined || t < Date.parse(r.range.from) || t > Date.parse(r.range.to)) return undefined;
  return new Date(t).toISOString();
}

/**
 * The timelines of every endpoint of a readiness report as one SVG.
 * @example writeFileSync('readiness.svg', renderReadinessSvg(analyzeReadiness(options), { today: new Date() }))
 */
export function renderReadinessSvg(r: ReadinessReport, options: ReadinessSvgOptions = {}): string {
  const from = Date.parse(r.range.from);
  const to = Date.parse(r.range.to);
  const x = (iso: string) => LABEL_W + ((Date.parse(iso) - from) / (to - from)) * PLOT_W;
  const height = 24 + r.endpoints.length * ROW_H;
  const parts: string[] = [];
  const firstYear = new Date(from).getUTCFullYear() + 1;
  const lastYear = new Date(to).getUTCFullYear();
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 12));
  for (let y = firstYear; y <= lastYear; y += step) {
    const at = x(`${y}-01-01T00:00:00Z`);
    parts.push(
      `<line x1="${at.toFixed(1)}" y1="14" x2="${at.toFixed(1)}" y2="${height}" stroke="#d0d7de"/>`,
      `<text x="${at.toFixed(1)}" y="11" font-size="10" text-anchor="middle" fill="${PALETTE.muted}">${y}</text>`,
    );
  }
  r.endpoints.forEach((e, row) => {
    const top = 18 + row * ROW_H;
    parts.push(`<text x="0" y="${top + 13}" font-size="11" fill="#24292f">${escapeXml(e.family)}</text>`);
    for (const i of e.timeline) {
      const left = x(i.from);
      const width = Math.max(0.5, x(i.to) - left);
      const title = `${day(i.from)} → ${day(i.to)} ${i.status}${i.period ? ` [${i.period}]` : ''}${i.failures[0] ? `: ${i.failures[0].code} ${i.failures[0].reason}` : ''}`;
      parts.push(
        `<rect x="${left.toFixed(1)}" y="${top}" width="${width.toFixed(1)}" height="${ROW_H - 6}" fill="${COLOUR[i.status]}"><title>${escapeXml(title)}</title></rect>`,
      );
    }
  });
  const today = todayInRange(r, options);
  if (today) {
    const at = x(today).toFixed(1);
    parts.push(
      `<line x1="${at}" y1="14" x2="${at}" y2="${height}" stroke="${PALETTE.today}" stroke-width="2"><title>today ${day(today)}</title></line>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="readiness timeline" font-family="${escapeXml(FONT)}" viewBox="0 0 ${LABEL_W + PLOT_W + 10} ${height}" width="100%">${parts.join('')}</svg>`;
}

/** The endpoints' first failures and the recommended change, as HTML tables. */
function findingsHtml(r: ReadinessReport): string {
  const rows = r.endpoints.map((e) => {
    const fail = e.timeline.find((i) => i.status === 'fails');
    const why = fail?.failures[0];
    return `<tr><td>${escapeXml(e.family)}${e.deprecated ? ' (deprecated)' : ''}</td><td>${fail ? `<strong style="color:${COLOUR.fails}">fails from ${day(fail.from)}</strong>` : `<span style="color:${COLOUR.verifies}">verifies throughout</span>`}</td><td>${why ? escapeXml(`${why.code}${why.certificate ? ` (${why.certificate})` : ''}: ${why.reason}`) : ''}</td></tr>`;
  });
  const rec = r.recommendation;
  const changes = [
    ...rec.add.map((a) => `add <strong>${escapeXml(a.slug)}</strong> (until ${day(a.notAfter)})`),
    ...rec.remove.map((x) => `remove ${escapeXml(x.slug ?? x.subject)} (${x.reason})`),
    ...rec.uncovered.map((u) => `not fixable by roots: ${escapeXml(`${u.family} ${u.code} ${u.reason}`)}`),
  ];
  const sizes = rec.sizes.map(
    (s) =>
      `<tr><td>${s.format}</td><td>${s.before}</td><td>${s.after}</td><td>${s.grows >= 0 ? '+' : ''}${s.grows}</td></tr>`,
  );
  return [
    `<table><thead><tr><th>endpoint</th><th>verdict</th><th>why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    `<p>To keep every endpoint verifying until ${day(rec.until)}: ${changes.length ? changes.join('; ') : 'nothing to change'}.</p>`,
    `<table><thead><tr><th>format</th><th>bytes before</th><th>after</th><th>grows</th></tr></thead><tbody>${sizes.join('')}</tbody></table>`,
  ].join('\n');
}

/**
 * A report section for a readiness report: the timeline SVG, each endpoint's first failure, and
 * the recommended change with its bytes per format.
 * @param heading - default `Readiness of <bundle file> as <device profile>`
 * @example sections.push(readinessSection(analyzeReadiness(options)))
 */
export function readinessSection(
  r: ReadinessReport,
  heading?: string,
  options: ReadinessSvgOptions = {},
): ReportSection {
  const today = todayInRange(r, options) ? '; the blue line is today' : '';
  return {
    heading: heading ?? `Readiness of ${r.bundle.file} as ${r.device.profile}`,
    subtitle: `${day(r.range.from)} → ${day(r.range.to)}; green verifies, red fails, grey: the cloud profile makes no claim${today}`,
    html: `<figure>${renderReadinessSvg(r, options)}</figure>\n${findingsHtml(r)}`,
  };
}
