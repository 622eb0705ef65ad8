// Test helpers for the RSA exports of verify.wasm (assembly/crypto/rsa.ts): writes the inputs into
// the IO area and calls rsaVerifyPkcs1v15 / rsaVerifyPss. Node only; not part of the published API.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ERROR_CODES, type ErrorCode } from '../src/abi.generated.js';
import { loadTestWasm } from './test-wasm.js';

/**
 * Instantiates build/verify.test.simd.wasm: the test build compiled with --enable simd, which
 * switches the big-integer dot products to i64x2 (assembly/crypto/bigint.ts, montCoreSimd).
 */
export function loadTestWasmSimd<T = Record<string, unknown>>(): T & { memory: WebAssembly.Memory } {
  return loadTestWasm<T>('verify.test.simd.wasm');
}

/** The test builds the RSA and big-integer tests run against: scalar (shipped) and SIMD. */
export const BUILD_VARIANTS = ['scalar', 'simd'] as const;

/** Err numbers by code name (ERROR_CODES is indexed by number). */
export const ERR = Object.fromEntries(ERROR_CODES.map((code, i) => [code, i])) as Record<ErrorCode, number>;

/** The RSA part of the wasm ABI. */
export interface RsaAbi {
  memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  rsaVerifyPkcs1v15(
    n: number,
    nLen: number,
    e: number,
    eLen: number,
    hashAlg: number,
    digest: number,
    sig: number,
    sigLen: number,
  ): number;
  rsaVerifyPss(
    n: number,
    nLen: number,
    e: number,
    eLen: number,
    hashAlg: number,
    mgf1HashAlg: number,
    saltLen: number,
    digest: number,
    sig: number,
    sigLen: number,
  ): number;
}

/** Test-build probes of the RSA key cache (assembly/crypto/rsa-key-cache.ts). */
export interface RsaCacheProbes {
  /** Empties every slot. */
  keyCacheReset(): void;
  keyCacheSlotCount(): number;
  /** Slot of the modulus [n, n + k) (no leading zero byte), or -1. */
  keyCacheSlotOf(n: number, k: number): number;
  /** Hash id of the PKCS#1 constants stored in a slot (0: none), and their exponent. */
  keyCacheConstantsHash(slot: number): number;
  keyCacheConstantsE(slot: number): bigint;
}

/** HashAlg ids of the ABI by WebCrypto name; node:crypto names in NODE_HASH. */
export const HASH_IDS: Readonly<Record<string, number>> = {
  'SHA-1': 1,
  'SHA-256': 2,
  'SHA-384': 3,
  'SHA-512': 4,
};
export const NODE_HASH: Readonly<Record<string, string>> = {
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** One verification request at the raw ABI level. */
export interface RsaRequest {
  pss?: { mgf1Hash: number; saltLen: number };
  n: Uint8Array;
  e: Uint8Array;
  hash: number;
  digest: Uint8Array;
  sig: Uint8Array;
}

/** Calls the ABI with every input copied into one IO request; returns the Err code. */
export function rsaVerifyRaw(w: RsaAbi, r: RsaRequest): number {
  const total = r.n.length + r.e.length + r.digest.length + r.sig.length;
  const p = w.ioReserve(total);
  const mem = new Uint8Array(w.memory.buffer);
  const pn = p;
  const pe = pn + r.n.length;
  const pd = pe + r.e.length;
  const ps = pd + r.digest.length;
  mem.set(r.n, pn);
  mem.set(r.e, pe);
  mem.set(r.digest, pd);
  mem.set(r.sig, ps);
  return r.pss
    ? w.rsaVerifyPss(
        pn,
        r.n.length,
        pe,
        r.e.length,
        r.hash,
        r.pss.mgf1Hash,
        r.pss.saltLen,
        pd,
        ps,
        r.sig.length,
      )
    : w.rsaVerifyPkcs1v15(pn, r.n.length, pe, r.e.length, r.hash, pd, ps, r.sig.length);
}

/** Digest of `msg` with a WebCrypto-named hash. */
export function digestOf(hash: string, msg: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash(NODE_HASH[hash] ?? hash)
      .update(msg)
      .digest(),
  );
}

/** A test key: private and public KeyObjects and the raw big-endian n and e. */
export interface TestKey {
  bits: number;
  e: number;
  privateKey: KeyObject;
  publicKey: KeyObject;
  nBytes: Uint8Array;
  eBytes: Uint8Array;
}

/** Raw big-endian modulus and exponent of an RSA public key. */
export function rawPublic(publicKey: KeyObject): { n: Uint8Array; e: Uint8Array } {
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    n: new Uint8Array(Buffer.from(jwk.n ?? '', 'base64url')),
    e: new Uint8Array(Buffer.from(jwk.e ?? '', 'base64url')),
  };
}

/** The committed test keys (test-data/rsa/keys.json.gz). */
export function loadTestKeys(): TestKey[] {
  const raw = gunzipSync(readFileSync(new URL('../test-data/rsa/keys.json.gz', import.meta.url)));
  const { keys } = JSON.parse(raw.toString()) as { keys: { bits: number; e: number; pkcs8: string }[] };
  return keys.map((k) => {
    const privateKey = createPrivateKey(k.pkcs8);
    const publicKey = createPublicKey(privateKey);
    const { n, e } = rawPublic(publicKey);
    const bits = n.length * 8 - Math.clz32(n[0] ?? 0) + 24;
    if (bits !== k.bits) throw new Error(`test key: modulus has ${bits} bits, expected ${k.bits}`);
    return { bits: k.bits, e: k.e, privateKey, publicKey, nBytes: n, eBytes: e };
  });
}

/** Deterministic PRNG (mulberry32) so a failing differential run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
