// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Signature checks along a path: the algorithm policy, then the signature itself, memoised per
// (child, issuer) pair so that a certificate reached through many paths costs one verification.
//
// Policy (checked before spending budget): MD5 and MD2 are never accepted (RFC 6151, CA/B BR
// §7.1.3.2); SHA-1 only with FLAG_ALLOW_SHA1 (SHA-1 collisions, CA/B BR forbid it since 2016);
// SHA-224 and unknown algorithms are unsupported. The signature of a trust anchor itself is never
// checked: an anchor is trusted for its name and key (RFC 5280 §6.1.1 (d)).

import {
  Cert,
  Err,
  FLAG_ALLOW_SHA1,
  HASH_MD2,
  HASH_MD5,
  HASH_SHA1,
  HASH_SHA224,
  PathDetail,
  SIG_UNKNOWN,
} from '../abi.generated';
import { sigVerifyCert } from '../crypto/signature';

import { certAt } from '../x509/cert';
import { budgetTakeSignature } from './budget';

import { certCount, hasFlag } from './request';

/** Detail of the last failure. */
export let sigDetail: u32 = 0;

// One byte per (child, issuer): 0 = not checked yet, else Err + 1.
let memo: usize = 0;

/** Allocates the memo for this call (certCount² bytes on the per-call heap, zeroed). */
export function signaturesReset(): void {
  const n = <usize>certCount;
  memo = heap.alloc(max<usize>(n * n, 8));
  memory.fill(memo, 0, n * n);
}

/** The signature-algorithm policy for a certificate's own signature. */
export function signaturePolicy(c: Cert): Err {
  const h = c.sigHash;
  if (h === HASH_MD5 || h === HASH_MD2) {
    sigDetail = <u32>PathDetail.SIG_MD5;
    return Err.WEAK_SIGNATURE_ALGORITHM;
  }
  if (h === HASH_SHA1 && !hasFlag(FLAG_ALLOW_SHA1)) {
    sigDetail = <u32>PathDetail.SIG_SHA1;
    return Err.WEAK_SIGNATURE_ALGORITHM;
  }
  if (h === HASH_SHA224 || c.sigAlg === SIG_UNKNOWN) {
    sigDetail = <u32>PathDetail.SIG_UNSUPPORTED;
    return Err.UNSUPPORTED_ALGORITHM;
  }
  return Err.OK;
}

function detailFor(e: Err): u32 {
  if (e === Err.BAD_SIGNATURE) return <u32>PathDetail.SIG_INVALID;
  if (e === Err.UNSUPPORTED_ALGORITHM) return <u32>PathDetail.SIG_UNSUPPORTED;
  if (e === Err.BUDGET_EXCEEDED) return <u32>PathDetail.BUDGET_SIGNATURES;
  return 0;
}

/**
 * Whether the certificate in `child` is validly signed by the key of the certificate in
 * `issuer`, under the algorithm policy. BUDGET_EXCEEDED when no signature check is left.
 */
export function edgeVerify(child: u32, issuer: u32): Err {
  const k = memo + <usize>(child * certCount + issuer);
  const cached = <u32>load<u8>(k);
  if (cached !== 0) {
    const e = <Err>(cached - 1);
    if (signaturePolicy(certAt(child)) === Err.OK) sigDetail = detailFor(e); // else the policy set it
    return e;
  }
  const c = certAt(child);
  let e = signaturePolicy(c);
  if (e === Err.OK) {
    if (!budgetTakeSignature()) {
      sigDetail = <u32>PathDetail.BUDGET_SIGNATURES;
      return Err.BUDGET_EXCEEDED;
    }
    e = sigVerifyCert(child, issuer);
    sigDetail = detailFor(e);
  }
  store<u8>(k, <u8>(<u32>e + 1));
  return e;
}
