// Hash dispatcher: SHA-1, SHA-256, SHA-384, SHA-512 (FIPS 180-4) over bytes in linear memory,
// streaming (hashInit / hashUpdate / hashFinal on a caller-owned context) and one-shot.
// No heap allocation: a context is HASH_CTX_SIZE bytes wherever the caller puts it (static
// memory.data scratch inside the module, the IO area for the host); the one-shot functions use a
// static context of their own.
//
// Context layout (HASH_CTX_SIZE = 208 bytes, 8-byte aligned):
//
//   offset  size  field
//   0       4     alg    HashAlg id; 0 once finalised or when invalid
//   4       4     fill   bytes waiting in buf, always < block length
//   8       8     total  bytes absorbed so far (for the length field of the padding)
//   16      64    state  8 x u32 (SHA-1 uses 5, SHA-256 8) or 8 x u64 (SHA-384/512), native order
//   80      128   buf    partial block
//
// A context may come from an untrusted host (it round-trips through the IO area), so every entry
// point validates alg and fill before touching memory: a corrupt context is treated as invalid,
// never as a reason to read or write outside it.
import { inIoArea } from '../io';
import { sha1BlocksSmall, sha256BlocksSmall, sha512BlocksSmall } from './hash-small';
import { sha1Blocks, sha1InitState } from './sha1';
import { sha256Blocks, sha256InitState } from './sha256';
import { sha384InitState, sha512Blocks, sha512InitState } from './sha512';

/** Hash algorithm ids (part of the wasm ABI: never renumber). */
export enum HashAlg {
  SHA1 = 1,
  SHA256 = 2,
  SHA384 = 3,
  SHA512 = 4,
}

/** Bytes of a streaming hash context. */
export const HASH_CTX_SIZE: usize = 208;
/** Largest digest length (SHA-512). */
export const HASH_MAX_LEN: i32 = 64;

const CTX_ALG: usize = 0;
const CTX_FILL: usize = 4;
const CTX_TOTAL: usize = 8;
const CTX_STATE: usize = 16;
const CTX_BUF: usize = 80;

/** Context used by the one-shot functions. */
const ONE_SHOT: usize = memory.data(<i32>HASH_CTX_SIZE, 16);

/** Digest length in bytes of `alg` (20, 32, 48, 64), or 0 for an unknown id. */
export function hashLen(alg: i32): i32 {
  switch (alg) {
    case HashAlg.SHA1:
      return 20;
    case HashAlg.SHA256:
      return 32;
    case HashAlg.SHA384:
      return 48;
    case HashAlg.SHA512:
      return 64;
  }
  return 0;
}

/** Block length in bytes of `alg` (64 or 128), or 0 for an unknown id. */
export function hashBlockLen(alg: i32): i32 {
  if (alg === HashAlg.SHA1 || alg === HashAlg.SHA256) return 64;
  if (alg === HashAlg.SHA384 || alg === HashAlg.SHA512) return 128;
  return 0;
}

/** The block function of `alg`: rolled in the embedded build (hash-small.ts), unrolled elsewhere. */
function compress(alg: i32, state: usize, p: usize, blocks: usize): void {
  if (ASC_SHRINK_LEVEL > 0) {
    if (alg === HashAlg.SHA256) sha256BlocksSmall(state, p, blocks);
    else if (alg === HashAlg.SHA1) sha1BlocksSmall(state, p, blocks);
    else sha512BlocksSmall(state, p, blocks);
  } else if (alg === HashAlg.SHA256) sha256Blocks(state, p, blocks);
  else if (alg === HashAlg.SHA1) sha1Blocks(state, p, blocks);
  else sha512Blocks(state, p, blocks);
}

/**
 * Starts a hash of kind `alg` in the context at `ctx` (HASH_CTX_SIZE bytes).
 * Returns the digest length, or 0 for an unknown `alg` (the context is then invalid).
 */
export function hashInit(ctx: usize, alg: i32): i32 {
  const n = hashLen(alg);
  store<u32>(ctx, n !== 0 ? alg : 0, CTX_ALG);
  store<u32>(ctx, 0, CTX_FILL);
  store<u64>(ctx, 0, CTX_TOTAL);
  const state = ctx + CTX_STATE;
  if (alg === HashAlg.SHA1) sha1InitState(state);
  else if (alg === HashAlg.SHA256) sha256InitState(state);
  else if (alg === HashAlg.SHA384) sha384InitState(state);
  else if (alg === HashAlg.SHA512) sha512InitState(state);
  return n;
}

/** The algorithm of a valid context, or 0 when `ctx` is finalised or corrupt. */
export function hashCtxAlg(ctx: usize): i32 {
  const alg = <i32>load<u32>(ctx, CTX_ALG);
  const block = hashBlockLen(alg);
  if (block === 0 || load<u32>(ctx, CTX_FILL) >= <u32>block) return 0;
  return alg;
}

/**
 * Absorbs `len` bytes at `data` into the context. Returns false (and does nothing) when the
 * context is finalised or corrupt.
 */
export function hashUpdate(ctx: usize, data: usize, len: usize): bool {
  const alg = hashCtxAlg(ctx);
  if (alg === 0) return false;
  const block = <usize>hashBlockLen(alg);
  const state = ctx + CTX_STATE;
  const buf = ctx + CTX_BUF;
  let fill = <usize>load<u32>(ctx, CTX_FILL);
  store<u64>(ctx, load<u64>(ctx, CTX_TOTAL) + <u64>len, CTX_TOTAL);
  if (fill !== 0) {
    const take = min<usize>(block - fill, len);
    memory.copy(buf + fill, data, take);
    fill += take;
    data += take;
    len -= take;
    if (fill < block) {
      store<u32>(ctx, <u32>fill, CTX_FILL);
      return true;
    }
    compress(alg, state, buf, 1);
  }
  const blocks = len / block;
  if (blocks !== 0) {
    compress(alg, state, data, blocks);
    data += blocks * block;
    len -= blocks * block;
  }
  memory.copy(buf, data, len);
  store<u32>(ctx, <u32>len, CTX_FILL);
  return true;
}

/**
 * Pads, writes the digest at `out` and invalidates the context. Returns the digest length, or 0
 * (writing nothing) when the context is finalised or corrupt.
 */
export function hashFinal(ctx: usize, out: usize): i32 {
  const alg = hashCtxAlg(ctx);
  if (alg === 0) return 0;
  const block = <usize>hashBlockLen(alg);
  const state = ctx + CTX_STATE;
  const buf = ctx + CTX_BUF;
  let fill = <usize>load<u32>(ctx, CTX_FILL);
  const total = load<u64>(ctx, CTX_TOTAL);
  // Padding (FIPS 180-4 §5.1): 0x80, zeros, then the message length in bits, big-endian, in the
  // last 8 (SHA-1/256) or 16 (SHA-384/512) bytes of the final block.
  const lenField: usize = block === 64 ? 8 : 16;
  store<u8>(buf + fill, 0x80);
  fill++;
  if (fill > block - lenField) {
    memory.fill(buf + fill, 0, block - fill);
    compress(alg, state, buf, 1);
    fill = 0;
  }
  memory.fill(buf + fill, 0, block - 8 - fill);
  if (lenField === 16) store<u64>(buf + block - 16, bswap<u64>(total >>> 61));
  store<u64>(buf + block - 8, bswap<u64>(total << 3));
  compress(alg, state, buf, 1);
  // The digest: the first n bytes of the state words, each big-endian (SHA-384 drops the last two).
  const n = hashLen(alg);
  if (block === 64) {
    for (let i: usize = 0; i < <usize>n; i += 4) store<u32>(out + i, bswap<u32>(load<u32>(state + i)));
  } else {
    for (let i: usize = 0; i < <usize>n; i += 8) store<u64>(out + i, bswap<u64>(load<u64>(state + i)));
  }
  store<u32>(ctx, 0, CTX_ALG);
  return n;
}

/**
 * One-shot digest of `len` bytes at `data`, written at `out`.
 * Returns the digest length, or 0 for an unknown `alg` (nothing written).
 */
export function hashDigest(alg: i32, data: usize, len: usize, out: usize): i32 {
  if (hashInit(ONE_SHOT, alg) === 0) return 0;
  hashUpdate(ONE_SHOT, data, len);
  return hashFinal(ONE_SHOT, out);
}

/**
 * One-shot digest of the concatenation a || b (e.g. MGF1's seed || counter, Ed25519's R || A
 * prefix), written at `out`. Returns the digest length, or 0 for an unknown `alg`.
 */
export function hashDigest2(alg: i32, a: usize, aLen: usize, b: usize, bLen: usize, out: usize): i32 {
  if (hashInit(ONE_SHOT, alg) === 0) return 0;
  hashUpdate(ONE_SHOT, a, aLen);
  hashUpdate(ONE_SHOT, b, bLen);
  return hashFinal(ONE_SHOT, out);
}

// ---- wasm ABI (re-exported by index.ts under the names in brackets) -----------------------------
// These validate every pointer range against the IO area (inIoArea in io.ts), so a host passing
// garbage gets 0 instead of a trap or a write into static tables.

/** [hashCtxSize] Bytes the host must reserve for a streaming context. */
export function abiHashCtxSize(): i32 {
  return <i32>HASH_CTX_SIZE;
}

/** [hashDigest] One-shot digest; returns the digest length, 0 for a bad alg or range. */
export function abiHashDigest(alg: i32, data: usize, len: usize, out: usize): i32 {
  const n = hashLen(alg);
  if (n === 0 || !inIoArea(data, len) || !inIoArea(out, <usize>n)) return 0;
  return hashDigest(alg, data, len, out);
}

/** [hashInit] Starts a context at `ctx`; returns the digest length, 0 for a bad alg or range. */
export function abiHashInit(ctx: usize, alg: i32): i32 {
  if (hashLen(alg) === 0 || !inIoArea(ctx, HASH_CTX_SIZE)) return 0;
  return hashInit(ctx, alg);
}

/** [hashUpdate] Absorbs bytes; returns 1, or 0 for a bad context or range. */
export function abiHashUpdate(ctx: usize, data: usize, len: usize): i32 {
  if (!inIoArea(ctx, HASH_CTX_SIZE) || !inIoArea(data, len)) return 0;
  // The buffer must not overlap the context it is absorbed into.
  if (data < ctx + HASH_CTX_SIZE && ctx < data + len) return 0;
  return hashUpdate(ctx, data, len) ? 1 : 0;
}

/** [hashFinal] Writes the digest; returns its length, or 0 for a bad context or range. */
export function abiHashFinal(ctx: usize, out: usize): i32 {
  if (!inIoArea(ctx, HASH_CTX_SIZE) || !inIoArea(out, HASH_MAX_LEN)) return 0;
  return hashFinal(ctx, out);
}
