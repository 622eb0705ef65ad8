// Builds and signs trust-bundle updates (format: packages/verify/FORMAT.md). The body is
// canonical — fields in tag order, each once; revoked key ids and roots sorted byte-wise with no
// duplicates — so one set of inputs gives one body, byte for byte.
import { sha256 } from '@hubtrust/verify';
import { type CertificateInput, decodeInputs } from '../formats/writer-input.js';
import { UpdateError } from './errors.js';
import {
  compareUpdateBytes,
  encodeUpdateBody,
  UPDATE_FIELD,
  UPDATE_LIMITS,
  UPDATE_MAX_BYTES,
  UPDATE_SIGNATURE_BYTES,
  type UpdateField,
} from './format.js';
import { signCanonical, type UpdateSigner, updateKeyId } from './signer.js';

/** What an update carries. */
export interface TrustBundleUpdateInput {
  /** The complete set of roots the device installs (it replaces the previous set). */
  roots: readonly CertificateInput[];
  /** Monotonic sequence number, 1 … 2^32 − 1: devices refuse any update not above the last they took. */
  sequence: number;
  /** The update is valid from `notBefore` through `notAfter` (whole seconds). */
  notBefore: Date;
  notAfter: Date;
  /** The fleet the update is for (1–64 visible ASCII characters); devices refuse other fleets'. */
  fleetId: string;
  /** Only this device may install it: an Azure device ID or an AWS thing name (1–128 visible ASCII). */
  deviceId?: string;
  /**
   * Rotate the signing key: the device replaces the key that signs this update by this one (a
   * 65-byte uncompressed P-256 point), which must sign the update too (`nextKeySigner`).
   */
  nextKeySigner?: UpdateSigner;
  /** Key ids (SHA-256 of a signing key's point, see `updateKeyId`) the device must never trust again. */
  revokeKeyIds?: readonly Uint8Array[];
}

/** A built and signed update. */
export interface TrustBundleUpdate {
  bytes: Uint8Array;
  /** The signed part (header and fields). */
  body: Uint8Array;
  signerKeyId: Uint8Array;
  /** SHA-256 (hex) of each root, in the update's (sorted) order. */
  roots: string[];
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function ascii(value: string, what: string, max: number): Uint8Array {
  if (typeof value !== 'string' || value.length < 1 || value.length > max || !VISIBLE_ASCII.test(value)) {
    throw new UpdateError('INVALID_ARGUMENT', `${what}: 1–${max} visible ASCII characters (0x21–0x7E)`);
  }
  return new TextEncoder().encode(value);
}

function seconds(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t) || t < 0 || t % 1000 !== 0)
    throw new UpdateError('INVALID_ARGUMENT', `${what}: a date after 1970 in whole seconds`);
  return t / 1000;
}

/** The canonical fields of an update (FORMAT.md §Fields). */
export function updateFields(input: TrustBundleUpdateInput, nextKey?: Uint8Array): UpdateField[] {
  const fields: UpdateField[] = [
    { tag: UPDATE_FIELD.FLEET_ID, value: ascii(input.fleetId, 'fleetId', UPDATE_LIMITS.fleetIdBytes) },
  ];
  if (input.deviceId !== undefined)
    fields.push({
      tag: UPDATE_FIELD.DEVICE_ID,
      value: ascii(input.deviceId, 'deviceId', UPDATE_LIMITS.deviceIdBytes),
    });
  if (nextKey) fields.push({ tag: UPDATE_FIELD.NEXT_KEY, value: nextKey });
  const revoke = [...(input.revokeKeyIds ?? [])];
  if (revoke.length > 0) {
    if (revoke.length > UPDATE_LIMITS.revokedPerUpdate)
      throw new UpdateError('INVALID_ARGUMENT', `revokeKeyIds: at most ${UPDATE_LIMITS.revokedPerUpdate}`);
    for (const id of revoke)
      if (!(id instanceof Uint8Array) || id.length !== 32)
        throw new UpdateError('INVALID_ARGUMENT', 'revokeKeyIds: 32-byte key ids (updateKeyId)');
    revoke.sort(compareUpdateBytes);
    for (let i = 1; i < revoke.length; i++)
      if (compareUpdateBytes(revoke[i - 1] as Uint8Array, revoke[i] as Uint8Array) === 0)
        throw new UpdateError('INVALID_ARGUMENT', 'revokeKeyIds: a key id is listed twice');
    const value = new Uint8Array(32 * revoke.length);
    for (const [i, id] of revoke.entries()) value.set(id, 32 * i);
    fields.push({ tag: UPDATE_FIELD.REVOKE, value });
  }
  const roots = decodeInputs(input.roots, 'roots').map((c) => c.der);
  if (roots.length > UPDATE_LIMITS.roots)
    throw new UpdateError('INVALID_ARGUMENT', `roots: at most ${UPDATE_LIMITS.roots}`);
  roots.sort(compareUpdateBytes);
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i] as Uint8Array;
    if (r.length > UPDATE_LIMITS.rootBytes)
      throw new UpdateError(
        'INVALID_ARGUMENT',
        `roots: a certificate of ${r.length} bytes (at most ${UPDATE_LIMITS.rootBytes})`,
      );
    if (i > 0 && compareUpdateBytes(roots[i - 1] as Uint8Array, r) === 0)
      throw new UpdateError('INVALID_ARGUMENT', 'roots: the same certificate twice');
  }
  const total = roots.reduce((n, r) => n + r.length, 0);
  if (total > 0xffff)
    throw new UpdateError('TOO_LARGE', `roots: ${total} bytes do not fit one field (65,535)`);
  const value = new Uint8Array(total);
  let at = 0;
  for (const r of roots) {
    value.set(r, at);
    at += r.length;
  }
  fields.push({ tag: UPDATE_FIELD.ROOTS, value });
  return fields;
}

/**
 * Builds and signs a trust-bundle update: the roots and the metadata a device checks (sequence,
 * validity, fleet, device), optionally rotating the signing key and revoking key ids.
 * Verification is @hubtrust/verify's (FORMAT.md).
 * @throws UpdateError `INVALID_ARGUMENT` (bad names, dates, counts, keys), `TOO_LARGE`, `SIGNER_FAILED`
 * @example
 * ```ts
 * const signer = await webCryptoSigner(keyPair); // or { publicKey, sign } around a KMS
 * const u = await createTrustBundleUpdate(
 *   { roots: recommendedRoots('azure-all'), sequence: 7, notBefore, notAfter, fleetId: 'contoso-thermostats' },
 *   signer,
 * );
 * ```
 */
export async function createTrustBundleUpdate(
  input: TrustBundleUpdateInput,
  signer: UpdateSigner,
): Promise<TrustBundleUpdate> {
  if (!Number.isInteger(input.sequence) || input.sequence < 1 || input.sequence > 0xffffffff)
    throw new UpdateError('INVALID_ARGUMENT', 'sequence: an integer from 1 to 4294967295');
  const notBefore = seconds(input.notBefore, 'notBefore');
  const notAfter = seconds(input.notAfter, 'notAfter');
  if (!(notBefore < notAfter)) throw new UpdateError('INVALID_ARGUMENT', 'notBefore must be before notAfter');
  const signerKeyId = updateKeyId(signer.publicKey);
  const next = input.nextKeySigner;
  if (next) {
    const nextId = updateKeyId(next.publicKey);
    if (compareUpdateBytes(nextId, signerKeyId) === 0)
      throw new UpdateError(
        'INVALID_ARGUMENT',
        'nextKeySigner: the next key must differ from the signing key',
      );
    if ((input.revokeKeyIds ?? []).some((id) => compareUpdateBytes(id, nextId) === 0))
      throw new UpdateError('INVALID_ARGUMENT', 'revokeKeyIds: the update revokes its own next key');
  } else if ((input.revokeKeyIds ?? []).some((id) => compareUpdateBytes(id, signerKeyId) === 0)) {
    // Allowed by the format when the device holds other keys; refused here as almost always a mistake.
    throw new UpdateError('INVALID_ARGUMENT', 'revokeKeyIds: revoking the signing key without rotating it');
  }
  const fields = updateFields(input, next?.publicKey);
  const body = encodeUpdateBody({ sequence: input.sequence, notBefore, notAfter, signerKeyId }, fields);
  const size = body.length + UPDATE_SIGNATURE_BYTES * (next ? 2 : 1);
  if (size > UPDATE_MAX_BYTES)
    throw new UpdateError('TOO_LARGE', `the update would be ${size} bytes (at most ${UPDATE_MAX_BYTES})`);
  const signature = await signCanonical(signer, body, 'signer');
  const nextSignature = next ? await signCanonical(next, body, 'nextKeySigner') : undefined;
  const bytes = new Uint8Array(size);
  bytes.set(body, 0);
  bytes.set(signature, body.length);
  if (nextSignature) bytes.set(nextSignature, body.length + UPDATE_SIGNATURE_BYTES);
  const rootsField = fields.at(-1) as UpdateField;
  return { bytes, body, signerKeyId, roots: splitRoots(rootsField.value) };
}

/** SHA-256 (hex) of each DER certificate of a ROOTS field value. */
function splitRoots(value: Uint8Array): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < value.length) {
    const first = value[at + 1] as number;
    const octets = first < 0x80 ? 0 : first - 0x80;
    let len = first < 0x80 ? first : 0;
    for (let k = 0; k < octets; k++) len = len * 256 + (value[at + 2 + k] as number);
    const end = at + 2 + octets + len;
    out.push([...sha256(value.subarray(at, end))].map((b) => b.toString(16).padStart(2, '0')).join(''));
    at = end;
  }
  return out;
}
