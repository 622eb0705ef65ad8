// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Signature checks along a path: the algorithm policy, then the signature itself, memoised per
// (child, issuer) pair so that a certificate reached through many paths costs one verification.
//
// Policy (checked before spending budget): MD5 and MD2 are never accepted (RFC 6151, CA/B BR
// §7.1.3.2); SHA-1 only with FLAG_ALLOW_SHA1 (SHA-1 collisions, CA/B BR forbid it since 2016);
// SHA-224 and unknown algorithms are unsupported. The signature of a trust anchor itself is never
// checked: an anchor is trusted for its name and key (RFC 5280 §6.1.1 (d)).

import {
  ALG_RSA_PSS,
  ALG_RSA_PSS_BY_ANCHOR,
  Cert,
  Err,
  FLAG_ALLOW_SHA1,
  HASH_MD2,
  HASH_MD5,
  HASH_SHA1,
  HASH_SHA224,
  PathDetail,
  SIG_ECDSA,
  SIG_RSA_PKCS1,
  SIG_RSA_PSS,
  SIG_UNKNOWN,
} from '../abi.generated';
import { WITH_STACK_OPTIONS } from '../build-options';
import { sigVerifyCert } from '../crypto/signature';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';

import { certAt } from '../x509/cert';
import { budgetTakeSignature } from './budget';
import { algorithmsAllow } from './checks';
import { VerifyCtx } from './context';
import { hasFlag, isRoot } from './request';

/** The signature-algorithm policy for a certificate's own signature. */
export function signaturePolicy(ctx: VerifyCtx, c: Cert): Outcome {
  const h = c.sigHash;
  if (h === HASH_MD5 || h === HASH_MD2) return outcome(Err.WEAK_SIGNATURE_ALGORITHM, PathDetail.SIG_MD5);
  if (h === HASH_SHA1 && !hasFlag(ctx, FLAG_ALLOW_SHA1)) {
    return outcome(Err.WEAK_SIGNATURE_ALGORITHM, PathDetail.SIG_SHA1);
  }
  if (h === HASH_SHA224 || c.sigAlg === SIG_UNKNOWN)
    return outcome(Err.UNSUPPORTED_ALGORITHM, PathDetail.SIG_UNSUPPORTED);
  return OUTCOME_OK;
}

/**
 * The profile's algorithm set (signatureAlgorithms; 0 allows all): the signature scheme of `c`,
 * made by the key of `issuer` (an RSASSA-PSS signature by a trust anchor's key may be refused on
 * its own: ESP-IDF's bundle check). The issuer key's type and curve are checked with the issuer.
 */
function signatureInProfile(ctx: VerifyCtx, c: Cert, issuer: u32): bool {
  if (c.sigAlg !== SIG_RSA_PSS) return true; // Ed25519 and ECDSA: the issuer key's check decides
  return algorithmsAllow(ctx, isRoot(ctx, issuer) ? ALG_RSA_PSS | ALG_RSA_PSS_BY_ANCHOR : ALG_RSA_PSS);
}

/** The outcome of a signature check that ran: its Err with the detail path validation reports. */
function verified(e: Err): Outcome {
  if (e === Err.BAD_SIGNATURE) return outcome(e, PathDetail.SIG_INVALID);
  if (e === Err.UNSUPPORTED_ALGORITHM) return outcome(e, PathDetail.SIG_UNSUPPORTED);
  return outcome(e, 0);
}

/**
 * Whether the certificate in `child` is validly signed by the key of the certificate in
 * `issuer`, under the algorithm policy; memoised per (child, issuer) pair in the context.
 * BUDGET_EXCEEDED when no signature check is left.
 */
export function edgeVerify(ctx: VerifyCtx, child: u32, issuer: u32): Outcome {
  const policy = signaturePolicy(ctx, certAt(child));
  if (policy !== OUTCOME_OK) return policy;
  if (WITH_STACK_OPTIONS && !signatureInProfile(ctx, certAt(child), issuer))
    return outcome(Err.UNSUPPORTED_ALGORITHM, PathDetail.PROFILE_ALGORITHM);
  return edgeSignature(ctx, child, issuer);
}

/**
 * The signature-algorithm rule of a name-and-key anchor (CHAIN_ANCHOR_NAME_AND_KEY): what
 * ESP-IDF's esp_crt_check_signature verifies with a bundle key (mbedtls_pk_verify: RSA
 * PKCS#1 v1.5 or ECDSA, SHA-1 or SHA-2; the BAD_MD flag of that certificate is cleared, so SHA-1
 * passes whatever allowSha1 says).
 */
export function anchorKeySignaturePolicy(c: Cert): Outcome {
  const h = c.sigHash;
  if (h === HASH_MD5 || h === HASH_MD2) return outcome(Err.WEAK_SIGNATURE_ALGORITHM, PathDetail.SIG_MD5);
  if ((c.sigAlg !== SIG_RSA_PKCS1 && c.sigAlg !== SIG_ECDSA) || h === HASH_SHA224)
    return outcome(Err.UNSUPPORTED_ALGORITHM, PathDetail.SIG_UNSUPPORTED);
  return OUTCOME_OK;
}

/**
 * Whether `issuer`'s key verifies the signature of `child`, with no algorithm policy (memoised;
 * BUDGET_EXCEEDED when no check is left). Callers apply their policy first.
 */
export function edgeSignature(ctx: VerifyCtx, child: u32, issuer: u32): Outcome {
  const c = certAt(child);
  const k = ctx.sigMemo + <usize>(child * ctx.certCount + issuer);
  const cached = <u32>load<u8>(k);
  if (cached !== 0) return verified(<Err>(cached - 1));
  if (!budgetTakeSignature(ctx)) return outcome(Err.BUDGET_EXCEEDED, PathDetail.BUDGET_SIGNATURES);
  const e = sigVerifyCert(c, certAt(issuer));
  store<u8>(k, <u8>(<u32>e + 1));
  return verified(e);
}
