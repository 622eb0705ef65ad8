// Renders the README tables of the catalog and the cloud profiles from the data (test-only:
// excluded from the build and the package). src/readme.test.ts checks that README.md holds exactly
// these tables; `npm run readme-tables` (HUBTRUST_WRITE_README=1) rewrites them.
import {
  catalog,
  chainAnchors,
  cloudProfiles,
  modelledCertificates,
  profileSources,
  RECOMMENDED_SETS,
  type RecommendedSet,
} from '../index.js';

const day = (d: Date) => d.toISOString().slice(0, 10);
const cell = (s: string) => s.replace(/\|/g, '\\|');

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The generated blocks, keyed by marker name. */
export function readmeTables(): Record<string, string> {
  const keyText = (k: { type: string; bits: number; curve?: string }) =>
    k.curve ? `EC ${k.curve}` : `${k.type} ${k.bits}`;
  const inventory = table(
    ['slug', 'kind', 'subject CN', 'key', 'not after', 'clouds'],
    catalog.map((c) => [
      `\`${c.slug}\``,
      c.kind,
      c.subjectCn,
      keyText(c.key),
      day(c.notAfter),
      c.clouds.join(', '),
    ]),
  );
  const families = table(
    ['family', 'cloud / role', 'hosts', 'server key', 'covered', 'note'],
    cloudProfiles.map((f) => [
      `\`${f.id}\``,
      `${f.cloud} / ${f.role}`,
      f.hosts.length ? f.hosts.map((h) => `\`${h}\``).join(', ') : '(any host; select explicitly)',
      f.keyType,
      `${f.periods[0]?.from} → ${f.periods.at(-1)?.to ?? 'open'}`,
      f.deprecated ? `**deprecated**: ${f.deprecated.split(':')[0]}` : '',
    ]),
  );
  const periods = table(
    ['family', 'period', 'from → to', 'chains served (anchors)', 'evidence'],
    cloudProfiles.flatMap((f) =>
      f.periods.map((p) => [
        `\`${f.id}\``,
        `${p.id}${p.transition ? ' (transition)' : ''}`,
        `${p.from} → ${p.to ?? 'open'}${p.approximate ? ' (approx.)' : ''}`,
        p.chains.map((c) => `${c.label} (${chainAnchors(c).join(', ')})`).join('; '),
        `${p.evidence}; links: ${[...new Set(p.chains.flatMap((c) => c.links.map((l) => l.evidence)))].join('/')}`,
      ]),
    ),
  );
  const modelled = table(
    ['modelled id', 'subject', 'issuer', 'validity'],
    modelledCertificates.map((m) => [
      `\`${m.id}\``,
      m.subjectCn,
      `\`${m.issuer}\``,
      `${m.notBefore ?? '?'} → ${m.notAfter ?? '?'}`,
    ]),
  );
  const sets = table(
    ['set', 'roots (slugs)', 'for families', 'sources', 'stated by'],
    (Object.values(RECOMMENDED_SETS) as RecommendedSet[]).map((s) => [
      `\`${s.id}\``,
      s.slugs.map((x) => `\`${x}\``).join(', '),
      s.families.join(', '),
      s.sources.join(', '),
      s.derived ? 'derived by hubtrust' : 'the vendor',
    ]),
  );
  const sources = table(
    ['id', 'document', 'date', 'what the profiles take from it'],
    profileSources.map((s) => [`\`${s.id}\``, `${s.title} — ${s.ref}`, s.date ?? '', s.says]),
  );
  return { inventory, families, periods, modelled, sets, sources };
}

/** Replaces every `<!-- generated:NAME -->…<!-- /generated:NAME -->` block of `readme`. */
export function withTables(readme: string, tables: Record<string, string>): string {
  let out = readme;
  for (const [name, body] of Object.entries(tables)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> block`);
    out = out.replace(re, (_, open: string, close: string) => `${open}${body}\n${close}`);
  }
  return out;
}
