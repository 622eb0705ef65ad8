// Loads verify.wasm (embedded as base64 in the JS build) once and hands out its exports.
import { VERIFY_WASM_BASE64 } from './verify-wasm.generated.js';

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

/** The bytes of verify.wasm, as shipped inside this package. */
export function wasmBytes(): Uint8Array {
  const binary = atob(VERIFY_WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates verify.wasm. Call once before the synchronous API; later calls
 * return the same instance.
 *
 * @example
 * ```ts
 * import { init, verifyChain } from '@hubtrust/verify';
 * await init();
 * ```
 */
export async function init(): Promise<void> {
  if (instance) return;
  pending ??= WebAssembly.instantiate(wasmBytes() as BufferSource, {}).then((source) => {
    instance = source.instance.exports as unknown as VerifyExports;
    return instance;
  });
  await pending;
}

/** Synchronous variant of {@link init} for runtimes that allow synchronous compilation (Node, workers). */
export function initSync(): void {
  if (instance) return;
  instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes() as BufferSource), {})
    .exports as unknown as VerifyExports;
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
