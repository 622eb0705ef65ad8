// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The work budget of one path search. Every loop that path building runs over untrusted input
// draws from it, so a hostile set of certificates (a cross-signed mesh, hundreds of same-subject
// decoys, name constraints with thousands of subtrees) ends with BUDGET_EXCEEDED in bounded time
// instead of running for minutes. Running out is fatal for the whole search; one bad candidate
// issuer is not (the search tries the next one).
//
// Defaults, and why:
// - 100 signature checks: Go crypto/x509 `maxChainSignatureChecks` (verify.go), the remediation of
//   CVE-2018-16875 (a chain of certificates sharing one subject made Go verify signatures without
//   bound); rustls-webpki uses the same figure (verify_cert.rs `Budget::default`). Signature results
//   are memoised per (child, issuer) pair, so the figure counts distinct pairs, not retries.
// - 200,000 path-building calls: mozilla::pkix (pkixbuild.cpp, the limit on BuildForward
//   recursion), also rustls-webpki's default.
// - 250,000 name-constraint comparisons: Go `VerifyOptions.MaxConstraintComparisions` default
//   (verify.go `isValid`), also rustls-webpki's default; one comparison is one (name, subtree) pair.
// - 1,000 policy-graph elements (nodes plus edges) per path: OpenSSL's OPENSSL_POLICY_TREE_NODES_MAX
//   (crypto/x509/pcy_tree.c, commit 879f7080, the CVE-2023-0464 fix: "a generous default of 1000
//   nodes"). The RFC 9618 graph (policy.ts) needs at most as many elements as the tree has nodes,
//   so every tree OpenSSL accepts fits. A request may raise it up to MAX_POLICY_NODES (65,535).
// - 250,000 policy OID comparisons per search: the name-constraint figure above, the same cost
//   model (one comparison of two OIDs is one unit).

import { WITH_POLICIES } from '../build-options';
import { VerifyCtx } from './context';
import { MAX_POLICY_NODES } from './policy';

/** Default limit on signature verifications per search. */
export const DEFAULT_SIGNATURE_CHECKS: u32 = 100;
/** Default limit on path-building steps (candidate issuers pushed onto the path) per search. */
export const DEFAULT_BUILD_CALLS: u32 = 200_000;
/** Default limit on (name, subtree) comparisons per search. */
export const DEFAULT_NAME_CONSTRAINT_COMPARISONS: u32 = 250_000;
/** Default limit on policy-graph nodes plus edges per path. */
export const DEFAULT_POLICY_NODES: u32 = 1_000;
/** Default limit on policy OID comparisons per search. */
export const DEFAULT_POLICY_COMPARISONS: u32 = 250_000;

/**
 * Starts the search's budget: the limits the request gave (0 selects the default of each), all of
 * each left.
 */
export function budgetStart(ctx: VerifyCtx): void {
  if (ctx.signatureLimit === 0) ctx.signatureLimit = DEFAULT_SIGNATURE_CHECKS;
  if (ctx.buildCallLimit === 0) ctx.buildCallLimit = DEFAULT_BUILD_CALLS;
  if (ctx.comparisonLimit === 0) ctx.comparisonLimit = DEFAULT_NAME_CONSTRAINT_COMPARISONS;
  ctx.signaturesLeft = ctx.signatureLimit;
  ctx.buildCallsLeft = ctx.buildCallLimit;
  ctx.comparisonsLeft = ctx.comparisonLimit;
  ctx.exhausted = false;
  if (!WITH_POLICIES) return;
  if (ctx.policyNodeLimit === 0) ctx.policyNodeLimit = DEFAULT_POLICY_NODES;
  if (ctx.policyNodeLimit > MAX_POLICY_NODES) ctx.policyNodeLimit = MAX_POLICY_NODES;
  if (ctx.policyComparisonLimit === 0) ctx.policyComparisonLimit = DEFAULT_POLICY_COMPARISONS;
  ctx.policyComparisonsLeft = ctx.policyComparisonLimit;
  ctx.policyDepth = -1;
}

/** Takes one signature check; false (and the budget is exhausted for good) when none is left. */
export function budgetTakeSignature(ctx: VerifyCtx): bool {
  if (ctx.signaturesLeft === 0) {
    ctx.exhausted = true;
    return false;
  }
  ctx.signaturesLeft--;
  return true;
}

/** Takes one path-building step; false (and the budget is exhausted for good) when none is left. */
export function budgetTakeBuildCall(ctx: VerifyCtx): bool {
  if (ctx.buildCallsLeft === 0) {
    ctx.exhausted = true;
    return false;
  }
  ctx.buildCallsLeft--;
  return true;
}

/** Takes `n` name-constraint comparisons; false (and the budget is exhausted for good) when fewer are left. */
export function budgetTakeComparisons(ctx: VerifyCtx, n: u32): bool {
  if (ctx.comparisonsLeft < n) {
    ctx.comparisonsLeft = 0;
    ctx.exhausted = true;
    return false;
  }
  ctx.comparisonsLeft -= n;
  return true;
}
