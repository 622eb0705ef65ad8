// The exports of verify.wasm: the whole ABI a host (JavaScript, wabt, wasm2c) calls.
// See io.ts for the memory protocol and errors.generated.ts for the result codes.
import './abort';

export { ioReserve } from './io';

/** ABI version: bumped whenever an export changes meaning. */
export function abiVersion(): u32 {
  return 1;
}

// ---- ECDSA P-256 / P-384 (crypto/ecdsa.ts): curve 1 = P-256, 2 = P-384; results are Err codes ----
export { ecdsaVerify, ecPointCheck } from './crypto/ecdsa';
