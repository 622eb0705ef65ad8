// Verification of signed trust-bundle updates (FORMAT.md "Checks, in order", steps 1 – 22): the
// wasm export verifyUpdate. ECDSA P-256 / SHA-256 through the module's own entry points
// (crypto/ecdsa.ts ecdsaVerify and ecPointCheck, crypto/hash.ts hashDigest).
//
// Records, not globals: the device state is a STATE record and everything the call writes (the new
// state, the roots' positions, field positions, digest and key-id scratch) is the caller's OUTCOME
// record (update-abi.json). No heap allocation; every loop is bounded by a constant of the format
// (4 keys, 64 revoked ids, 16 REVOKE ids, 64 roots) or by a length checked before it.
import { bytesCompare } from '../crypto/ec-field';
import { ecdsaVerify } from '../crypto/ecdsa';
import { HashAlg, hashDigest } from '../crypto/hash';
import { inIoArea } from '../io';
import {
  BAD_ARGUMENT,
  KEY_ID_LEN,
  MAX_DEVICE_ID,
  MAX_FLEET_ID,
  MAX_REVOKED,
  MAX_TRUSTED_KEYS,
  MAX_UPDATE,
  OUTCOME_DIGEST,
  OUTCOME_KEY_IDS,
  OUTCOME_SEQUENCE,
  OUTCOME_SIZE,
  OUTCOME_STATE,
  POINT_LEN,
  STATE_DEVICE_ID,
  STATE_DEVICE_ID_LEN,
  STATE_FLEET_ID,
  STATE_FLEET_ID_LEN,
  STATE_KEY_COUNT,
  STATE_KEYS,
  STATE_LAST_SEQUENCE,
  STATE_REVOKED,
  STATE_REVOKED_COUNT,
  STATE_SIZE,
  UpdateErr,
} from './abi.generated';
import {
  fieldAt,
  fieldLen,
  isP256Point,
  parseFields,
  TAG_DEVICE_ID,
  TAG_FLEET_ID,
  TAG_NEXT_KEY,
  TAG_REVOKE,
} from './fields';

/** Smallest update: the 64-byte header and one signature. */
const MIN_UPDATE: u32 = 128;
const HEADER_LEN: u32 = 64;
const SIG_LEN: u32 = 64;
const CURVE_P256: i32 = 1;
/** (n − 1) / 2 for the P-256 group order n, big-endian: the largest canonical ("low") s. */
const HALF_N: usize = memory.data<u8>([
  0x7f, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xde, 0x73,
  0x7d, 0x56, 0xd3, 0x8b, 0xcf, 0x42, 0x79, 0xdc, 0xe5, 0x61, 0x7e, 0x31, 0x92, 0xa8,
]);
/** "HTBU" read as a little-endian u32. */
const MAGIC: u32 = 0x55425448;

function beU32(p: usize): u32 {
  return bswap<u32>(load<u32>(p));
}

function beU64(p: usize): u64 {
  return bswap<u64>(load<u64>(p));
}

function keyAt(state: usize, i: u32): usize {
  return state + STATE_KEYS + <usize>i * POINT_LEN;
}

function revokedAt(state: usize, i: u32): usize {
  return state + STATE_REVOKED + ((<usize>i) << 5);
}

function keyIdAt(out: usize, i: u32): usize {
  return out + OUTCOME_KEY_IDS + ((<usize>i) << 5);
}

/** Whether the 32-byte id at `id` is one of the `n` ids at `list`. */
function idIn(id: usize, list: usize, n: u32): bool {
  for (let i: u32 = 0; i < n; i++)
    if (bytesCompare(list + ((<usize>i) << 5), id, KEY_ID_LEN) === 0) return true;
  return false;
}

/** Step 1: the state's limits (FORMAT.md Device state) and its keys on the curve. */
function stateOk(state: usize): bool {
  const keys = <u32>load<u8>(state + STATE_KEY_COUNT);
  const fleet = <u32>load<u8>(state + STATE_FLEET_ID_LEN);
  if (keys < 1 || keys > MAX_TRUSTED_KEYS || <u32>load<u8>(state + STATE_REVOKED_COUNT) > MAX_REVOKED)
    return false;
  if (fleet < 1 || fleet > MAX_FLEET_ID || <u32>load<u8>(state + STATE_DEVICE_ID_LEN) > MAX_DEVICE_ID)
    return false;
  for (let i: u32 = 0; i < keys; i++) if (!isP256Point(keyAt(state, i))) return false;
  return true;
}

/** A canonical signature r ‖ s (1 ≤ r < n, 1 ≤ s ≤ (n − 1)/2) by `point` over `digest`. */
function signatureOk(point: usize, digest: usize, sig: usize): bool {
  if (bytesCompare(sig + 32, HALF_N, 32) > 0) return false;
  return ecdsaVerify(CURVE_P256, point, <i32>POINT_LEN, digest, 32, sig, 32, sig + 32, 32) === 0;
}

/** Steps 2 – 8: lengths and the fixed header. */
function headerCheck(u: usize, len: u32): UpdateErr {
  if (len < MIN_UPDATE) return UpdateErr.TRUNCATED;
  if (len > MAX_UPDATE) return UpdateErr.TOO_LARGE;
  if (load<u32>(u) !== MAGIC) return UpdateErr.BAD_MAGIC;
  if (load<u8>(u + 4) !== 1) return UpdateErr.UNSUPPORTED_VERSION;
  if (load<u8>(u + 5) !== 1) return UpdateErr.UNSUPPORTED_ALGORITHM;
  const bodyLength = beU32(u + 8);
  if (load<u16>(u + 6) !== 0 || bodyLength < HEADER_LEN) return UpdateErr.MALFORMED_HEADER;
  if (<u64>bodyLength + SIG_LEN > <u64>len) return UpdateErr.TRUNCATED;
  if (beU32(u + 12) === 0 || beU64(u + 16) >= beU64(u + 24)) return UpdateErr.MALFORMED_HEADER;
  return UpdateErr.OK;
}

/** Steps 16 – 19: the authenticated header and fields against the device. */
function bindingCheck(u: usize, state: usize, now: i64, out: usize): UpdateErr {
  const fleetLen = fieldLen(out, TAG_FLEET_ID);
  if (
    fleetLen !== <u32>load<u8>(state + STATE_FLEET_ID_LEN) ||
    bytesCompare(u + fieldAt(out, TAG_FLEET_ID), state + STATE_FLEET_ID, fleetLen) !== 0
  )
    return UpdateErr.WRONG_FLEET;
  const deviceLen = fieldLen(out, TAG_DEVICE_ID);
  if (
    deviceLen !== 0 &&
    (deviceLen !== <u32>load<u8>(state + STATE_DEVICE_ID_LEN) ||
      bytesCompare(u + fieldAt(out, TAG_DEVICE_ID), state + STATE_DEVICE_ID, deviceLen) !== 0)
  )
    return UpdateErr.WRONG_DEVICE;
  if (beU32(u + 12) <= load<u32>(state + STATE_LAST_SEQUENCE)) return UpdateErr.ROLLBACK;
  if (now < 0 || <u64>now < beU64(u + 16)) return UpdateErr.NOT_YET_VALID;
  if (<u64>now > beU64(u + 24)) return UpdateErr.EXPIRED;
  return UpdateErr.OK;
}

/**
 * Steps 20 – 22: the keys and revoked ids after the update, written as the new state into `out`
 * (meaningful only when this returns OK). `signer`: index of the signing key; key ids are in
 * OUTCOME KEY_IDS (slot MAX_TRUSTED_KEYS holds NEXT_KEY's).
 */
function applyUpdate(u: usize, state: usize, signer: u32, out: usize): UpdateErr {
  const keys = <u32>load<u8>(state + STATE_KEY_COUNT);
  const revoked = <u32>load<u8>(state + STATE_REVOKED_COUNT);
  const revoke = u + fieldAt(out, TAG_REVOKE);
  const revokeCount = fieldLen(out, TAG_REVOKE) >> 5;
  const hasNext = fieldLen(out, TAG_NEXT_KEY) !== 0;
  const signerId = keyIdAt(out, signer);
  const nextId = keyIdAt(out, MAX_TRUSTED_KEYS);
  if (
    hasNext &&
    (bytesCompare(nextId, signerId, KEY_ID_LEN) === 0 ||
      idIn(nextId, revoke, revokeCount) ||
      idIn(nextId, state + STATE_REVOKED, revoked) ||
      idIn(nextId, out + OUTCOME_KEY_IDS, keys))
  )
    return UpdateErr.INVALID_ROTATION;
  const next = out + OUTCOME_STATE;
  memory.copy(next, state, STATE_SIZE);
  memory.fill(next + STATE_KEYS, 0, <usize>MAX_TRUSTED_KEYS * POINT_LEN);
  // Step 20: the signing key (every copy of it) becomes NEXT_KEY, then REVOKE drops keys.
  let k: u32 = 0;
  for (let i: u32 = 0; i < keys; i++) {
    const replaced = hasNext && bytesCompare(keyIdAt(out, i), signerId, KEY_ID_LEN) === 0;
    if (idIn(replaced ? nextId : keyIdAt(out, i), revoke, revokeCount)) continue;
    memory.copy(keyAt(next, k++), replaced ? u + fieldAt(out, TAG_NEXT_KEY) : keyAt(state, i), POINT_LEN);
  }
  if (k === 0) return UpdateErr.INVALID_ROTATION;
  // Step 21: the revoked list keeps its order; new ids are appended.
  let r = revoked;
  for (let i: u32 = 0; i < revokeCount; i++) {
    const id = revoke + ((<usize>i) << 5);
    if (idIn(id, state + STATE_REVOKED, revoked)) continue;
    if (r === MAX_REVOKED) return UpdateErr.REVOKED_LIST_FULL;
    memory.copy(revokedAt(next, r++), id, KEY_ID_LEN);
  }
  // Step 22: the new state.
  store<u8>(next + STATE_KEY_COUNT, <u8>k);
  store<u8>(next + STATE_REVOKED_COUNT, <u8>r);
  const sequence = beU32(u + 12);
  store<u32>(next + STATE_LAST_SEQUENCE, sequence);
  store<u32>(out + OUTCOME_SEQUENCE, sequence);
  return UpdateErr.OK;
}

/**
 * Verifies the update of `len` bytes at `u` for the device whose STATE record is at `state`, at
 * `now` (Unix seconds), in FORMAT.md's order. Returns UpdateErr.OK, with the new state, the
 * sequence and the roots' positions in the OUTCOME record at `out`, or the first failing check's
 * error (then `out` holds nothing meaningful). The state record is only read.
 */
export function verifyUpdate(u: usize, len: u32, state: usize, now: i64, out: usize): UpdateErr {
  if (!stateOk(state)) return UpdateErr.INVALID_STATE;
  let e = headerCheck(u, len);
  if (e !== UpdateErr.OK) return e;
  const bodyLength = beU32(u + 8);
  e = parseFields(u, bodyLength, out);
  if (e !== UpdateErr.OK) return e;
  // Step 11: the exact length.
  const hasNext = fieldLen(out, TAG_NEXT_KEY) !== 0;
  const expected = <u64>bodyLength + <u64>SIG_LEN * (hasNext ? 2 : 1);
  if (<u64>len < expected) return UpdateErr.TRUNCATED;
  if (<u64>len > expected) return UpdateErr.TRAILING_BYTES;
  // Steps 12, 13: the signing key.
  const signerId = u + 32;
  if (idIn(signerId, state + STATE_REVOKED, <u32>load<u8>(state + STATE_REVOKED_COUNT)))
    return UpdateErr.KEY_REVOKED;
  const keys = <u32>load<u8>(state + STATE_KEY_COUNT);
  let signer: u32 = keys;
  for (let i: u32 = 0; i < keys; i++) {
    hashDigest(HashAlg.SHA256, keyAt(state, i), POINT_LEN, keyIdAt(out, i));
    if (signer === keys && bytesCompare(keyIdAt(out, i), signerId, KEY_ID_LEN) === 0) signer = i;
  }
  if (signer === keys) return UpdateErr.UNKNOWN_KEY;
  // Steps 14, 15: the signatures over bytes [0, bodyLength).
  const digest = out + OUTCOME_DIGEST;
  hashDigest(HashAlg.SHA256, u, bodyLength, digest);
  if (!signatureOk(keyAt(state, signer), digest, u + bodyLength)) return UpdateErr.BAD_SIGNATURE;
  if (hasNext) {
    const nextKey = u + fieldAt(out, TAG_NEXT_KEY);
    if (!signatureOk(nextKey, digest, u + bodyLength + SIG_LEN)) return UpdateErr.BAD_NEXT_KEY_SIGNATURE;
    hashDigest(HashAlg.SHA256, nextKey, POINT_LEN, keyIdAt(out, MAX_TRUSTED_KEYS));
  }
  e = bindingCheck(u, state, now, out);
  if (e !== UpdateErr.OK) return e;
  return applyUpdate(u, state, signer, out);
}

/** Whether [a, a + aLen) and [b, b + bLen) do not overlap. */
function apart(a: usize, aLen: usize, b: usize, bLen: usize): bool {
  return a + aLen <= b || b + bLen <= a;
}

/**
 * [verifyUpdate] The export: verifyUpdate after checking that the update, the STATE record and
 * the OUTCOME record lie in the IO area and do not overlap. Returns an UpdateErr number, or
 * BAD_ARGUMENT (a host bug, not a verdict on the update).
 */
export function abiVerifyUpdate(u: usize, len: u32, state: usize, now: i64, out: usize): i32 {
  if (
    !inIoArea(u, len) ||
    !inIoArea(state, STATE_SIZE) ||
    !inIoArea(out, OUTCOME_SIZE) ||
    !apart(u, len, state, STATE_SIZE) ||
    !apart(u, len, out, OUTCOME_SIZE) ||
    !apart(state, STATE_SIZE, out, OUTCOME_SIZE)
  )
    return <i32>BAD_ARGUMENT;
  return verifyUpdate(u, len, state, now, out);
}
