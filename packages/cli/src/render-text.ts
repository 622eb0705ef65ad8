// Text renderings shared by inspect and verify: one certificate block, the chain order of a
// list as sent, the verdict with the failing link and the hint.
import type { CertificateSummary, ChainSummary, UnreadableCertificate } from '@hubtrust/report';
import { isReadable } from '@hubtrust/report';
import type { DevicePrediction } from '@hubtrust/verify';
import type { Styles } from './io.js';
import { profileStack } from './profiles.js';

const day = (iso: string) => iso.slice(0, 10);

function statusText(c: CertificateSummary, s: Styles): string {
  if (c.status === 'expired') return s.red(`expired ${-c.daysLeft} days ago`);
  if (c.status === 'not-yet-valid') return s.yellow('not yet valid');
  const left = `${c.daysLeft.toLocaleString('en-US')} days left`;
  return c.daysLeft < 90 ? s.yellow(left) : s.green(left);
}

/** One certificate as an indented block. */
export function certificateBlock(
  c: CertificateSummary | UnreadableCertificate,
  heading: string,
  s: Styles,
): string {
  if (!isReadable(c)) {
    return `${s.bold(heading)}  ${s.red(`unreadable: ${c.error.message}`)}\n    sha256   ${c.sha256}\n`;
  }
  const key = [c.key.type, c.key.bits, c.key.curve].filter((v) => v !== undefined).join(' ');
  const names = c.subjectAltNames.length
    ? `${c.subjectAltNames.slice(0, 4).join(', ')}${c.subjectAltNames.length > 4 ? ` (+${c.subjectAltNames.length - 4})` : ''}`
    : '';
  const lines = [
    `${s.bold(heading)}  ${s.bold(c.label)}  [${statusText(c, s)}]`,
    `    subject  ${c.subject}`,
    `    issuer   ${c.selfIssued ? 'self-issued' : c.issuer}`,
    `    valid    ${day(c.notBefore)} → ${day(c.notAfter)}`,
    `    key      ${key} · ${c.signatureAlgorithm} · ${c.isCA ? 'CA' : 'not a CA'}`,
  ];
  if (names) lines.push(`    names    ${names}`);
  for (const p of c.problems) lines.push(`    ${s.yellow('problem')}  ${p.code} (${p.detail}): ${p.message}`);
  lines.push(`    sha256   ${c.sha256}`);
  return `${lines.join('\n')}\n`;
}

/** For each certificate, the index of the first other one in the list whose subject is its issuer. */
export function issuerIndexes(
  list: readonly (CertificateSummary | UnreadableCertificate)[],
): (number | null)[] {
  return list.map((c) => {
    if (!isReadable(c) || c.selfIssued) return null;
    const i = list.findIndex(
      (other) => isReadable(other) && other.subject === c.issuer && other.sha256 !== c.sha256,
    );
    return i < 0 ? null : i;
  });
}

/** Observations about the order of a chain as sent: problems (`warnings`) and facts (`notes`). */
export function orderFindings(list: readonly (CertificateSummary | UnreadableCertificate)[]): {
  warnings: string[];
  notes: string[];
} {
  const warnings: string[] = [];
  const notes: string[] = [];
  const issuers = issuerIndexes(list);
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const first = seen.get(c.sha256);
    if (first !== undefined) warnings.push(`#${i} is a duplicate of #${first}`);
    else seen.set(c.sha256, i);
  });
  list.forEach((c, i) => {
    if (!isReadable(c) || c.selfIssued) return;
    const issuer = issuers[i];
    if (issuer === null || issuer === undefined) {
      if (i === list.length - 1)
        notes.push(
          `#${i} is issued by "${c.issuer}", which is not in this list: a device needs it as a trusted root`,
        );
      else warnings.push(`the issuer of #${i} ("${c.issuer}") is not in this list: the chain is incomplete`);
    } else if (issuer !== i + 1) {
      warnings.push(
        `#${i} is issued by #${issuer}, not by the next certificate: the list is out of order (BearSSL's minimal engine rejects that)`,
      );
    }
  });
  return { warnings, notes };
}

/** The verdict line(s): ✓ or ✗ with the code, message and hint. */
export function verdictText(summary: ChainSummary, s: Styles): string {
  const v = summary.verdict;
  if (v.ok) return `${s.green(s.bold('✓ trusted'))}: the chain verifies against the device bundle\n`;
  const lines = [`${s.red(s.bold(`✗ not trusted: ${v.code}`))}`, `  ${v.message ?? ''}`];
  if (v.hint) lines.push(`  ${s.bold('hint:')} ${v.hint}`);
  return `${lines.join('\n')}\n`;
}

/** The path as a ladder: leaf → ... → anchor, the failing certificate marked. */
export function pathText(summary: ChainSummary, s: Styles): string {
  const lines: string[] = [];
  summary.path.forEach((entry, i) => {
    const c = entry.certificate;
    const label = isReadable(c) ? c.label : `unreadable (${c.error.code})`;
    const from =
      entry.source === 'roots'
        ? `device bundle #${entry.sourceIndex}`
        : entry.source === 'leaf'
          ? 'sent #0'
          : `intermediates #${entry.sourceIndex}`;
    const expiry = isReadable(c)
      ? `, ${c.status === 'expired' ? 'expired' : 'expires'} ${day(c.notAfter)}`
      : '';
    const mark = entry.failing ? s.red('✗') : summary.verdict.ok ? s.green('✓') : '·';
    const text = `${'  '.repeat(i)}${i ? '└ issued by ' : ''}${label} (${entry.role}, ${from}${expiry})`;
    lines.push(
      `  ${mark} ${entry.failing ? s.red(s.bold(text)) : text}${entry.failing ? s.red('  ← failing link') : ''}`,
    );
  });
  if (summary.missingIssuer !== undefined) {
    const pad = '  '.repeat(summary.path.length);
    lines.push(
      `  ${s.red('✗')} ${pad}└ issued by ${s.red(`"${summary.missingIssuer}": not in the device bundle, not sent`)}`,
    );
  }
  const unused = summary.verdict.ok ? 'also sent, not on the path' : 'also sent, not reached';
  for (const c of summary.unused)
    lines.push(`  ${s.dim(`${unused}: ${isReadable(c) ? c.label : c.sha256}`)}`);
  return `${lines.join('\n')}\n`;
}

/** A device prediction (a profile without a clock), labelled as such: never "trusted". */
export function predictionText(p: DevicePrediction, s: Styles): string {
  const what = p.accepts
    ? s.yellow('would connect')
    : s.yellow(`would refuse it${p.basis.ok ? '' : ` (${p.basis.error.code})`}`);
  const lines = [
    `${s.bold(`prediction, not a verdict — ${p.profile}`)} (${profileStack(p.profile)}): a device without a clock ${what}${p.exact ? '' : ' (not exact)'}`,
  ];
  for (const note of p.notes) lines.push(`  ${s.dim(`note: ${note}`)}`);
  return `${lines.join('\n')}\n`;
}
