// Whether a device accepts one chain a hub serves, at one instant.
//
// Served chains are partly real (catalog certificates: their DER is verified with @hubtrust/verify)
// and partly modelled (certificates the documentation names but nobody has a copy of, and the hub's
// leaf, which is only a shape). The honest split:
// - the longest run of real certificates from the bottom of the chain is verified with verifyChain
//   against the device's anchors, with the device's options (signatures, dates, CA flags, key
//   usage, EKU chaining, key sizes, name constraints, path length). When the leaf is modelled the
//   issuing CA stands at the bottom of the path: `strictProfile` is then off for the call (its
//   leaf-only rules would reject a CA there; see the README) and `maxDepth` is reduced by the
//   certificates below it, so the depth the device counts is unchanged;
// - links that need a modelled certificate are evaluated by identity (the anchor is the certificate
//   the profile names, or one with its subject and key; a modelled certificate without a known key
//   is matched by its name only), by dates (the modelled certificate's documented validity; the
//   anchor's when the device checks anchor dates) and by key size; when a modelled certificate has
//   a real same-key twin, the real certificate below it is verified against that twin's key.
// The result says which: `verified` (every link checked by verifyChain, the leaf included: only
// captured leaves), `verified-from-issuing-ca` (every CA link checked; the leaf is modelled),
// `modelled` (some CA link rests on a modelled certificate).
import { type VerifyChainOptions, type VerifyChainResult, verifyChain } from '@hubtrust/verify';
import { findCertificate } from '../catalog.js';
import { nameKey } from '../names.js';
import type { EndpointFamily, ProfilePeriod, ServedChain } from '../profile-types.js';
import {
  chainAnchors,
  profileCertificate,
  profileCertificateValidity,
  profileChangePoints,
} from '../profiles.js';
import { anchorLabel, type BundleAnchor } from './bundle.js';
import type { DeviceBehaviour } from './device.js';

/** How much of a verdict verifyChain checked (see the file header). */
export type VerdictBasis = 'verified' | 'verified-from-issuing-ca' | 'modelled';

/** The device's verdict on one served chain (one issuing CA) at one instant. */
export interface ChainVerdict {
  ok: boolean;
  /** Error code (verify's codes: `UNKNOWN_ISSUER`, `EXPIRED`, …) when not ok. */
  code?: string;
  /** Why, in words. */
  reason: string;
  /** The certificate the verdict is about: a catalog slug or modelled id, or an anchor's label. */
  certificate?: string;
  basis: VerdictBasis;
  /** The anchor the device stopped at (label), when ok. */
  anchor?: string;
}

/** A profile certificate as readiness needs it. */
interface CertInfo {
  id: string;
  real: boolean;
  der?: Uint8Array;
  subjectKey: string;
  issuerKey?: string;
  /** Key of the certificate, or of its real same-key twin (modelled). */
  spkiSha256?: string;
  /** DER of the real same-key twin of a modelled certificate. */
  twinDer?: Uint8Array;
  cn: string;
  notBefore: number;
  notAfter: number;
}

/** State shared by every evaluation of one analysis: caches, counters. No module globals. */
export class EvaluationContext {
  readonly #certs = new Map<string, CertInfo>();
  readonly #memo = new Map<string, ChainVerdict>();
  readonly #verifyMemo = new Map<string, VerifyChainResult>();
  readonly #relevant = new Map<string, BundleAnchor[]>();
  readonly #points = new Map<string, number[]>();
  readonly #periods = new Map<string, { from: number; to: number; period: ProfilePeriod }[]>();
  /** verifyChain calls made (memo misses). */
  verifyCalls = 0;
  /** Chain evaluations requested. */
  evaluations = 0;

  constructor(readonly options: DeviceBehaviour) {}

  info(id: string): CertInfo {
    let i = this.#certs.get(id);
    if (i) return i;
    const p = profileCertificate(id);
    const v = profileCertificateValidity(id);
    if (p.source === 'catalog') {
      const c = p.certificate;
      i = {
        id,
        real: true,
        der: c.der,
        subjectKey: nameKey(c.subject),
        issuerKey: nameKey(c.issuer),
        spkiSha256: c.spkiSha256,
        cn: c.subjectCn,
        notBefore: v.notBefore,
        notAfter: v.notAfter,
      };
    } else {
      const m = p.modelled;
      const twin = m.sameKeyAs ? findCertificate(m.sameKeyAs) : undefined;
      i = {
        id,
        real: false,
        subjectKey: twin ? nameKey(twin.subject) : `CN=${m.subjectCn.toLowerCase()}`,
        cn: m.subjectCn,
        notBefore: v.notBefore,
        notAfter: v.notAfter,
      };
      if (twin) {
        i.spkiSha256 = twin.spkiSha256;
        i.twinDer = twin.der;
      }
    }
    this.#certs.set(id, i);
    return i;
  }

  memo(key: string, compute: () => ChainVerdict): ChainVerdict {
    const hit = this.#memo.get(key);
    if (hit) return hit;
    const v = compute();
    this.#memo.set(key, v);
    return v;
  }

  /** verifyChain, memoised by its inputs (the caller's key names them, time as a validity state). */
  verify(key: string, call: () => VerifyChainResult): VerifyChainResult {
    const hit = this.#verifyMemo.get(key);
    if (hit) return hit;
    this.verifyCalls++;
    const r = call();
    this.#verifyMemo.set(key, r);
    return r;
  }

  /** The period of a family containing `t` (as `periodAt`, with its bounds parsed once). */
  period(family: EndpointFamily, t: number): ProfilePeriod | undefined {
    let list = this.#periods.get(family.id);
    if (!list) {
      list = family.periods.map((period) => ({
        from: Date.parse(`${period.from}T00:00:00Z`),
        to: period.to ? Date.parse(`${period.to}T00:00:00Z`) : Number.POSITIVE_INFINITY,
        period,
      }));
      this.#periods.set(family.id, list);
    }
    return list.find((p) => t >= p.from && t < p.to)?.period;
  }

  /** `profileChangePoints` of a family (ms), cached. */
  changePoints(family: EndpointFamily): number[] {
    let p = this.#points.get(family.id);
    if (!p) {
      p = profileChangePoints(family).map((d) => d.getTime());
      this.#points.set(family.id, p);
    }
    return p;
  }

  /** The anchors that can take part in a chain's verdict (by name), cached per chain and anchor set. */
  relevant(key: string, compute: () => BundleAnchor[]): BundleAnchor[] {
    let r = this.#relevant.get(key);
    if (!r) {
      r = compute();
      this.#relevant.set(key, r);
    }
    return r;
  }
}

const DAY = (t: number) => new Date(t).toISOString().slice(0, 10);

function cnOfKey(subjectKey: string): string | undefined {
  const line = subjectKey.split('\n').find((l) => l.startsWith('CN='));
  return line?.slice(3);
}

/** Anchors the device holds for a profile certificate: same subject and key, or (no key known) same CN. */
function anchorsFor(info: CertInfo, anchors: readonly BundleAnchor[]): BundleAnchor[] {
  if (info.spkiSha256) {
    return anchors.filter((a) => a.spkiSha256 === info.spkiSha256 && a.subjectKey === info.subjectKey);
  }
  const cn = info.cn.toLowerCase();
  return anchors.filter((a) => cnOfKey(a.subjectKey) === cn);
}

function validAt(t: number, notBefore: number | undefined, notAfter: number | undefined): -1 | 0 | 1 {
  if (notBefore !== undefined && t < notBefore) return -1;
  if (notAfter !== undefined && t > notAfter) return 1;
  return 0;
}

function dateFailure(
  state: -1 | 0 | 1,
  what: string,
  id: string,
  notBefore: number | undefined,
  notAfter: number | undefined,
  basis: VerdictBasis,
): ChainVerdict | undefined {
  if (state === 1)
    return {
      ok: false,
      code: 'EXPIRED',
      reason: `${what} expired on ${DAY(notAfter as number)}`,
      certificate: id,
      basis,
    };
  if (state === -1)
    return {
      ok: false,
      code: 'NOT_YET_VALID',
      reason: `${what} is valid only from ${DAY(notBefore as number)}`,
      certificate: id,
      basis,
    };
  return undefined;
}

/** The run of real certificates verifyChain can check, bottom first: [from, to] indices into `levels`. */
function realRun(levels: readonly (CertInfo | undefined)[], sent: number): [number, number] | undefined {
  let from = -1;
  for (let i = 0; i < sent; i++) {
    if (levels[i]?.real) {
      from = i;
      break;
    }
  }
  if (from < 0) return undefined;
  let to = from;
  while (to + 1 < sent && levels[to + 1]?.real) to++;
  return [from, to];
}

function callOptions(base: DeviceBehaviour, bottom: number, anchors: readonly BundleAnchor[]) {
  const o: VerifyChainOptions = { ...base, leaf: new Uint8Array(), roots: [] };
  if (bottom > 0) {
    // The issuing CA (or a CA above it) stands in for the modelled leaf.
    o.strictProfile = false;
    o.maxDepth = Math.max(0, (base.maxDepth ?? 8) - bottom);
  }
  // ESP bundles store no dates for their anchors: the catalog stand-in's dates are not the device's.
  if (anchors.some((a) => a.kind === 'esp-anchor')) o.enforceAnchorExpiry = false;
  return o;
}

/** The certificate a verifyChain error is about. */
function blame(
  r: Extract<VerifyChainResult, { ok: false }>,
  run: readonly CertInfo[],
  anchors: readonly BundleAnchor[],
): string {
  const i = r.error.certIndex ?? 0;
  const c = r.error.chain?.[i];
  if (!c) return run[0]?.id ?? 'leaf';
  if (c.source === 'roots') {
    const a = anchors[c.index];
    return a ? anchorLabel(a) : 'anchor';
  }
  if (c.source === 'leaf') return run[0]?.id ?? 'leaf';
  return run[c.index + 1]?.id ?? 'intermediate';
}

function runVerify(
  ctx: EvaluationContext,
  run: readonly CertInfo[],
  bottom: number,
  anchors: readonly BundleAnchor[],
  t: number,
  overrides: Partial<VerifyChainOptions> = {},
): { result: VerifyChainResult; anchors: BundleAnchor[] } | undefined {
  // Only anchors whose subject is an issuer (or a subject: twins) of the run can take part.
  const names = new Set<string>();
  for (const c of run) {
    names.add(c.subjectKey);
    if (c.issuerKey) names.add(c.issuerKey);
  }
  const usable = anchors.filter((a) => a.der && names.has(a.subjectKey));
  if (usable.length === 0) return undefined;
  const options = { ...callOptions(ctx.options, bottom, usable), ...overrides };
  const key = `${bottom}|${run.map((c) => c.id).join(',')}|${usable.map((a) => a.id).join(',')}|${JSON.stringify(overrides)}|${stateKey(t, run, usable)}`;
  const result = ctx.verify(key, () => {
    const [leaf, ...intermediates] = run.map((c) => c.der as Uint8Array);
    return verifyChain({
      ...options,
      leaf: leaf as Uint8Array,
      intermediates,
      roots: usable.map((a) => a.der as Uint8Array),
      time: t,
    });
  });
  return { result, anchors: usable };
}

/** The validity state of every certificate a verdict can depend on: the memo key's time part. */
function stateKey(
  t: number,
  infos: readonly (CertInfo | undefined)[],
  anchors: readonly BundleAnchor[],
): string {
  let s = '';
  for (const i of infos) s += i ? validAt(t, i.notBefore, i.notAfter) + 1 : 'x';
  s += '|';
  for (const a of anchors) s += validAt(t, a.notBefore, a.notAfter) + 1;
  return s;
}

/**
 * The device's verdict on `chain` served with issuing CA `issuer` at time `t` (ms), given its
 * anchors. `anchorsKey` names the anchor set for the memo (the same key must mean the same anchors).
 */
export function evaluateChain(
  ctx: EvaluationContext,
  chain: ServedChain,
  issuer: string,
  t: number,
  anchors: readonly BundleAnchor[],
  anchorsKey: string,
): ChainVerdict {
  ctx.evaluations++;
  // A captured leaf stands for the served one only while it is valid: a hub does not serve a leaf
  // before its notBefore or after its notAfter, it serves another (renewed) leaf, modelled like
  // any other. Period boundaries are days, so without this the hours between a period's midnight
  // and its captured leaf's notBefore would read as NOT_YET_VALID.
  const captured = chain.leaf.slug ? ctx.info(chain.leaf.slug) : undefined;
  const leaf = captured && t >= captured.notBefore && t <= captured.notAfter ? captured : undefined;
  const levels: (CertInfo | undefined)[] = [leaf, ctx.info(issuer), ...chain.above.map((id) => ctx.info(id))];
  const sent = levels.length;
  levels.push(ctx.info(chain.root));
  const ids = `${chain.id}|${levels.map((l) => l?.id ?? 'leaf').join(',')}`;
  // Only anchors named like a certificate of the chain (subject, issuer, or CN of a keyless model) matter.
  const relevant = ctx.relevant(`${ids}|${anchorsKey}`, () => {
    const names = new Set<string>();
    const cns = new Set<string>();
    for (const l of levels) {
      if (!l) continue;
      names.add(l.subjectKey);
      if (l.issuerKey) names.add(l.issuerKey);
      if (!l.spkiSha256) cns.add(l.cn.toLowerCase());
    }
    return anchors.filter((a) => names.has(a.subjectKey) || cns.has(cnOfKey(a.subjectKey) ?? ''));
  });
  const key = `${ids}|${relevant.map((a) => a.id).join(',')}|${stateKey(t, levels, relevant)}`;
  return ctx.memo(key, () => evaluateUncached(ctx, chain, levels, sent, t, relevant));
}

function evaluateUncached(
  ctx: EvaluationContext,
  chain: ServedChain,
  levels: readonly (CertInfo | undefined)[],
  sent: number,
  t: number,
  anchors: readonly BundleAnchor[],
): ChainVerdict {
  const run = realRun(levels, sent);
  // The device stops at the first certificate it trusts: at or below the bottom of the real run
  // (a pinned issuing CA, a modelled CA it holds by name) nothing is left for verifyChain.
  for (let l = 1; l < levels.length && (!run || l <= run[0]); l++) {
    const anchor = anchorsFor(levels[l] as CertInfo, anchors)[0];
    if (anchor) return modelledLink(ctx, levels, undefined, l, anchor, t, anchors);
  }
  let climbFrom = 1;
  if (run) {
    const [from, to] = run;
    const certs = levels.slice(from, to + 1) as CertInfo[];
    const basis: VerdictBasis = from === 0 ? 'verified' : 'verified-from-issuing-ca';
    const v = runVerify(ctx, certs, from, anchors, t);
    if (v?.result.ok) {
      const top = v.result.chain[v.result.chain.length - 1];
      const a = top?.source === 'roots' ? v.anchors[top.index] : undefined;
      const below = modelledBelow(levels, from, t);
      if (below) return below;
      return {
        ok: true,
        reason: `verifies to ${a ? anchorLabel(a) : 'an anchor'}`,
        basis,
        ...(a ? { anchor: anchorLabel(a) } : {}),
      };
    }
    if (v && !v.result.ok && v.result.error.code !== 'UNKNOWN_ISSUER') {
      const e = v.result.error;
      return {
        ok: false,
        code: e.code,
        reason: e.hint ? `${e.message} (${e.hint})` : e.message,
        certificate: blame(v.result, certs, v.anchors),
        basis,
      };
    }
    // No anchor for the real run: what is above it is modelled, or the bundle lacks the root.
    climbFrom = to + 1;
  }
  for (let m = climbFrom; m < levels.length; m++) {
    const info = levels[m] as CertInfo;
    // A real certificate right above the real run was already looked for by verifyChain.
    if (run && m === run[1] + 1 && info.real) continue;
    const found = anchorsFor(info, anchors);
    const anchor = found[0];
    if (!anchor) continue;
    return modelledLink(ctx, levels, run, m, anchor, t, anchors);
  }
  const needed = chainAnchors(chain).map((id) => ctx.info(id).cn);
  return {
    ok: false,
    code: 'UNKNOWN_ISSUER',
    reason: `no trust anchor for this chain: the bundle needs ${needed.join(' or ')}`,
    certificate: chain.root,
    basis: run && run[1] === sent - 1 ? (run[0] === 0 ? 'verified' : 'verified-from-issuing-ca') : 'modelled',
  };
}

/** Modelled certificates below the real run (the leaf: renewed by the hub, assumed valid). */
function modelledBelow(
  levels: readonly (CertInfo | undefined)[],
  from: number,
  t: number,
): ChainVerdict | undefined {
  for (let i = 1; i < from; i++) {
    const c = levels[i] as CertInfo;
    const f = dateFailure(
      validAt(t, c.notBefore, c.notAfter),
      c.cn,
      c.id,
      c.notBefore,
      c.notAfter,
      'modelled',
    );
    if (f) return f;
  }
  return undefined;
}

/** The device stops at `anchor` for level `m`, through at least one modelled certificate. */
function modelledLink(
  ctx: EvaluationContext,
  levels: readonly (CertInfo | undefined)[],
  run: [number, number] | undefined,
  m: number,
  anchor: BundleAnchor,
  t: number,
  anchors: readonly BundleAnchor[],
): ChainVerdict {
  const basis: VerdictBasis = 'modelled';
  if (run) {
    // The real run's top is signed by the modelled certificate above it: check it against that
    // certificate's real same-key twin when there is one.
    const above = levels[run[1] + 1] as CertInfo;
    if (above.twinDer) {
      const certs = levels.slice(run[0], run[1] + 1) as CertInfo[];
      const twin: BundleAnchor = {
        index: -1,
        id: `twin:${above.id}`,
        kind: 'certificate',
        subject: above.cn,
        subjectKey: above.subjectKey,
        spkiSha256: above.spkiSha256 as string,
        der: above.twinDer,
        isCA: true,
        key: { type: 'unknown' },
      };
      const v = runVerify(ctx, certs, run[0], [twin], t, { enforceAnchorExpiry: false });
      if (v && !v.result.ok) {
        return {
          ok: false,
          code: v.result.error.code,
          reason: v.result.error.message,
          certificate: blame(v.result, certs, v.anchors),
          basis,
        };
      }
    }
    const below = modelledBelow(levels, run[0], t);
    if (below) return below;
  }
  const start = run ? run[1] + 1 : 1;
  for (let i = start; i < m; i++) {
    const c = levels[i] as CertInfo;
    const f = dateFailure(validAt(t, c.notBefore, c.notAfter), c.cn, c.id, c.notBefore, c.notAfter, basis);
    if (f) return f;
  }
  const label = anchorLabel(anchor);
  const espAnchor = anchors.some((a) => a.kind === 'esp-anchor');
  if (ctx.options.enforceAnchorExpiry !== false && !espAnchor) {
    const f = dateFailure(
      validAt(t, anchor.notBefore, anchor.notAfter),
      `the anchor ${label}`,
      label,
      anchor.notBefore,
      anchor.notAfter,
      basis,
    );
    if (f) return f;
  }
  const minRsa = ctx.options.minRsaBits ?? 2048;
  if (anchor.key.type === 'RSA' && anchor.key.bits !== undefined && anchor.key.bits < minRsa) {
    return {
      ok: false,
      code: 'WEAK_KEY',
      reason: `the anchor ${label} has an RSA-${anchor.key.bits} key; the device requires ${minRsa} bits`,
      certificate: label,
      basis,
    };
  }
  const through = levels
    .slice(start, m)
    .map((c) => c?.cn)
    .join(', ');
  return {
    ok: true,
    reason: `verifies to ${label} through modelled ${through || 'links'} (names, dates and keys; no signature)`,
    basis,
    anchor: label,
  };
}
