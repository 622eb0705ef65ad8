// The timeline of one endpoint family: the served chains and issuing CAs at each change point,
// the device's verdict on each (evaluate.ts), merged into intervals of one verdict.
import type { EndpointFamily, ServedChain } from '../profile-types.js';
import type { BundleAnchor } from './bundle.js';
import { type ChainVerdict, type EvaluationContext, evaluateChain, type VerdictBasis } from './evaluate.js';
import type { ReportFailure, ReportInterval } from './report.js';

const BASIS_ORDER: readonly VerdictBasis[] = ['modelled', 'verified-from-issuing-ca', 'verified'];

/** ISO 8601 at second precision, as the report writes dates. */
export const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** One anchor set the device may hold, with a short id for the memo. */
export interface AnchorSet {
  id: string;
  anchors: BundleAnchor[];
}

/** Every instant at which a family's verdicts can change within [from, to). */
export function instants(
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

/** One served chain with one of its issuing CAs. */
export interface Alternative {
  chain: ServedChain;
  issuer: string;
}

/** The chains served at `t`, one alternative per issuing CA valid then (as `chainsAt`, cached). */
export function alternativesAt(ctx: EvaluationContext, family: EndpointFamily, t: number) {
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

/** The merged intervals of one family over `points` (each interval ends at the next change). */
export function timeline(
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
