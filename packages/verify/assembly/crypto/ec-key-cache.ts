// Per-key cache of ECDSA comb tables (ec-comb.ts), in static memory (no heap, no growth).
//
// Why: on a hub or a gateway the same issuer keys (intermediates, roots) verify signature after
// signature. With a table of Q's multiples the double-scalar multiplication needs 60 / 95
// doublings instead of 256 / 384 (P-256 / P-384): about twice as fast. wolfSSL's fixed-point
// cache (FP_ENTRIES, ecc_fp.c / tfm.c) keeps such tables per point for the same reason. Building
// a table costs about one uncached verification, so a key gets one only once it repeats.
//
// Design:
// - KEY_SLOTS slots of SLOT_BYTES, each holding one key's table (P-256: 4,104 bytes, P-384:
//   6,152; a slot is sized for P-384). Static memory: KEY_SLOTS * SLOT_BYTES = 4 * 6,288 =
//   25,152 bytes, plus the admission ring (CANDIDATES * CAND_BYTES = 4 * 112 = 448 bytes).
// - A key is its curve and its whole SEC1 encoding (tag, X and, uncompressed, Y: at most 97
//   bytes): lookup compares the curve, the length and every byte, never a hash, so another key
//   can never hit. The compressed and the uncompressed encoding of one point are two keys (each
//   is cached on its own; the table is the same). Only keys that decoded as valid points get a
//   table or a place in the ring, so a hit skips the point decoding and its checks.
// - Admission: a key seen for the first time is remembered in a ring of CANDIDATES recent keys
//   (a copy of its bytes, no table); when it comes back while still in the ring, its table is
//   built into the least recently used slot. So one-off keys (self-signed device certificates,
//   leaves, fuzzing) cost a 100-byte copy and never evict a table that is in use.
// - Eviction: least recently used (a 64-bit use counter per slot; empty slots first).
//
// KEY_SLOTS = 4, as in the RSA key cache (rsa-key-cache.ts): a chain verification checks one
// signature per issuer key (two for leaf <- intermediate <- root), so four slots keep two chains
// warm at once.
import { ecCombBuild } from './ec-comb';
import { P384_COMB_BYTES } from './p384-comb.generated';

/** Number of cached tables. */
export const KEY_SLOTS: i32 = 4;
/** Number of keys remembered (bytes only) until they repeat. */
export const CANDIDATES: i32 = 4;
/** Longest key encoding: uncompressed P-384 (1 + 2 * 48 bytes). */
const MAX_KEY: i32 = 97;
// Entry layout (byte offsets), shared by the slots and the ring.
const E_CURVE = 0; // i32: curve id, 0 = empty
const E_LEN = 4; // i32: key length in bytes
const E_KEY = 16; // the key bytes (MAX_KEY, padded)
// Slots add a use counter and the table (sized for P-384's, the larger of the two).
const S_USED = 8; // u64: use counter value of the last use
const S_TABLE = 128; // the table: ecCombBytes() + 8 bytes of padding
/** Bytes of one slot. */
export const SLOT_BYTES: i32 = (S_TABLE + P384_COMB_BYTES + 8 + 15) & ~15;
/** Bytes of one admission-ring entry: curve, length, key bytes. */
const CAND_BYTES: i32 = E_KEY + ((MAX_KEY + 15) & ~15);

// The cache's static memory, reserved by the function that returns it, so that a build without
// the comb tables (WITH_EC_COMB false, build-options.ts) lays out none of it (a module-level memory.data is
// reserved in every build that imports this file).
function slotsBase(): usize {
  return memory.data(KEY_SLOTS * SLOT_BYTES, 16);
}
function ringBase(): usize {
  return memory.data(CANDIDATES * CAND_BYTES, 16);
}
/** The cache's bookkeeping, beside its slots: the use counter (LRU) and the ring's next entry. */
@unmanaged
class CacheState {
  useCounter: u64;
  ringNext: i32;
}
function state(): CacheState {
  return changetype<CacheState>(memory.data(16, 16));
}

function slotAt(s: i32): usize {
  return slotsBase() + <usize>s * <usize>SLOT_BYTES;
}

/** Whether the entry at e is (curve, key[0..len)): same curve, same length, every byte equal. */
function entryIs(e: usize, curve: i32, key: usize, len: i32): bool {
  if (load<i32>(e, E_CURVE) !== curve || load<i32>(e, E_LEN) !== len) return false;
  return memory.compare(e + E_KEY, key, <usize>len) === 0;
}

/** Sets the entry at e to (curve, key[0..len)). */
function entrySet(e: usize, curve: i32, key: usize, len: i32): void {
  store<i32>(e, curve, E_CURVE);
  store<i32>(e, len, E_LEN);
  memory.copy(e + E_KEY, key, <usize>len);
}

/**
 * The table of the key (curve, key[0..len)) when it is cached (and marks the slot used), else 0.
 * len must be at most MAX_KEY for a hit to be possible; longer keys are never cached.
 */
export function ecKeyTable(curve: i32, key: usize, len: i32): usize {
  if (len > MAX_KEY) return 0;
  for (let s = 0; s < KEY_SLOTS; s++) {
    const p = slotAt(s);
    if (entryIs(p, curve, key, len)) {
      store<u64>(p, ++state().useCounter, S_USED);
      return p + S_TABLE;
    }
  }
  return 0;
}

/**
 * Called for a valid key (decoded at q: affine x, y in Montgomery form) that ecKeyTable did not
 * find, with the curve selected. When the key is in the admission ring, it leaves the ring, its
 * table is built into the least recently used slot and returned; otherwise the key enters the
 * ring (replacing the oldest entry) and 0 is returned.
 */
export function ecKeyAdmit(curve: i32, key: usize, len: i32, q: usize): usize {
  if (len > MAX_KEY) return 0;
  let found = -1;
  for (let c = 0; c < CANDIDATES; c++) {
    if (entryIs(ringBase() + <usize>(c * CAND_BYTES), curve, key, len)) {
      found = c;
      break;
    }
  }
  if (found < 0) {
    const st = state();
    entrySet(ringBase() + <usize>(st.ringNext * CAND_BYTES), curve, key, len);
    st.ringNext = (st.ringNext + 1) % CANDIDATES;
    return 0;
  }
  store<i32>(ringBase() + <usize>(found * CAND_BYTES), 0, E_CURVE);
  let victim = 0;
  let oldest: u64 = U64.MAX_VALUE;
  for (let s = 0; s < KEY_SLOTS; s++) {
    const used = load<u64>(slotAt(s), S_USED);
    if (used < oldest) {
      oldest = used;
      victim = s;
    }
  }
  const p = slotAt(victim);
  entrySet(p, curve, key, len);
  store<u64>(p, ++state().useCounter, S_USED);
  ecCombBuild(p + S_TABLE, q);
  return p + S_TABLE;
}

/** Empties every slot and the admission ring (tests and benchmarks of the uncached path). */
export function ecKeyCacheReset(): void {
  memory.fill(slotsBase(), 0, <usize>(KEY_SLOTS * SLOT_BYTES));
  memory.fill(ringBase(), 0, <usize>(CANDIDATES * CAND_BYTES));
  state().useCounter = 0;
  state().ringNext = 0;
}

// ---- test probes (exported by testing.ts only) -------------------------------------------------

/** Slot holding a table for (curve, key[0..len)), or -1. Does not count as a use. */
export function ecKeyCacheSlotOf(curve: i32, key: usize, len: i32): i32 {
  if (len > MAX_KEY) return -1;
  for (let s = 0; s < KEY_SLOTS; s++) if (entryIs(slotAt(s), curve, key, len)) return s;
  return -1;
}

/** Whether (curve, key[0..len)) waits in the admission ring. */
export function ecKeyCacheCandidate(curve: i32, key: usize, len: i32): bool {
  if (len > MAX_KEY) return false;
  for (let c = 0; c < CANDIDATES; c++)
    if (entryIs(ringBase() + <usize>(c * CAND_BYTES), curve, key, len)) return true;
  return false;
}

/** KEY_SLOTS. */
export function ecKeyCacheSlotCount(): i32 {
  return KEY_SLOTS;
}
