// Ed25519 signature verification (RFC 8032 §5.1.7), over public data only (not constant-time).
//
// Given a 32-byte public key A, a message M and a 64-byte signature R || S:
//   1. S must be canonical: S < L (else BAD_SIGNATURE; stops malleability, §5.1.7 and §8.4).
//   2. A must decode strictly (§5.1.3): y < p, x^2 a square, no "-0" (else BAD_PUBLIC_KEY).
//      A of small order (8A = identity: the identity and the seven other torsion points) is rejected
//      as BAD_PUBLIC_KEY: with such a key, [S]B = R + [k]A holds for R = [S]B whatever the message,
//      so every signature "verifies" — no certificate may carry one. Mixed-order keys (a prime-order
//      point plus torsion) are accepted when the equation holds: RFC 8032 does not reject them, they
//      cannot be told apart without a full [L]A multiplication, and the cofactorless check below
//      gives the same, deterministic verdict as node:crypto for them (src/ed25519.test.ts).
//   3. k = SHA-512(R || A || M) mod L.
//   4. Cofactorless check: encode([S]B - [k]A) == R, byte for byte. RFC 8032 allows checking
//      [8][S]B = [8]R + [8][k]A instead; the cofactorless form is what OpenSSL (node:crypto) and
//      most X.509 stacks do, so verdicts agree with them. Comparing encodings means R is never
//      decoded: a non-canonical or off-curve R can never equal a computed (canonical) encoding. For
//      a prime-order A, [S]B - [k]A lies in the prime-order subgroup, so a small-order R other than
//      the identity never matches, and the identity only when S = k a (mod L), i.e. when the holder
//      of the private key a made it so.
// [S]B - [k]A is computed by Straus' method with one shared chain of 253 doublings: S in width-5
// NAF over a committed table of the 8 odd multiples 1B..15B (ed25519-table.generated.ts, 960 bytes),
// k in width-5 NAF over the 8 odd multiples of -A computed per call. Wider tables for B buy little
// because the doublings dominate: width 7 (32 points, 3.75 KB) saves about 10 additions, ~3% of a
// verification, so the smaller table wins on module size (ED25519_B_WINDOW in the generator).
import { Err } from '../abi.generated';
import { inIoArea } from '../io';

import {
  addCached,
  addPre,
  P3_SIZE,
  PRE_SIZE,
  p1p1ToP2,
  p1p1ToP3,
  p2Dbl,
  p2Identity,
  p3Neg,
  p3ToCached,
  pointDecode,
  pointEncode,
  pointIsIdentity,
} from './ed25519-point';

import { scalarIsCanonical, scalarReduce64, scalarWnaf } from './ed25519-scalar';

import { ED_B_TABLE, ED_B_WINDOW } from './ed25519-table.generated';

import { HASH_CTX_SIZE, HashAlg, hashFinal, hashInit, hashUpdate } from './hash';

/** Window width of the wNAF of k over the odd multiples of -A (8 points). */
const A_WINDOW: i32 = 5;
const A_POINTS: usize = 1 << (A_WINDOW - 2);

// Static scratch (no heap): points, digit arrays, the hash context and digest.
const PA: usize = memory.data(<i32>P3_SIZE, 8); // -A (P3)
const PR: usize = memory.data(<i32>P3_SIZE, 8); // accumulator (P2 in the first 120 bytes)
const PT: usize = memory.data(<i32>P3_SIZE, 8); // P1P1 result of dbl / add
const PU: usize = memory.data(<i32>P3_SIZE, 8); // P3 operand of an addition
const A2: usize = memory.data(<i32>P3_SIZE, 8); // 2(-A) as CACHED
const AI: usize = memory.data(<i32>(A_POINTS * P3_SIZE), 8); // (2i+1)(-A) as CACHED
const NAF_K: usize = memory.data(256, 8);
const NAF_S: usize = memory.data(256, 8);
const HCTX: usize = memory.data(<i32>HASH_CTX_SIZE, 8);
const DIGEST: usize = memory.data(64, 8);
const K: usize = memory.data(32, 8);
const CHECK: usize = memory.data(32, 8);

/** PR = [s]B + [k]P for the P3 point at PA, as a P2 (Straus, shared doublings). */
function doubleScalarMul(k: usize, s: usize): void {
  // Odd multiples of P: AI[i] = (2i + 1)P, as CACHED.
  p3ToCached(AI, PA);
  p2Dbl(PT, PA);
  p1p1ToP3(PU, PT);
  p3ToCached(A2, PU);
  memory.copy(PU, PA, P3_SIZE);
  for (let i: usize = 1; i < A_POINTS; i++) {
    addCached(PT, PU, A2, false);
    p1p1ToP3(PU, PT);
    p3ToCached(AI + i * P3_SIZE, PU);
  }
  scalarWnaf(NAF_K, k, A_WINDOW);
  scalarWnaf(NAF_S, s, ED_B_WINDOW);
  let i: i32 = 255;
  while (i >= 0 && load<i8>(NAF_K + <usize>i) === 0 && load<i8>(NAF_S + <usize>i) === 0) i--;
  p2Identity(PR);
  for (; i >= 0; i--) {
    p2Dbl(PT, PR);
    const dk = <i32>load<i8>(NAF_K + <usize>i);
    const ds = <i32>load<i8>(NAF_S + <usize>i);
    if (dk !== 0) {
      p1p1ToP3(PU, PT);
      const idx = <usize>((dk < 0 ? -dk : dk) >> 1);
      addCached(PT, PU, AI + idx * P3_SIZE, dk < 0);
    }
    if (ds !== 0) {
      p1p1ToP3(PU, PT);
      const idx = <usize>((ds < 0 ? -ds : ds) >> 1);
      addPre(PT, PU, ED_B_TABLE + idx * PRE_SIZE, ds < 0);
    }
    p1p1ToP2(PR, PT);
  }
}

/** True when the P3 point at p has order dividing 8 (8p = identity). Uses PT and PU. */
function hasSmallOrder(p: usize): bool {
  p2Dbl(PT, p);
  p1p1ToP2(PU, PT);
  p2Dbl(PT, PU);
  p1p1ToP2(PU, PT);
  p2Dbl(PT, PU);
  p1p1ToP2(PU, PT);
  return pointIsIdentity(PU);
}

/**
 * Verifies the Ed25519 signature at sig (64 bytes: R || S) of the msgLen bytes at msg under the
 * public key at pub (32 bytes). Returns Err.OK, Err.BAD_SIGNATURE or Err.BAD_PUBLIC_KEY.
 * Pointers are trusted (internal entry point); see abiEd25519Verify for the host-facing one.
 */
export function ed25519Verify(pub: usize, msg: usize, msgLen: usize, sig: usize): i32 {
  if (!pointDecode(PA, pub) || hasSmallOrder(PA)) return Err.BAD_PUBLIC_KEY;
  if (!scalarIsCanonical(sig + 32)) return Err.BAD_SIGNATURE;
  hashInit(HCTX, HashAlg.SHA512);
  hashUpdate(HCTX, sig, 32);
  hashUpdate(HCTX, pub, 32);
  hashUpdate(HCTX, msg, msgLen);
  hashFinal(HCTX, DIGEST);
  scalarReduce64(K, DIGEST);
  p3Neg(PA, PA);
  doubleScalarMul(K, sig + 32);
  pointEncode(CHECK, PR);
  for (let i: usize = 0; i < 32; i += 8) {
    if (load<u64>(CHECK + i) !== load<u64>(sig + i)) return Err.BAD_SIGNATURE;
  }
  return Err.OK;
}

/**
 * [ed25519Verify] Host-facing entry: as ed25519Verify, after checking that every range lies in the
 * IO area (Err.INVALID_ARGUMENT otherwise), so garbage pointers never trap.
 */
export function abiEd25519Verify(pub: usize, msg: usize, msgLen: usize, sig: usize): i32 {
  if (!inIoArea(pub, 32) || !inIoArea(msg, msgLen) || !inIoArea(sig, 64)) return Err.INVALID_ARGUMENT;
  return ed25519Verify(pub, msg, msgLen, sig);
}
