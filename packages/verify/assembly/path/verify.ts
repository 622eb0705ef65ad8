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
  CF_DECODED,
  Err,
  EXT_SAN,
  FLAG_IGNORE_ANCHOR_EXPIRY,
  FLAG_LENIENT_PROFILE,
  FLAG_REQUIRE_ORDERED,
  NAME_NONE,
  PathDetail,
  RESULT_CN_WOULD_MATCH,
  RESULT_LEAF_HAS_NO_SAN,
  RESULT_UNORDERED_PATH_EXISTS,
} from '../abi.generated';
import { WITH_POLICIES } from '../build-options';
import { commonNameMatches, serverNameCheck } from '../names/server-name';
import { detailOf, errOf, OUTCOME_OK, Outcome } from '../outcome';
import { certAt } from '../x509/cert';
import { x509Decode } from '../x509/decode';
import { anchorsReset } from './anchors';
import { extend, searchReset, setPath } from './build';
import { checkCert, checkEku, checkKey, checkValidity, ROLE_LEAF } from './checks';
import { ctxStart, VerifyCtx } from './context';
import { policyWriteResult } from './policy';
import { certInputLen, certInputPtr, firstRoot, hasFlag } from './request';
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

/** Leaf checks when the leaf itself is a trust anchor: time, key, purpose (not the CA rules). */
function directTrustCheck(ctx: VerifyCtx, c: Cert): Outcome {
  let o = hasFlag(ctx, FLAG_IGNORE_ANCHOR_EXPIRY) ? OUTCOME_OK : checkValidity(ctx, c);
  if (o === OUTCOME_OK) o = checkKey(ctx, c, !hasFlag(ctx, FLAG_LENIENT_PROFILE));
  if (o === OUTCOME_OK) o = checkEku(ctx, c, ROLE_LEAF);
  return o;
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

  // 2. Direct trust in a pinned leaf.
  for (let r = firstRoot(ctx); r < ctx.certCount; r++) {
    if (!sameDer(ctx, 0, r)) continue;
    let d = directTrustCheck(ctx, leaf);
    if (d === OUTCOME_OK && ctx.nameKind !== NAME_NONE) {
      d = serverNameCheck(leaf, ctx.nameKind, ctx.namePtr, ctx.nameLen);
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
    const n = serverNameCheck(leaf, ctx.nameKind, ctx.namePtr, ctx.nameLen);
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
