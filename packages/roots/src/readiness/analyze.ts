// Readiness over time (issue 14): for a device bundle, a device TLS stack and some endpoint
// families, when each endpoint verifies and when it fails, and the smallest change to the bundle
// that keeps every endpoint verifying until a chosen date.
//
// Work is bounded by change points, never by days: the verdict on a chain can only change when a
// profile period starts or ends, or when a certificate involved (served, or held by the device)
// becomes valid or expires; `profileChangePoints` plus the bundle's own dates are exactly those
// instants. Between two of them every verdict is constant, so one evaluation per instant and
// chain suffices, and verifyChain results are memoised by the validity state of every certificate
// they depend on (evaluate.ts).
import { type CertificateInput, parseCertificate, VerifyError, verifyChain } from '@hubtrust/verify';
import { bySha256, type CatalogCertificate, catalog, findCertificate } from '../catalog.js';
import { CATALOG_SNAPSHOT_DATE } from '../freshness.js';
import type { EndpointFamily, ServedChain } from '../profile-types.js';
import { chainAnchors, getEndpointFamily } from '../profiles.js';
import { RECOMMENDED_SETS, type RecommendedSet } from '../recommended.js';
import {
  anchorLabel,
  type BundleAnchor,
  type BundleInput,
  type DeviceBundle,
  readDeviceBundle,
} from './bundle.js';
import { type DeviceSpec, resolveDevice, verifyOptionsFor } from './device.js';
import { DISTRUSTED_ROOTS } from './distrust.js';
import { ReadinessError } from './errors.js';
import { type ChainVerdict, EvaluationContext, evaluateChain, type VerdictBasis } from './evaluate.js';
import {
  READINESS_SCHEMA_VERSION,
  type ReadinessReport,
  type ReportAdd,
  type ReportClient,
  type ReportEndpoint,
  type ReportFailure,
  type ReportInterval,
  type ReportRecommendation,
  type ReportRemove,
  type ReportRoot,
} from './report.js';
import { bundleSizes, type SizedCertificate } from './sizes.js';

/** What {@link analyzeReadiness} takes. */
export interface ReadinessOptions {
  /** The device bundle: `{ bytes, file }`, `{ text, file }` or a reader's result. */
  bundle: BundleInput;
  /** Endpoint family ids (see `cloudProfiles`), or the families themselves. At least one. */
  families: readonly (string | EndpointFamily)[];
  /** The device's TLS stack: a profile id (`mbedtls-2.28`, `bearssl-0.6`, …) or `{ id, behaviour }`. */
  device: DeviceSpec;
  /** The range the timeline covers. */
  from: Date;
  to: Date;
  /** Keep every endpoint verifying until this date (default `to`); the recommendation's window starts at `from`. */
  until?: Date;
  /** The device's client certificate and the CA that issued it (X.509 device authentication). */
  client?: { certificate: CertificateInput; ca?: CertificateInput };
}

/** Longest range accepted: 100 years. */
const MAX_RANGE_MS = 100 * 365.25 * 86_400_000;
const BASIS_ORDER: readonly VerdictBasis[] = ['modelled', 'verified-from-issuing-ca', 'verified'];

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

function time(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new ReadinessError('INVALID_ARGUMENT', `${what} is not a valid date`);
  return t;
}

/** One anchor set the device may hold, with a short id for the memo. */
interface AnchorSet {
  id: string;
  anchors: BundleAnchor[];
}

/** Every instant at which a family's verdicts can change within [from, to). */
function instants(
  ctx: EvaluationContext,
  family: EndpointFamily,
  from: number,
  to: number,
  anchors: readonly BundleAnchor[],
): number[] {
  const set = new Set<number>([from]);
  for (const t of ctx.changePoints(family)) set.add(t);
  for (const a of anchors) {
    if (a.notBefore !== undefined) set.add(a.notBefore);
    if (a.notAfter !== undefined) set.add(a.notAfter + 1000);
  }
  return [...set].filter((t) => t >= from && t < to).sort((a, b) => a - b);
}

interface Alternative {
  chain: ServedChain;
  issuer: string;
}

/** The chains served at `t`, one alternative per issuing CA valid then (as `chainsAt`, cached). */
function alternativesAt(ctx: EvaluationContext, family: EndpointFamily, t: number) {
  const period = ctx.period(family, t);
  if (!period) return undefined;
  const alts: Alternative[] = [];
  for (const chain of period.chains)
    for (const issuer of chain.issuers) {
      const i = ctx.info(issuer);
      if (t >= i.notBefore && t <= i.notAfter) alts.push({ chain, issuer });
    }
  return { period, alts };
}

function weakest(bases: readonly VerdictBasis[]): VerdictBasis | undefined {
  let best: number | undefined;
  for (const b of bases) {
    const i = BASIS_ORDER.indexOf(b);
    best = best === undefined ? i : Math.min(best, i);
  }
  return best === undefined ? undefined : BASIS_ORDER[best];
}

function groupFailures(verdicts: readonly [Alternative, ChainVerdict][]): ReportFailure[] {
  const groups = new Map<string, ReportFailure>();
  for (const [alt, v] of verdicts) {
    if (v.ok) continue;
    const key = `${alt.chain.id}|${v.code}|${v.certificate}|${v.reason}|${v.basis}`;
    const g = groups.get(key);
    if (g) g.issuers.push(alt.issuer);
    else {
      const f: ReportFailure = {
        chain: alt.chain.id,
        issuers: [alt.issuer],
        code: v.code ?? 'UNKNOWN',
        reason: v.reason,
        basis: v.basis,
      };
      if (v.certificate) f.certificate = v.certificate;
      groups.set(key, f);
    }
  }
  return [...groups.values()];
}

/** The verdict of every alternative a family serves at `t`, as one interval (without its end). */
function intervalAt(ctx: EvaluationContext, family: EndpointFamily, t: number, set: AnchorSet) {
  const served = alternativesAt(ctx, family, t);
  if (!served) {
    const out: Omit<ReportInterval, 'to'> = {
      from: iso(t),
      status: 'unknown',
      alternatives: 0,
      verifying: 0,
      anchors: [],
      failures: [],
    };
    return { interval: out, verdicts: [] as [Alternative, ChainVerdict][] };
  }
  const verdicts: [Alternative, ChainVerdict][] = served.alts.map((alt) => [
    alt,
    evaluateChain(ctx, alt.chain, alt.issuer, t, set.anchors, set.id),
  ]);
  const verifying = verdicts.filter(([, v]) => v.ok).length;
  const interval: Omit<ReportInterval, 'to'> = {
    from: iso(t),
    status: verifying === verdicts.length ? 'verifies' : 'fails',
    period: served.period.id,
    profileEvidence: served.period.evidence,
    alternatives: verdicts.length,
    verifying,
    anchors: [...new Set(verdicts.flatMap(([, v]) => (v.anchor ? [v.anchor] : [])))].sort(),
    failures: groupFailures(verdicts),
  };
  if (served.period.transition) interval.transition = true;
  if (served.period.approximate) interval.approximate = true;
  const basis = weakest(verdicts.map(([, v]) => v.basis));
  if (basis) interval.basis = basis;
  return { interval, verdicts };
}

function sameVerdict(a: Omit<ReportInterval, 'to'>, b: Omit<ReportInterval, 'to'>): boolean {
  const { from: _a, ...x } = a;
  const { from: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}

function timeline(
  ctx: EvaluationContext,
  family: EndpointFamily,
  points: readonly number[],
  to: number,
  set: AnchorSet,
) {
  const out: ReportInterval[] = [];
  let open: Omit<ReportInterval, 'to'> | undefined;
  for (const t of points) {
    const { interval } = intervalAt(ctx, family, t, set);
    if (open && sameVerdict(open, interval)) continue;
    if (open) out.push({ ...open, to: interval.from } as ReportInterval);
    open = interval;
  }
  if (open) out.push({ ...open, to: iso(to) } as ReportInterval);
  // Put `to` right after `from` for readers of the JSON.
  return out.map(({ from, to: end, ...rest }) => ({ from, to: end, ...rest }) as ReportInterval);
}

function reportRoot(a: BundleAnchor): ReportRoot {
  const r: ReportRoot = {
    index: a.index,
    kind: a.kind,
    subject: a.subject,
    spkiSha256: a.spkiSha256,
    isCA: a.isCA,
  };
  if (a.slug) r.slug = a.slug;
  if (a.sha256) r.sha256 = a.sha256;
  if (a.notBefore !== undefined) r.notBefore = iso(a.notBefore);
  if (a.notAfter !== undefined) r.notAfter = iso(a.notAfter);
  if (a.where) {
    const w = a.where;
    r.where = [w.file, w.line ?? w.offset, w.symbol, w.condition].filter((x) => x !== undefined).join(':');
  }
  return r;
}

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
class AnalysisCache {
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

function clientReport(
  client: NonNullable<ReadinessOptions['client']>,
  from: number,
  to: number,
): ReportClient {
  const parse = (c: CertificateInput, what: string) => {
    try {
      return parseCertificate(c);
    } catch (e) {
      if (e instanceof VerifyError) throw new ReadinessError('INVALID_ARGUMENT', `${what}: ${e.message}`);
      throw e;
    }
  };
  const cert = parse(client.certificate, 'client certificate');
  const ca = client.ca ? parse(client.ca, 'client CA') : undefined;
  const summary = (c: typeof cert) => ({
    subject: c.subject.text,
    sha256: c.fingerprints.sha256,
    notBefore: iso(c.validity.notBefore.getTime()),
    notAfter: iso(c.validity.notAfter.getTime()),
  });
  const points = new Set<number>([from]);
  for (const c of ca ? [cert, ca] : [cert]) {
    points.add(c.validity.notBefore.getTime());
    points.add(c.validity.notAfter.getTime() + 1000);
  }
  const sorted = [...points].filter((t) => t >= from && t < to).sort((a, b) => a - b);
  const out: ReportClient['timeline'] = [];
  for (const t of sorted) {
    let entry: ReportClient['timeline'][number];
    if (ca) {
      // The hub verifies the device's chain like a server stack: every date, the CA's included.
      const r = verifyChain({
        leaf: cert.der,
        roots: [ca.der],
        purpose: 'clientAuth',
        strictProfile: false,
        time: t,
      });
      entry = r.ok
        ? { from: iso(t), to: '', status: 'verifies' }
        : { from: iso(t), to: '', status: 'fails', code: r.error.code, reason: r.error.message };
    } else {
      const { notBefore, notAfter } = cert.validity;
      entry =
        t < notBefore.getTime()
          ? {
              from: iso(t),
              to: '',
              status: 'fails',
              code: 'NOT_YET_VALID',
              reason: `valid only from ${iso(notBefore.getTime())}`,
            }
          : t > notAfter.getTime()
            ? {
                from: iso(t),
                to: '',
                status: 'fails',
                code: 'EXPIRED',
                reason: `expired on ${iso(notAfter.getTime())}`,
              }
            : { from: iso(t), to: '', status: 'verifies' };
    }
    const last = out[out.length - 1];
    if (last && last.status === entry.status && last.code === entry.code) continue;
    if (last) last.to = entry.from;
    out.push(entry);
  }
  const last = out[out.length - 1];
  if (last) last.to = iso(to);
  const report: ReportClient = { certificate: summary(cert), timeline: out };
  if (ca) report.ca = summary(ca);
  return report;
}

function familiesOf(list: ReadinessOptions['families']): EndpointFamily[] {
  if (!Array.isArray(list) || list.length === 0)
    throw new ReadinessError('INVALID_ARGUMENT', 'families: at least one endpoint family');
  return list.map((f) => (typeof f === 'string' ? getEndpointFamily(f) : f));
}

/**
 * Readiness of a device bundle over time: a timeline per endpoint family, the client
 * certificate's validity, and the smallest set of roots to add (and those to remove) that keeps
 * every endpoint verifying until `until`. Synchronous; call `init()` of `@hubtrust/verify` first.
 *
 * @throws ReadinessError `EMPTY_BUNDLE` / `UNREADABLE_BUNDLE` (said plainly), `UNKNOWN_DEVICE_PROFILE`,
 *   `INVALID_ARGUMENT` (bad dates or range, no family); CatalogError `UNKNOWN_FAMILY`
 * @example
 * ```ts
 * await init();
 * const r = analyzeReadiness({
 *   bundle: { bytes: readFileSync('certs.c'), file: 'certs.c' },
 *   families: ['azure-iot-hub'],
 *   device: 'mbedtls-2.28',
 *   from: new Date('2017-01-21'),
 *   to: new Date('2032-01-21'),
 * });
 * console.log(renderReadinessText(r));
 * ```
 */
export function analyzeReadiness(options: ReadinessOptions): ReadinessReport {
  const from = time(options.from, 'from');
  const to = time(options.to, 'to');
  if (!(from < to)) throw new ReadinessError('INVALID_ARGUMENT', 'from must be before to');
  if (to - from > MAX_RANGE_MS)
    throw new ReadinessError('INVALID_ARGUMENT', 'the range is longer than 100 years');
  const until = options.until ? time(options.until, 'until') : to;
  if (!(until > from)) throw new ReadinessError('INVALID_ARGUMENT', 'until must be after from');
  const families = familiesOf(options.families);
  const device = resolveDevice(options.device);
  const bundle: DeviceBundle = readDeviceBundle(options.bundle, (sha) => bySha256(sha));
  const ctx = new EvaluationContext(verifyOptionsFor(device));
  const current: AnchorSet = { id: 'bundle', anchors: bundle.anchors };

  let instantCount = 0;
  const endpoints: ReportEndpoint[] = families.map((family) => {
    const points = instants(ctx, family, from, to, bundle.anchors);
    instantCount += points.length;
    const tl = timeline(ctx, family, points, to, current);
    const e: ReportEndpoint = { family: family.id, name: family.name, timeline: tl };
    if (family.deprecated) e.deprecated = family.deprecated;
    const fail = tl.find((i) => i.status === 'fails');
    if (fail) e.firstFailure = fail.from;
    return e;
  });

  const report: ReadinessReport = {
    schemaVersion: READINESS_SCHEMA_VERSION,
    range: { from: iso(from), to: iso(to) },
    device: { profile: device.id, knownProfile: device.known, options: { ...device.options } },
    bundle: {
      file: bundle.file,
      roots: bundle.anchors.map(reportRoot),
      errors: bundle.errors.map((e) => ({ code: e.code, message: e.message })),
    },
    endpoints,
    recommendation: recommend(ctx, new AnalysisCache(), families, bundle, from, until),
    catalogSnapshot: CATALOG_SNAPSHOT_DATE,
    work: { instants: instantCount, evaluations: 0, verifyCalls: 0 },
  };
  if (bundle.format) report.bundle.format = bundle.format;
  if (options.client) report.client = clientReport(options.client, from, to);
  report.work.evaluations = ctx.evaluations;
  report.work.verifyCalls = ctx.verifyCalls;
  return report;
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

function recommend(
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
      note:
        distrusted ??
        `expired on ${iso(a.notAfter as number).slice(0, 10)}${a.isCA ? '' : ' (a pinned end-entity certificate, not a CA)'}`,
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
