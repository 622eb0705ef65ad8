// The recommendation: the smallest set of catalog roots to add so every chosen endpoint verifies
// until a date (exact hitting-set search over the candidates, ties broken by longest validity),
// the roots to remove (expired, distrusted, unused) and what the change costs per output format.
import { parseCertificate } from '@hubtrust/verify';
import { type CatalogCertificate, catalog, findCertificate } from '../catalog.js';
import type { EndpointFamily, ServedChain } from '../profile-types.js';
import { chainAnchors } from '../profiles.js';
import { RECOMMENDED_SETS, type RecommendedSet } from '../recommended.js';
import { anchorLabel, type BundleAnchor, type DeviceBundle } from './bundle.js';
import { DISTRUSTED_ROOTS } from './distrust.js';
import { type ChainVerdict, type EvaluationContext, evaluateChain } from './evaluate.js';
import type { ReportAdd, ReportRecommendation, ReportRemove } from './report.js';
import { bundleSizes, type SizedCertificate } from './sizes.js';
import { type Alternative, type AnchorSet, alternativesAt, instants, iso } from './timeline.js';

function catalogAnchor(c: CatalogCertificate, index: number): BundleAnchor {
  return {
    index,
    id: c.sha256,
    kind: 'certificate',
    slug: c.slug,
    subject: c.subject,
    subjectKey: c.subjectKey,
    sha256: c.sha256,
    spkiSha256: c.spkiSha256,
    der: c.der,
    notBefore: c.notBefore.getTime(),
    notAfter: c.notAfter.getTime(),
    isCA: true,
    key: { type: c.key.type, bits: c.key.bits },
  };
}

/** Per-analysis caches of catalog-derived values (no module globals). */
export class AnalysisCache {
  readonly #anchors = new Map<string, BundleAnchor>();
  readonly #candidates = new Map<string, CatalogCertificate[]>();
  readonly #decoded = new Map<string, SizedCertificate>();

  /** A catalog root as an anchor the device could hold. */
  anchor(c: CatalogCertificate): BundleAnchor {
    let a = this.#anchors.get(c.slug);
    if (!a) {
      a = catalogAnchor(c, 10_000 + this.#anchors.size);
      this.#anchors.set(c.slug, a);
    }
    return a;
  }

  /** Catalog roots that can end a chain: its anchors and every root with the same key. */
  candidates(chain: ServedChain): CatalogCertificate[] {
    let list = this.#candidates.get(chain.id);
    if (!list) {
      const keys = new Set<string>();
      for (const id of chainAnchors(chain)) {
        const c = findCertificate(id);
        if (c) keys.add(c.spkiSha256);
      }
      list = catalog.filter((c) => c.kind === 'root' && keys.has(c.spkiSha256));
      this.#candidates.set(chain.id, list);
    }
    return list;
  }

  /** An anchor's certificate decoded once, for the writers. */
  decoded(a: BundleAnchor): SizedCertificate | undefined {
    if (!a.der) return undefined;
    if (a.parsed) return { der: a.der, sha256: a.parsed.fingerprints.sha256, certificate: a.parsed };
    let d = this.#decoded.get(a.id);
    if (!d) {
      const certificate = parseCertificate(a.der);
      d = { der: certificate.der, sha256: certificate.fingerprints.sha256, certificate };
      this.#decoded.set(a.id, d);
    }
    return d;
  }
}

/** Smallest set of candidates hitting every requirement; ties: latest earliest expiry, then total. */
function smallestCover(
  requirements: readonly Set<string>[],
  candidates: ReadonlyMap<string, CatalogCertificate>,
): string[] {
  const pool = [...new Set(requirements.flatMap((r) => [...r]))].sort();
  const expiry = (s: string) => (candidates.get(s) as CatalogCertificate).notAfter.getTime();
  const covers = (set: readonly string[]) => requirements.every((r) => set.some((s) => r.has(s)));
  if (requirements.length === 0) return [];
  // Exact search while the pool is small (it is a handful per family); greedy beyond 16.
  if (pool.length <= 16) {
    for (let k = 1; k <= pool.length; k++) {
      let best: string[] | undefined;
      let bestScore: [number, number] = [-Infinity, -Infinity];
      for (const set of combinations(pool, k)) {
        if (!covers(set)) continue;
        const score: [number, number] = [
          Math.min(...set.map(expiry)),
          set.reduce((n, s) => n + expiry(s), 0),
        ];
        if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
          best = set;
          bestScore = score;
        }
      }
      if (best) return best;
    }
  }
  const chosen: string[] = [];
  let left = [...requirements];
  while (left.length > 0) {
    const pick = pool
      .map((s) => [s, left.filter((r) => r.has(s)).length] as const)
      .sort((a, b) => b[1] - a[1] || expiry(b[0]) - expiry(a[0]))[0];
    if (!pick || pick[1] === 0) break;
    chosen.push(pick[0]);
    left = left.filter((r) => !r.has(pick[0]));
  }
  return chosen;
}

function* combinations(
  pool: readonly string[],
  k: number,
  start = 0,
  prefix: string[] = [],
): Generator<string[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = start; i <= pool.length - (k - prefix.length); i++)
    yield* combinations(pool, k, i + 1, [...prefix, pool[i] as string]);
}

/** Every failing alternative of every family in [from, until) with `set`, per instant. */
function failuresIn(
  ctx: EvaluationContext,
  families: readonly EndpointFamily[],
  from: number,
  until: number,
  set: AnchorSet,
) {
  const out: { family: EndpointFamily; t: number; alt: Alternative; verdict: ChainVerdict }[] = [];
  const used = new Set<string>();
  for (const family of families) {
    for (const t of instants(ctx, family, from, until, set.anchors)) {
      const served = alternativesAt(ctx, family, t);
      if (!served) continue;
      for (const alt of served.alts) {
        const verdict = evaluateChain(ctx, alt.chain, alt.issuer, t, set.anchors, set.id);
        if (verdict.ok && verdict.anchor) used.add(verdict.anchor);
        if (!verdict.ok) out.push({ family, t, alt, verdict });
      }
    }
  }
  return { failures: out, used };
}

/** Why an expired root goes, and whether this device would notice its expiry at all. */
function expiredNote(a: BundleAnchor, checksAnchorDates: boolean): string {
  const on = `expired on ${iso(a.notAfter as number).slice(0, 10)}`;
  if (!a.isCA) return `${on} (a pinned end-entity certificate, not a CA)`;
  return checksAnchorDates
    ? on
    : `${on}; this device does not check its anchors' dates and would still accept chains ending at it, so nothing but the bundle marks it dead`;
}

/** The smallest change to the bundle that keeps every family verifying in [from, until]. */
export function recommend(
  ctx: EvaluationContext,
  cache: AnalysisCache,
  families: readonly EndpointFamily[],
  bundle: DeviceBundle,
  from: number,
  until: number,
): ReportRecommendation {
  const familyIds = families.map((f) => f.id);
  const before = failuresIn(ctx, families, from, until, { id: 'bundle', anchors: bundle.anchors });
  // 1. Expired (at the window's start) and distrusted roots go, unless a chain still ends at them.
  const remove: ReportRemove[] = [];
  for (const a of bundle.anchors) {
    const label = anchorLabel(a);
    const distrusted = a.slug ? DISTRUSTED_ROOTS[a.slug] : undefined;
    const expired = a.notAfter !== undefined && a.notAfter < from;
    if (!distrusted && !expired) continue;
    const still = before.used.has(label);
    if (still) continue;
    const r: ReportRemove = {
      index: a.index,
      subject: a.subject,
      reason: distrusted ? 'distrusted' : 'expired',
      note: distrusted ?? expiredNote(a, ctx.options.enforceAnchorExpiry !== false),
    };
    if (a.slug) r.slug = a.slug;
    remove.push(r);
  }
  const removed = new Set(remove.map((r) => r.index));
  const kept: AnchorSet = { id: 'kept', anchors: bundle.anchors.filter((a) => !removed.has(a.index)) };

  // 2. What still fails, and which catalog roots would make each failure verify.
  const { failures } = failuresIn(ctx, families, from, until, kept);
  const candidates = new Map<string, CatalogCertificate>();
  const requirements: Set<string>[] = [];
  const uncovered: ReportRecommendation['uncovered'] = [];
  const neededBy = new Map<string, Set<string>>();
  for (const f of failures) {
    const works = new Set<string>();
    for (const c of cache.candidates(f.alt.chain)) {
      const withIt: AnchorSet = { id: `kept+${c.slug}`, anchors: [...kept.anchors, cache.anchor(c)] };
      if (evaluateChain(ctx, f.alt.chain, f.alt.issuer, f.t, withIt.anchors, withIt.id).ok) {
        works.add(c.slug);
        candidates.set(c.slug, c);
      }
    }
    if (works.size === 0) {
      if (
        !uncovered.some(
          (u) => u.family === f.family.id && u.chain === f.alt.chain.id && u.code === f.verdict.code,
        )
      )
        uncovered.push({
          family: f.family.id,
          chain: f.alt.chain.id,
          from: iso(f.t),
          code: f.verdict.code ?? 'UNKNOWN',
          reason: f.verdict.reason,
        });
      continue;
    }
    requirements.push(works);
    for (const s of works) {
      const set = neededBy.get(s) ?? new Set<string>();
      set.add(f.family.id);
      neededBy.set(s, set);
    }
  }
  const chosen = smallestCover(requirements, candidates);
  const add: ReportAdd[] = chosen.map((slug) => {
    const c = candidates.get(slug) as CatalogCertificate;
    const fams = requirements.filter((r) => r.has(slug)).length > 0 ? [...(neededBy.get(slug) ?? [])] : [];
    return { slug, subject: c.subject, notAfter: iso(c.notAfter.getTime()), families: fams.sort() };
  });

  // 3. Roots no chosen endpoint ends at in the window, with the change applied.
  const final: AnchorSet = {
    id: `final:${chosen.join(',')}`,
    anchors: [...kept.anchors, ...chosen.map((s) => cache.anchor(candidates.get(s) as CatalogCertificate))],
  };
  const after = failuresIn(ctx, families, from, until, final);
  const recommended = new Set(
    (Object.values(RECOMMENDED_SETS) as RecommendedSet[])
      .filter((s) => s.families.some((f) => familyIds.includes(f)))
      .flatMap((s) => s.slugs),
  );
  for (const a of kept.anchors) {
    if (after.used.has(anchorLabel(a)) || (a.slug && recommended.has(a.slug))) continue;
    const r: ReportRemove = {
      index: a.index,
      subject: a.subject,
      reason: 'unused',
      note: `no chain of ${familyIds.join(', ')} ends at it until ${iso(until).slice(0, 10)}; keep it if the device talks to other endpoints`,
    };
    if (a.slug) r.slug = a.slug;
    remove.push(r);
  }
  remove.sort((a, b) => a.index - b.index);
  const removedAll = new Set(remove.map((r) => r.index));
  const sizes = bundleSizes(
    bundle.anchors,
    bundle.anchors.filter((a) => !removedAll.has(a.index)),
    chosen.map(
      (s) => cache.decoded(cache.anchor(candidates.get(s) as CatalogCertificate)) as SizedCertificate,
    ),
    (a) => cache.decoded(a),
  );
  const out: ReportRecommendation = {
    from: iso(from),
    until: iso(until),
    add,
    remove,
    uncovered,
    complete: uncovered.length === 0 && after.failures.length === 0,
    sizes: sizes.rows,
  };
  if (sizes.note) out.sizeNote = sizes.note;
  return out;
}
