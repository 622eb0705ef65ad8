// Readiness (@hubtrust/roots' report, schema v1) as sections of the HTML report: one SVG band per
// endpoint family over the range (green verifies, red fails, grey: the profile makes no claim),
// year ticks, then the first failure of each endpoint and the roots to add with their cost in
// bytes. Shared by `bundle check --html` and the demo's report. Self-contained: no script, no
// external font or image, readable printed (every colour also has its word in the table).

import { escapeXml, type ReportSection } from '@hubtrust/report';
import type { ReadinessReport } from '@hubtrust/roots';

const COLOUR = { verifies: '#1a7f37', fails: '#cf222e', unknown: '#8c959f' } as const;
const LABEL_W = 190;
const PLOT_W = 620;
const ROW_H = 22;

const day = (iso: string) => iso.slice(0, 10);

/** The timelines of every endpoint as one SVG. */
export function readinessSvg(r: ReadinessReport): string {
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
      `<text x="${at.toFixed(1)}" y="11" font-size="10" text-anchor="middle" fill="#57606a">${y}</text>`,
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
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="readiness timeline" viewBox="0 0 ${LABEL_W + PLOT_W + 10} ${height}" width="100%">${parts.join('')}</svg>`;
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
 * One report section per readiness report: the timeline SVG, the first failures, the change.
 * @example sections.push(...readinessSections(analyzeReadiness(options)))
 */
export function readinessSections(r: ReadinessReport, heading?: string): ReportSection[] {
  return [
    {
      heading: heading ?? `Readiness of ${r.bundle.file} as ${r.device.profile}`,
      subtitle: `${day(r.range.from)} → ${day(r.range.to)}; green verifies, red fails, grey: the cloud profile makes no claim`,
      html: `<figure>${readinessSvg(r)}</figure>\n${findingsHtml(r)}`,
    },
  ];
}
