// The call gateway: the one way the TypeScript host reaches verify.wasm. Every export is called
// inside Gateway.call, which
//   - hands the body the current instance (compiled once, instantiated on demand),
//   - turns a trap (WebAssembly.RuntimeError: `unreachable`, an out-of-bounds access, memory that
//     cannot grow) into a VerifyError with code INTERNAL naming the operation, and replaces the
//     instance with a fresh one, since a trap can leave the module's static records (slots, the
//     verification context, caches) half written,
//   - and checks, on every instantiation, that the module's ABI hash is the one src/abi.generated.ts
//     was generated for (a stale embedded module would otherwise be misread field by field).
// Codes the module returns are mapped by one rule (errors.ts errorCode): a number of the error
// table is its code, any other number is INTERNAL. Details (the rule behind an error) have one
// representation, ErrorDetail, for every API.
import { ABI_HASH } from './abi.generated.js';
import { VerifyError } from './verify-error.js';

/** The raw exports of verify.wasm (see assembly/index.ts and abi.json). */
export interface VerifyExports {
  readonly memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  abiVersion(): number;
  abiHash(): number;
  // ---- hashes (assembly/crypto/hash.ts; HashId 1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512) ----
  hashLen(alg: number): number;
  hashCtxSize(): number;
  hashDigest(alg: number, data: number, len: number, out: number): number;
  hashInit(ctx: number, alg: number): number;
  hashUpdate(ctx: number, data: number, len: number): number;
  hashFinal(ctx: number, out: number): number;
  // ---- signatures (assembly/crypto/*.ts): error numbers, 0 = OK ----
  ed25519Verify(pub: number, msg: number, msgLen: number, sig: number): number;
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
  // ---- X.509 decoder and enumerators (assembly/x509/abi.ts) ----
  x509Decode(slot: number, ptr: number, len: number): number;
  x509CertPtr(slot: number): number;
  x509CertSize(): number;
  x509CertStride(): number;
  x509MaxCerts(): number;
  x509IterStart(iter: number, kind: number, ptr: number, len: number): number;
  x509IterNext(iter: number): number;
  // ---- path validation (assembly/path/*.ts) ----
  verifyChain(req: number, len: number): number;
  verifyResultPtr(): number;
}

/** Compiles and instantiates verify.wasm, and calls it. One per module bytes. */
export class Gateway {
  private module: WebAssembly.Module | undefined;
  private instance: VerifyExports | undefined;
  private pending: Promise<void> | undefined;
  /** Instances made so far (the first plus one after each trap). */
  instantiations = 0;

  constructor(private bytes: () => Uint8Array) {}

  /** Whether an instance is ready (init or initSync has completed). */
  get ready(): boolean {
    return this.instance !== undefined;
  }

  /** Compiles asynchronously (browsers refuse large synchronous compiles on the main thread). */
  async init(): Promise<void> {
    if (this.instance) return;
    this.pending ??= WebAssembly.compile(this.bytes() as BufferSource).then((m) => {
      this.module = m;
      this.instantiate();
    });
    try {
      await this.pending;
    } catch (e) {
      // Nothing kept: a later init may try again (other bytes).
      this.pending = undefined;
      this.module = undefined;
      throw e;
    }
  }

  /** Compiles synchronously (Node, workers). */
  initSync(): void {
    if (this.instance) return;
    this.module ??= new WebAssembly.Module(this.bytes() as BufferSource);
    this.instantiate();
  }

  /**
   * Replaces the module (other bytes: a build with other options, or a test double); the next
   * call runs on a fresh instance of it.
   */
  load(bytes: Uint8Array): void {
    this.bytes = () => bytes;
    this.module = new WebAssembly.Module(bytes as BufferSource);
    this.pending = undefined;
    this.instantiate();
  }

  private instantiate(): void {
    if (!this.module) throw new Error('@hubtrust/verify: module not compiled');
    const w = new WebAssembly.Instance(this.module, {}).exports as unknown as VerifyExports;
    const hash = typeof w.abiHash === 'function' ? w.abiHash() >>> 0 : undefined;
    if (hash !== ABI_HASH) {
      throw new Error(
        `@hubtrust/verify: verify.wasm has ABI hash ${hash?.toString(16)}, this host expects ${ABI_HASH.toString(16)} (rebuild the package)`,
      );
    }
    this.instance = w;
    this.instantiations++;
  }

  /**
   * Runs `body` with the module's exports. A trap inside becomes VerifyError INTERNAL (message:
   * the operation and the engine's words) and the instance is replaced before the error leaves.
   * @throws Error when the module is not initialised; VerifyError INTERNAL on a trap
   */
  call<T>(operation: string, body: (w: VerifyExports) => T): T {
    const w = this.instance;
    if (!w) throw new Error('@hubtrust/verify: call `await init()` (or initSync()) before using the API');
    try {
      return body(w);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      this.instantiate();
      throw new VerifyError(
        'INTERNAL',
        `verify.wasm trapped in ${operation} (${e.message}); the module was re-instantiated. This is a bug in @hubtrust/verify: please report the input.`,
      );
    }
  }
}
