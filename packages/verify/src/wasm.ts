// Loads the module (embedded as base64 in the JS build) and hands it to the call gateway
// (gateway.ts), through which every part of the API reaches the module: the SIMD build where the
// engine validates wasm SIMD, the portable verify.wasm elsewhere.
import { Gateway } from './gateway.js';
import { VERIFY_SIMD_WASM_BASE64, VERIFY_WASM_BASE64 } from './verify-wasm.generated.js';

export type { VerifyExports } from './gateway.js';

/**
 * The two builds of the module, with the same exports and verdicts: `portable` is verify.wasm
 * (no SIMD: wasm interpreters, wasm2c, engines without SIMD), `simd` is verify.simd.wasm (wasm
 * SIMD dot products in the big-integer arithmetic, faster RSA).
 */
export type WasmVariant = 'portable' | 'simd';

/** A module of one function using a SIMD instruction (i8x16.splat): only SIMD engines validate it. */
export const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01,
  0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b,
]);

/** The variant {@link init} loads by default here: `simd` when this engine validates wasm SIMD. */
export function wasmVariant(): WasmVariant {
  return WebAssembly.validate(SIMD_PROBE as BufferSource) ? 'simd' : 'portable';
}

/**
 * The bytes of verify.wasm (`portable`, the default) or verify.simd.wasm (`simd`), as shipped
 * inside this package.
 */
export function wasmBytes(variant: WasmVariant = 'portable'): Uint8Array {
  const binary = atob(variant === 'simd' ? VERIFY_SIMD_WASM_BASE64 : VERIFY_WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The variant the first init chose (the gateway keeps it across re-instantiations). */
let chosen: WasmVariant | undefined;

/** Module bytes the host supplied ({@link initFromBytes}), used instead of the embedded copies. */
let supplied: Uint8Array | undefined;

/** The package's gateway to its module. */
export const gateway = new Gateway(() => supplied ?? wasmBytes(chosen ?? wasmVariant()));

/** The variant the instance was made from (undefined before init); tests check it. */
export function loadedVariant(): WasmVariant | undefined {
  return gateway.ready ? chosen : undefined;
}

/**
 * Compiles and instantiates the module: `variant` (default {@link wasmVariant}: the SIMD build
 * where the engine supports it). Call once before the synchronous API; later calls return at
 * once, whatever variant they name.
 *
 * @throws Error when the embedded module does not match this host's ABI (a broken build)
 * @example
 * ```ts
 * import { init, verifyChain } from '@hubtrust/verify';
 * await init();
 * ```
 */
export async function init(variant: WasmVariant = wasmVariant()): Promise<void> {
  if (gateway.ready) return;
  chosen ??= variant;
  await gateway.init();
}

/**
 * Synchronous variant of {@link init} for runtimes that allow synchronous compilation (Node, workers).
 * @throws Error when the embedded module does not match this host's ABI (a broken build)
 */
export function initSync(variant: WasmVariant = wasmVariant()): void {
  if (gateway.ready) return;
  chosen ??= variant;
  gateway.initSync();
}

/**
 * Compiles and instantiates the module from bytes the host loaded itself: a web page that serves
 * `@hubtrust/verify/verify.wasm` (or `verify.simd.wasm`, named by `variant`) as a file of its own
 * instead of carrying the JS build's base64 copies. The gateway checks them as it checks the
 * embedded modules (ABI version and hash) and re-instantiates from them after a trap. Later calls
 * of any init return at once.
 *
 * @throws Error when the bytes are not a module of this host's ABI; nothing is kept, and a later
 * init may try again
 * @example
 * ```ts
 * import wasmUrl from '@hubtrust/verify/verify.wasm?url';
 * await initFromBytes(new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer()), 'portable');
 * ```
 */
export async function initFromBytes(bytes: Uint8Array, variant: WasmVariant): Promise<void> {
  if (gateway.ready) return;
  supplied = bytes;
  try {
    await gateway.init();
    chosen ??= variant;
  } catch (e) {
    supplied = undefined;
    throw e;
  }
}
