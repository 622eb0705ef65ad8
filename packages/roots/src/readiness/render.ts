// The text rendering of a readiness report: what a firmware engineer reads in a terminal.
import type { ReadinessReport, ReportInterval } from './report.js';

const day = (iso: string) => iso.slice(0, 10);

function line(i: ReportInterval): string[] {
  const span = `${day(i.from)} → ${day(i.to)}`;
  const tags = [
    i.transition ? 'migration window' : undefined,
    i.profileEvidence === 'inferred' ? 'profile inferred' : undefined,
    i.approximate ? 'dates approximate' : undefined,
    i.basis && i.basis !== 'verified' ? `basis: ${i.basis}` : undefined,
  ].filter(Boolean);
  const note = tags.length > 0 ? ` (${tags.join('; ')})` : '';
  if (i.status === 'unknown') return [`  ${span}  unknown: the cloud profile makes no claim`];
  if (i.status === 'verifies')
    return [`  ${span}  verifies [${i.period}] via ${i.anchors.join(', ') || '—'}${note}`];
  const out = [
    `  ${span}  FAILS [${i.period}] ${i.alternatives - i.verifying} of ${i.alternatives} served chains${note}`,
  ];
  for (const f of i.failures)
    out.push(
      `      ${f.code} ${f.certificate ? `(${f.certificate}) ` : ''}— ${f.reason} [${f.chain}: ${f.issuers.join(', ')}]`,
    );
  return out;
}

/**
 * Renders a readiness report as text: the bundle, a timeline per endpoint, the client
 * certificate, and the recommended change with its cost in bytes per format.
 * @example console.log(renderReadinessText(analyzeReadiness(options)))
 */
export function renderReadinessText(r: ReadinessReport): string {
  const out: string[] = [];
  out.push(
    `Readiness of ${r.bundle.file} (${r.bundle.roots.length} root${r.bundle.roots.length === 1 ? '' : 's'}) for device profile ${r.device.profile}, ${day(r.range.from)} → ${day(r.range.to)}`,
  );
  for (const root of r.bundle.roots)
    out.push(
      `  root ${root.index}: ${root.slug ?? root.subject}${root.notAfter ? ` until ${day(root.notAfter)}` : ' (no dates stored)'}${root.isCA ? '' : ' — not a CA (pinned)'}`,
    );
  for (const e of r.bundle.errors) out.push(`  read error ${e.code}: ${e.message}`);
  for (const ep of r.endpoints) {
    out.push(
      '',
      `${ep.family} — ${ep.name}${ep.firstFailure ? `: first failure ${day(ep.firstFailure)}` : ': verifies throughout'}`,
    );
    if (ep.deprecated) out.push(`  DEPRECATED: ${ep.deprecated}`);
    for (const i of ep.timeline) out.push(...line(i));
  }
  if (r.client) {
    out.push(
      '',
      `client certificate ${r.client.certificate.subject} until ${day(r.client.certificate.notAfter)}${r.client.ca ? `, CA ${r.client.ca.subject} until ${day(r.client.ca.notAfter)}` : ''}`,
    );
    for (const t of r.client.timeline)
      out.push(
        `  ${day(t.from)} → ${day(t.to)}  ${t.status === 'verifies' ? 'accepted' : `FAILS ${t.code}: ${t.reason}`}`,
      );
  }
  const rec = r.recommendation;
  out.push('', `To keep every endpoint verifying until ${day(rec.until)}:`);
  if (rec.add.length === 0) out.push('  add nothing');
  for (const a of rec.add)
    out.push(`  add ${a.slug} (until ${day(a.notAfter)}) for ${a.families.join(', ')}`);
  for (const x of rec.remove) out.push(`  remove ${x.slug ?? x.subject} (${x.reason}: ${x.note})`);
  for (const u of rec.uncovered)
    out.push(`  NOT FIXABLE by roots: ${u.family} ${u.chain} from ${day(u.from)}: ${u.code} ${u.reason}`);
  out.push(
    `  bytes: ${rec.sizes.map((s) => `${s.format} ${s.grows >= 0 ? '+' : ''}${s.grows} (${s.before}→${s.after})`).join(', ')}`,
  );
  if (rec.sizeNote) out.push(`  ${rec.sizeNote}`);
  return `${out.join('\n')}\n`;
}
