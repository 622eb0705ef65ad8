// A readiness report (@hubtrust/roots' analyzeReadiness, schema v1) as HTML for the page: the
// endpoints that stop verifying and when, in words (endpoint names, root names), the timeline SVG
// of the CLI's HTML report (@hubtrust/report's renderReadinessSvg), the roots to add and remove
// with their cost in bytes, each endpoint's intervals as a table (the words behind every colour,
// for screen readers and black-and-white print), and the CLI's text rendering.
import { escapeXml, renderReadinessSvg } from '@hubtrust/report';
import {
  type ReadinessReport,
  type ReportEndpoint,
  type ReportInterval,
  renderReadinessText,
} from '@hubtrust/roots';

const day = (iso: string) => iso.slice(0, 10);

/** `DigiCert Global Root G2` from `CN=DigiCert Global Root G2,OU=…`; the whole name without a CN. */
function commonName(subject: string): string {
  return /(?:^|,)CN=((?:\\.|[^,])+)/.exec(subject)?.[1]?.replace(/\\(.)/g, '$1') ?? subject;
}

const STATUS_TEXT: Readonly<Record<ReportInterval['status'], string>> = {
  verifies: 'verifies',
  fails: 'FAILS',
  unknown: 'no claim',
};

function reasonOf(i: ReportInterval): string {
  const f = i.failures[0];
  return f ? `${f.code}${f.certificate ? ` (${f.certificate})` : ''} — ${f.reason}` : '';
}

function periodText(i: ReportInterval): string {
  if (!i.period) return 'the cloud profile makes no claim';
  const tags = [
    i.transition ? 'migration window' : '',
    i.profileEvidence === 'inferred' ? 'profile inferred' : '',
    i.approximate ? 'dates approximate' : '',
  ].filter(Boolean);
  return `${i.period}${tags.length ? ` (${tags.join(', ')})` : ''}`;
}

function summaryItem(e: ReportEndpoint): string {
  const fail = e.timeline.find((i) => i.status === 'fails');
  const head = `<strong>${escapeXml(e.name)}</strong>`;
  const deprecated = e.deprecated ? ` <em>Deprecated: ${escapeXml(e.deprecated)}</em>` : '';
  if (!fail)
    return `<li class="endpoint ok" data-family="${escapeXml(e.family)}">${head}: verifies throughout${deprecated}</li>`;
  const window = fail.transition ? `, in the ${escapeXml(fail.period ?? '')} migration window` : '';
  return `<li class="endpoint fail" data-family="${escapeXml(e.family)}">${head}: <strong>fails from ${day(fail.from)}</strong>${window} — ${escapeXml(reasonOf(fail))}${deprecated}</li>`;
}

function changesHtml(r: ReadinessReport, names: ReadonlyMap<string, string>): string {
  const rec = r.recommendation;
  const items = [
    ...rec.add.map(
      (a) =>
        `<li class="add">Add <strong>${escapeXml(commonName(a.subject))}</strong> (<code>${escapeXml(a.slug)}</code>, valid until ${day(a.notAfter)}) for ${escapeXml(a.families.map((f) => names.get(f) ?? f).join(', '))}</li>`,
    ),
    ...rec.remove.map(
      (x) =>
        `<li class="remove">Remove ${escapeXml(x.slug ?? commonName(x.subject))} (${x.reason}: ${escapeXml(x.note)})</li>`,
    ),
    ...rec.uncovered.map(
      (u) =>
        `<li class="uncovered">Not fixable by roots: ${escapeXml(`${names.get(u.family) ?? u.family} from ${day(u.from)}: ${u.code} ${u.reason}`)}</li>`,
    ),
  ];
  const sizes = rec.sizes.map(
    (s) =>
      `<tr><th scope="row">${s.format}</th><td>${s.before}</td><td>${s.after}</td><td>${s.grows >= 0 ? '+' : ''}${s.grows}</td></tr>`,
  );
  return [
    `<h3>To keep every endpoint verifying until ${day(rec.until)}</h3>`,
    `<ul class="changes">${items.length ? items.join('') : '<li>Change nothing: the bundle is enough.</li>'}</ul>`,
    rec.sizeNote ? `<p>${escapeXml(rec.sizeNote)}</p>` : '',
    `<table class="sizes"><caption>Bundle size per format, bytes</caption><thead><tr><th scope="col">format</th><th scope="col">now</th><th scope="col">after the change</th><th scope="col">grows</th></tr></thead><tbody>${sizes.join('')}</tbody></table>`,
  ].join('');
}

function intervalsHtml(e: ReportEndpoint): string {
  const rows = e.timeline.map(
    (i) =>
      `<tr class="${i.status}"><td>${day(i.from)}</td><td>${day(i.to)}</td><td>${STATUS_TEXT[i.status]}</td><td>${escapeXml(periodText(i))}</td><td>${i.status === 'fails' ? escapeXml(i.failures.map((f) => `${f.code}${f.certificate ? ` (${f.certificate})` : ''}: ${f.reason}`).join('; ')) : escapeXml(i.anchors.join(', '))}</td></tr>`,
  );
  return `<details class="intervals"><summary>${escapeXml(e.name)}: every interval</summary><table><thead><tr><th scope="col">from</th><th scope="col">to</th><th scope="col">verdict</th><th scope="col">cloud profile period</th><th scope="col">why / trusted via</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

/**
 * The readiness report as an HTML section body (no heading).
 * @example section.innerHTML = renderReadinessHtml(analyzeReadiness(options))
 */
export function renderReadinessHtml(r: ReadinessReport): string {
  const names = new Map(r.endpoints.map((e) => [e.family, e.name]));
  const failing = r.endpoints
    .filter((e) => e.firstFailure !== undefined)
    .sort((a, b) => Date.parse(a.firstFailure as string) - Date.parse(b.firstFailure as string));
  const roots = `${r.bundle.file} (${r.bundle.roots.length} root${r.bundle.roots.length === 1 ? '' : 's'}${r.bundle.format ? `, ${r.bundle.format}` : ''})`;
  const stops = failing.map((e) => `${escapeXml(e.name)} on ${day(e.firstFailure as string)}`);
  const verdict =
    failing.length > 0
      ? `<div class="verdict fail readiness-verdict"><strong>${escapeXml(roots)} stops connecting to ${stops.join('; to ')}</strong>, as ${escapeXml(r.device.profile)}.</div>`
      : `<div class="verdict ok readiness-verdict"><strong>${escapeXml(roots)} verifies every chosen endpoint from ${day(r.range.from)} to ${day(r.range.to)}</strong>, as ${escapeXml(r.device.profile)}.</div>`;
  const errors = r.bundle.errors.map((e) => `<li>${escapeXml(`${e.code}: ${e.message}`)}</li>`);
  return [
    verdict,
    errors.length ? `<ul class="read-errors">${errors.join('')}</ul>` : '',
    `<ul class="endpoints">${r.endpoints.map(summaryItem).join('')}</ul>`,
    `<figure class="bands"><figcaption>${day(r.range.from)} → ${day(r.range.to)}: green verifies, red fails, grey: the cloud profile makes no claim (every interval in words below; the blue line, if any, is today).</figcaption>${renderReadinessSvg(r, { today: new Date() })}</figure>`,
    changesHtml(r, names),
    r.endpoints.map(intervalsHtml).join(''),
    `<details class="as-text"><summary>As text (hubtrust bundle check)</summary><pre>${escapeXml(renderReadinessText(r))}</pre></details>`,
  ].join('');
}
