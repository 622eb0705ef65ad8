// An independent reference verifier of trust-bundle updates, written from packages/verify/FORMAT.md
// alone (no code shared with the builder in build.ts/format.ts, nor with verify.wasm's verifier).
// The tests require the same verdict from it and from @hubtrust/verify's `verifyUpdate` on every
// vector and mutation: two independent readings of the format. Test-only, never published (the
// product's verifier is verify's `verifyUpdate`): crypto is node:crypto's (OpenSSL), so it is
// independent of @hubtrust/verify too.
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { DeviceUpdateState } from '@hubtrust/verify';

/** Rejection codes, with their numbers (FORMAT.md §Errors). */
export const REFERENCE_ERRORS = {
  TRUNCATED: 1,
  TRAILING_BYTES: 2,
  TOO_LARGE: 3,
  BAD_MAGIC: 4,
  UNSUPPORTED_VERSION: 5,
  UNSUPPORTED_ALGORITHM: 6,
  MALFORMED_HEADER: 7,
  UNKNOWN_FIELD: 8,
  DUPLICATE_FIELD: 9,
  FIELD_ORDER: 10,
  FIELD_SIZE: 11,
  MALFORMED_FIELD: 12,
  MISSING_FIELD: 13,
  KEY_REVOKED: 14,
  UNKNOWN_KEY: 15,
  BAD_SIGNATURE: 16,
  BAD_NEXT_KEY_SIGNATURE: 17,
  WRONG_FLEET: 18,
  WRONG_DEVICE: 19,
  ROLLBACK: 20,
  NOT_YET_VALID: 21,
  EXPIRED: 22,
  INVALID_ROTATION: 23,
  REVOKED_LIST_FULL: 24,
  INVALID_STATE: 25,
} as const;

/** Why an update is refused: one of FORMAT.md's error names (`BAD_SIGNATURE`, `ROLLBACK`, …). */
export type UpdateRejection = keyof typeof REFERENCE_ERRORS;

/** What the device keeps between updates: the type of @hubtrust/verify's verifyUpdate (a type, no code). */
export type { DeviceUpdateState };

/** The verdict: the roots and the device's next state, or the first failing check's error. */
export type ReferenceResult =
  | { ok: true; roots: Uint8Array[]; sequence: number; state: DeviceUpdateState }
  | { ok: false; error: UpdateRejection };

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

const big = (b: Uint8Array) => b.reduce((x, v) => (x << 8n) | BigInt(v), 0n);
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
function cmp(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
const keyId = (point: Uint8Array) => new Uint8Array(createHash('sha256').update(point).digest());

/** An uncompressed point on P-256: 0x04, X and Y below p, y² = x³ − 3x + b. */
function onCurve(p: Uint8Array): boolean {
  if (p.length !== 65 || p[0] !== 0x04) return false;
  const x = big(p.subarray(1, 33));
  const y = big(p.subarray(33));
  if (x >= P || y >= P) return false;
  const mod = (v: bigint) => ((v % P) + P) % P;
  return mod(y * y) === mod(x * x * x - 3n * x + B);
}

/** Imported keys by point (hex): importing costs more than verifying. Bounded: cleared when full. */
const imported = new Map<string, KeyObject>();
const MAX_IMPORTED_KEYS = 64;

function ecdsaOk(point: Uint8Array, data: Uint8Array, sig: Uint8Array): boolean {
  const r = big(sig.subarray(0, 32));
  const s = big(sig.subarray(32, 64));
  if (r < 1n || r >= N || s < 1n || s > N >> 1n) return false; // low s only
  const id = Buffer.from(point).toString('hex');
  let key = imported.get(id);
  if (!key) {
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
    key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: b64(point.subarray(1, 33)), y: b64(point.subarray(33)) },
      format: 'jwk',
    });
    if (imported.size >= MAX_IMPORTED_KEYS) imported.clear();
    imported.set(id, key);
  }
  return cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
}

function visibleAscii(v: Uint8Array): boolean {
  return v.every((c) => c >= 0x21 && c <= 0x7e);
}

/** Each DER certificate of a ROOTS value, or undefined when the value breaks the rules. */
function splitRoots(v: Uint8Array): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < v.length) {
    if (out.length === 64 || v[at] !== 0x30 || at + 2 > v.length) return undefined;
    const first = v[at + 1] as number;
    let len: number;
    let head: number;
    if (first < 0x80) [len, head] = [first, 2];
    else if (first === 0x81 && at + 3 <= v.length && (v[at + 2] as number) >= 0x80)
      [len, head] = [v[at + 2] as number, 3];
    else if (first === 0x82 && at + 4 <= v.length && (v[at + 2] as number) !== 0)
      [len, head] = [((v[at + 2] as number) << 8) | (v[at + 3] as number), 4];
    else return undefined;
    const end = at + head + len;
    if (end > v.length || head + len > 4096) return undefined;
    const cert = v.subarray(at, end);
    const prev = out.at(-1);
    if (prev && cmp(prev, cert) >= 0) return undefined;
    out.push(cert);
    at = end;
  }
  return out.length > 0 ? out : undefined;
}

const SIZE: Record<number, [number, number]> = {
  1: [1, 64],
  2: [1, 128],
  3: [65, 65],
  4: [32, 512],
  5: [1, 32_633],
};

/**
 * Verifies the update `u` for a device in `state` at `now` (Unix seconds), with FORMAT.md's checks
 * in FORMAT.md's order; never throws for any bytes, never changes `state`.
 * @example
 * ```ts
 * const r = referenceVerify(bytes, { fleetId, trustedKeys: [point], revokedKeyIds: [], lastSequence: 0 }, Date.now() / 1000);
 * if (!r.ok) console.error(r.error, REFERENCE_ERRORS[r.error]); // e.g. BAD_SIGNATURE 16
 * ```
 */
export function referenceVerify(u: Uint8Array, state: DeviceUpdateState, now: number): ReferenceResult {
  const fail = (error: UpdateRejection): ReferenceResult => ({ ok: false, error });
  if (
    state.trustedKeys.length < 1 ||
    state.trustedKeys.length > 4 ||
    state.revokedKeyIds.length > 64 ||
    !state.trustedKeys.every(onCurve) ||
    !state.revokedKeyIds.every((id) => id.length === 32) ||
    state.fleetId.length < 1 ||
    state.fleetId.length > 64 ||
    (state.deviceId !== undefined && (state.deviceId.length < 1 || state.deviceId.length > 128)) ||
    !Number.isInteger(state.lastSequence) ||
    state.lastSequence < 0 ||
    state.lastSequence > 0xffffffff
  )
    return fail('INVALID_STATE');
  if (u.length < 128) return fail('TRUNCATED');
  if (u.length > 32_768) return fail('TOO_LARGE');
  if (!eq(u.subarray(0, 4), Uint8Array.of(0x48, 0x54, 0x42, 0x55))) return fail('BAD_MAGIC');
  if (u[4] !== 1) return fail('UNSUPPORTED_VERSION');
  if (u[5] !== 1) return fail('UNSUPPORTED_ALGORITHM');
  const dv = new DataView(u.buffer, u.byteOffset, u.byteLength);
  if (dv.getUint16(6) !== 0) return fail('MALFORMED_HEADER');
  const bodyLength = dv.getUint32(8);
  if (bodyLength < 64) return fail('MALFORMED_HEADER');
  if (bodyLength + 64 > u.length) return fail('TRUNCATED');
  const sequence = dv.getUint32(12);
  const notBefore = dv.getBigUint64(16);
  const notAfter = dv.getBigUint64(24);
  if (sequence === 0 || notBefore >= notAfter) return fail('MALFORMED_HEADER');
  const signerKeyId = u.subarray(32, 64);
  const fields = new Map<number, Uint8Array>();
  let prev = 0;
  let at = 64;
  while (at < bodyLength) {
    if (at + 3 > bodyLength) return fail('MALFORMED_FIELD');
    const tag = u[at] as number;
    const len = dv.getUint16(at + 1);
    if (tag < 1 || tag > 5) return fail('UNKNOWN_FIELD');
    if (tag === prev) return fail('DUPLICATE_FIELD');
    if (tag < prev) return fail('FIELD_ORDER');
    if (at + 3 + len > bodyLength) return fail('MALFORMED_FIELD');
    const [min, max] = SIZE[tag] as [number, number];
    if (len < min || len > max || (tag === 4 && len % 32 !== 0)) return fail('FIELD_SIZE');
    const v = u.subarray(at + 3, at + 3 + len);
    if ((tag === 1 || tag === 2) && !visibleAscii(v)) return fail('MALFORMED_FIELD');
    if (tag === 3 && !onCurve(v)) return fail('MALFORMED_FIELD');
    if (tag === 4) {
      for (let i = 32; i < len; i += 32)
        if (cmp(v.subarray(i - 32, i), v.subarray(i, i + 32)) >= 0) return fail('MALFORMED_FIELD');
    }
    if (tag === 5 && !splitRoots(v)) return fail('MALFORMED_FIELD');
    fields.set(tag, v);
    prev = tag;
    at += 3 + len;
  }
  if (!fields.has(1) || !fields.has(5)) return fail('MISSING_FIELD');
  const nextKey = fields.get(3);
  const expected = bodyLength + 64 * (nextKey ? 2 : 1);
  if (u.length < expected) return fail('TRUNCATED');
  if (u.length > expected) return fail('TRAILING_BYTES');
  if (state.revokedKeyIds.some((id) => eq(id, signerKeyId))) return fail('KEY_REVOKED');
  const signer = state.trustedKeys.find((k) => eq(keyId(k), signerKeyId));
  if (!signer) return fail('UNKNOWN_KEY');
  const body = u.subarray(0, bodyLength);
  if (!ecdsaOk(signer, body, u.subarray(bodyLength, bodyLength + 64))) return fail('BAD_SIGNATURE');
  if (nextKey && !ecdsaOk(nextKey, body, u.subarray(bodyLength + 64, bodyLength + 128)))
    return fail('BAD_NEXT_KEY_SIGNATURE');
  if (!eq(fields.get(1) as Uint8Array, state.fleetId)) return fail('WRONG_FLEET');
  const deviceId = fields.get(2);
  if (deviceId && !(state.deviceId && eq(deviceId, state.deviceId))) return fail('WRONG_DEVICE');
  if (sequence <= state.lastSequence) return fail('ROLLBACK');
  if (BigInt(now) < notBefore) return fail('NOT_YET_VALID');
  if (BigInt(now) > notAfter) return fail('EXPIRED');
  const revoke: Uint8Array[] = [];
  const rv = fields.get(4);
  if (rv) for (let i = 0; i < rv.length; i += 32) revoke.push(rv.subarray(i, i + 32));
  const isRevoked = (id: Uint8Array) =>
    revoke.some((r) => eq(r, id)) || state.revokedKeyIds.some((r) => eq(r, id));
  let trusted = [...state.trustedKeys];
  if (nextKey) {
    const nextId = keyId(nextKey);
    if (eq(nextId, signerKeyId) || isRevoked(nextId) || trusted.some((k) => eq(keyId(k), nextId)))
      return fail('INVALID_ROTATION');
    trusted = trusted.map((k) => (eq(k, signer) ? nextKey : k));
  }
  trusted = trusted.filter((k) => !revoke.some((r) => eq(r, keyId(k))));
  if (trusted.length === 0) return fail('INVALID_ROTATION');
  const revoked = [...state.revokedKeyIds];
  for (const r of revoke) if (!revoked.some((x) => eq(x, r))) revoked.push(r);
  if (revoked.length > 64) return fail('REVOKED_LIST_FULL');
  const next: DeviceUpdateState = {
    ...state,
    trustedKeys: trusted,
    revokedKeyIds: revoked,
    lastSequence: sequence,
  };
  return { ok: true, roots: splitRoots(fields.get(5) as Uint8Array) as Uint8Array[], sequence, state: next };
}
