// A device log's explanation (@hubtrust/logs' Explanation, schema v1) as HTML for the page: the
// cause in words, the confidence, the stack and host, the decoded code and flags, the evidence
// lines with their numbers and notes, the remedy, and what was read. Same content as the CLI's
// `hubtrust logs explain` text; every value from the log is escaped (a log is untrusted input).
import { type Explanation, renderExplanation } from '@hubtrust/logs';
import { escapeXml } from '@hubtrust/report';
import { HANDSHAKE_CAUSE_TEXT } from '@hubtrust/roots';

const CONFIDENCE_TEXT: Readonly<Record<Explanation['confidence'], string>> = {
  high: 'high confidence: a specific code or message',
  medium: 'medium confidence',
  low: 'low confidence: inferred from context',
};

function codeHtml(e: Explanation): string {
  const rows: string[] = [];
  if (e.code)
    rows.push(
      `<dt>Code</dt><dd><code>${escapeXml(e.code.raw)}</code> = ${e.code.names.map((n) => `<code>${escapeXml(n)}</code>`).join(' + ')}${e.code.texts.length ? `: ${escapeXml(e.code.texts.join('; '))}` : ''}</dd>`,
    );
  if (e.flags)
    rows.push(
      `<dt>Flags</dt><dd><code>0x${e.flags.value.toString(16)}</code> = <ul class="flags">${e.flags.names.map((n, i) => `<li><code>${escapeXml(n)}</code>${e.flags?.texts[i] ? `: ${escapeXml(e.flags.texts[i] as string)}` : ''}</li>`).join('')}</ul></dd>`,
    );
  return rows.join('');
}

function evidenceHtml(e: Explanation): string {
  if (e.evidence.length === 0) return '<p>No line of the log supports a cause.</p>';
  const rows = e.evidence.map(
    (ev) =>
      `<tr><th scope="row" class="line">line ${ev.line}</th><td><code>${escapeXml(ev.text)}</code><br /><span class="note">${escapeXml(ev.note)}</span></td></tr>`,
  );
  return `<table class="evidence"><caption>Evidence: the lines that prove it</caption><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The explanation as an HTML section body (no heading). `file` names the log in the summary.
 * @example section.innerHTML = renderExplanationHtml(explainLog(text), 'boot.log')
 */
export function renderExplanationHtml(e: Explanation, file: string): string {
  const found = e.cause !== 'other';
  const kind = e.cause === 'handshake_success' ? 'ok' : found ? 'fail' : 'warn';
  const where = [
    `stack ${e.stack === 'unknown' ? 'not identified' : e.stack}`,
    e.host ? `host ${e.host}` : '',
  ].filter(Boolean);
  const read = `${e.input.lines} line${e.input.lines === 1 ? '' : 's'} read${e.input.cutLines ? `, ${e.input.cutLines} cut at the line-length limit` : ''}${e.input.binaryBytes ? `, ${e.input.binaryBytes} bytes that are not text` : ''}`;
  return [
    `<div class="verdict ${kind} cause" data-cause="${e.cause}"><strong>${found ? escapeXml(HANDSHAKE_CAUSE_TEXT[e.cause]) : 'No TLS handshake outcome recognised in this log'}</strong><br /><span class="sub">cause <code>${e.cause}</code> · ${CONFIDENCE_TEXT[e.confidence]} · ${escapeXml(where.join(', '))}</span></div>`,
    `<dl class="facts"><dt>What failed</dt><dd><code>${escapeXml(e.detail)}</code></dd>${codeHtml(e)}</dl>`,
    evidenceHtml(e),
    `<p class="remedy"><strong>What to do:</strong> ${escapeXml(e.remedy)}</p>`,
    `<p class="read">${escapeXml(`${file}: ${read}.`)}</p>`,
    `<details class="as-text"><summary>As text (hubtrust logs explain)</summary><pre>${escapeXml(renderExplanation(e))}</pre></details>`,
  ].join('');
}
