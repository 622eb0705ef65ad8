// The signed trust-bundle update format, version 1: constants and the body encoder. The format is
// specified in packages/verify/FORMAT.md (verification belongs to @hubtrust/verify); this package
// builds and signs updates. Every number here is FORMAT.md's.

/** `HTBU`: the first four bytes of every update. */
export const UPDATE_MAGIC = Uint8Array.of(0x48, 0x54, 0x42, 0x55);
/** Format version this package writes. */
export const UPDATE_FORMAT_VERSION = 1;
/** Signature algorithm 1: ECDSA over P-256 with SHA-256, signature as r ‖ s (32 + 32 bytes, low s). */
export const UPDATE_ALG_ECDSA_P256_SHA256 = 1;
/** Fixed header: magic, version, algorithm, reserved, body length, sequence, notBefore, notAfter, signer key id. */
export const UPDATE_HEADER_BYTES = 64;
/** One signature: r ‖ s. */
export const UPDATE_SIGNATURE_BYTES = 64;
/** Largest update a verifier accepts (FORMAT.md §Limits). */
export const UPDATE_MAX_BYTES = 32_768;

/** Field tags, in the order they must appear (each at most once). */
export const UPDATE_FIELD = Object.freeze({
  FLEET_ID: 1,
  DEVICE_ID: 2,
  NEXT_KEY: 3,
  REVOKE: 4,
  ROOTS: 5,
});

/** Field limits (FORMAT.md §Fields). */
export const UPDATE_LIMITS = Object.freeze({
  fleetIdBytes: 64,
  deviceIdBytes: 128,
  revokedPerUpdate: 16,
  roots: 64,
  rootBytes: 4096,
  /** Key ids a device keeps revoked (the reference device state). */
  deviceRevokedKeyIds: 64,
  /** Signing keys a device trusts at once. */
  deviceTrustedKeys: 4,
});

/** The fixed header of an update. */
export interface UpdateHeader {
  /** Monotonic sequence number, 1 … 2^32 − 1 (anti-rollback). */
  sequence: number;
  /** Validity, Unix seconds (notBefore < notAfter). */
  notBefore: number;
  notAfter: number;
  /** SHA-256 of the signing key's uncompressed point. */
  signerKeyId: Uint8Array;
}

/** One encoded field. */
export interface UpdateField {
  tag: number;
  value: Uint8Array;
}

/**
 * The signed part of an update: header and fields, in the order given (the caller keeps them
 * canonical; `buildUpdateBody` in build.ts does). Low level: no checks beyond what fits the bytes.
 */
export function encodeUpdateBody(
  header: UpdateHeader,
  fields: readonly UpdateField[],
  raw: { version?: number; algorithm?: number; reserved?: number; bodyLength?: number } = {},
): Uint8Array {
  const bodyLength = UPDATE_HEADER_BYTES + fields.reduce((n, f) => n + 3 + f.value.length, 0);
  const out = new Uint8Array(bodyLength);
  const v = new DataView(out.buffer);
  out.set(UPDATE_MAGIC, 0);
  out[4] = raw.version ?? UPDATE_FORMAT_VERSION;
  out[5] = raw.algorithm ?? UPDATE_ALG_ECDSA_P256_SHA256;
  v.setUint16(6, raw.reserved ?? 0);
  v.setUint32(8, raw.bodyLength ?? bodyLength);
  v.setUint32(12, header.sequence);
  v.setBigUint64(16, BigInt(header.notBefore));
  v.setBigUint64(24, BigInt(header.notAfter));
  out.set(header.signerKeyId, 32);
  let at = UPDATE_HEADER_BYTES;
  for (const f of fields) {
    out[at] = f.tag;
    v.setUint16(at + 1, f.value.length);
    out.set(f.value, at + 3);
    at += 3 + f.value.length;
  }
  return out;
}

/** Byte-wise order of two byte strings (a shorter prefix sorts first). */
export function compareUpdateBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
