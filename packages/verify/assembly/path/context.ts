// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The verification context: everything one verifyChain call owns, in one record in static memory
// (the shape of BearSSL's br_x509_minimal_context): the request as read (request.ts), the work
// budget (budget.ts), the search state and the best failure with its hint (build.ts), and the
// per-call caches (candidate lists, check results, signature memo, constraint validation, anchor
// subjects). ctxStart resets all of it in one place at the start of every call, so nothing a
// previous call left behind can be read by the next one. Functions of the path code take the
// context as their first argument; none keeps state of its own.
//
// Per-slot tables are sized by MAX_CERTS (a per-target build constant, abi.json) and live beside
// the record; only the first certCount entries of each are used and reset.

import { Err, MAX_CERTS, MAX_PATH } from '../abi.generated';
import { budgetStart } from './budget';
import { requestRead } from './request';

@unmanaged
export class VerifyCtx {
  // ── the request (request.ts) ──
  /** Start of the request in the IO area; every offset of its table is relative to it. */
  req: usize;
  /** Leaf + intermediates + roots: the slots in use. */
  certCount: u32;
  intermediateCount: u32;
  rootCount: u32;
  /** RequestFlag bits. */
  flags: u32;
  /** ChainOption bits (path building and trust anchors of device stacks; 0 = hubtrust's rules). */
  chainOptions: u32;
  /** Purpose id. */
  purpose: u32;
  /** Most non-self-issued intermediates in a path. */
  maxDepth: u32;
  /** Smallest RSA modulus, bits. */
  minRsaBits: u32;
  /** Validation time, seconds since 1970. */
  now: i64;
  /** NameKind of the peer name after classification (NAME_HOST resolved to DNS or IP). */
  nameKind: u32;
  namePtr: usize;
  nameLen: i32;
  /** NameChaining id: how an issuer name matches a subject (names/dn.ts). */
  nameChaining: u32;
  /** CnFallback id, HostWildcard id and HostNameFlag bits of the peer-name check (names/host-rule.ts). */
  hostCnFallback: u32;
  hostWildcard: u32;
  hostNameFlags: u32;
  /** NameConstraintFlag bits (constraints.ts). */
  ncFlags: u32;
  /** Labels of the peer name's public suffix, read only with FLAG_ISSUANCE_RULES (0: unknown). */
  publicSuffixLabels: u32;

  // ── the work budget (budget.ts): limits and what is left of each ──
  signatureLimit: u32;
  buildCallLimit: u32;
  comparisonLimit: u32;
  signaturesLeft: u32;
  buildCallsLeft: u32;
  comparisonsLeft: u32;
  /** A limit was hit: the whole search ends. */
  exhausted: bool;

  // ── the search (build.ts) ──
  /** Intermediates only in the order given (FLAG_REQUIRE_ORDERED). */
  orderedOnly: bool;
  /** Length of the successful path (leaf .. anchor), 0 while none. */
  pathLength: i32;
  /** The best failure so far: its Err and detail (an Outcome), rank, path position, slot. */
  bestOutcome: u32;
  bestRank: i32;
  bestPos: i32;
  bestSlot: i32;
  /** The candidate issuer that error is about, for the hint (-1: none). */
  hintSlot: i32;
  /** Deepest certificate no candidate issuer was found for (-1: none), and its depth. */
  missingIssuerOf: i32;
  missingIssuerDepth: i32;
  /** Length of the partial path of the best failure. */
  bestPathLength: i32;

  // ── per-call scratch on the heap (reset with the IO area) ──
  /** Signature memo: one byte per (child, issuer), Err + 1 once checked (signatures.ts). */
  sigMemo: usize;

  // ── tables beside the record (addresses; see the layout below) ──
  /** The path being built: input indices, leaf at 0 (MAX_PATH bytes). */
  path: usize;
  /** Identity of each path position (MAX_PATH bytes; build.ts loop detection). */
  pathIdentity: usize;
  /** The partial path of the best failure (MAX_PATH bytes). */
  bestPath: usize;
  /** Per slot: offset of its candidate-issuer list on the heap (u32), their number (u16), ready (u8). */
  candList: usize;
  candCount: usize;
  candReady: usize;
  /** Per slot: 1 + the first slot with the same subject and SPKI (u8; 0 = not computed). */
  identityOf: usize;
  /** Per (slot, role): the check's Err + 1 (u8; 0 = not checked) and its detail (u16). */
  checkErr: usize;
  checkDetail: usize;
  /** Per slot: name constraints validated (u8: 0 unknown, 1 valid, 2 malformed). */
  ncValidated: usize;
  /** Per slot: the located subject of a trust anchor (u32 pointer, u32 length), state (u8). */
  anchorSubject: usize;
  anchorSubjectLen: usize;
  anchorState: usize;

  // ── device-stack options, last so that the fields above keep their offsets (the embedded
  // build reads none of them: build-options.ts WITH_STACK_OPTIONS) ──
  /** LeafKeyUsage and EkuScope ids (request.ts, checks.ts). */
  leafKeyUsage: u32;
  ekuScope: u32;
  /** ExtBit | CriticalExtBit set of critical extensions understood; 0: the verifier's own. */
  criticalSet: u32;
  /** AlgorithmBit set; 0: every algorithm the verifier supports. */
  algorithms: u32;
  // ── certificate policies (policy.ts; RFC 5280 §6.1.2 state of the path being checked) ──
  /** Policy-graph limit (nodes plus edges per path) and OID comparisons limit and left (per call). */
  policyNodeLimit: u32;
  policyComparisonLimit: u32;
  policyComparisonsLeft: u32;
  /** Most nodes plus edges any path's graph used. */
  policyNodesPeak: u32;
  /** The user-initial-policy-set in the request (offset from req, length; 0: anyPolicy). */
  policySetOffset: u32;
  policySetLen: u32;
  /** The graph's arena on the IO heap (0 until first used), its edges and its level table. */
  policyArena: usize;
  policyEdges: usize;
  policyLevels: usize;
  /** (depth, OID) -> node index + 1, open addressing; mask = slots - 1. */
  policyHash: usize;
  policyHashMask: u32;
  policyNodeCount: u32;
  policyEdgeCount: u32;
  /** Nodes plus edges left for this path. */
  policyLeft: u32;
  /** explicit_policy, policy_mapping, inhibit_anyPolicy (§6.1.2 (d)(e)(f)). */
  policyExplicit: i32;
  policyMapping: i32;
  policyInhibitAny: i32;
  /** No live node at the current depth (the RFC's NULL valid_policy_graph). */
  policyGraphNull: bool;
  /** A policy budget ran out. */
  policyExhausted: bool;
  /** n of the last path whose policies were valid (-1: none), and the position of a policy failure. */
  policyDepth: i32;
  policyFailPos: i32;
  /** ExtBits of the critical policy extensions the request leaves unprocessed (checks.ts). */
  policyUnprocessed: u32;
}

/** Roles a certificate is checked in (checks.ts); also the second index of the check cache. */
export const ROLES: u32 = 3;

// The context's tables (the module runs one verifyChain at a time).
const pathTable = memory.data(<i32>MAX_PATH);
const pathIdentityTable = memory.data(<i32>MAX_PATH);
const bestPathTable = memory.data(<i32>MAX_PATH);
const candListTable = memory.data(<i32>MAX_CERTS * 4, 4);
const candCountTable = memory.data(<i32>MAX_CERTS * 2, 2);
const candReadyTable = memory.data(<i32>MAX_CERTS);
const identityTable = memory.data(<i32>MAX_CERTS);
const checkErrTable = memory.data(<i32>(MAX_CERTS * ROLES));
const checkDetailTable = memory.data(<i32>(MAX_CERTS * ROLES * 2), 2);
const ncValidatedTable = memory.data(<i32>MAX_CERTS);
const anchorSubjectTable = memory.data(<i32>MAX_CERTS * 4, 4);
const anchorSubjectLenTable = memory.data(<i32>MAX_CERTS * 4, 4);
const anchorStateTable = memory.data(<i32>MAX_CERTS);

/**
 * Starts a verifyChain call on `ctx`: clears every field, points it at its tables, reads the
 * request [req, req+len) (request.ts), starts the budget and clears the caches of the slots in
 * use. Returns the request's Err (INVALID_ARGUMENT, INPUT_TOO_LARGE) or OK.
 */
export function ctxStart(ctx: VerifyCtx, req: usize, len: u32): Err {
  memory.fill(changetype<usize>(ctx), 0, offsetof<VerifyCtx>());
  ctx.path = pathTable;
  ctx.pathIdentity = pathIdentityTable;
  ctx.bestPath = bestPathTable;
  ctx.candList = candListTable;
  ctx.candCount = candCountTable;
  ctx.candReady = candReadyTable;
  ctx.identityOf = identityTable;
  ctx.checkErr = checkErrTable;
  ctx.checkDetail = checkDetailTable;
  ctx.ncValidated = ncValidatedTable;
  ctx.anchorSubject = anchorSubjectTable;
  ctx.anchorSubjectLen = anchorSubjectLenTable;
  ctx.anchorState = anchorStateTable;
  const e = requestRead(ctx, req, len);
  if (e !== Err.OK) return e;
  budgetStart(ctx);
  const n = <usize>ctx.certCount;
  memory.fill(candReadyTable, 0, n);
  memory.fill(identityTable, 0, n);
  memory.fill(checkErrTable, 0, n * ROLES);
  memory.fill(ncValidatedTable, 0, n);
  // One byte per (child, issuer) pair on the per-call heap (certCount² ≤ 64 KiB).
  ctx.sigMemo = heap.alloc(max<usize>(n * n, 8));
  memory.fill(ctx.sigMemo, 0, n * n);
  return Err.OK;
}
