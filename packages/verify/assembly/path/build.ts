// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Path building: depth-first search from the leaf towards any trust anchor, over the given
// intermediates in any order, with decoys, loops and cross-signed twins (RFC 4158 in spirit,
// rustls-webpki's verify_cert.rs and Go's buildChains in practice).
//
// - Candidate issuers of a certificate are those whose subject equals its issuer byte for byte
//   (Go and webpki compare raw names). Trust anchors come first, then intermediates; within each,
//   candidates whose subjectKeyIdentifier equals the child's authorityKeyIdentifier come first,
//   those where either is missing next, mismatching ones last (Go's findPotentialParents). The
//   lists are computed once per certificate and call.
// - An intermediate is skipped when a certificate with the same subject and the same
//   SubjectPublicKeyInfo is already in the path (loop detection, RFC 4158 §5.2; webpki), so
//   cross-signed twins and cycles end.
// - Issuer-independent checks (checks.ts) prune a candidate before it is pushed; signatures are
//   verified only when a path reaches an anchor, from the anchor down (webpki), and memoised.
//   Then name constraints are applied along the whole path (constraints.ts).
// - pathLenConstraint (RFC 5280 §4.2.1.9, §6.1.4 (l)(m)) and maxDepth count the intermediates
//   below a CA that are not self-issued; the anchor's own pathLenConstraint applies too (as in Go
//   and OpenSSL; RFC 5280 leaves anchor constraints to the implementation).
// - Every step pushing an intermediate takes one build call from the budget; exhausting any part
//   of the budget ends the whole search with BUDGET_EXCEEDED. A failing candidate does not: its
//   error is ranked (errors.json "rank") and the search goes on. When no path succeeds, the most
//   specific error wins; on equal rank, the one found deeper in a path (closer to an anchor).
//   The candidate issuer involved in that error is the hint, like Go's UnknownAuthorityError.

import {
  Cert,
  CF_DECODED,
  CF_SELF_ISSUED,
  ERR_RANK,
  Err,
  EXT_NAME_CONSTRAINTS,
  FLAG_NC_REJECT_IF_CRITICAL,
  MAX_PATH,
  PathDetail,
} from '../abi.generated';
import { certAt } from '../x509/cert';
import { anchorDecoded, anchorHasSubject } from './anchors';

import { budgetExhausted, budgetTakeBuildCall } from './budget';

import { checkCert, checkDetail, ROLE_ANCHOR, ROLE_INTERMEDIATE } from './checks';

import { applyNameConstraints, ncDetail } from './constraints';

import { certCount, firstRoot, hasFlag, intermediateCount, isRoot, maxDepth } from './request';
import { edgeVerify, sigDetail } from './signatures';

/** The path being built: input indices, leaf at 0. */
export const path = memory.data(MAX_PATH);
/** Length of the successful path (leaf .. anchor), 0 while none. */
export let pathLength: i32 = 0;

/** Restrict intermediate candidates to issuing order (BearSSL minimal engine). */
export let orderedOnly = false;

// Best failure so far.
export let bestErr: Err = Err.UNKNOWN_ISSUER;
export let bestRank: i32 = -1;
export let bestPos: i32 = -1;
export let bestSlot: i32 = -1;
export let bestDetail: u32 = 0;
export let hintSlot: i32 = -1;
/** Deepest certificate no candidate issuer was found for (-1: none). */
export let missingIssuerOf: i32 = -1;
let missingIssuerDepth: i32 = -1;
/** The partial path of the best failure. */
export const bestPath = memory.data(MAX_PATH);
export let bestPathLength: i32 = 0;

// Candidate lists, per slot: offset into the per-call heap and count; ready flags.
const candPtr = memory.data(256 * 4);
const candCount = memory.data(256 * 2);
const candReady = memory.data(256);
// Identity of each slot for loop detection: 1 + the first slot with the same subject and SPKI
// (0 = not computed yet). Makes the loop test a byte comparison per path position.
const identityOf = memory.data(256);
const pathIdentity = memory.data(MAX_PATH);

/** Starts a new search. */
export function buildReset(ordered: bool): void {
  memory.fill(candReady, 0, 256);
  memory.fill(identityOf, 0, 256);
  pathLength = 0;
  orderedOnly = ordered;
  bestErr = Err.UNKNOWN_ISSUER;
  bestRank = -1;
  bestPos = -1;
  bestSlot = -1;
  bestDetail = 0;
  hintSlot = -1;
  missingIssuerOf = -1;
  missingIssuerDepth = -1;
  bestPathLength = 0;
}

/** Records a failure if it is more specific than the best so far. */
function note(e: Err, detail: u32, pos: i32, slot: i32, hint: i32, depth: i32): void {
  const r = <i32>ERR_RANK[<i32>e];
  if (r < bestRank || (r === bestRank && pos <= bestPos)) return;
  bestErr = e;
  bestRank = r;
  bestPos = pos;
  bestSlot = slot;
  bestDetail = detail;
  hintSlot = hint;
  bestPathLength = depth + 1;
  memory.copy(bestPath, path, <usize>(depth + 1));
  if (pos === depth + 1 && slot >= 0) {
    // The rejected candidate is part of the partial chain the error describes.
    store<u8>(bestPath + <usize>pos, <u8>slot);
    bestPathLength = pos + 1;
  }
}

function akiOrder(child: Cert, cand: Cert): i32 {
  if (child.akiKeyIdLen === 0 || cand.skiLen === 0) return 1;
  if (child.akiKeyIdLen === cand.skiLen && memory.compare(child.akiKeyId, cand.ski, cand.skiLen) === 0)
    return 0;
  return 2;
}

function addCandidates(c: Cert, self: u32, from: u32, to: u32, list: usize, n: i32): i32 {
  for (let prio = 0; prio < 3; prio++) {
    for (let s = from; s < to; s++) {
      if (s === self) continue;
      let cs: Cert;
      if (isRoot(s)) {
        // Anchors are decoded on first use (anchors.ts): compare the located subject first.
        if (!anchorHasSubject(s, c.issuer, c.issuerLen)) continue;
        const a = anchorDecoded(s);
        if (a === null) continue;
        cs = a;
      } else {
        cs = certAt(s);
        if ((cs.flags & CF_DECODED) === 0) continue;
        if (cs.subjectLen !== c.issuerLen || memory.compare(cs.subject, c.issuer, c.issuerLen) !== 0)
          continue;
      }
      if (akiOrder(c, cs) !== prio) continue;
      store<u8>(list + <usize>n, <u8>s);
      n++;
    }
  }
  return n;
}

function candidates(slot: u32): usize {
  if (load<u8>(candReady + slot) === 0) {
    const c = certAt(slot);
    const list = heap.alloc(<usize>certCount);
    let n = addCandidates(c, slot, firstRoot(), certCount, list, 0);
    n = addCandidates(c, slot, 1, 1 + intermediateCount, list, n);
    store<u32>(candPtr + ((<usize>slot) << 2), <u32>list);
    store<u16>(candCount + ((<usize>slot) << 1), <u16>n);
    store<u8>(candReady + slot, 1);
  }
  return <usize>load<u32>(candPtr + ((<usize>slot) << 2));
}

function candidateCount(slot: u32): i32 {
  return <i32>load<u16>(candCount + ((<usize>slot) << 1));
}

function slotAt(i: i32): u32 {
  return <u32>load<u8>(path + <usize>i);
}

function selfIssued(slot: u32): bool {
  return (certAt(slot).flags & CF_SELF_ISSUED) !== 0;
}

/** Intermediates at positions [1, upTo] that are not self-issued. */
function countNonSelfIssued(upTo: i32): i32 {
  let n = 0;
  for (let i = 1; i <= upTo; i++) if (!selfIssued(slotAt(i))) n++;
  return n;
}

/** 1 + the first slot whose certificate has the same subject and SubjectPublicKeyInfo as `s`. */
function identity(s: u32): u32 {
  let id = <u32>load<u8>(identityOf + s);
  if (id !== 0) return id;
  const c = certAt(s);
  id = s + 1;
  for (let t: u32 = 0; t < s; t++) {
    const p = certAt(t);
    if (p.subjectLen !== c.subjectLen || p.spkiLen !== c.spkiLen) continue;
    if (memory.compare(p.subject, c.subject, c.subjectLen) !== 0) continue;
    if (memory.compare(p.spki, c.spki, c.spkiLen) === 0) {
      id = identity(t);
      break;
    }
  }
  store<u8>(identityOf + s, <u8>id);
  return id;
}

/** Whether a certificate with the same subject and SPKI as `s` is at positions [0, depth]. */
function inPath(s: u32, depth: i32): bool {
  const id = <u8>identity(s);
  for (let i = 0; i <= depth; i++) if (load<u8>(pathIdentity + <usize>i) === id) return true;
  return false;
}

/** Puts slot `s` at path position `pos`. */
export function setPath(pos: i32, s: u32): void {
  store<u8>(path + <usize>pos, <u8>s);
  store<u8>(pathIdentity + <usize>pos, <u8>identity(s));
}

/** Whether a trust anchor is among the candidate issuers of `s` (anchors come first in the list). */
function hasAnchorCandidate(s: u32): bool {
  const list = candidates(s);
  return candidateCount(s) > 0 && isRoot(<u32>load<u8>(list));
}

/** pathLenConstraint of the CA in `slot` against the non-self-issued intermediates below it. */
function pathLenOk(slot: u32, below: i32): bool {
  const pl = certAt(slot).pathLen;
  return pl < 0 || below <= pl;
}

/**
 * Tries to finish the path path[0..depth] with anchor `a`: anchor checks, pathLen, signatures
 * from the anchor down, name constraints. Records the failure and returns false, or stores the
 * full path and returns true.
 */
function tryAnchor(depth: i32, a: u32): bool {
  const top = depth + 1;
  let e = checkCert(a, ROLE_ANCHOR);
  if (e !== Err.OK) {
    note(e, checkDetail, top, <i32>a, <i32>a, depth);
    return false;
  }
  if (!pathLenOk(a, countNonSelfIssued(depth))) {
    note(Err.PATH_TOO_LONG, <u32>PathDetail.PATH_LEN, top, <i32>a, <i32>a, depth);
    return false;
  }
  // Signatures, from the anchor down.
  for (let k = depth; k >= 0; k--) {
    const issuer = k === depth ? a : slotAt(k + 1);
    e = edgeVerify(slotAt(k), issuer);
    if (e !== Err.OK) {
      note(e, sigDetail, k, <i32>slotAt(k), <i32>issuer, depth);
      return false;
    }
  }
  // Name constraints: every CA above constrains every certificate below, skipping self-issued
  // intermediates (the leaf is always checked).
  store<u8>(path + <usize>top, <u8>a);
  for (let k = top; k >= 1; k--) {
    const ca = certAt(slotAt(k));
    if ((ca.extPresent & EXT_NAME_CONSTRAINTS) === 0) continue;
    if (hasFlag(FLAG_NC_REJECT_IF_CRITICAL)) {
      if ((ca.extCritical & EXT_NAME_CONSTRAINTS) !== 0) {
        note(
          Err.UNKNOWN_CRITICAL_EXTENSION,
          <u32>PathDetail.NC_CRITICAL_UNSUPPORTED,
          k,
          <i32>slotAt(k),
          <i32>slotAt(k),
          depth,
        );
        return false;
      }
      continue;
    }
    for (let j = k - 1; j >= 0; j--) {
      if (j > 0 && selfIssued(slotAt(j))) continue;
      e = applyNameConstraints(slotAt(k), slotAt(j));
      if (e !== Err.OK) {
        note(e, ncDetail, j, <i32>slotAt(j), <i32>slotAt(k), depth);
        return false;
      }
    }
  }
  pathLength = top + 1;
  return true;
}

/**
 * Extends path[0..depth] (already checked) towards an anchor. True when a full path was found;
 * false otherwise (the failure is recorded; budgetExhausted() says whether it is fatal).
 */
export function extend(depth: i32): bool {
  const cur = slotAt(depth);
  const list = candidates(cur);
  const n = candidateCount(cur);
  const pos = depth + 1;
  const room = pos < <i32>MAX_PATH - 1;
  const below = countNonSelfIssued(depth);
  let any = false;
  for (let i = 0; i < n; i++) {
    const s = <u32>load<u8>(list + <usize>i);
    if (isRoot(s)) {
      any = true;
      if (tryAnchor(depth, s)) return true;
      if (budgetExhausted()) return false;
      continue;
    }
    if (orderedOnly && s !== <u32>pos) continue;
    any = true;
    if (inPath(s, depth)) continue;
    // Depth limits: reported only when the candidate could have completed a path (an anchor
    // issues it); otherwise the honest answer is the missing issuer, not the length.
    if (!room || (!selfIssued(s) && <u32>(below + 1) > maxDepth)) {
      if (hasAnchorCandidate(s))
        note(Err.PATH_TOO_LONG, <u32>PathDetail.MAX_DEPTH, pos, <i32>s, <i32>s, depth);
      continue;
    }
    const e = checkCert(s, ROLE_INTERMEDIATE);
    if (e !== Err.OK) {
      note(e, checkDetail, pos, <i32>s, <i32>s, depth);
      continue;
    }
    if (!pathLenOk(s, below)) {
      note(Err.PATH_TOO_LONG, <u32>PathDetail.PATH_LEN, pos, <i32>s, <i32>s, depth);
      continue;
    }
    if (!budgetTakeBuildCall()) {
      note(Err.BUDGET_EXCEEDED, <u32>PathDetail.BUDGET_BUILD_CALLS, pos, <i32>s, -1, depth);
      return false;
    }
    setPath(pos, s);
    if (extend(pos)) return true;
    if (budgetExhausted()) return false;
  }
  if (!any) {
    note(Err.UNKNOWN_ISSUER, <u32>PathDetail.NO_ISSUER, depth, <i32>cur, -1, depth);
    if (depth > missingIssuerDepth) {
      missingIssuerDepth = depth;
      missingIssuerOf = <i32>cur;
    }
  }
  return false;
}
