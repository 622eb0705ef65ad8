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

/** Default limit on signature verifications per search. */
export const DEFAULT_SIGNATURE_CHECKS: u32 = 100;
/** Default limit on path-building steps (candidate issuers pushed onto the path) per search. */
export const DEFAULT_BUILD_CALLS: u32 = 200_000;
/** Default limit on (name, subtree) comparisons per search. */
export const DEFAULT_NAME_CONSTRAINT_COMPARISONS: u32 = 250_000;

// The limits of the current search and what is left of each.
let signatureLimit: u32 = DEFAULT_SIGNATURE_CHECKS;
let buildCallLimit: u32 = DEFAULT_BUILD_CALLS;
let comparisonLimit: u32 = DEFAULT_NAME_CONSTRAINT_COMPARISONS;
let signaturesLeft: u32 = DEFAULT_SIGNATURE_CHECKS;
let buildCallsLeft: u32 = DEFAULT_BUILD_CALLS;
let comparisonsLeft: u32 = DEFAULT_NAME_CONSTRAINT_COMPARISONS;
let exhausted = false;

/** Starts a search with the given limits (0 selects the default of each). */
export function budgetReset(signatures: u32, buildCalls: u32, comparisons: u32): void {
  signatureLimit = signatures === 0 ? DEFAULT_SIGNATURE_CHECKS : signatures;
  buildCallLimit = buildCalls === 0 ? DEFAULT_BUILD_CALLS : buildCalls;
  comparisonLimit = comparisons === 0 ? DEFAULT_NAME_CONSTRAINT_COMPARISONS : comparisons;
  signaturesLeft = signatureLimit;
  buildCallsLeft = buildCallLimit;
  comparisonsLeft = comparisonLimit;
  exhausted = false;
}

/** Takes one signature check; false (and the budget is exhausted for good) when none is left. */
export function budgetTakeSignature(): bool {
  if (signaturesLeft === 0) {
    exhausted = true;
    return false;
  }
  signaturesLeft--;
  return true;
}

/** Takes one path-building step; false (and the budget is exhausted for good) when none is left. */
export function budgetTakeBuildCall(): bool {
  if (buildCallsLeft === 0) {
    exhausted = true;
    return false;
  }
  buildCallsLeft--;
  return true;
}

/** Takes `n` name-constraint comparisons; false (and the budget is exhausted for good) when fewer are left. */
export function budgetTakeComparisons(n: u32): bool {
  if (comparisonsLeft < n) {
    comparisonsLeft = 0;
    exhausted = true;
    return false;
  }
  comparisonsLeft -= n;
  return true;
}

/** Whether any limit has been hit during this search. */
export function budgetExhausted(): bool {
  return exhausted;
}

/** What this search has spent of each limit (the result's usage fields): [signatures, buildCalls, comparisons]. */
export function budgetUsed(which: i32): u32 {
  if (which === 0) return signatureLimit - signaturesLeft;
  if (which === 1) return buildCallLimit - buildCallsLeft;
  return comparisonLimit - comparisonsLeft;
}
