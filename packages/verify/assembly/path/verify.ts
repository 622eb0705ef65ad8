// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// verifyChain: the export a host calls to validate a leaf certificate against trust anchors, as
// a TLS client validates a server (or a server a client). See request.ts for the input layout
// and result.ts for the output; src/verify-chain.ts is the TypeScript host of this ABI.
//
// Order of work:
//   1. decode the leaf and intermediates into their slots (x509/decode.ts), trust anchors only
//      when a path needs them (anchors.ts); a leaf that does not decode ends the call with its
//      error; broken intermediates and roots are simply never candidates;
//   2. a leaf byte-identical to a trust anchor is trusted directly (pinned self-signed server
//      certificates, as Go's Verify does), after its validity, key and peer-name checks;
//   3. the leaf's own checks (checks.ts), then the peer name (names/server-name.ts);
//   4. path building (build.ts). With FLAG_REQUIRE_ORDERED the search only follows the order the
//      intermediates were given; when that fails but an unordered path exists, the result is
//      CHAIN_ORDER (the device would reject what a reordering server would fix).

import {
  Cert,
  CF_CA,
  CF_DECODED,
  CF_SELF_ISSUED,
  CHAIN_LEAF_NAME_AND_KEY,
  CHAIN_LEAF_NEVER,
  CHAIN_LEAF_SELF_ISSUED,
  CHAIN_LEAF_SELF_SIGNED,
  CHAIN_SENT_CA_MUST_VERIFY,
  CHAIN_SENT_MUST_DECODE,
  CRITX_EXPLICIT,
  Err,
  EXT_SAN,
  EXT_UNKNOWN,
  FLAG_ISSUANCE_RULES,
  FLAG_LENIENT_PROFILE,
  FLAG_REQUIRE_ORDERED,
  NAME_NONE,
  PathDetail,
  RESULT_CN_WOULD_MATCH,
  RESULT_LEAF_HAS_NO_SAN,
  RESULT_UNORDERED_PATH_EXISTS,
} from '../abi.generated';
import { WITH_ISSUANCE_RULES, WITH_POLICIES, WITH_STACK_OPTIONS, WITH_STACK_RULES } from '../build-options';
import { commonNameMatches, serverNameCheck } from '../names/server-name';
import { detailOf, errOf, OUTCOME_OK, Outcome, outcome } from '../outcome';
import { certAt } from '../x509/cert';
import { x509Decode } from '../x509/decode';
import { anchorDecoded, anchorHasSubject, anchorsReset } from './anchors';
import { candidateCount, candidates, extend, searchReset, setPath } from './build';
import {
  checkCert,
  checkEku,
  checkIssuance,
  checkKey,
  checkKeyInProfile,
  checkLeafKeyUsage,
  checkValidity,
  policyUnprocessedOf,
  ROLE_INTERMEDIATE,
  ROLE_LEAF,
} from './checks';
import { ctxStart, VerifyCtx } from './context';
import { checkCriticalSet } from './critical-extensions';
import { policyWriteResult } from './policy';
import { certInputLen, certInputPtr, firstRoot, hasChainOption, hasFlag, isRoot } from './request';
import {
  resultAddFlag,
  resultClear,
  resultSetError,
  resultSetHeapBytes,
  resultSetHint,
  resultSetMissingIssuerOf,
  resultSetPath,
  resultSetPolicyUsage,
  resultSetUsage,
} from './result';
import { edgeSignature, edgeVerify, signaturePolicy } from './signatures';

/** The module's verification context (one verifyChain at a time; reset by ctxStart). */
const context = changetype<VerifyCtx>(memory.data(offsetof<VerifyCtx>(), 8));

function finish(ctx: VerifyCtx, e: Err): u32 {
  // The stub runtime's bump allocator: the next allocation marks the high-water point.
  resultSetHeapBytes(<u32>(heap.alloc(8) - ctx.req));
  resultSetUsage(
    ctx.signatureLimit - ctx.signaturesLeft,
    ctx.buildCallLimit - ctx.buildCallsLeft,
    ctx.comparisonLimit - ctx.comparisonsLeft,
  );
  if (WITH_POLICIES)
    resultSetPolicyUsage(ctx.policyNodesPeak, ctx.policyComparisonLimit - ctx.policyComparisonsLeft);
  return <u32>e;
}

/** A sent certificate (slot ctx.bestSlot) failed sentCheck: the error is about it, outside any path. */
function sentError(ctx: VerifyCtx, o: Outcome): u32 {
  const d = detailOf(o) === 0 ? <u32>PathDetail.SENT_CERTIFICATE : detailOf(o);
  resultSetError(<u32>errOf(o), -1, ctx.bestSlot, d);
  store<u8>(ctx.path, 0);
  resultSetPath(ctx.path, 1);
  return finish(ctx, errOf(o));
}

function leafError(ctx: VerifyCtx, o: Outcome): u32 {
  resultSetError(<u32>errOf(o), 0, 0, detailOf(o));
  store<u8>(ctx.path, 0);
  resultSetPath(ctx.path, 1);
  return finish(ctx, errOf(o));
}

/** The leaf fails the peer-name check (`o` from serverNameCheck): say why, and whether the CN would match. */
function nameMismatch(ctx: VerifyCtx, leaf: Cert, o: Outcome): u32 {
  if (
    detailOf(o) === PathDetail.NAME_NOT_IN_SAN &&
    commonNameMatches(leaf, ctx.nameKind, ctx.namePtr, ctx.nameLen)
  ) {
    resultAddFlag(RESULT_CN_WOULD_MATCH);
  }
  return leafError(ctx, o);
}

/**
 * Whether the request gives a stack's critical-extension set (criticalExtensions, CRITX_EXPLICIT).
 * Callers test WITH_STACK_OPTIONS in an `if` of their own, so that a build without the options
 * does not compile checkCriticalSet (nor lay out its static data).
 */
function hasCriticalSet(ctx: VerifyCtx): bool {
  return (ctx.criticalSet & CRITX_EXPLICIT) !== 0;
}

/**
 * Leaf checks when the leaf itself is a trust anchor: time, key, purpose (not the CA rules). The
 * leaf's dates are checked even when anchor expiry is not: every stack measured (mbedTLS,
 * wolfSSL, BearSSL, OpenSSL) checks the peer certificate's dates before it looks at trust.
 * A profile's critical-extension set applies too: its stack parses the leaf before trusting it.
 * CHAIN_LEAF_SELF_ISSUED adds the leaf's own signature-algorithm policy (mbedTLS flags BAD_MD
 * before x509_crt_check_ee_locally_trusted).
 */
function directTrustCheck(ctx: VerifyCtx, c: Cert): Outcome {
  let o = checkValidity(ctx, c);
  if (WITH_STACK_OPTIONS) {
    if (o === OUTCOME_OK && hasCriticalSet(ctx))
      o = checkCriticalSet(c, ctx.criticalSet, policyUnprocessedOf(ctx));
  }
  if (o === OUTCOME_OK) o = checkKeyInProfile(ctx, c, !hasFlag(ctx, FLAG_LENIENT_PROFILE));
  if (WITH_STACK_OPTIONS) {
    if (o === OUTCOME_OK) o = checkLeafKeyUsage(ctx, c);
  }
  if (o === OUTCOME_OK) o = checkEku(ctx, c, ROLE_LEAF);
  if (o === OUTCOME_OK && hasChainOption(ctx, CHAIN_LEAF_SELF_ISSUED)) o = signaturePolicy(ctx, c);
  // A pinned leaf is still a certificate some CA (or its owner) issued: the linter's rules hold.
  if (WITH_ISSUANCE_RULES && o === OUTCOME_OK && hasFlag(ctx, FLAG_ISSUANCE_RULES))
    o = checkIssuance(ctx, c, ROLE_LEAF);
  return o;
}

/**
 * Whether anchor `r` trusts the leaf directly, under the profile's trustedLeaf rule (ChainOption):
 * by default a byte-identical copy; mbedTLS only for a self-issued leaf; OpenSSL and wolfSSL only
 * for a self-signed one (its own key verifies it); BearSSL for a non-CA anchor with the leaf's
 * subject and key; the ESP-IDF bundle never.
 */
function trustsLeafDirectly(ctx: VerifyCtx, leaf: Cert, r: u32): bool {
  if (hasChainOption(ctx, CHAIN_LEAF_NEVER)) return false;
  if (hasChainOption(ctx, CHAIN_LEAF_NAME_AND_KEY)) {
    if (!anchorHasSubject(ctx, r, leaf.subject, leaf.subjectLen)) return false;
    const a = anchorDecoded(ctx, r);
    return (
      a !== null &&
      (a.flags & CF_CA) === 0 &&
      a.spkiLen === leaf.spkiLen &&
      memory.compare(a.spki, leaf.spki, leaf.spkiLen) === 0
    );
  }
  if (!sameDer(ctx, 0, r)) return false;
  const selfIssued = (leaf.flags & CF_SELF_ISSUED) !== 0;
  if (hasChainOption(ctx, CHAIN_LEAF_SELF_ISSUED)) return selfIssued;
  if (hasChainOption(ctx, CHAIN_LEAF_SELF_SIGNED)) {
    return selfIssued && anchorDecoded(ctx, r) !== null && edgeSignature(ctx, 0, r) === OUTCOME_OK;
  }
  return true;
}

/**
 * sentCertificates (ChainOption): the stack's check of every certificate the server sent, on the
 * path or not. CHAIN_SENT_MUST_DECODE: each must decode with no unknown critical extension, or
 * none outside the profile's critical-extension set when it gives one (mbedTLS parses the whole
 * chain first, ssl_parse_certificate_chain). CHAIN_SENT_CA_MUST_VERIFY:
 * from the last one down, each one whose issuer is known (an anchor, or a sent CA after it that
 * passed) must be valid at the time and verify against it; one with no known issuer is skipped
 * unless it is self-issued (wolfSSL ProcessPeerCerts, alternate chains: only ASN_NO_SIGNER_E is
 * forgiven, a self-signed one fails with ASN_SELF_SIGNED_E). Returns the first failure with the
 * slot it concerns, or OK.
 */
function sentCheck(ctx: VerifyCtx): Outcome {
  const end = firstRoot(ctx);
  if (hasChainOption(ctx, CHAIN_SENT_MUST_DECODE)) {
    for (let i: u32 = 1; i < end; i++) {
      const c = certAt(i);
      let parsed = (c.flags & CF_DECODED) !== 0 && (c.extCritical & EXT_UNKNOWN) === 0;
      if (WITH_STACK_OPTIONS) {
        // A stack's own set instead (criticalExtensions): it may parse more, or less.
        if ((c.flags & CF_DECODED) !== 0 && hasCriticalSet(ctx))
          parsed = checkCriticalSet(c, ctx.criticalSet, policyUnprocessedOf(ctx)) === OUTCOME_OK;
      }
      if (!parsed) {
        ctx.bestSlot = <i32>i;
        return checkCert(ctx, i, ROLE_INTERMEDIATE);
      }
    }
  }
  if (!hasChainOption(ctx, CHAIN_SENT_CA_MUST_VERIFY) || end <= 1) return OUTCOME_OK;
  // Per sent slot: 1 once it passed and is a CA (a known signer for the ones before it).
  const known = heap.alloc(<usize>ctx.certCount);
  memory.fill(known, 0, <usize>ctx.certCount);
  for (let i: u32 = end - 1; i >= 1; i--) {
    const c = certAt(i);
    let signer: i32 = -1;
    if ((c.flags & CF_DECODED) !== 0) signer = knownSigner(ctx, i, known);
    if (signer < 0) {
      if ((c.flags & (CF_DECODED | CF_SELF_ISSUED)) === (CF_DECODED | CF_SELF_ISSUED)) {
        ctx.bestSlot = <i32>i;
        return outcome(Err.UNKNOWN_ISSUER, PathDetail.SENT_CERTIFICATE);
      }
      continue;
    }
    let o = checkValidity(ctx, c);
    if (o === OUTCOME_OK) o = edgeVerify(ctx, i, <u32>signer);
    if (o !== OUTCOME_OK) {
      ctx.bestSlot = <i32>i;
      return o;
    }
    if ((c.flags & CF_CA) !== 0) store<u8>(known + i, 1);
  }
  return OUTCOME_OK;
}

/** The first candidate issuer of sent slot `i` that is an anchor or a sent CA that passed; -1 if none. */
function knownSigner(ctx: VerifyCtx, i: u32, known: usize): i32 {
  const list = candidates(ctx, i);
  const n = candidateCount(ctx, i);
  for (let k = 0; k < n; k++) {
    const s = <u32>load<u8>(list + <usize>k);
    if (isRoot(ctx, s) || (s > i && load<u8>(known + s) !== 0)) return <i32>s;
  }
  return -1;
}

function sameDer(ctx: VerifyCtx, a: u32, b: u32): bool {
  const la = certInputLen(ctx, a);
  return (
    la === certInputLen(ctx, b) && memory.compare(certInputPtr(ctx, a), certInputPtr(ctx, b), <usize>la) === 0
  );
}

/**
 * Validates a chain. `req`/`len` is the request the host wrote with ioReserve (request.ts).
 * Returns the Err code; details are in the result struct (verifyResultPtr).
 */

/**
 * The leaf's peer-name check under the request's host-name rule; a build without the device-stack
 * rules (build-options.ts) has only hubtrust's own (request.ts refused any other).
 */
function peerNameCheck(ctx: VerifyCtx, leaf: Cert): Outcome {
  return serverNameCheck(
    leaf,
    ctx.nameKind,
    ctx.namePtr,
    ctx.nameLen,
    WITH_STACK_RULES ? ctx.hostCnFallback : 0,
    WITH_STACK_RULES ? ctx.hostWildcard : 0,
    WITH_STACK_RULES ? ctx.hostNameFlags : 0,
    WITH_ISSUANCE_RULES ? ctx.publicSuffixLabels : 0,
  );
}

export function verifyChain(req: usize, len: u32): u32 {
  resultClear();
  const ctx = context;
  const e = ctxStart(ctx, req, len);
  if (e !== Err.OK) {
    resultSetError(<u32>e, -1, -1, 0);
    return <u32>e;
  }
  // The leaf and intermediates now; trust anchors when a path needs them (anchors.ts).
  for (let i: u32 = 0; i < firstRoot(ctx); i++) x509Decode(i, certInputPtr(ctx, i), certInputLen(ctx, i));
  anchorsReset(ctx);

  const leaf = certAt(0);
  const leafCheck = checkCert(ctx, 0, ROLE_LEAF);
  if ((leaf.flags & CF_DECODED) === 0) return leafError(ctx, leafCheck);
  if ((leaf.extPresent & EXT_SAN) === 0) resultAddFlag(RESULT_LEAF_HAS_NO_SAN);

  // The stack's check of every sent certificate (device profiles only).
  if (hasChainOption(ctx, 0xffffffff)) {
    searchReset(ctx, false);
    const sent = sentCheck(ctx);
    if (sent !== OUTCOME_OK) return sentError(ctx, sent);
  }

  // 2. Direct trust in a pinned leaf.
  for (let r = firstRoot(ctx); r < ctx.certCount; r++) {
    if (!trustsLeafDirectly(ctx, leaf, r)) continue;
    let d = directTrustCheck(ctx, leaf);
    if (d === OUTCOME_OK && ctx.nameKind !== NAME_NONE) {
      d = peerNameCheck(ctx, leaf);
      if (d !== OUTCOME_OK) return nameMismatch(ctx, leaf, d);
    }
    if (d !== OUTCOME_OK) return leafError(ctx, d);
    store<u8>(ctx.path, 0);
    resultSetPath(ctx.path, 1);
    return finish(ctx, Err.OK);
  }

  // 3. The leaf's own checks and the peer name.
  if (leafCheck !== OUTCOME_OK) return leafError(ctx, leafCheck);
  if (ctx.nameKind !== NAME_NONE) {
    const n = peerNameCheck(ctx, leaf);
    if (n !== OUTCOME_OK) return nameMismatch(ctx, leaf, n);
  }

  // 4. Path building.
  const ordered = hasFlag(ctx, FLAG_REQUIRE_ORDERED);
  searchReset(ctx, ordered);
  setPath(ctx, 0, 0);
  const ok = extend(ctx, 0);
  if (!ok && ordered && errOf(ctx.bestOutcome) !== Err.BUDGET_EXCEEDED) {
    // Would any order have worked? Keep the ordered search's failure for the report.
    const best = ctx.bestOutcome;
    const rank = ctx.bestRank;
    const pos = ctx.bestPos;
    const slot = ctx.bestSlot;
    const hint = ctx.hintSlot;
    const missing = ctx.missingIssuerOf;
    searchReset(ctx, false);
    setPath(ctx, 0, 0);
    if (extend(ctx, 0)) {
      resultAddFlag(RESULT_UNORDERED_PATH_EXISTS);
      resultSetPath(ctx.path, ctx.pathLength);
      resultSetError(<u32>Err.CHAIN_ORDER, 0, 0, <u32>PathDetail.CHAIN_ORDER);
      return finish(ctx, Err.CHAIN_ORDER);
    }
    return report(ctx, best, rank, pos, slot, hint, missing);
  }
  if (ok) {
    resultSetPath(ctx.path, ctx.pathLength);
    // heapBytes (finish) counts the work, not the policy-set tables written after it.
    const r = finish(ctx, Err.OK);
    if (WITH_POLICIES) policyWriteResult(ctx);
    return r;
  }
  return report(
    ctx,
    ctx.bestOutcome,
    ctx.bestRank,
    ctx.bestPos,
    ctx.bestSlot,
    ctx.hintSlot,
    ctx.missingIssuerOf,
  );
}

/**
 * Writes a failed search's result: the failure `o` at path position `pos` (input index `slot`),
 * the hint candidate, the certificate whose issuer is missing, and the context's best partial
 * path (of the last search run).
 */
function report(ctx: VerifyCtx, o: Outcome, rank: i32, pos: i32, slot: i32, hint: i32, missing: i32): u32 {
  if (rank < 0) {
    // Nothing was even tried: no certificate has the leaf's issuer as subject (or only loops).
    resultSetError(<u32>Err.UNKNOWN_ISSUER, 0, 0, <u32>PathDetail.NO_ISSUER);
    resultSetMissingIssuerOf(missing >= 0 ? missing : 0);
    resultSetPath(ctx.path, 1);
    return finish(ctx, Err.UNKNOWN_ISSUER);
  }
  const err = errOf(o);
  resultSetError(<u32>err, pos, slot, detailOf(o));
  // Why the hint candidate was rejected, in its own words when it was checked as an issuer.
  if (hint >= 0) resultSetHint(hint, <u32>err, detailOf(o));
  if (missing >= 0) resultSetMissingIssuerOf(missing);
  resultSetPath(ctx.bestPath, ctx.bestPathLength);
  return finish(ctx, err);
}
