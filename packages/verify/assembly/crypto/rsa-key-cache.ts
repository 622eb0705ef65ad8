// Per-modulus cache of RSA verification contexts, in static memory (no heap, no growth).
//
// Why: every verification used to rebuild the Montgomery context of its modulus (limbs, n^-1
// mod 2^30, the reversed copy) and convert the signature into the Montgomery domain with a long
// division. Native verifiers keep that per key: OpenSSL caches the BN_MONT_CTX of a public key
// in the RSA object (RSA_FLAG_CACHE_PUBLIC, rsa_ossl.c), so crypto.verify with a pre-imported
// KeyObject pays it once. This is the same idea for the raw byte-string ABI: keys are
// recognised by their bytes.
//
// Design:
// - KEY_SLOTS slots, each for a modulus of up to SLOT_MAX_K bytes (4096 bits); larger moduli
//   are verified uncached (what the cache saves is a few percent of an 8192-bit verification,
//   and slots twice the size would double the memory). Static memory:
//   KEY_SLOTS * SLOT_BYTES = 4 * 2,288 = 9,152 bytes.
// - Lookup compares the whole stripped modulus byte string (length and every byte) with each
//   slot: never a hash, so a different key can never hit. Slots hold no pointers into host
//   memory, only copies.
// - Eviction: least recently used (a 64-bit use counter per slot; empty slots first).
// - Per slot: the modulus bytes and limbs (the Montgomery context is rebuilt from the limbs in
//   O(N) on a hit), and the PKCS#1 v1.5 constants of one (e, hash) pair, see rsa.ts: P' = K P
//   and K_h = K B^h with K = R^(1-e) (B = 2^30, h = limbs of a digest). They are computed when a
//   request they do not serve repeats the previous such request on that slot (same e and hash;
//   a one-off cost of about one verification), so keys seen once cost nothing extra and hashes
//   alternating on one key never recompute.
// - Every (re)fill of a slot clears its constants and its pending request.
//
// KEY_SLOTS = 4: a chain verification checks one signature per issuer key (two for a
// leaf <- intermediate <- root chain, a few more when cross-signed candidates are tried), and a
// device trust store's roots are few and reused across calls; four slots keep two such chains
// warm at once (more slots cost 2,288 bytes each).
import { BUILD_RSA_MAX_BITS, BUILD_TARGET } from '../build-options';
import { BN_N, bnFromBytes, GUARD, LIMB_BITS, montSetup } from './bigint';

/** Number of cached keys: 4, or 1 in the embedded build (build-options.ts; a miss costs time only). */
export const KEY_SLOTS: i32 = BUILD_TARGET === 0 ? 4 : 1;
/** Largest cached modulus, in bytes (4096 bits, or the build's RSA limit when smaller). */
export const SLOT_MAX_K: i32 = BUILD_RSA_MAX_BITS < 4096 ? BUILD_RSA_MAX_BITS / 8 : 512;
/** Limbs of the largest cached modulus (limbsFor(SLOT_MAX_K * 8)). */
const SLOT_N: i32 = (SLOT_MAX_K * 8 + 2 + LIMB_BITS - 1) / LIMB_BITS;
/** Bytes of one limb area (SLOT_N limbs and the zero guard above them), 16-aligned. */
const LIMB_AREA: i32 = ((SLOT_N + GUARD) * 4 + 15) & ~15;
// Slot layout (byte offsets).
const S_K = 0; // i32: modulus length in bytes, 0 = empty slot
const S_CHASH = 4; // i32: hash of the stored constants, 0 = none
const S_WHASH = 8; // i32: hash of the last request the constants did not serve, 0 = none
const S_USED = 16; // u64: use counter value of the last use
const S_CE = 24; // u64: e of the stored constants
const S_WE = 32; // u64: e of that last request
const S_BYTES = 48; // the modulus, k bytes
const S_LIMBS = S_BYTES + SLOT_MAX_K; // the modulus as limbs (bnFromBytes)
const S_P = S_LIMBS + LIMB_AREA; // P' (N limbs)
const S_KH = S_P + LIMB_AREA; // K_h (N limbs)
/** Bytes of one slot. */
export const SLOT_BYTES: i32 = S_KH + LIMB_AREA;

const SLOTS: usize = memory.data(KEY_SLOTS * SLOT_BYTES, 16);
let gUseCounter: u64 = 0;

/** True when the last keyContext call found its modulus already cached. */
export let keyHit: bool = false;

function slotAt(s: i32): usize {
  return SLOTS + <usize>s * <usize>SLOT_BYTES;
}

/** True when the k bytes at a and b are equal. */
function bytesEqual(a: usize, b: usize, k: i32): bool {
  let i = 0;
  for (; i + 8 <= k; i += 8) if (load<u64>(a + <usize>i) !== load<u64>(b + <usize>i)) return false;
  for (; i < k; i++) if (load<u8>(a + <usize>i) !== load<u8>(b + <usize>i)) return false;
  return true;
}

/**
 * Makes the odd modulus [n, n + k) (no leading zero byte; N = limbsFor(its bits) limbs) the
 * current Montgomery context and returns its slot, or -1 when it is too large to cache
 * (k > SLOT_MAX_K). Sets keyHit.
 */
export function keyContext(n: usize, k: i32, N: i32): i32 {
  keyHit = false;
  if (k > SLOT_MAX_K) {
    bnFromBytes(BN_N, n, k, N);
    montSetup(N);
    return -1;
  }
  let found = -1;
  let victim = 0;
  let oldest: u64 = U64.MAX_VALUE;
  for (let s = 0; s < KEY_SLOTS; s++) {
    const p = slotAt(s);
    const used = load<u64>(p, S_USED);
    if (load<i32>(p, S_K) === k && bytesEqual(p + S_BYTES, n, k)) {
      found = s;
      break;
    }
    if (used < oldest) {
      oldest = used;
      victim = s;
    }
  }
  let p: usize;
  if (found >= 0) {
    keyHit = true;
    p = slotAt(found);
  } else {
    found = victim;
    p = slotAt(found);
    store<i32>(p, k, S_K);
    store<i32>(p, 0, S_CHASH);
    store<i32>(p, 0, S_WHASH);
    memory.copy(p + S_BYTES, n, <usize>k);
    bnFromBytes(p + S_LIMBS, n, k, N);
  }
  store<u64>(p, ++gUseCounter, S_USED);
  memory.copy(BN_N, p + S_LIMBS, (<usize>(N + GUARD)) << 2);
  montSetup(N);
  return found;
}

/** Where slot s keeps P' and K_h (N limbs each). */
export function slotScaledPrefix(s: i32): usize {
  return slotAt(s) + S_P;
}
export function slotScaledUnit(s: i32): usize {
  return slotAt(s) + S_KH;
}

/**
 * Decides whether slot s (just returned by keyContext) serves PKCS#1 v1.5 with (e, hashAlg)
 * from its constants: 1 = they are stored; 2 = they are not, but the previous request on this
 * slot was the same (key, e, hash): the caller computes them now and calls slotConstantsSet;
 * 0 = verify without them (the request is remembered).
 */
export function slotConstantsState(s: i32, e: u64, hashAlg: i32): i32 {
  const p = slotAt(s);
  if (load<i32>(p, S_CHASH) === hashAlg && load<u64>(p, S_CE) === e) return 1;
  if (keyHit && load<i32>(p, S_WHASH) === hashAlg && load<u64>(p, S_WE) === e) return 2;
  store<i32>(p, hashAlg, S_WHASH);
  store<u64>(p, e, S_WE);
  return 0;
}

/** Records that slot s now holds the constants for (e, hashAlg). */
export function slotConstantsSet(s: i32, e: u64, hashAlg: i32): void {
  const p = slotAt(s);
  store<i32>(p, hashAlg, S_CHASH);
  store<u64>(p, e, S_CE);
}

/** Empties every slot (tests: run vectors with a cold cache). */
export function keyCacheReset(): void {
  memory.fill(SLOTS, 0, <usize>(KEY_SLOTS * SLOT_BYTES));
  gUseCounter = 0;
}

// ---- test probes (exported by testing.ts only) -------------------------------------------------

/** KEY_SLOTS. */
export function keyCacheSlotCount(): i32 {
  return KEY_SLOTS;
}

/** Slot holding the modulus [n, n + k) (no leading zero byte), or -1. */
export function keyCacheSlotOf(n: usize, k: i32): i32 {
  for (let s = 0; s < KEY_SLOTS; s++) {
    const p = slotAt(s);
    if (load<i32>(p, S_K) === k && bytesEqual(p + S_BYTES, n, k)) return s;
  }
  return -1;
}

/** Hash id the PKCS#1 constants of slot s are for (0: none), and their exponent. */
export function keyCacheConstantsHash(s: i32): i32 {
  return load<i32>(slotAt(s), S_CHASH);
}
export function keyCacheConstantsE(s: i32): u64 {
  return load<u64>(slotAt(s), S_CE);
}
