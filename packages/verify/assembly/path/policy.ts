// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Certificate policies along a path: RFC 5280 §6.1.2 (a)(d)(e)(f) (state), §6.1.3 (d)(e)(f)
// (each certificate), §6.1.4 (a)(b)(h)(i)(j) (preparing for the next one) and §6.1.5 (a)(b)(g)
// (wrap-up), with the valid_policy_graph of RFC 9618 §4 in place of the valid_policy_tree: at
// most one node per (depth, policy), a node records all its parents, so the structure grows
// linearly with the policies and mappings of the certificates instead of exponentially
// (CVE-2023-0464, CVE-2023-23524). OpenSSL 3.2 and BoringSSL moved to the same graph.
//
// Path numbering: certificate i (1..n) is path position n - i; position n is the trust anchor,
// whose own policy extensions are not processed (RFC 5280 §6.1.1 (d): an anchor is a name and a
// key). Inputs (§6.1.1 (c)(e)(f)(g)) come from the request: the user-initial-policy-set (DER
// OIDs; empty = anyPolicy), initial-explicit-policy, initial-policy-mapping-inhibit and
// initial-any-policy-inhibit (RequestFlag POLICY_*). Outputs (RFC 9618 §4.4 step (g)): the
// authorities-constrained and user-constrained policy sets, OIDs pointing into the
// certificates (or the request's set), anyPolicy as a flag.
//
// Deliberate gaps: policy qualifiers are not collected (RFC 9618 §4.4 (g)(4)(ii) allows it);
// the decoder (x509/extensions.ts) still checks them for well-formedness, so a malformed
// qualifier is MALFORMED. A PolicyInformation OID listed twice in one certificate (forbidden by
// RFC 5280 §4.2.1.4) counts once, like a repeated mapping. The pinned-leaf shortcut (verify.ts,
// a path of no certificate) runs no policy processing: with n = 0 RFC 5280 always succeeds.
//
// Bounds (budget.ts): nodes plus edges of the graph per path (default 1,000, OpenSSL's
// OPENSSL_POLICY_TREE_NODES_MAX, its CVE-2023-0464 fix) and OID comparisons per call (default
// 250,000, the figure of the name-constraint comparisons). Running out ends the whole search with
// BUDGET_EXCEEDED, like the other budgets: a hostile graph, thousands of policies or a mapping
// web ends in bounded time and memory (the arena is allocated once per call, on the IO heap).

import {
  Cert,
  CF_SELF_ISSUED,
  Err,
  EXT_CERT_POLICIES,
  EXT_INHIBIT_ANY_POLICY,
  EXT_POLICY_CONSTRAINTS,
  EXT_POLICY_MAPPINGS,
  FLAG_POLICY_EXPLICIT,
  FLAG_POLICY_INHIBIT_ANY,
  FLAG_POLICY_INHIBIT_MAPPING,
  MAX_PATH,
  PathDetail,
  POLICY_AUTHORITY_ANY,
  POLICY_PROCESSED,
  POLICY_USER_ANY,
  staticTlv,
  Tlv,
} from '../abi.generated';
import { derSmallUint, oidEquals } from '../der/primitives';
import {
  derPeek,
  derRead,
  TAG_BOOLEAN,
  TAG_CONTEXT,
  TAG_INTEGER,
  TAG_OID,
  TAG_SEQUENCE,
} from '../der/reader';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';
import { certAt } from '../x509/cert';
import { extBit } from '../x509/extensions';
import { VerifyCtx } from './context';
import { hasFlag } from './request';
import { resultSetPolicies } from './result';

// ─── The arena: node records, parent edges, levels ───────────────────────────────────────────
// Node (16 bytes): OID contents pointer (u32), length (u16), flags (u8), depth (u8), first parent
// edge (u32), parent count (u32). Edges are u16 node indices. A level is the
// contiguous node range of one depth; parents always have lower indices than their children.
const NODE = 16;
const N_OID = 0;
const N_LEN = 4;
const N_FLAGS = 6;
const N_DEPTH = 7;
const N_EDGES = 8;
const N_PARENTS = 12;

/** The node's valid_policy is anyPolicy. */
const NF_ANY: u8 = 1;
/** expected_policy_set is the subjectDomainPolicy values its OID maps to (§6.1.4 (b)(1)). */
const NF_MAPPED: u8 = 2;
/** Deleted by §6.1.4 (b)(2) (mapping inhibited). */
const NF_DELETED: u8 = 4;
/** Has a descendant at depth n (the nodes pruning keeps). */
const NF_REACHABLE: u8 = 8;
/** Its only parent is the anyPolicy node (RFC 9618 §4.4 (g)(2)). */
const NF_PARENT_ANY: u8 = 16;

/** Largest node budget a request may set: edges are u16 node indices. */
export const MAX_POLICY_NODES: u32 = 65535;

// Per depth (0..MAX_PATH): first node, and the policyMappings contents of that certificate.
const LEVEL = 12;

/** anyPolicy, 2.5.29.32.0 (static data laid out only where used: not in a build without policies). */
function anyPolicyOid(): usize {
  return memory.data<u8>([0x55, 0x1d, 0x20, 0x00]);
}
const OID_ANY_POLICY_LEN: u32 = 4;

/** Whether OID contents are anyPolicy (55 1D 20 00 as one little-endian word). */
export function isAnyPolicy(p: usize, l: u32): bool {
  return l === OID_ANY_POLICY_LEN && load<u32>(p) === 0x00201d55;
}

function nodeAt(ctx: VerifyCtx, k: u32): usize {
  return ctx.policyArena + <usize>k * NODE;
}

function levelStart(ctx: VerifyCtx, d: i32): u32 {
  return load<u32>(levelAt(ctx, d));
}

function flagsOf(ctx: VerifyCtx, k: u32): u8 {
  return load<u8>(nodeAt(ctx, k) + N_FLAGS);
}

function setFlag(ctx: VerifyCtx, k: u32, f: u8): void {
  const a = nodeAt(ctx, k) + N_FLAGS;
  store<u8>(a, load<u8>(a) | f);
}

/** Takes `n` OID comparisons from the call's budget; false when it ran out. */
function takeComparisons(ctx: VerifyCtx, n: u32): bool {
  if (ctx.policyComparisonsLeft < n) {
    ctx.policyComparisonsLeft = 0;
    ctx.policyExhausted = true;
    return false;
  }
  ctx.policyComparisonsLeft -= n;
  return true;
}

function sameOid(ctx: VerifyCtx, a: usize, al: u32, b: usize, bl: u32): bool {
  return takeComparisons(ctx, 1) && oidEquals(a, al, b, bl);
}

// Nodes are found by (depth, OID) in an open-addressing hash table of node index + 1 (u32; 0 =
// empty), at least twice as many slots as the node budget, so a probe sequence always ends.

/** FNV-1a of the depth and the OID contents. */
function slotOf(d: i32, p: usize, l: u32): u32 {
  let h: u32 = 2166136261 ^ <u32>d;
  for (let i: u32 = 0; i < l; i++) h = (h ^ <u32>load<u8>(p + i)) * 16777619;
  return h;
}

/** The live node of depth d whose policy is (p, l), or -1 (each probe is a charged comparison). */
function findNode(ctx: VerifyCtx, d: i32, p: usize, l: u32): i32 {
  const mask = ctx.policyHashMask;
  let i = slotOf(d, p, l) & mask;
  // At most policyNodeLimit entries in at least twice as many slots: an empty slot ends the probe.
  for (let probes: u32 = 0; probes <= mask; probes++) {
    const e = load<u32>(ctx.policyHash + ((<usize>i) << 2));
    if (e === 0) return -1;
    const n = nodeAt(ctx, e - 1);
    if (<i32>load<u8>(n + N_DEPTH) === d) {
      if (sameOid(ctx, <usize>load<u32>(n + N_OID), <u32>load<u16>(n + N_LEN), p, l))
        return (load<u8>(n + N_FLAGS) & NF_DELETED) !== 0 ? -1 : <i32>(e - 1);
      if (ctx.policyExhausted) return -1;
    }
    i = (i + 1) & mask;
  }
  return -1;
}

/** Appends a node of depth d (its edges are added next with addEdge); -1 when the budget ran out. */
function addNode(ctx: VerifyCtx, d: i32, p: usize, l: u32, flags: u8): i32 {
  if (ctx.policyLeft === 0) {
    ctx.policyExhausted = true;
    return -1;
  }
  ctx.policyLeft--;
  const k = ctx.policyNodeCount++;
  const n = nodeAt(ctx, k);
  store<u32>(n + N_OID, <u32>p);
  store<u16>(n + N_LEN, <u16>l);
  store<u8>(n + N_FLAGS, isAnyPolicy(p, l) ? flags | NF_ANY : flags);
  store<u8>(n + N_DEPTH, <u8>d);
  store<u32>(n + N_EDGES, ctx.policyEdgeCount);
  store<u32>(n + N_PARENTS, 0);
  const mask = ctx.policyHashMask;
  let i = slotOf(d, p, l) & mask;
  while (load<u32>(ctx.policyHash + ((<usize>i) << 2)) !== 0) i = (i + 1) & mask;
  store<u32>(ctx.policyHash + ((<usize>i) << 2), k + 1);
  return <i32>k;
}

/** Adds parent `parent` to the node just added (`k`). */
function addEdge(ctx: VerifyCtx, k: u32, parent: u32): bool {
  if (ctx.policyLeft === 0) {
    ctx.policyExhausted = true;
    return false;
  }
  ctx.policyLeft--;
  store<u16>(ctx.policyEdges + ((<usize>ctx.policyEdgeCount) << 1), <u16>parent);
  ctx.policyEdgeCount++;
  const n = nodeAt(ctx, k);
  store<u32>(n + N_PARENTS, load<u32>(n + N_PARENTS) + 1);
  return true;
}

// ─── Reading the policy extensions (validated by the decoder; reads cannot fail) ─────────────

const extTlv = staticTlv();

/**
 * Finds the extension with ExtBit `bit` in `c`'s Extensions: its extnValue contents in
 * (extTlv.val, extTlv.len). False when absent.
 */
function extValue(c: Cert, bit: u32): bool {
  const t = extTlv;
  let pos = c.exts;
  const end = c.exts + <usize>c.extsLen;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK) return false;
    const extEnd = t.end;
    pos = t.end;
    if (derRead(t, t.val, extEnd) !== Err.OK) return false;
    if (extBit(t.val, t.len) !== bit) continue;
    let p = t.end;
    if (derPeek(p, extEnd, TAG_BOOLEAN)) {
      if (derRead(t, p, extEnd) !== Err.OK) return false;
      p = t.end;
    }
    // extnValue OCTET STRING, then the one value inside it
    if (derRead(t, p, extEnd) !== Err.OK) return false;
    return derRead(t, t.val, t.end) === Err.OK;
  }
  return false;
}

/** A small non-negative INTEGER of the policy extensions, -1 when absent. */
function skipCerts(t: usize, len: u32): i32 {
  const v = derSmallUint(t, len, 0x7fffffff);
  return v < 0 ? -1 : <i32>v;
}

const constraintTlv = staticTlv();

/** policyConstraints of `c`: requireExplicitPolicy (which = 0) or inhibitPolicyMapping (1), -1 when absent. */
function policyConstraint(c: Cert, which: u32): i32 {
  if ((c.extPresent & EXT_POLICY_CONSTRAINTS) === 0 || !extValue(c, EXT_POLICY_CONSTRAINTS)) return -1;
  const t = constraintTlv;
  let pos = extTlv.val;
  const end = extTlv.end;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK) return -1;
    pos = t.end;
    if (t.tag === (TAG_CONTEXT | which)) return skipCerts(t.val, t.len);
  }
  return -1;
}

/** inhibitAnyPolicy SkipCerts of `c`, -1 when absent. */
function inhibitAnyPolicy(c: Cert): i32 {
  if ((c.extPresent & EXT_INHIBIT_ANY_POLICY) === 0 || !extValue(c, EXT_INHIBIT_ANY_POLICY)) return -1;
  if (extTlv.tag !== TAG_INTEGER) return -1;
  return skipCerts(extTlv.val, extTlv.len);
}

const policyTlv = staticTlv();
const policyOidTlv = staticTlv();
const mapTlv = staticTlv();
const mapIssuerTlv = staticTlv();
const mapSubjectTlv = staticTlv();
const expandTlv = staticTlv();
const expandIssuerTlv = staticTlv();
const expandSubjectTlv = staticTlv();

/** The level-table entry of depth d: first node (u32), then its certificate's policyMappings (offset, length). */
function levelAt(ctx: VerifyCtx, d: i32): usize {
  return ctx.policyLevels + <usize>d * LEVEL;
}

/**
 * Reads the PolicyMapping at `pos` (before `end`, validated by the decoder): the SEQUENCE into
 * `t`, issuerDomainPolicy into `i`, subjectDomainPolicy into `s`. The next position, 0 if malformed.
 */
function mappingAt(t: Tlv, i: Tlv, s: Tlv, pos: usize, end: usize): usize {
  if (derRead(t, pos, end) !== Err.OK || derRead(i, t.val, t.end) !== Err.OK) return 0;
  return derRead(s, i.end, t.end) === Err.OK ? t.end : 0;
}

// ─── Expected policy sets (§6.1.2 (a)(3)) ────────────────────────────────────────────────────
// A node's expected_policy_set is {anyPolicy} for the anyPolicy node, its own OID for an unmapped
// node, and the subjectDomainPolicy values its OID maps to in its certificate's policyMappings
// (kept per depth in the level table) for a mapped one (NF_MAPPED).

/** Adds `parent` as a parent of (p, l) at depth d, creating that node (`k` < 0) first. Returns k, -1 on budget. */
function link(ctx: VerifyCtx, d: i32, k: i32, p: usize, l: u32, parent: u32, flags: u8): i32 {
  if (k < 0) k = addNode(ctx, d, p, l, flags);
  if (k < 0 || !addEdge(ctx, <u32>k, parent)) return -1;
  return k;
}

/**
 * Creates node (p, l) at depth d (nodes [start, nodeCount)) with every live node of depth d-1
 * that expects it as a parent (§6.1.3 (d)(1)(i), (d)(2)); failing that, with the anyPolicy node
 * of depth d-1 (`anyPrev`) when `viaAny` (§6.1.3 (d)(1)(ii)). Nothing when it already exists.
 * Cost: one comparison per node of depth d-1 and per mapping of certificate d-1, plus a lookup
 * of the issuerDomainPolicy for each mapping to (p, l).
 */
function addChild(ctx: VerifyCtx, d: i32, p: usize, l: u32, anyPrev: i32, viaAny: bool): void {
  if (findNode(ctx, d, p, l) >= 0 || ctx.policyExhausted) return;
  let k: i32 = -1;
  // The unmapped node of depth d-1 with this very policy (anyPolicy for anyPolicy).
  const same = findNode(ctx, d - 1, p, l);
  if (ctx.policyExhausted) return;
  if (same >= 0 && (flagsOf(ctx, <u32>same) & NF_MAPPED) === 0) {
    k = link(ctx, d, k, p, l, <u32>same, 0);
    if (k < 0) return;
  }
  // Mapped nodes of depth d-1 whose OID certificate d-1 maps to (p, l).
  const o = mapIssuerTlv;
  const s = mapSubjectTlv;
  const level = levelAt(ctx, d - 1);
  let pos = <usize>load<u32>(level + 4);
  const me = pos + <usize>load<u32>(level + 8);
  while (pos < me) {
    pos = mappingAt(mapTlv, o, s, pos, me);
    if (pos === 0) return;
    if (!sameOid(ctx, s.val, s.len, p, l)) {
      if (ctx.policyExhausted) return;
      continue;
    }
    const j = findNode(ctx, d - 1, o.val, o.len);
    if (ctx.policyExhausted) return;
    if (j >= 0 && (flagsOf(ctx, <u32>j) & NF_MAPPED) !== 0) {
      k = link(ctx, d, k, p, l, <u32>j, 0);
      if (k < 0) return;
    }
  }
  if (k < 0 && viaAny && anyPrev >= 0) link(ctx, d, k, p, l, <u32>anyPrev, NF_PARENT_ANY);
}

/** The live anyPolicy node of depth d, or -1. */
function anyNode(ctx: VerifyCtx, d: i32): i32 {
  return findNode(ctx, d, anyPolicyOid(), OID_ANY_POLICY_LEN);
}

function liveNodes(ctx: VerifyCtx, d: i32): bool {
  for (let k = levelStart(ctx, d); k < ctx.policyNodeCount; k++)
    if ((flagsOf(ctx, k) & NF_DELETED) === 0) return true;
  return false;
}

/** §6.1.3 (d)(e): certificate i at depth d of the graph (`last`: i = n). */
function processPolicies(ctx: VerifyCtx, d: i32, c: Cert, last: bool): void {
  const prevEnd = ctx.policyNodeCount;
  const level = levelAt(ctx, d);
  store<u32>(level, prevEnd);
  store<u32>(level + 4, 0);
  store<u32>(level + 8, 0);
  if (ctx.policyGraphNull || (c.extPresent & EXT_CERT_POLICIES) === 0) {
    ctx.policyGraphNull = true; // (e)
    return;
  }
  const anyPrev = anyNode(ctx, d - 1);
  const t = policyTlv;
  const o = policyOidTlv;
  let pos = c.policies;
  const end = c.policies + <usize>c.policiesLen;
  let certHasAny = false;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK || t.tag !== TAG_SEQUENCE) break;
    pos = t.end;
    if (derRead(o, t.val, t.end) !== Err.OK || o.tag !== TAG_OID) break;
    if (isAnyPolicy(o.val, o.len)) {
      certHasAny = true;
      continue;
    }
    addChild(ctx, d, o.val, o.len, anyPrev, true); // (d)(1)
    if (ctx.policyExhausted) return;
  }
  if (certHasAny && (ctx.policyInhibitAny > 0 || (!last && (c.flags & CF_SELF_ISSUED) !== 0))) {
    // (d)(2): every policy some node of depth d-1 expects (anyPolicy included): the OID of each
    // unmapped node, and each subjectDomainPolicy of the mappings of depth d-1 (addChild creates
    // a node only when a live node expects it, so a mapping of an absent policy adds nothing).
    const prevStart = levelStart(ctx, d - 1);
    for (let j = prevStart; j < prevEnd; j++) {
      const f = flagsOf(ctx, j);
      if ((f & (NF_DELETED | NF_MAPPED)) !== 0) continue;
      const n = nodeAt(ctx, j);
      addChild(ctx, d, <usize>load<u32>(n + N_OID), <u32>load<u16>(n + N_LEN), -1, false);
      if (ctx.policyExhausted) return;
    }
    const mo = expandSubjectTlv;
    const prev = levelAt(ctx, d - 1);
    let q = <usize>load<u32>(prev + 4);
    const me = q + <usize>load<u32>(prev + 8);
    while (q < me) {
      q = mappingAt(expandTlv, expandIssuerTlv, mo, q, me);
      if (q === 0) break;
      addChild(ctx, d, mo.val, mo.len, -1, false);
      if (ctx.policyExhausted) return;
    }
  }
  ctx.policyGraphNull = !liveNodes(ctx, d);
}

/**
 * §6.1.4 (a)(b): the policyMappings of certificate i (depth d). Returns OK or the outcome of
 * a mapping to or from anyPolicy.
 */
function processMappings(ctx: VerifyCtx, d: i32, c: Cert): Outcome {
  if ((c.extPresent & EXT_POLICY_MAPPINGS) === 0 || !extValue(c, EXT_POLICY_MAPPINGS)) return OUTCOME_OK;
  const mp = extTlv.val;
  const me = extTlv.end;
  const o = mapIssuerTlv;
  const level = levelAt(ctx, d);
  store<u32>(level + 4, <u32>mp);
  store<u32>(level + 8, <u32>(me - mp));
  let pos = mp;
  while (pos < me) {
    pos = mappingAt(mapTlv, o, mapSubjectTlv, pos, me);
    if (pos === 0) break;
    const ip = o.val;
    const il = o.len;
    // (a) anyPolicy is never mapped (whatever the graph: the path fails).
    if (isAnyPolicy(ip, il) || isAnyPolicy(mapSubjectTlv.val, mapSubjectTlv.len))
      return outcome(Err.POLICY_VIOLATION, PathDetail.POLICY_MAPPING_ANY);
    if (ctx.policyGraphNull) continue;
    // (b)
    const k = findNode(ctx, d, ip, il);
    if (ctx.policyExhausted) return OUTCOME_OK;
    if (ctx.policyMapping > 0) {
      if (k >= 0) {
        setFlag(ctx, <u32>k, NF_MAPPED); // (b)(1)(i)
      } else {
        // (b)(1)(ii): a node for ID-P under the anyPolicy node of depth d-1, when depth d has anyPolicy.
        if (anyNode(ctx, d) >= 0) {
          const parent = anyNode(ctx, d - 1);
          const n = addNode(ctx, d, ip, il, NF_MAPPED | NF_PARENT_ANY);
          if (n < 0) return OUTCOME_OK;
          if (parent >= 0 && !addEdge(ctx, <u32>n, <u32>parent)) return OUTCOME_OK;
        }
      }
    } else if (k >= 0) {
      setFlag(ctx, <u32>k, NF_DELETED); // (b)(2)
    }
  }
  if (ctx.policyMapping === 0) ctx.policyGraphNull = !liveNodes(ctx, d);
  return OUTCOME_OK;
}

/** §6.1.4 (h)(i)(j): the counters after certificate `c` (not the last). */
function updateCounters(ctx: VerifyCtx, c: Cert): void {
  if ((c.flags & CF_SELF_ISSUED) === 0) {
    if (ctx.policyExplicit > 0) ctx.policyExplicit--;
    if (ctx.policyMapping > 0) ctx.policyMapping--;
    if (ctx.policyInhibitAny > 0) ctx.policyInhibitAny--;
  }
  const r = policyConstraint(c, 0);
  if (r >= 0 && r < ctx.policyExplicit) ctx.policyExplicit = r;
  const q = policyConstraint(c, 1);
  if (q >= 0 && q < ctx.policyMapping) ctx.policyMapping = q;
  const a = inhibitAnyPolicy(c);
  if (a >= 0 && a < ctx.policyInhibitAny) ctx.policyInhibitAny = a;
}

function budgetOutcome(ctx: VerifyCtx): Outcome {
  ctx.exhausted = true;
  return outcome(
    Err.BUDGET_EXCEEDED,
    ctx.policyComparisonsLeft === 0 ? PathDetail.BUDGET_POLICY_COMPARISONS : PathDetail.BUDGET_POLICY_NODES,
  );
}

/**
 * Runs the policy processing of RFC 5280 §6.1 over the path ctx.path[0..top] (leaf at 0, the
 * trust anchor at `top`). Returns OK, POLICY_VIOLATION or BUDGET_EXCEEDED (which ends the
 * search); ctx.policyFailPos receives the path position of the certificate at fault. On OK
 * the valid policy sets are left in the arena for policyWriteResult.
 */
export function policyCheck(ctx: VerifyCtx, top: i32): Outcome {
  const n = top; // certificates in the path besides the anchor
  if (ctx.policyArena === 0) {
    // One arena per call, reused by every path tried: static memory reserved here for the
    // default budget (so the default path allocates nothing), the IO heap for a larger one.
    const limit = <usize>ctx.policyNodeLimit;
    const fixed = memory.data(DEFAULT_ARENA_BYTES, 8);
    const bytes = arenaBytes(limit);
    ctx.policyArena = bytes <= <usize>DEFAULT_ARENA_BYTES ? fixed : heap.alloc(bytes);
  }
  const limit = <usize>ctx.policyNodeLimit;
  const slots = hashSlots(limit);
  ctx.policyEdges = ctx.policyArena + limit * NODE;
  ctx.policyLevels = ctx.policyEdges + limit * 2;
  ctx.policyHash = ctx.policyLevels + <usize>(MAX_PATH + 1) * LEVEL;
  ctx.policyHashMask = <u32>slots - 1;
  memory.fill(ctx.policyHash, 0, slots * 4);
  ctx.policyNodeCount = 0;
  ctx.policyEdgeCount = 0;
  ctx.policyLeft = ctx.policyNodeLimit;
  ctx.policyExhausted = false;
  ctx.policyGraphNull = false;
  ctx.policyExplicit = hasFlag(ctx, FLAG_POLICY_EXPLICIT) ? 0 : n + 1;
  ctx.policyMapping = hasFlag(ctx, FLAG_POLICY_INHIBIT_MAPPING) ? 0 : n + 1;
  ctx.policyInhibitAny = hasFlag(ctx, FLAG_POLICY_INHIBIT_ANY) ? 0 : n + 1;
  // Depth 0: the anyPolicy node (§6.1.2 (a)).
  store<u32>(ctx.policyLevels, 0);
  store<u32>(ctx.policyLevels + 4, 0);
  store<u32>(ctx.policyLevels + 8, 0);
  addNode(ctx, 0, anyPolicyOid(), OID_ANY_POLICY_LEN, 0);
  // One exit (below): the outcome and the path position of the certificate at fault.
  let o = OUTCOME_OK;
  let pos = 0;
  for (let i = 1; i <= n; i++) {
    pos = n - i;
    const c = certAt(<u32>load<u8>(ctx.path + <usize>pos));
    const last = i === n;
    processPolicies(ctx, i, c, last);
    if (ctx.policyExhausted) break;
    // (f)
    if (ctx.policyExplicit === 0 && ctx.policyGraphNull) {
      o = outcome(Err.POLICY_VIOLATION, PathDetail.POLICY_EXPLICIT);
      break;
    }
    if (last) break;
    o = processMappings(ctx, i, c);
    if (o !== OUTCOME_OK || ctx.policyExhausted) break;
    updateCounters(ctx, c);
  }
  if (o === OUTCOME_OK && !ctx.policyExhausted) {
    // §6.1.5 (a)(b); a failure here is the leaf's (position 0).
    pos = 0;
    if (ctx.policyExplicit > 0) ctx.policyExplicit--;
    if (n > 0 && policyConstraint(certAt(<u32>load<u8>(ctx.path)), 0) === 0) ctx.policyExplicit = 0;
    // (g): mark what pruning would keep, then the sets.
    markReachable(ctx, n);
    const userCount = policySets(ctx, n, false);
    if (ctx.policyExplicit === 0 && userCount === 0)
      o = outcome(Err.POLICY_VIOLATION, PathDetail.POLICY_USER_SET);
  }
  if (ctx.policyExhausted) o = budgetOutcome(ctx);
  // The work used, the fault's position, the depth of a valid graph.
  const used = ctx.policyNodeCount + ctx.policyEdgeCount;
  if (used > ctx.policyNodesPeak) ctx.policyNodesPeak = used;
  const ok = o === OUTCOME_OK;
  ctx.policyDepth = ok ? n : -1;
  ctx.policyFailPos = ok ? -1 : pos;
  return o;
}

/** The static arena: arenaBytes(1000), the default budget (budget.ts DEFAULT_POLICY_NODES). */
const DEFAULT_ARENA_BYTES: i32 = 1000 * 16 + 1000 * 2 + 17 * 12 + 2048 * 4;

/** Bytes of an arena for `limit` nodes: nodes, edges, the level table, the hash table. */
function arenaBytes(limit: usize): usize {
  return limit * NODE + limit * 2 + <usize>(MAX_PATH + 1) * LEVEL + hashSlots(limit) * 4;
}

/** Hash slots for `limit` nodes: a power of two at least twice as large. */
function hashSlots(limit: usize): usize {
  let n: usize = 4;
  while (n < limit * 2) n <<= 1;
  return n;
}

/** Flags the nodes with a descendant at depth n (the graph RFC 5280's pruning would keep). */
function markReachable(ctx: VerifyCtx, n: i32): void {
  if (ctx.policyGraphNull) return;
  const start = levelStart(ctx, n);
  for (let k = start; k < ctx.policyNodeCount; k++)
    if ((flagsOf(ctx, k) & NF_DELETED) === 0) setFlag(ctx, k, NF_REACHABLE);
  for (let k = <i32>ctx.policyNodeCount - 1; k >= 0; k--) {
    if ((flagsOf(ctx, <u32>k) & NF_REACHABLE) === 0) continue;
    const node = nodeAt(ctx, <u32>k);
    const e = load<u32>(node + N_EDGES);
    const count = load<u32>(node + N_PARENTS);
    for (let j: u32 = 0; j < count; j++)
      setFlag(ctx, <u32>load<u16>(ctx.policyEdges + ((<usize>(e + j)) << 1)), NF_REACHABLE);
  }
}

/** Whether (p, l) is in the request's user-initial-policy-set. */
function inUserSet(ctx: VerifyCtx, p: usize, l: u32): bool {
  const t = policyTlv;
  let pos = ctx.req + <usize>ctx.policySetOffset;
  const end = pos + <usize>ctx.policySetLen;
  while (pos < end) {
    if (derRead(t, pos, end) !== Err.OK) return false;
    pos = t.end;
    if (sameOid(ctx, t.val, t.len, p, l)) return true;
    if (ctx.policyExhausted) return false;
  }
  return false;
}

/** Whether the (offset, length) table [table, table + 8 count) lists (p, l). */
function listed(ctx: VerifyCtx, table: usize, count: u32, p: usize, l: u32): bool {
  for (let j: u32 = 0; j < count; j++) {
    const e = table + ((<usize>j) << 3);
    if (oidEquals(ctx.req + <usize>load<u32>(e), load<u32>(e + 4), p, l)) return true;
  }
  return false;
}

function tableAdd(ctx: VerifyCtx, table: usize, count: u32, p: usize, l: u32): u32 {
  const e = table + ((<usize>count) << 3);
  store<u32>(e, <u32>(p - ctx.req));
  store<u32>(e + 4, l);
  return count + 1;
}

/**
 * RFC 9618 §4.4 (g) over the graph of depth n: the user-constrained policy set's size (anyPolicy
 * counts as one) and, with `write`, both sets into the result (tables of (offset, length) of OID
 * contents, offsets from the request start, on the IO heap; anyPolicy as result flags). Listing
 * each OID once is not charged to the budget: at most nodes² comparisons.
 */
function policySets(ctx: VerifyCtx, n: i32, write: bool): u32 {
  let flags = POLICY_PROCESSED;
  let a: u32 = 0;
  let u: u32 = 0;
  let auth: usize = ctx.req;
  let user: usize = ctx.req;
  const userAny = ctx.policySetLen === 0;
  if (!ctx.policyGraphNull) {
    const nStart = levelStart(ctx, n);
    if (write) {
      // At most one entry per node, plus the acceptable set (OIDs of at least 3 bytes).
      const cap = (<usize>ctx.policyNodeCount + <usize>ctx.policySetLen) << 3;
      auth = heap.alloc(cap * 2);
      user = auth + cap;
    }
    let authorityAny = false;
    for (let k: u32 = 1; k < ctx.policyNodeCount; k++) {
      const f = flagsOf(ctx, k);
      if ((f & NF_REACHABLE) === 0 || (f & NF_DELETED) !== 0) continue;
      if ((f & NF_ANY) !== 0) {
        // (g)(3): the anyPolicy node of depth n.
        if (k >= nStart) authorityAny = true;
        continue;
      }
      if ((f & NF_PARENT_ANY) === 0) continue; // (g)(2)
      const node = nodeAt(ctx, k);
      const p = <usize>load<u32>(node + N_OID);
      const l = <u32>load<u16>(node + N_LEN);
      const inUser = userAny || inUserSet(ctx, p, l);
      if (ctx.policyExhausted) return 0;
      if (!write) {
        if (inUser) u++;
        continue;
      }
      if (listed(ctx, auth, a, p, l)) continue;
      a = tableAdd(ctx, auth, a, p, l);
      if (inUser) u = tableAdd(ctx, user, u, p, l);
    }
    if (authorityAny) {
      flags |= POLICY_AUTHORITY_ANY;
      if (userAny) {
        // anyPolicy counts as a valid user policy; the result says so by the flag, not by a table
        // entry (writing u++ here left a phantom entry the host read from stale heap bytes).
        flags |= POLICY_USER_ANY;
        if (!write) u++;
      } else if (!write) {
        u++;
      } else {
        // (g)(5)(ii): every acceptable OID not yet in the user set.
        const t = constraintTlv;
        let pos = ctx.req + <usize>ctx.policySetOffset;
        const end = pos + <usize>ctx.policySetLen;
        while (pos < end) {
          if (derRead(t, pos, end) !== Err.OK) break;
          pos = t.end;
          if (!listed(ctx, user, u, t.val, t.len)) u = tableAdd(ctx, user, u, t.val, t.len);
        }
      }
    }
  }
  if (write) resultSetPolicies(a, <u32>(auth - ctx.req), u, <u32>(user - ctx.req), flags);
  return u;
}

/** Writes the valid policy sets of the path just validated into the result (policySets). */
export function policyWriteResult(ctx: VerifyCtx): void {
  if (ctx.policyDepth >= 0) policySets(ctx, ctx.policyDepth, true);
}
