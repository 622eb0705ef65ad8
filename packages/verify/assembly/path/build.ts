// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Path building: depth-first search from the leaf towards any trust anchor, over the given
// intermediates in any order, with decoys, loops and cross-signed twins (RFC 4158 in spirit,
// rustls-webpki's verify_cert.rs and Go's buildChains in practice).
//
// - Candidate issuers of a certificate are those whose subject matches its issuer under the
//   request's NameChaining rule (names/dn.ts: RFC 5280 §7.1 by default; byte for byte as Go and
//   webpki compare, or mbedTLS's rule, for profiles). Trust anchors come first, then
//   intermediates; within each, candidates whose subjectKeyIdentifier equals the child's
//   authorityKeyIdentifier come first, those where either is missing next, mismatching ones last
//   (Go's findPotentialParents). The lists are computed once per certificate and call.
// - An intermediate is skipped when a certificate with the same subject and the same
//   SubjectPublicKeyInfo is already in the path (loop detection, RFC 4158 §5.2; webpki), so
//   cross-signed twins and cycles end.
// - Issuer-independent checks (checks.ts) prune a candidate before it is pushed; signatures are
//   verified only when a path reaches an anchor, from the anchor down (webpki), and memoised.
//   Then name constraints are applied along the whole path (constraints.ts), then certificate
//   policies (policy.ts) unless the request or the build leaves them out.
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
  CF_CA,
  CF_DECODED,
  CF_SELF_ISSUED,
  CHAIN_AKI_COMPUTED_SKI,
  CHAIN_AKI_LOOKUP,
  CHAIN_ANCHOR_CONSTRAINTS_IGNORED,
  CHAIN_ANCHOR_NAME_AND_KEY,
  CHAIN_ANCHOR_PATHLEN_IGNORED,
  CHAIN_FIRST_ISSUER,
  CHAIN_ISSUER_AFTER_CHILD,
  CHAIN_LEAF_CA_PATHLEN,
  CHAIN_NO_PARTIAL_CHAIN,
  CHAIN_PATHLEN_COUNTS_SELF_ISSUED,
  ERR_RANK,
  Err,
  EXT_KEY_USAGE,
  EXT_NAME_CONSTRAINTS,
  FLAG_NC_REJECT_IF_CRITICAL,
  FLAG_POLICY_IGNORE,
  FLAG_POLICY_REJECT_CRITICAL,
  HASH_SHA1,
  KEY_RSA,
  KU_KEY_CERT_SIGN,
  MAX_PATH,
  NCF_ISSUER_ONLY,
  PathDetail,
  staticTlv,
} from '../abi.generated';
import { WITH_POLICIES, WITH_STACK_RULES } from '../build-options';
import { hashDigest } from '../crypto/hash';
import { derRead } from '../der/reader';
import { dnEquals } from '../names/dn';
import { errOf, OUTCOME_OK, Outcome, outcome } from '../outcome';
import { certAt } from '../x509/cert';
import { anchorDecoded, anchorHasSubject } from './anchors';
import { budgetTakeBuildCall } from './budget';
import { checkCert, checkValidity, ROLE_ANCHOR, ROLE_INTERMEDIATE } from './checks';
import { applyNameConstraints } from './constraints';
import { VerifyCtx } from './context';
import { policyCheck } from './policy';
import { firstRoot, hasChainOption, hasFlag, isRoot } from './request';
import { anchorKeySignaturePolicy, edgeSignature, edgeVerify } from './signatures';

/**
 * Starts a new search in the context: no path, no failure recorded, candidate lists and
 * identities to be computed again (the per-call caches of checks and signatures stay).
 */
export function searchReset(ctx: VerifyCtx, ordered: bool): void {
  const n = <usize>ctx.certCount;
  memory.fill(ctx.candReady, 0, n);
  memory.fill(ctx.identityOf, 0, n);
  ctx.pathLength = 0;
  ctx.orderedOnly = ordered;
  ctx.bestOutcome = outcome(Err.UNKNOWN_ISSUER, 0);
  ctx.bestRank = -1;
  ctx.bestPos = -1;
  ctx.bestSlot = -1;
  ctx.hintSlot = -1;
  ctx.missingIssuerOf = -1;
  ctx.missingIssuerDepth = -1;
  ctx.bestPathLength = 0;
}

/** Records a failure (an Err and its detail) if it is more specific than the best so far. */
function note(ctx: VerifyCtx, o: Outcome, pos: i32, slot: i32, hint: i32, depth: i32): void {
  const r = <i32>ERR_RANK[<i32>errOf(o)];
  if (r < ctx.bestRank || (r === ctx.bestRank && pos <= ctx.bestPos)) return;
  ctx.bestOutcome = o;
  ctx.bestRank = r;
  ctx.bestPos = pos;
  ctx.bestSlot = slot;
  ctx.hintSlot = hint;
  ctx.bestPathLength = depth + 1;
  memory.copy(ctx.bestPath, ctx.path, <usize>(depth + 1));
  if (pos === depth + 1 && slot >= 0) {
    // The rejected candidate is part of the partial chain the error describes.
    store<u8>(ctx.bestPath + <usize>pos, <u8>slot);
    ctx.bestPathLength = pos + 1;
  }
}

function akiOrder(child: Cert, cand: Cert): i32 {
  if (child.akiKeyIdLen === 0 || cand.skiLen === 0) return 1;
  if (child.akiKeyIdLen === cand.skiLen && memory.compare(child.akiKeyId, cand.ski, cand.skiLen) === 0)
    return 0;
  return 2;
}

const computedKeyId = memory.data(20);
const computedKeyIdTlv = staticTlv();

/**
 * CHAIN_AKI_COMPUTED_SKI, for a candidate without subjectKeyIdentifier under a child with an
 * AKI keyIdentifier: whether the identifier the stack computes matches (RSA: SHA-1 of the
 * subjectPublicKey BIT STRING contents, RFC 5280 §4.2.1.2 method 1; other keys never, as
 * measured with wolfSSL). True when the option is off or either identifier is absent.
 */
function computedKeyIdMatches(ctx: VerifyCtx, child: Cert, cand: Cert): bool {
  if (!hasChainOption(ctx, CHAIN_AKI_COMPUTED_SKI) || child.akiKeyIdLen === 0) return true;
  if (cand.keyType !== KEY_RSA || child.akiKeyIdLen !== 20) return false;
  const t = computedKeyIdTlv;
  const end = cand.spki + <usize>cand.spkiLen;
  if (derRead(t, cand.spki, end) !== Err.OK) return false; // SubjectPublicKeyInfo
  const seqEnd = t.end;
  if (derRead(t, t.val, seqEnd) !== Err.OK) return false; // algorithm
  if (derRead(t, t.end, seqEnd) !== Err.OK || t.len < 1) return false; // subjectPublicKey
  hashDigest(<i32>HASH_SHA1, t.val + 1, <usize>(t.len - 1), computedKeyId);
  return memory.compare(computedKeyId, child.akiKeyId, 20) === 0;
}

function addCandidates(ctx: VerifyCtx, c: Cert, self: u32, from: u32, to: u32, list: usize, n: i32): i32 {
  // A stack that takes the first match sees the candidates in the order given (one pass); one
  // that looks issuers up by key identifier never sees a candidate whose SKI contradicts the AKI.
  const passes = hasChainOption(ctx, CHAIN_FIRST_ISSUER) ? 1 : 3;
  const akiLookup = hasChainOption(ctx, CHAIN_AKI_LOOKUP);
  for (let prio = 0; prio < passes; prio++) {
    for (let s = from; s < to; s++) {
      if (s === self) continue;
      let cs: Cert;
      if (isRoot(ctx, s)) {
        // Anchors are decoded on first use (anchors.ts): compare the located subject first.
        if (!anchorHasSubject(ctx, s, c.issuer, c.issuerLen)) continue;
        const a = anchorDecoded(ctx, s);
        if (a === null) continue;
        cs = a;
      } else {
        cs = certAt(s);
        if ((cs.flags & CF_DECODED) === 0) continue;
        if (!dnEquals(ctx.nameChaining, c.issuer, c.issuerLen, cs.subject, cs.subjectLen)) continue;
      }
      const order = akiOrder(c, cs);
      if (akiLookup && (order === 2 || (order === 1 && !computedKeyIdMatches(ctx, c, cs)))) continue;
      if (passes === 3 && order !== prio) continue;
      store<u8>(list + <usize>n, <u8>s);
      n++;
    }
  }
  return n;
}

/** The candidate issuers of `slot` (anchors first), computed once per search on the heap. */
export function candidates(ctx: VerifyCtx, slot: u32): usize {
  if (load<u8>(ctx.candReady + slot) === 0) {
    const c = certAt(slot);
    const list = heap.alloc(<usize>ctx.certCount);
    // CHAIN_ISSUER_AFTER_CHILD: only certificates sent after this one can issue it.
    const from: u32 = hasChainOption(ctx, CHAIN_ISSUER_AFTER_CHILD) ? slot + 1 : 1;
    const sentEnd: u32 = 1 + ctx.intermediateCount;
    let n: i32 = 0;
    // A name-and-key anchor issues only the top of the sent chain: the sent certificates come first.
    const sentFirst = hasChainOption(ctx, CHAIN_ANCHOR_NAME_AND_KEY);
    if (sentFirst && from < sentEnd) n = addCandidates(ctx, c, slot, from, sentEnd, list, n);
    n = addCandidates(ctx, c, slot, firstRoot(ctx), ctx.certCount, list, n);
    if (!sentFirst && from < sentEnd) n = addCandidates(ctx, c, slot, from, sentEnd, list, n);
    store<u32>(ctx.candList + ((<usize>slot) << 2), <u32>list);
    store<u16>(ctx.candCount + ((<usize>slot) << 1), <u16>n);
    store<u8>(ctx.candReady + slot, 1);
  }
  return <usize>load<u32>(ctx.candList + ((<usize>slot) << 2));
}

export function candidateCount(ctx: VerifyCtx, slot: u32): i32 {
  return <i32>load<u16>(ctx.candCount + ((<usize>slot) << 1));
}

function slotAt(ctx: VerifyCtx, i: i32): u32 {
  return <u32>load<u8>(ctx.path + <usize>i);
}

function selfIssued(slot: u32): bool {
  return (certAt(slot).flags & CF_SELF_ISSUED) !== 0;
}

/** Intermediates at positions [1, upTo] that are not self-issued. */
function countNonSelfIssued(ctx: VerifyCtx, upTo: i32): i32 {
  let n = 0;
  for (let i = 1; i <= upTo; i++) if (!selfIssued(slotAt(ctx, i))) n++;
  return n;
}

/**
 * 1 + the first slot whose certificate has the same subject and SubjectPublicKeyInfo as `s`
 * (cached per search; makes the loop test a byte comparison per path position).
 */
function identity(ctx: VerifyCtx, s: u32): u32 {
  let id = <u32>load<u8>(ctx.identityOf + s);
  if (id !== 0) return id;
  const c = certAt(s);
  id = s + 1;
  for (let t: u32 = 0; t < s; t++) {
    const p = certAt(t);
    if (p.subjectLen !== c.subjectLen || p.spkiLen !== c.spkiLen) continue;
    if (memory.compare(p.subject, c.subject, c.subjectLen) !== 0) continue;
    if (memory.compare(p.spki, c.spki, c.spkiLen) === 0) {
      id = identity(ctx, t);
      break;
    }
  }
  store<u8>(ctx.identityOf + s, <u8>id);
  return id;
}

/** Whether a certificate with the same subject and SPKI as `s` is at positions [0, depth]. */
function inPath(ctx: VerifyCtx, s: u32, depth: i32): bool {
  const id = <u8>identity(ctx, s);
  for (let i = 0; i <= depth; i++) if (load<u8>(ctx.pathIdentity + <usize>i) === id) return true;
  return false;
}

/** Puts slot `s` at path position `pos`. */
export function setPath(ctx: VerifyCtx, pos: i32, s: u32): void {
  store<u8>(ctx.path + <usize>pos, <u8>s);
  store<u8>(ctx.pathIdentity + <usize>pos, <u8>identity(ctx, s));
}

/** Whether a trust anchor is among the candidate issuers of `s` (anchors come first in the list). */
function hasAnchorCandidate(ctx: VerifyCtx, s: u32): bool {
  const list = candidates(ctx, s);
  return candidateCount(ctx, s) > 0 && isRoot(ctx, <u32>load<u8>(list));
}

/**
 * The certificates below path position `depth` that count against a pathLenConstraint there:
 * the non-self-issued intermediates (RFC 5280 §4.2.1.9), every intermediate with
 * CHAIN_PATHLEN_COUNTS_SELF_ISSUED (BearSSL), and a leaf asserting cA too with
 * CHAIN_LEAF_CA_PATHLEN (wolfSSL).
 */
function pathLenBelow(ctx: VerifyCtx, depth: i32): i32 {
  let n = hasChainOption(ctx, CHAIN_PATHLEN_COUNTS_SELF_ISSUED) ? depth : countNonSelfIssued(ctx, depth);
  if (hasChainOption(ctx, CHAIN_LEAF_CA_PATHLEN) && (certAt(slotAt(ctx, 0)).flags & CF_CA) !== 0) n++;
  return n;
}

/** pathLenConstraint of the CA in `slot` against the non-self-issued intermediates below it. */
function pathLenOk(slot: u32, below: i32): bool {
  const pl = certAt(slot).pathLen;
  return pl < 0 || below <= pl;
}

/** The anchor's own pathLenConstraint (unless CHAIN_ANCHOR_PATHLEN_IGNORED, as wolfSSL). */
function anchorPathLenOk(ctx: VerifyCtx, a: u32, depth: i32): bool {
  return hasChainOption(ctx, CHAIN_ANCHOR_PATHLEN_IGNORED) || pathLenOk(a, pathLenBelow(ctx, depth));
}

/**
 * Self-signed as OpenSSL decides it for a trusted certificate (x509v3_cache_extensions: EXFLAG_SS
 * when subject = issuer and X509_check_akid finds no contradicting key identifier).
 */
function selfSigned(c: Cert): bool {
  if ((c.flags & CF_SELF_ISSUED) === 0) return false;
  if (c.akiKeyIdLen === 0 || c.skiLen === 0) return true;
  return c.akiKeyIdLen === c.skiLen && memory.compare(c.akiKeyId, c.ski, c.skiLen) === 0;
}

/**
 * Tries to finish the path path[0..depth] with anchor `a`: anchor checks, pathLen, signatures
 * from the anchor down, name constraints. Records the failure and returns false, or stores the
 * full path and returns true.
 */
function tryAnchor(ctx: VerifyCtx, depth: i32, a: u32): bool {
  const top = depth + 1;
  if (hasChainOption(ctx, CHAIN_NO_PARTIAL_CHAIN) && !selfSigned(certAt(a))) {
    note(ctx, outcome(Err.UNKNOWN_ISSUER, PathDetail.ANCHOR_NOT_SELF_SIGNED), top, <i32>a, <i32>a, depth);
    return false;
  }
  let o = checkCert(ctx, a, ROLE_ANCHOR);
  if (o !== OUTCOME_OK) {
    note(ctx, o, top, <i32>a, <i32>a, depth);
    return false;
  }
  const anchorConstraints = !hasChainOption(ctx, CHAIN_ANCHOR_CONSTRAINTS_IGNORED);
  if (anchorConstraints && !anchorPathLenOk(ctx, a, depth)) {
    note(ctx, outcome(Err.PATH_TOO_LONG, PathDetail.PATH_LEN), top, <i32>a, <i32>a, depth);
    return false;
  }
  // Signatures, from the anchor down (a name-and-key anchor under its own algorithm rule).
  const keyAnchor = hasChainOption(ctx, CHAIN_ANCHOR_NAME_AND_KEY);
  for (let k = depth; k >= 0; k--) {
    const issuer = k === depth ? a : slotAt(ctx, k + 1);
    if (k === depth && keyAnchor) {
      o = anchorKeySignaturePolicy(certAt(slotAt(ctx, k)));
      if (o === OUTCOME_OK) o = edgeSignature(ctx, slotAt(ctx, k), issuer);
    } else {
      o = edgeVerify(ctx, slotAt(ctx, k), issuer);
    }
    if (o !== OUTCOME_OK) {
      note(ctx, o, k, <i32>slotAt(ctx, k), <i32>issuer, depth);
      return false;
    }
  }
  // Name constraints: every CA above constrains every certificate below, skipping self-issued
  // intermediates (the leaf is always checked).
  store<u8>(ctx.path + <usize>top, <u8>a);
  for (let k = anchorConstraints ? top : depth; k >= 1; k--) {
    const ca = certAt(slotAt(ctx, k));
    if ((ca.extPresent & EXT_NAME_CONSTRAINTS) === 0) continue;
    if (hasFlag(ctx, FLAG_NC_REJECT_IF_CRITICAL)) {
      if ((ca.extCritical & EXT_NAME_CONSTRAINTS) !== 0) {
        const slot = <i32>slotAt(ctx, k);
        note(
          ctx,
          outcome(Err.UNKNOWN_CRITICAL_EXTENSION, PathDetail.NC_CRITICAL_UNSUPPORTED),
          k,
          slot,
          slot,
          depth,
        );
        return false;
      }
      continue;
    }
    // NCF_ISSUER_ONLY (a device profile): only the certificate the CA signed.
    const issuerOnly = WITH_STACK_RULES && (ctx.ncFlags & NCF_ISSUER_ONLY) !== 0;
    for (let j = k - 1; j >= (issuerOnly ? k - 1 : 0); j--) {
      if (j > 0 && selfIssued(slotAt(ctx, j))) continue;
      o = applyNameConstraints(ctx, slotAt(ctx, k), slotAt(ctx, j));
      if (o !== OUTCOME_OK) {
        note(ctx, o, j, <i32>slotAt(ctx, j), <i32>slotAt(ctx, k), depth);
        return false;
      }
    }
  }
  if (WITH_POLICIES && !hasFlag(ctx, FLAG_POLICY_IGNORE | FLAG_POLICY_REJECT_CRITICAL)) {
    o = policyCheck(ctx, top);
    if (o !== OUTCOME_OK) {
      const p = ctx.policyFailPos;
      const slot = <i32>slotAt(ctx, p);
      note(ctx, o, p, slot, slot, depth);
      return false;
    }
  }
  ctx.pathLength = top + 1;
  return true;
}

/** No candidate issuer at all for the certificate at `depth`: record it. */
function noIssuer(ctx: VerifyCtx, depth: i32, cur: u32): void {
  note(ctx, outcome(Err.UNKNOWN_ISSUER, PathDetail.NO_ISSUER), depth, <i32>cur, -1, depth);
  if (depth > ctx.missingIssuerDepth) {
    ctx.missingIssuerDepth = depth;
    ctx.missingIssuerOf = <i32>cur;
  }
}

/**
 * mbedTLS's "basic parenting skills" (x509_crt_check_parent) and its pathLenConstraint test
 * (x509_crt_find_parent_in), for candidate `s` of the certificate at `depth`: a CA with
 * keyCertSign when keyUsage is present (a v1/v2 anchor is exempt), whose pathLenConstraint
 * allows the intermediates below it, the child counted even when it is self-issued (mbedTLS
 * increments self_cnt only after the parent search).
 */
function parentEligible(ctx: VerifyCtx, s: u32, anchor: bool, depth: i32): bool {
  const c = certAt(s);
  if (!anchor || c.version === 2) {
    if ((c.flags & CF_CA) === 0) return false;
    if ((c.extPresent & EXT_KEY_USAGE) !== 0 && (c.keyUsage & KU_KEY_CERT_SIGN) === 0) return false;
  }
  if (anchor && hasChainOption(ctx, CHAIN_ANCHOR_PATHLEN_IGNORED)) return true;
  const below = depth === 0 ? 0 : pathLenBelow(ctx, depth - 1) + 1;
  return pathLenOk(s, below);
}

/**
 * CHAIN_FIRST_ISSUER: the one issuer a first-match stack takes for the certificate at `depth`
 * (mbedTLS x509_crt_find_parent / x509_crt_find_parent_in): in list order (anchors first, or
 * the sent certificates first for name-and-key anchors), the first eligible candidate that is
 * valid at the validation time, else the first eligible one of the same group; an anchor also
 * needs a good signature on the child. A name-and-key anchor is looked up by name alone (the
 * ESP-IDF bundle search). Returns its index in the candidate list, -1 when there is none. No loop detection, as in mbedTLS: the depth
 * limits end a loop (and with CHAIN_ISSUER_AFTER_CHILD none can form).
 */
function selectIssuer(ctx: VerifyCtx, depth: i32, cur: u32, list: usize, n: i32): i32 {
  let fallback: i32 = -1;
  let group: i32 = -1;
  const keyAnchor = hasChainOption(ctx, CHAIN_ANCHOR_NAME_AND_KEY);
  for (let i = 0; i < n; i++) {
    const s = <u32>load<u8>(list + <usize>i);
    const anchor = isRoot(ctx, s);
    const g: i32 = anchor ? 1 : 0;
    if (g !== group) {
      if (fallback >= 0) return fallback;
      group = g;
    }
    if (anchor && keyAnchor) return i;
    if (!parentEligible(ctx, s, anchor, depth)) continue;
    if (anchor && edgeSignature(ctx, cur, s) !== OUTCOME_OK) {
      if (ctx.exhausted) return -1;
      continue;
    }
    if (checkValidity(ctx, certAt(s)) === OUTCOME_OK) return i;
    if (fallback < 0) fallback = i;
  }
  return fallback;
}

/**
 * Extends path[0..depth] (already checked) towards an anchor. True when a full path was found;
 * false otherwise (the failure is recorded; ctx.exhausted says whether it is fatal). With
 * CHAIN_FIRST_ISSUER only the one candidate selectIssuer picks is tried.
 */
export function extend(ctx: VerifyCtx, depth: i32): bool {
  const cur = slotAt(ctx, depth);
  const list = candidates(ctx, cur);
  let from = 0;
  let n = candidateCount(ctx, cur);
  const first = hasChainOption(ctx, CHAIN_FIRST_ISSUER);
  if (first) {
    from = selectIssuer(ctx, depth, cur, list, n);
    if (ctx.exhausted) {
      note(ctx, outcome(Err.BUDGET_EXCEEDED, PathDetail.BUDGET_SIGNATURES), depth, <i32>cur, -1, depth);
      return false;
    }
    // No eligible candidate: nothing to try (from stays in range for the loop below).
    if (from < 0) {
      from = 0;
      n = 0;
    } else n = from + 1;
  }
  // Loops: impossible when issuers come only from later in the sent list (ordered chains,
  // CHAIN_ISSUER_AFTER_CHILD); a first-match stack does not look for them (the depth limits end one).
  const loopCheck = !ctx.orderedOnly && !first && !hasChainOption(ctx, CHAIN_ISSUER_AFTER_CHILD);
  const pos = depth + 1;
  const room = pos < <i32>MAX_PATH - 1;
  const below = countNonSelfIssued(ctx, depth);
  let any = false;
  for (let i = from; i < n; i++) {
    const s = <u32>load<u8>(list + <usize>i);
    if (isRoot(ctx, s)) {
      any = true;
      if (tryAnchor(ctx, depth, s)) return true;
      if (ctx.exhausted) return false;
      continue;
    }
    if (ctx.orderedOnly && s !== <u32>pos) continue;
    any = true;
    if (loopCheck && inPath(ctx, s, depth)) continue;
    // Depth limits: reported only when the candidate could have completed a path (an anchor
    // issues it); otherwise the honest answer is the missing issuer, not the length.
    if (!room || (!selfIssued(s) && <u32>(below + 1) > ctx.maxDepth)) {
      if (hasAnchorCandidate(ctx, s))
        note(ctx, outcome(Err.PATH_TOO_LONG, PathDetail.MAX_DEPTH), pos, <i32>s, <i32>s, depth);
      continue;
    }
    const o = checkCert(ctx, s, ROLE_INTERMEDIATE);
    if (o !== OUTCOME_OK) {
      note(ctx, o, pos, <i32>s, <i32>s, depth);
      continue;
    }
    if (!pathLenOk(s, pathLenBelow(ctx, depth))) {
      note(ctx, outcome(Err.PATH_TOO_LONG, PathDetail.PATH_LEN), pos, <i32>s, <i32>s, depth);
      continue;
    }
    if (!budgetTakeBuildCall(ctx)) {
      note(ctx, outcome(Err.BUDGET_EXCEEDED, PathDetail.BUDGET_BUILD_CALLS), pos, <i32>s, -1, depth);
      return false;
    }
    setPath(ctx, pos, s);
    if (extend(ctx, pos)) return true;
    if (ctx.exhausted) return false;
  }
  if (!any) noIssuer(ctx, depth, cur);
  return false;
}
