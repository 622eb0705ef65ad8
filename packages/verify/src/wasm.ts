// Loads verify.wasm (embedded as base64 in the JS build) and hands it to the call gateway
// (gateway.ts), through which every part of the API reaches the module.
import { Gateway } from './gateway.js';
import { VERIFY_WASM_BASE64 } from './verify-wasm.generated.js';

export type { VerifyExports } from './gateway.js';

/** The bytes of verify.wasm, as shipped inside this package. */
export function wasmBytes(): Uint8Array {
  const binary = atob(VERIFY_WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The package's gateway to its module. */
export const gateway = new Gateway(wasmBytes);

/**
 * Compiles and instantiates verify.wasm. Call once before the synchronous API; later calls
 * return at once.
 *
 * @throws Error when the embedded module does not match this host's ABI (a broken build)
 * @example
 * ```ts
 * import { init, verifyChain } from '@hubtrust/verify';
 * await init();
 * ```
 */
export async function init(): Promise<void> {
  await gateway.init();
}

/**
 * Synchronous variant of {@link init} for runtimes that allow synchronous compilation (Node, workers).
 * @throws Error when the embedded module does not match this host's ABI (a broken build)
 */
export function initSync(): void {
  gateway.initSync();
}
