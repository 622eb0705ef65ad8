// Differential testing of ecdsaVerify against node:crypto (OpenSSL): random keys and messages,
// signatures made by node (P1363 encoding, so r and s are the two halves), then each genuine triple
// plus a copy with one bit flipped in the signature, the message or the public key. node decides
// the corrupted copies (a key node refuses to import counts as a rejection); genuine triples must
// verify. One documented divergence: OpenSSL accepts the X9.62 "hybrid" point form (tag 0x06 /
// 0x07, reached by flipping bit 1 of the 0x04 tag), which RFC 5480 section 2.2 forbids and
// ecdsaVerify rejects; those copies must be rejected by us and are counted, not compared.
// Half of the triples use one of four hot keys, so both paths of ecdsaVerify are compared: the
// comb tables of cached keys (ec-key-cache.ts) and the uncached multiplication. Every triple is
// verified on both test builds (portable and SIMD), which must agree.
// Used by src/ecdsa/ecdsa-differential-*.test.ts.
import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { CURVES, digestOf, type EcExports, hexBytes, keyCached, verifyRaw } from './ec-harness.js';
import { loadTestWasm } from './test-wasm.js';

/** SPKI DER prefixes (AlgorithmIdentifier id-ecPublicKey + named curve, BIT STRING header). */
const SPKI_PREFIX: Record<string, Record<number, string>> = {
  prime256v1: {
    65: '3059301306072a8648ce3d020106082a8648ce3d030107034200',
    33: '3039301306072a8648ce3d020106082a8648ce3d030107032200',
  },
  secp384r1: {
    97: '3076301006072a8648ce3d020106052b81040022036200',
    49: '3046301006072a8648ce3d020106052b81040022033200',
  },
  secp521r1: {
    133: '30819b301006072a8648ce3d020106052b8104002303818600',
    67: '3058301006072a8648ce3d020106052b81040023034400',
  },
};

/** A node KeyObject for a SEC1 point, or null when node refuses it. */
function nodeKey(nodeName: string, point: Uint8Array): KeyObject | null {
  const prefix = SPKI_PREFIX[nodeName]?.[point.length];
  if (!prefix) return null;
  try {
    return createPublicKey({
      key: Buffer.concat([hexBytes(prefix), point]),
      format: 'der',
      type: 'spki',
    });
  } catch {
    return null;
  }
}

/** Deterministic PRNG (xorshift32) for the test's choices; signatures themselves are random. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

export interface DifferentialResult {
  triples: number;
  corrupted: number;
  accepted: number;
  /** Corrupted copies whose key became the hybrid form (rejected by us, accepted by OpenSSL). */
  hybrid: number;
  /** Genuine triples verified with the key's cached comb table. */
  cached: number;
  mismatches: string[];
}

/**
 * Runs `pairs` genuine + corrupted pairs (2 * pairs triples) on `curve` with the given hashes
 * (the first is the curve's own; others are picked for one triple in `crossEvery`).
 */
export function runDifferential(
  curve: number,
  pairs: number,
  hashes: string[],
  seed: number,
): DifferentialResult {
  const c = CURVES[curve];
  if (!c) throw new Error(`unknown curve ${curve}`);
  const builds = ['verify.test.wasm', 'verify.test.simd.wasm'].map((f) => loadTestWasm<EcExports>(f));
  const wasm = builds[0] as EcExports;
  const rnd = prng(seed);
  const keys = Array.from({ length: 40 }, (_, i) => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: c.nodeName });
    const jwk = publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x as string, 'base64url');
    const y = Buffer.from(jwk.y as string, 'base64url');
    // Every fourth key in compressed form (0x02 / 0x03 by the parity of y).
    const point =
      i % 4 === 3
        ? new Uint8Array(Buffer.concat([Buffer.from([2 + ((y[y.length - 1] as number) & 1)]), x]))
        : new Uint8Array(Buffer.concat([Buffer.from([4]), x, y]));
    return { publicKey, privateKey, point };
  });
  const result: DifferentialResult = {
    triples: 0,
    corrupted: 0,
    accepted: 0,
    hybrid: 0,
    cached: 0,
    mismatches: [],
  };
  for (const w of builds) w.ecKeyCacheReset();
  const nb = c.bytes;
  const ours = (point: Uint8Array, hash: string, msg: Uint8Array, sig: Uint8Array) => {
    if (sig.length !== 2 * nb) return false;
    const digest = digestOf(hash, msg);
    const codes = builds.map((w) =>
      verifyRaw(curve, point, digest, sig.subarray(0, nb), sig.subarray(nb), w),
    );
    if (codes.some((c) => c !== codes[0]))
      result.mismatches.push(
        `builds disagree (${codes}): ${hash} key ${hex(point)} msg ${hex(msg)} sig ${hex(sig)}`,
      );
    return codes[0] === 0;
  };
  for (let i = 0; i < pairs; i++) {
    // Keys 0-3 (one of them compressed) on half of the triples: they keep their tables.
    const key = keys[rnd(2) === 0 ? rnd(4) : rnd(keys.length)] as (typeof keys)[number];
    const hash = (rnd(4) === 0 ? hashes[rnd(hashes.length)] : hashes[0]) as string;
    const msg = new Uint8Array(randomBytes(rnd(200)));
    const sig = new Uint8Array(sign(hash, msg, { key: key.privateKey, dsaEncoding: 'ieee-p1363' }));
    // Genuine triple: node made it, so its verdict is "valid".
    result.triples++;
    if (keyCached(curve, key.point, wasm)) result.cached++;
    const good = ours(key.point, hash, msg, sig);
    if (good) result.accepted++;
    else
      result.mismatches.push(
        `genuine rejected: ${hash} key ${hex(key.point)} msg ${hex(msg)} sig ${hex(sig)}`,
      );
    // Corrupted copy: one bit flipped in the signature, the message or the key.
    const what = rnd(3);
    let [point, m, s] = [key.point, msg, sig];
    const flip = (b: Uint8Array) => {
      const out = b.length === 0 ? new Uint8Array(1) : Uint8Array.from(b);
      const bit = rnd(out.length * 8);
      out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
      return out;
    };
    if (what === 0) s = flip(sig);
    else if (what === 1) m = flip(msg);
    else point = flip(key.point);
    const hybrid = point[0] === 6 || point[0] === 7;
    const k = point === key.point ? key.publicKey : nodeKey(c.nodeName, point);
    const theirs = !hybrid && k !== null && verify(hash, m, { key: k, dsaEncoding: 'ieee-p1363' }, s);
    const mine = ours(point, hash, m, s);
    if (hybrid) result.hybrid++;
    result.triples++;
    result.corrupted++;
    if (mine) result.accepted++;
    if (mine !== theirs)
      result.mismatches.push(
        `corrupted (${['sig', 'msg', 'key'][what]}): ours ${mine} node ${theirs}: ${hash} key ${hex(point)} msg ${hex(m)} sig ${hex(s)}`,
      );
  }
  return result;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * What is wrong with a differential run of `pairs` pairs (empty when all is well): verdicts that
 * differ from node's, wrong counts, genuine triples rejected or corrupted ones accepted (every
 * flip changes r, s, the digest or the key, so none may verify), no hybrid-form key among the
 * corruptions (the one documented divergence from OpenSSL would have gone untested), and too few
 * triples on either path of ecdsaVerify (with and without a cached key table; `keyCache` false:
 * the curve has no table cache, so none may be used).
 */
export function differentialProblems(r: DifferentialResult, pairs: number, keyCache = true): string[] {
  const problems = r.mismatches.slice(0, 5);
  if (r.triples !== 2 * pairs || r.corrupted !== pairs) problems.push(`counts ${r.triples}/${r.corrupted}`);
  if (r.accepted !== pairs) problems.push(`accepted ${r.accepted} of ${pairs} genuine`);
  // A hybrid tag needs one flip among 8 x point-length bits of a third of the pairs: only the
  // 5,000-pair runs are sure to produce one.
  if (r.hybrid === 0 && pairs >= 5000) problems.push('no hybrid-form key was produced');
  if (!keyCache) {
    // P-521 has no comb tables (gen-ec.mjs `rolled`): no key may ever be cached.
    if (r.cached !== 0)
      problems.push(`${r.cached} genuine triples used a cached table on a curve without one`);
  } else if (r.cached < pairs / 5 || r.cached > pairs - pairs / 5)
    problems.push(
      `${r.cached} of ${pairs} genuine triples verified with a cached table: one path barely compared`,
    );
  return problems;
}
