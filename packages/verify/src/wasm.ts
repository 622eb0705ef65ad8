// Loads the module (embedded as base64 in the JS build) once and hands out its exports: the SIMD
// build where the engine validates wasm SIMD, the portable verify.wasm elsewhere.
import { VERIFY_SIMD_WASM_BASE64, VERIFY_WASM_BASE64 } from './verify-wasm.generated.js';

/** The raw exports of verify.wasm (see assembly/index.ts). */
export interface VerifyExports {
  readonly memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  abiVersion(): number;
  // ---- hashes (assembly/crypto/hash.ts; alg 1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512) ----
  hashLen(alg: number): number;
  hashCtxSize(): number;
  hashDigest(alg: number, data: number, len: number, out: number): number;
  hashInit(ctx: number, alg: number): number;
  hashUpdate(ctx: number, data: number, len: number): number;
  hashFinal(ctx: number, out: number): number;
  // ---- Ed25519 (assembly/crypto/ed25519.ts): returns an error number (0 = OK) ----
  ed25519Verify(pub: number, msg: number, msgLen: number, sig: number): number;
  // ---- X.509 decoder and signature dispatcher (assembly/x509/abi.ts, assembly/crypto/signature.ts) ----
  x509Decode(slot: number, ptr: number, len: number): number;
  x509CertPtr(slot: number): number;
  x509CertSize(): number;
  x509CertStride(): number;
  x509MaxCerts(): number;
  verifySignature(
    kind: number,
    hash: number,
    mgf1Hash: number,
    saltLen: number,
    spki: number,
    spkiLen: number,
    data: number,
    dataLen: number,
    sig: number,
    sigLen: number,
  ): number;
  // ---- path validation (src/verify-chain.ts; assembly/path/request.ts and result.ts) ----
  verifyChain(req: number, len: number): number;
  verifyResultPtr(): number;
}

let instance: VerifyExports | undefined;
let pending: Promise<VerifyExports> | undefined;
let loaded: WasmVariant | undefined;

/** The variant the instance was made from (undefined before init); tests check it. */
export function loadedVariant(): WasmVariant | undefined {
  return loaded;
}

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

/**
 * Compiles and instantiates the module: `variant` (default {@link wasmVariant}: the SIMD build
 * where the engine supports it). Call once before the synchronous API; later calls return the
 * same instance, whatever variant they name.
 *
 * @example
 * ```ts
 * import { init, verifyChain } from '@hubtrust/verify';
 * await init();
 * ```
 */
export async function init(variant: WasmVariant = wasmVariant()): Promise<void> {
  if (instance) return;
  pending ??= WebAssembly.instantiate(wasmBytes(variant) as BufferSource, {}).then((source) => {
    loaded = variant;
    instance = source.instance.exports as unknown as VerifyExports;
    return instance;
  });
  await pending;
}

/** Synchronous variant of {@link init} for runtimes that allow synchronous compilation (Node, workers). */
export function initSync(variant: WasmVariant = wasmVariant()): void {
  if (instance) return;
  instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes(variant) as BufferSource), {})
    .exports as unknown as VerifyExports;
  loaded = variant;
}

/**
 * The instantiated module.
 * @throws Error when neither {@link init} nor {@link initSync} has been called.
 */
export function exports(): VerifyExports {
  if (!instance)
    throw new Error('@hubtrust/verify: call `await init()` (or initSync()) before using the API');
  return instance;
}
