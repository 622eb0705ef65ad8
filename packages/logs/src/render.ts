// Text rendering of an explanation, for the CLI (`hubtrust logs explain`) and the HIL reports.
// Colour is opt-in (ANSI SGR codes) so the output is plain when piped.

import { HANDSHAKE_CAUSE_TEXT } from '@hubtrust/roots';
import type { Explanation } from './explanation.js';

/** Options of {@link renderExplanation}. */
export interface RenderOptions {
  /** Use ANSI colours (default false). */
  readonly color?: boolean;
}

/**
 * Renders an explanation as text: cause and confidence, what failed, the evidence lines with their
 * numbers, and the remedy.
 * @example console.log(renderExplanation(explainLog(text), { color: process.stdout.isTTY }));
 */
export function renderExplanation(e: Explanation, options: RenderOptions = {}): string {
  const c = options.color === true;
  const paint = (code: string, s: string) => (c ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bold = (s: string) => paint('1', s);
  const dim = (s: string) => paint('2', s);
  const causeColor = e.cause === 'handshake_success' ? '32' : e.cause === 'other' ? '33' : '31';
  const lines: string[] = [];
  lines.push(
    `${bold('cause:')} ${paint(`1;${causeColor}`, e.cause)} ${dim(`(${e.confidence} confidence)`)} — ${HANDSHAKE_CAUSE_TEXT[e.cause]}`,
  );
  lines.push(`${bold('detail:')} ${e.detail}`);
  const where = [`stack ${e.stack}`, e.host ? `host ${e.host}` : ''].filter(Boolean).join(', ');
  lines.push(`${bold('seen:')} ${where}`);
  if (e.code)
    lines.push(`${bold('code:')} ${e.code.raw} = ${e.code.names.join(' + ')} (${e.code.texts.join('; ')})`);
  if (e.flags) lines.push(`${bold('flags:')} 0x${e.flags.value.toString(16)} = ${e.flags.names.join(' | ')}`);
  if (e.evidence.length > 0) {
    lines.push(bold('evidence:'));
    const width = String(e.evidence[e.evidence.length - 1]?.line ?? 0).length;
    for (const ev of e.evidence) {
      lines.push(`  ${dim(`${String(ev.line).padStart(width)} |`)} ${ev.text}`);
      lines.push(`  ${' '.repeat(width)}   ${dim(`↳ ${ev.note}`)}`);
    }
  }
  lines.push(`${bold('remedy:')} ${e.remedy}`);
  return `${lines.join('\n')}\n`;
}

/** The CLI exit code for an explanation: 0 when a cause was found, 1 when the cause is `other`. */
export function exitCodeFor(e: Explanation): 0 | 1 {
  return e.cause === 'other' ? 1 : 0;
}
