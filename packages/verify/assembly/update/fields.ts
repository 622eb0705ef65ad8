// The fields of a trust-bundle update (FORMAT.md "Fields", checks 9 and 10): tag ‖ length ‖
// value in strictly increasing tag order, each value checked against its rules. Positions go into
// the caller's OUTCOME record (FIELDS, ROOTS): nothing here keeps state between calls.
//
// Every loop is bounded by data the caller has already bounded: the field walk by bodyLength
// (each iteration consumes at least 3 bytes, and at most 5 can pass the order check), the REVOKE
// walk by 16 ids, the ROOTS walk by MAX_ROOTS entries.

import { bytesCompare } from '../crypto/ec-field';
import { ecPointCheck } from '../crypto/ecdsa';
import {
  KEY_ID_LEN,
  MAX_DEVICE_ID,
  MAX_FLEET_ID,
  MAX_ROOTS,
  OUTCOME_FIELDS,
  OUTCOME_ROOT_COUNT,
  OUTCOME_ROOTS,
  POINT_LEN,
  UpdateErr,
} from './abi.generated';

/** Field tags (FORMAT.md Fields). */
export const TAG_FLEET_ID: u32 = 1;
export const TAG_DEVICE_ID: u32 = 2;
export const TAG_NEXT_KEY: u32 = 3;
export const TAG_REVOKE: u32 = 4;
export const TAG_ROOTS: u32 = 5;

/** Largest REVOKE value (16 ids) and ROOTS value (FORMAT.md's table). */
const MAX_REVOKE_LEN: u32 = 512;
const MAX_ROOTS_LEN: u32 = 32633;
/** Largest ROOTS entry, DER header included. */
const MAX_ROOT: u32 = 4096;

/** Offset in the update of field `tag`'s value (valid when fieldLen(out, tag) > 0). */
export function fieldAt(out: usize, tag: u32): u32 {
  return load<u32>(out + OUTCOME_FIELDS + ((<usize>tag - 1) << 3));
}

/** Length of field `tag`'s value; 0 when the update does not carry it (no field may be empty). */
export function fieldLen(out: usize, tag: u32): u32 {
  return load<u32>(out + OUTCOME_FIELDS + ((<usize>tag - 1) << 3) + 4);
}

function beU16(p: usize): u32 {
  return <u32>bswap<u16>(load<u16>(p));
}

/** Compares over the shorter length, then the shorter first (FORMAT.md's byte order). */
export function bytesOrder(a: usize, aLen: u32, b: usize, bLen: u32): i32 {
  const c = bytesCompare(a, b, <i32>min(aLen, bLen));
  if (c !== 0) return c;
  return <i32>aLen - <i32>bLen;
}

/** An uncompressed P-256 point with X, Y < p on the curve (ecPointCheck also takes other forms). */
export function isP256Point(p: usize): bool {
  return load<u8>(p) === 4 && ecPointCheck(1, p, <i32>POINT_LEN) === 0;
}

/** Visible ASCII, 0x21 – 0x7E. */
function visibleAscii(v: usize, len: u32): bool {
  for (let i: u32 = 0; i < len; i++) {
    const c = load<u8>(v + <usize>i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** Whether `len` is inside the range of field `tag` (FORMAT.md's table). */
function sizeOk(tag: u32, len: u32): bool {
  if (len === 0) return false;
  if (tag === TAG_FLEET_ID) return len <= MAX_FLEET_ID;
  if (tag === TAG_DEVICE_ID) return len <= MAX_DEVICE_ID;
  if (tag === TAG_NEXT_KEY) return len === POINT_LEN;
  if (tag === TAG_REVOKE) return len >= KEY_ID_LEN && len <= MAX_REVOKE_LEN && len % KEY_ID_LEN === 0;
  return len <= MAX_ROOTS_LEN;
}

/**
 * Splits a ROOTS value into DER SEQUENCEs with minimal lengths, at most MAX_ROOT bytes each, in
 * strictly increasing byte order, filling the value; records each in OUTCOME ROOTS (offsets
 * relative to `base`). False when the value breaks a rule.
 */
function splitRoots(base: usize, v: usize, len: u32, out: usize): bool {
  let at: u32 = 0;
  let n: u32 = 0;
  let prevAt: u32 = 0;
  let prevLen: u32 = 0;
  while (at < len) {
    if (n === MAX_ROOTS || load<u8>(v + <usize>at) !== 0x30 || len - at < 2) return false;
    const first = <u32>load<u8>(v + <usize>at + 1);
    let body: u32;
    let head: u32;
    if (first < 0x80) {
      body = first;
      head = 2;
    } else if (first === 0x81 && len - at >= 3 && load<u8>(v + <usize>at + 2) >= 0x80) {
      body = load<u8>(v + <usize>at + 2);
      head = 3;
    } else if (first === 0x82 && len - at >= 4 && load<u8>(v + <usize>at + 2) !== 0) {
      body = beU16(v + <usize>at + 2);
      head = 4;
    } else return false;
    const size = head + body;
    if (size > len - at || size > MAX_ROOT) return false;
    if (n > 0 && bytesOrder(v + <usize>prevAt, prevLen, v + <usize>at, size) >= 0) return false;
    const entry = out + OUTCOME_ROOTS + ((<usize>n) << 3);
    store<u32>(entry, <u32>(v - base) + at);
    store<u32>(entry, size, 4);
    prevAt = at;
    prevLen = size;
    at += size;
    n++;
  }
  store<u32>(out + OUTCOME_ROOT_COUNT, n);
  return n > 0;
}

/** Check 9.6: the value rules of field `tag`. */
function valueOk(tag: u32, base: usize, v: usize, len: u32, out: usize): bool {
  if (tag === TAG_FLEET_ID || tag === TAG_DEVICE_ID) return visibleAscii(v, len);
  if (tag === TAG_NEXT_KEY) return isP256Point(v);
  if (tag === TAG_REVOKE) {
    for (let i: u32 = KEY_ID_LEN; i < len; i += KEY_ID_LEN)
      if (bytesCompare(v + <usize>(i - KEY_ID_LEN), v + <usize>i, KEY_ID_LEN) >= 0) return false;
    return true;
  }
  return splitRoots(base, v, len, out);
}

/**
 * Checks 9 and 10: walks the fields of the update at `u` from offset 64 to `bodyLength` (the
 * caller has checked bodyLength + 64 <= the update's length) and records them in `out`.
 * Returns UpdateErr.OK or the first failing check's error.
 */
export function parseFields(u: usize, bodyLength: u32, out: usize): UpdateErr {
  memory.fill(out + OUTCOME_FIELDS, 0, 40);
  store<u32>(out + OUTCOME_ROOT_COUNT, 0);
  let prev: u32 = 0;
  let at: u32 = 64;
  while (at < bodyLength) {
    if (bodyLength - at < 3) return UpdateErr.MALFORMED_FIELD;
    const tag = <u32>load<u8>(u + <usize>at);
    const len = beU16(u + <usize>at + 1);
    if (tag < TAG_FLEET_ID || tag > TAG_ROOTS) return UpdateErr.UNKNOWN_FIELD;
    if (tag === prev) return UpdateErr.DUPLICATE_FIELD;
    if (tag < prev) return UpdateErr.FIELD_ORDER;
    if (len > bodyLength - at - 3) return UpdateErr.MALFORMED_FIELD;
    if (!sizeOk(tag, len)) return UpdateErr.FIELD_SIZE;
    const v = u + <usize>at + 3;
    if (!valueOk(tag, u, v, len, out)) return UpdateErr.MALFORMED_FIELD;
    const slot = out + OUTCOME_FIELDS + ((<usize>tag - 1) << 3);
    store<u32>(slot, at + 3);
    store<u32>(slot, len, 4);
    prev = tag;
    at += 3 + len;
  }
  if (fieldLen(out, TAG_FLEET_ID) === 0 || fieldLen(out, TAG_ROOTS) === 0) return UpdateErr.MISSING_FIELD;
  return UpdateErr.OK;
}
