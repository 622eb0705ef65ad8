// SHA-1 / SHA-2 host API over verify.wasm (assembly/crypto/hash.ts).
//
// Data crosses into the module through the IO area (assembly/io.ts). Inputs up to HASH_CHUNK bytes
// go in one request; longer ones stream through a context in chunks, so the module's memory never
// grows past one chunk however large the input is. A streaming hash keeps its 208-byte context on
// the JS side between calls, so any number of hashes can be in progress at once.

import { HashId } from './abi.generated.js';
import type { VerifyExports } from './gateway.js';
import { VerifyError } from './verify-error.js';
import { gateway } from './wasm.js';
import { hexOf } from './x509-text.js';

/** Hash algorithm names, as in WebCrypto (matched case-insensitively). */
export type HashAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Algorithm ids of the wasm ABI (abi.json HashId). */
const HASH_IDS: Readonly<Record<HashAlgorithm, number>> = {
  'SHA-1': HashId.SHA1,
  'SHA-256': HashId.SHA256,
  'SHA-384': HashId.SHA384,
  'SHA-512': HashId.SHA512,
};

/** Digest lengths in bytes. */
const HASH_LENGTHS: Readonly<Record<HashAlgorithm, number>> = {
  'SHA-1': 20,
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

/**
 * Bytes handed to the module per request (64 KiB). Larger inputs stream in chunks of this size:
 * the per-chunk overhead (one call and a 208-byte context copy each way) is far below 1% of the
 * hashing time, and the module's memory stays small for embedded hosts.
 */
export const HASH_CHUNK = 64 * 1024;

/** Bytes of a streaming context (`hashCtxSize()` of the module). */
const CTX_SIZE = 208;

/**
 * Returns the canonical name of a hash algorithm (`'sha-256'` → `'SHA-256'`).
 * @throws VerifyError (code `INVALID_ARGUMENT`) when `name` is not one of SHA-1, SHA-256, SHA-384, SHA-512
 * @example
 * ```ts
 * hashAlgorithm('sha-384'); // 'SHA-384'
 * ```
 */
export function hashAlgorithm(name: unknown): HashAlgorithm {
  if (typeof name === 'string') {
    const upper = name.toUpperCase();
    if (Object.hasOwn(HASH_IDS, upper)) return upper as HashAlgorithm;
  }
  throw invalidArgument(
    `unknown hash algorithm ${JSON.stringify(name)}: expected SHA-1, SHA-256, SHA-384 or SHA-512`,
  );
}

/** The wasm ABI id of a hash algorithm (1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512). */
export function hashAlgorithmId(name: HashAlgorithm): number {
  return HASH_IDS[hashAlgorithm(name)];
}

/**
 * Digest length in bytes of `name` (20, 32, 48 or 64).
 * @throws VerifyError (code `INVALID_ARGUMENT`) for an unknown algorithm
 */
export function hashLength(name: HashAlgorithm): number {
  return HASH_LENGTHS[hashAlgorithm(name)];
}

/** The error thrown for invalid arguments (wrong type, unknown algorithm, reuse after digest). */
function invalidArgument(message: string): VerifyError {
  return new VerifyError('INVALID_ARGUMENT', message);
}

function checkBytes(data: unknown, what: string): Uint8Array {
  if (!(data instanceof Uint8Array)) {
    throw invalidArgument(`${what} must be a Uint8Array, got ${describe(data)}`);
  }
  return data;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/** Internal failure of the module (a bug, never a result of the input): INTERNAL, like a trap. */
function moduleFailure(what: string): VerifyError {
  return new VerifyError(
    'INTERNAL',
    `verify.wasm rejected a valid ${what} request (a bug in @hubtrust/verify)`,
  );
}

/** Reserves `len` bytes in the IO area. */
function reserve(wasm: VerifyExports, len: number): number {
  const p = wasm.ioReserve(len);
  if (p === 0) throw moduleFailure('ioReserve');
  return p;
}

/** Streaming hash: feed bytes with {@link Hash.update}, read the result once with {@link Hash.digest}. */
export interface Hash {
  /** The algorithm. */
  readonly algorithm: HashAlgorithm;
  /** Digest length in bytes. */
  readonly length: number;
  /**
   * Absorbs `data`; returns this hash for chaining.
   * @throws VerifyError (code `INVALID_ARGUMENT`) when `data` is not a Uint8Array or digest() was already called
   */
  update(data: Uint8Array): Hash;
  /**
   * Returns the digest; the hash cannot be used afterwards.
   * @throws VerifyError (code `INVALID_ARGUMENT`) when digest() was already called
   */
  digest(): Uint8Array;
}

class WasmHash implements Hash {
  readonly algorithm: HashAlgorithm;
  readonly length: number;
  private readonly ctx = new Uint8Array(CTX_SIZE);
  private done = false;

  constructor(algorithm: HashAlgorithm) {
    this.algorithm = algorithm;
    this.length = HASH_LENGTHS[algorithm];
    gateway.call('hashInit', (wasm) => {
      const p = reserve(wasm, CTX_SIZE);
      if (wasm.hashInit(p, HASH_IDS[algorithm]) !== this.length) throw moduleFailure('hashInit');
      this.ctx.set(new Uint8Array(wasm.memory.buffer, p, CTX_SIZE));
    });
  }

  update(data: Uint8Array): Hash {
    checkBytes(data, 'data');
    if (this.done) throw invalidArgument('hash already finalised: digest() was called');
    gateway.call('hashUpdate', (wasm) => {
      for (let off = 0; off < data.length; off += HASH_CHUNK) {
        const n = Math.min(HASH_CHUNK, data.length - off);
        const p = reserve(wasm, CTX_SIZE + n);
        const mem = new Uint8Array(wasm.memory.buffer);
        mem.set(this.ctx, p);
        mem.set(data.subarray(off, off + n), p + CTX_SIZE);
        if (wasm.hashUpdate(p, p + CTX_SIZE, n) !== 1) throw moduleFailure('hashUpdate');
        this.ctx.set(mem.subarray(p, p + CTX_SIZE));
      }
    });
    return this;
  }

  digest(): Uint8Array {
    if (this.done) throw invalidArgument('hash already finalised: digest() was called');
    this.done = true;
    return gateway.call('hashFinal', (wasm) => {
      const p = reserve(wasm, CTX_SIZE + 64);
      const mem = new Uint8Array(wasm.memory.buffer);
      mem.set(this.ctx, p);
      if (wasm.hashFinal(p, p + CTX_SIZE) !== this.length) throw moduleFailure('hashFinal');
      return mem.slice(p + CTX_SIZE, p + CTX_SIZE + this.length);
    });
  }
}

/**
 * Starts a streaming hash. Any number may be in progress at once.
 *
 * @param algorithm - `'SHA-1'`, `'SHA-256'`, `'SHA-384'` or `'SHA-512'` (case-insensitive)
 * @throws VerifyError (code `INVALID_ARGUMENT`) for an unknown algorithm
 * @throws Error when the module is not initialised (call `init()` first)
 * @example
 * ```ts
 * await init();
 * const h = createHash('SHA-256');
 * h.update(header).update(body);
 * const digest = h.digest(); // Uint8Array(32)
 * ```
 */
export function createHash(algorithm: HashAlgorithm): Hash {
  return new WasmHash(hashAlgorithm(algorithm));
}

/**
 * One-shot digest of `data` with `algorithm`.
 *
 * @throws VerifyError (code `INVALID_ARGUMENT`) for an unknown algorithm or when `data` is not a Uint8Array
 * @throws Error when the module is not initialised (call `init()` first)
 * @example
 * ```ts
 * await init();
 * hash('SHA-384', new TextEncoder().encode('abc')); // Uint8Array(48)
 * ```
 */
export function hash(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  const name = hashAlgorithm(algorithm);
  checkBytes(data, 'data');
  if (data.length > HASH_CHUNK) return new WasmHash(name).update(data).digest();
  const length = HASH_LENGTHS[name];
  return gateway.call('hashDigest', (wasm) => {
    const p = reserve(wasm, 64 + data.length);
    const mem = new Uint8Array(wasm.memory.buffer);
    mem.set(data, p + 64);
    if (wasm.hashDigest(HASH_IDS[name], p + 64, data.length, p) !== length) throw moduleFailure('hashDigest');
    return mem.slice(p, p + length);
  });
}

/**
 * Lower-case hex digests of `data` with each of `ids` (HashId), in one gateway call: the data is
 * copied into the module once and the digests are read where the module wrote them (the lazy
 * fingerprints of parseCertificate). For data up to HASH_CHUNK bytes.
 */
export function hexDigests(data: Uint8Array, ids: readonly number[]): string[] {
  return gateway.call('hashDigest', (wasm) => {
    const p = reserve(wasm, 64 + data.length);
    const mem = new Uint8Array(wasm.memory.buffer);
    mem.set(data, p + 64);
    return ids.map((id) => {
      const length = wasm.hashDigest(id, p + 64, data.length, p);
      if (length <= 0) throw moduleFailure('hashDigest');
      return hexOf(mem, p, p + length);
    });
  });
}

/**
 * SHA-1 digest (20 bytes). SHA-1 is broken for collisions: use it only to check legacy signatures.
 * @throws VerifyError (code `INVALID_ARGUMENT`) when `data` is not a Uint8Array
 * @example
 * ```ts
 * await init();
 * sha1(new Uint8Array()); // da39a3ee...
 * ```
 */
export function sha1(data: Uint8Array): Uint8Array {
  return hash('SHA-1', data);
}

/**
 * SHA-256 digest (32 bytes).
 * @throws VerifyError (code `INVALID_ARGUMENT`) when `data` is not a Uint8Array
 * @example
 * ```ts
 * await init();
 * sha256(new TextEncoder().encode('abc')); // ba7816bf...
 * ```
 */
export function sha256(data: Uint8Array): Uint8Array {
  return hash('SHA-256', data);
}

/**
 * SHA-384 digest (48 bytes).
 * @throws VerifyError (code `INVALID_ARGUMENT`) when `data` is not a Uint8Array
 * @example
 * ```ts
 * await init();
 * sha384(certificateDer);
 * ```
 */
export function sha384(data: Uint8Array): Uint8Array {
  return hash('SHA-384', data);
}

/**
 * SHA-512 digest (64 bytes).
 * @throws VerifyError (code `INVALID_ARGUMENT`) when `data` is not a Uint8Array
 * @example
 * ```ts
 * await init();
 * sha512(new TextEncoder().encode('abc')); // ddaf35a1...
 * ```
 */
export function sha512(data: Uint8Array): Uint8Array {
  return hash('SHA-512', data);
}
