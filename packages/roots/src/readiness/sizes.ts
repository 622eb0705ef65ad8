// What a change of the bundle costs in each output format, from the writers' own size reports.
import type { ParsedCertificate } from '@hubtrust/verify';
import { writeC } from '../formats/c-writer.js';
import { writeEspBundle } from '../formats/esp-bundle-writer.js';
import { writeDer, writePem } from '../formats/pem-writer.js';
import type { SizeReport } from '../formats/writer-input.js';
import type { BundleAnchor } from './bundle.js';
import type { ReportSizes } from './report.js';

type Sized = { total: number; perCertificate: SizeReport['perCertificate'] };

/** Each format's writer: total bytes (flash for C, the file otherwise) and bytes per certificate. */
export const SIZE_FORMATS: readonly [ReportSizes['format'], (certs: SizedCertificate[]) => Sized][] = [
  ['pem', (d) => fileSize(writePem(d, { comments: false, usedBySomeProfile: false }).size)],
  ['der', (d) => fileSize(writeDer(d, { usedBySomeProfile: false }).size)],
  ['c-der', (d) => flashSize(writeC(d, { forms: ['der'], usedBySomeProfile: false }).size)],
  ['c-pem', (d) => flashSize(writeC(d, { forms: ['pem'], usedBySomeProfile: false }).size)],
  ['esp-v4.2', (d) => fileSize(writeEspBundle(d, { format: 'v4.2', usedBySomeProfile: false }).size)],
  ['esp-v5.4', (d) => fileSize(writeEspBundle(d, { format: 'v5.4', usedBySomeProfile: false }).size)],
];

function fileSize(s: SizeReport): Sized {
  return { total: s.fileBytes, perCertificate: s.perCertificate };
}
function flashSize(s: SizeReport): Sized {
  return { total: s.flashBytes, perCertificate: s.perCertificate };
}

/** A certificate decoded once: what the writers take without decoding it again. */
export interface SizedCertificate {
  der: Uint8Array;
  sha256: string;
  certificate: ParsedCertificate;
}

/**
 * Sizes of the bundle before and after (kept anchors plus added roots) in every format, and what
 * adding alone costs. Anchors with no certificate (ESP anchors the catalog does not know) cannot
 * be written and are left out of both sides, so the differences stay exact.
 */
export function bundleSizes(
  before: readonly BundleAnchor[],
  kept: readonly BundleAnchor[],
  added: readonly SizedCertificate[],
  decode: (a: BundleAnchor) => SizedCertificate | undefined,
): { rows: ReportSizes[]; note?: string } {
  const of = (list: readonly BundleAnchor[]) =>
    list.flatMap((x) => {
      const d = decode(x);
      return d ? [d] : [];
    });
  const b = of(before);
  const a = [...of(kept), ...added];
  const plus = [...b, ...added];
  // One writer call per format on every certificate involved: the writers' reports are a fixed
  // part plus bytes per certificate (src/readiness/sizes.test.ts checks this against direct calls).
  const rows = SIZE_FORMATS.map(([format, write]) => {
    const all = write(plus);
    const per = new Map<string, number>();
    for (const p of all.perCertificate) per.set(p.sha256, p.bytes);
    const fixed = all.total - all.perCertificate.reduce((n, p) => n + p.bytes, 0);
    const size = (d: readonly SizedCertificate[]) =>
      d.length === 0 ? 0 : fixed + d.reduce((n, x) => n + (per.get(x.sha256) ?? 0), 0);
    const sb = size(b);
    const sa = size(a);
    return { format, before: sb, after: sa, grows: sa - sb, addOnly: all.total - sb };
  });
  const missing = before.length - b.length;
  return missing > 0
    ? {
        rows,
        note: `${missing} ESP bundle anchor${missing === 1 ? '' : 's'} unknown to the catalog cannot be rewritten and are not counted`,
      }
    : { rows };
}
