// The exports of verify.wasm: the whole ABI a host (JavaScript, wabt, wasm2c) calls.
// See io.ts for the memory protocol and errors.generated.ts for the result codes.
import './abort';

export { ioReserve } from './io';

/** ABI version: bumped whenever an export changes meaning. */
export function abiVersion(): u32 {
  return 1;
}

// ─── X.509 decoder (x509 helper; see x509/cert.ts for the Cert layout and contract) ─────────
export { x509CertPtr, x509CertSize, x509CertStride, x509Decode, x509MaxCerts } from './x509/abi';
