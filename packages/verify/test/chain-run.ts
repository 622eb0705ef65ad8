// verifyChain as the generated-chain tests call it: at the builder's validation time T, with the
// result reduced to its code. Not part of the published API.

import { T } from '@hubtrust/test-pki';
import { type VerifyChainOptions, type VerifyChainResult, verifyChain } from '../src/verify-chain.js';

/** `'OK'`, or the error code of a failed result. */
export function codeOf(r: VerifyChainResult): string {
  return r.ok ? 'OK' : r.error.code;
}

/** verifyChain with `time` defaulting to {@link T} (inside the builder's default validity). */
export function run(
  o: Partial<VerifyChainOptions> & Pick<VerifyChainOptions, 'leaf' | 'roots'>,
): VerifyChainResult {
  return verifyChain({ time: T, ...o });
}
