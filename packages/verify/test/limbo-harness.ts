// Maps an x509-limbo testcase onto verifyChain, as upstream's harnesses map it onto their
// libraries: SERVER cases validate a TLS server (purpose serverAuth, the expected peer name as
// hostname), CLIENT cases a TLS client (purpose clientAuth, no name: upstream's client harnesses
// do not match peer names either). Node only; not part of the published API.
import { type VerifyChainOptions, type VerifyChainResult, verifyChain } from '../src/verify-chain.js';
import type { LimboTestcase } from './limbo.js';

/** verifyChain options for a testcase. */
export function limboOptions(tc: LimboTestcase): VerifyChainOptions {
  const options: VerifyChainOptions = {
    leaf: tc.peer_certificate,
    intermediates: tc.untrusted_intermediates,
    roots: tc.trusted_certs,
    purpose: tc.validation_kind === 'CLIENT' ? 'clientAuth' : 'serverAuth',
  };
  if (tc.validation_time) options.time = new Date(tc.validation_time);
  if (tc.max_chain_depth !== null) options.maxDepth = tc.max_chain_depth;
  const peer = tc.validation_kind === 'SERVER' ? tc.expected_peer_name : null;
  if (peer?.kind === 'DNS' || peer?.kind === 'IP') options.hostname = peer.value;
  else if (peer?.kind === 'RFC822') options.email = peer.value;
  return options;
}

/** Runs one testcase. */
export function runLimboCase(tc: LimboTestcase): {
  outcome: 'SUCCESS' | 'FAILURE';
  result: VerifyChainResult;
} {
  const result = verifyChain(limboOptions(tc));
  return { outcome: result.ok ? 'SUCCESS' : 'FAILURE', result };
}
