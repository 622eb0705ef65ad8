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
import { cnWouldMatch, peerNameInvalid, serverNameCheck } from '../names/server-name';

import { certAt } from '../x509/cert';
import { x509Decode } from '../x509/decode';

import { anchorsReset } from './anchors';

import { budgetReset, budgetUsed } from './budget';

import {
  bestDetail,
  bestErr,
  bestPath,
  bestPathLength,
  bestPos,
  bestRank,
  bestSlot,
  buildReset,
  extend,
  hintSlot,
  missingIssuerOf,
  path,
  pathLength,
  setPath,
} from './build';

import { checkCert, checkDetail, checkEku, checkKey, checksReset, checkValidity, ROLE_LEAF } from './checks';

import { constraintsReset } from './constraints';

import {
  budgetBuildCalls,
  budgetComparisons,
  budgetSignatures,
  certCount,
  certInputLen,
  certInputPtr,
  firstRoot,
  hasFlag,
  nameKind,
  nameLen,
  namePtr,
  reqBase,
  requestRead,
} from './request';
import {
  resultAddFlag,
  resultClear,
  resultSetError,
  resultSetHeapBytes,
  resultSetHint,
  resultSetMissingIssuerOf,
  resultSetPath,
  resultSetUsage,
} from './result';
import { signaturesReset } from './signatures';

function finish(e: Err): u32 {
  // The stub runtime's bump allocator: the next allocation marks the high-water point.
  resultSetHeapBytes(<u32>(heap.alloc(8) - reqBase));
  resultSetUsage(budgetUsed(0), budgetUsed(1), budgetUsed(2));
  return <u32>e;
}

function leafError(e: Err, detail: u32): u32 {
  resultSetError(<u32>e, 0, 0, detail);
  store<u8>(path, 0);
  resultSetPath(path, 1);
  return finish(e);
}

/** The leaf fails the peer-name check (serverNameCheck returned NAME_MISMATCH): say why. */
function nameMismatch(): u32 {
  if (cnWouldMatch) resultAddFlag(RESULT_CN_WOULD_MATCH);
  return leafError(
    Err.NAME_MISMATCH,
    peerNameInvalid ? <u32>PathDetail.NAME_INVALID : <u32>PathDetail.NAME_NOT_IN_SAN,
  );
}

/** Leaf checks when the leaf itself is a trust anchor: time, key, purpose (not the CA rules). */
function directTrustCheck(c: Cert): Err {
  let e = hasFlag(FLAG_IGNORE_ANCHOR_EXPIRY) ? Err.OK : checkValidity(c);
  if (e === Err.OK) e = checkKey(c, !hasFlag(FLAG_LENIENT_PROFILE));
  if (e === Err.OK) e = checkEku(c, ROLE_LEAF);
  return e;
}

function sameDer(a: u32, b: u32): bool {
  const la = certInputLen(a);
  return la === certInputLen(b) && memory.compare(certInputPtr(a), certInputPtr(b), <usize>la) === 0;
}

/**
 * Validates a chain. `req`/`len` is the request the host wrote with ioReserve (request.ts).
 * Returns the Err code; details are in the result struct (verifyResultPtr).
 */
export function verifyChain(req: usize, len: u32): u32 {
  resultClear();
  budgetReset(0, 0, 0);
  let e = requestRead(req, len);
  if (e !== Err.OK) {
    resultSetError(<u32>e, -1, -1, 0);
    return <u32>e;
  }
  budgetReset(budgetSignatures, budgetBuildCalls, budgetComparisons);
  checksReset();
  constraintsReset();
  signaturesReset();
  // The leaf and intermediates now; trust anchors when a path needs them (anchors.ts).
  for (let i: u32 = 0; i < firstRoot(); i++) x509Decode(i, certInputPtr(i), certInputLen(i));
  anchorsReset();

  const leaf = certAt(0);
  e = checkCert(0, ROLE_LEAF);
  const leafDecodes = (leaf.flags & CF_DECODED) !== 0;
  if (!leafDecodes) return leafError(e, checkDetail);
  if ((leaf.extPresent & EXT_SAN) === 0) resultAddFlag(RESULT_LEAF_HAS_NO_SAN);

  // 2. Direct trust in a pinned leaf.
  for (let r = firstRoot(); r < certCount; r++) {
    if (!sameDer(0, r)) continue;
    let d = directTrustCheck(leaf);
    if (d === Err.OK && nameKind !== NAME_NONE) d = serverNameCheck(leaf, nameKind, namePtr, nameLen);
    if (d === Err.NAME_MISMATCH) return nameMismatch();
    if (d !== Err.OK) return leafError(d, checkDetail);
    store<u8>(path, 0);
    resultSetPath(path, 1);
    return finish(Err.OK);
  }

  // 3. The leaf's own checks and the peer name.
  if (e !== Err.OK) return leafError(e, checkDetail);
  if (nameKind !== NAME_NONE) {
    if (serverNameCheck(leaf, nameKind, namePtr, nameLen) !== Err.OK) return nameMismatch();
  }

  // 4. Path building.
  const ordered = hasFlag(FLAG_REQUIRE_ORDERED);
  buildReset(ordered);
  setPath(0, 0);
  const ok = extend(0);
  if (!ok && ordered && bestErr !== Err.BUDGET_EXCEEDED) {
    // Would any order have worked? Keep the ordered search's failure for the report.
    const err = bestErr;
    const rank = bestRank;
    const pos = bestPos;
    const slot = bestSlot;
    const detail = bestDetail;
    const hint = hintSlot;
    const missing = missingIssuerOf;
    buildReset(false);
    setPath(0, 0);
    if (extend(0)) {
      resultAddFlag(RESULT_UNORDERED_PATH_EXISTS);
      resultSetPath(path, pathLength);
      resultSetError(<u32>Err.CHAIN_ORDER, 0, 0, <u32>PathDetail.CHAIN_ORDER);
      return finish(Err.CHAIN_ORDER);
    }
    return report(err, rank, pos, slot, detail, hint, missing);
  }
  if (ok) {
    resultSetPath(path, pathLength);
    return finish(Err.OK);
  }
  return report(bestErr, bestRank, bestPos, bestSlot, bestDetail, hintSlot, missingIssuerOf);
}

function report(err: Err, rank: i32, pos: i32, slot: i32, detail: u32, hint: i32, missing: i32): u32 {
  if (rank < 0) {
    // Nothing was even tried: no certificate has the leaf's issuer as subject (or only loops).
    resultSetError(<u32>Err.UNKNOWN_ISSUER, 0, 0, <u32>PathDetail.NO_ISSUER);
    resultSetMissingIssuerOf(missing >= 0 ? missing : 0);
    resultSetPath(path, 1);
    return finish(Err.UNKNOWN_ISSUER);
  }
  resultSetError(<u32>err, pos, slot, detail);
  if (hint >= 0) {
    // Why the hint candidate was rejected, in its own words when it was checked as an issuer.
    resultSetHint(hint, <u32>err, detail);
  }
  if (missing >= 0) resultSetMissingIssuerOf(missing);
  resultSetPath(bestPath, bestPathLength);
  return finish(err);
}
