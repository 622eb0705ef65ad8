// The HTML report: one self-contained file (inline CSS and SVG, no script, no fetch of any kind)
// that reads on screen and on paper. Sections are built from the same summaries and SVG
// renderers the web page uses.
import { type CertificateSummary, isReadable, type UnreadableCertificate } from './certificate-summary.js';
import type { ChainSummary, ChainVerdict } from './chain-summary.js';
import { renderChainSvg } from './chain-svg.js';
import { escapeXml } from './escape.js';
import { day, FONT, PALETTE } from './palette.js';
import type { Timeline } from './timeline.js';
import { renderTimelineSvg } from './timeline-svg.js';

/** One section of a report. `html` is trusted markup built by this package's renderers. */
export interface ReportSection {
  heading: string;
  /** Short line under the heading (target, bundle, date). */
  subtitle?: string;
  html: string;
}

/** A whole report. */
export interface ReportDocument {
  title: string;
  /** e.g. `hubtrust 0.1.0 verify chain.pem` */
  generator: string;
  generatedAt: Date;
  sections: readonly ReportSection[];
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: ${FONT}; color: ${PALETTE.ink}; margin: 0 auto; max-width: 920px; padding: 24px; line-height: 1.45; }
header { border-bottom: 2px solid #d0d7de; margin-bottom: 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 2px; }
.meta, .subtitle { color: ${PALETTE.muted}; font-size: 13px; margin: 0 0 10px; }
.verdict { border-left: 6px solid; padding: 8px 12px; margin: 10px 0; border-radius: 4px; }
.verdict.ok { border-color: ${PALETTE.ok.stroke}; background: ${PALETTE.ok.fill}; }
.verdict.fail { border-color: ${PALETTE.fail.stroke}; background: ${PALETTE.fail.fill}; }
.verdict strong { font-size: 16px; }
.verdict p { margin: 4px 0 0; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 8px 0; }
th, td { text-align: left; border-bottom: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top; }
th { background: #f6f8fa; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 11.5px; word-break: break-all; }
.state-expired, .state-fail { color: ${PALETTE.fail.stroke}; font-weight: 600; }
.state-warn { color: ${PALETTE.warn.stroke}; font-weight: 600; }
footer { color: ${PALETTE.muted}; font-size: 12px; margin-top: 32px; border-top: 1px solid #d0d7de; padding-top: 8px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section, figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  @page { margin: 14mm; }
}`;

/**
 * The verdict banner of a chain (always text as well as colour).
 * @example renderVerdictHtml({ ok: false, code: 'EXPIRED', message: '...' })
 */
export function renderVerdictHtml(verdict: ChainVerdict): string {
  if (verdict.ok)
    return `<div class="verdict ok" role="status"><strong>✓ Trusted</strong> — the chain verifies against the device bundle.</div>`;
  const hint = verdict.hint ? `<p><b>Hint:</b> ${escapeXml(verdict.hint)}</p>` : '';
  return `<div class="verdict fail" role="status"><strong>✗ Not trusted: ${escapeXml(verdict.code ?? 'FAILED')}</strong><p>${escapeXml(verdict.message ?? '')}</p>${hint}</div>`;
}

/** A table of certificates: label, subject, validity, key and SHA-256. */
export function renderCertificateTableHtml(
  certificates: readonly (CertificateSummary | UnreadableCertificate)[],
): string {
  const rows = certificates.map((c, i) => {
    if (!isReadable(c)) {
      return `<tr><td>${i}</td><td colspan="3" class="state-fail">unreadable: ${escapeXml(c.error.message)}</td><td><code>${c.sha256}</code></td></tr>`;
    }
    const state = c.status === 'valid' ? '' : ` class="state-${c.status === 'expired' ? 'expired' : 'warn'}"`;
    const key = [c.key.type, c.key.bits, c.key.curve].filter((v) => v !== undefined).join(' ');
    return `<tr><td>${i}</td><td><b>${escapeXml(c.label)}</b><br>${escapeXml(c.subject)}</td><td${state}>${day(c.notBefore)} → ${day(c.notAfter)}<br>${escapeXml(c.status)}</td><td>${escapeXml(key)}<br>${escapeXml(c.signatureAlgorithm)}</td><td><code>${c.sha256}</code></td></tr>`;
  });
  return `<table><thead><tr><th>#</th><th>Certificate</th><th>Validity</th><th>Key / signature</th><th>SHA-256 of the DER</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * A report section for a verified (or rejected) chain: verdict, diagram, certificate table.
 * @example chainSection('hub.example:8883', summary, 'checked against certs.c at 2026-01-01')
 */
export function chainSection(heading: string, summary: ChainSummary, subtitle?: string): ReportSection {
  const certificates = [...summary.path.map((p) => p.certificate), ...summary.unused];
  const section: ReportSection = {
    heading,
    html: [
      renderVerdictHtml(summary.verdict),
      `<figure>${renderChainSvg(summary)}</figure>`,
      renderCertificateTableHtml(certificates),
    ].join('\n'),
  };
  if (subtitle !== undefined) section.subtitle = subtitle;
  return section;
}

/** A report section holding a validity timeline. */
export function timelineSection(heading: string, timeline: Timeline, subtitle?: string): ReportSection {
  const section: ReportSection = { heading, html: `<figure>${renderTimelineSvg(timeline)}</figure>` };
  if (subtitle !== undefined) section.subtitle = subtitle;
  return section;
}

/**
 * Renders a complete, self-contained HTML document.
 * @example
 * ```ts
 * writeFileSync('report.html', renderReportHtml({ title: 'hub.example', generator: 'hubtrust 0.1.0', generatedAt: new Date(), sections }));
 * ```
 */
export function renderReportHtml(doc: ReportDocument): string {
  const sections = doc.sections.map(
    (s) =>
      `<section><h2>${escapeXml(s.heading)}</h2>${s.subtitle ? `<p class="subtitle">${escapeXml(s.subtitle)}</p>` : ''}\n${s.html}</section>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: the CSP forbids every fetch; the report only carries inline styles and SVG.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeXml(doc.title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>${escapeXml(doc.title)}</h1><p class="meta">${escapeXml(doc.generator)} · ${escapeXml(doc.generatedAt.toISOString())}</p></header>`,
    sections.join('\n'),
    `<footer>Generated by hubtrust. Verification runs in hubtrust's own verifier (verify.wasm); nothing was sent anywhere to make this report.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
