// What each rejection of a signed trust-bundle update means and what to do about it, for
// `hubtrust bundle verify` (names and numbers: packages/verify/FORMAT.md §Errors; the verifier
// returns the name). Typed against the verifier's names, so a new code cannot be left unexplained.
import type { UpdateRejection } from '@hubtrust/roots/node';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';

/** Meaning and fix of every rejection. */
export const UPDATE_REJECTION_TEXT: Readonly<Record<UpdateRejection, { meaning: string; fix: string }>> = {
  TRUNCATED: {
    meaning: 'shorter than its header or its declared lengths',
    fix: 'the file was cut short in transfer: fetch it again',
  },
  TRAILING_BYTES: { meaning: 'bytes after the last signature', fix: 'the file was altered or concatenated' },
  TOO_LARGE: { meaning: 'over 32,768 bytes', fix: 'not an update this format allows' },
  BAD_MAGIC: { meaning: 'not an update (no "HTBU" magic)', fix: 'give the .htbu file `bundle sign` wrote' },
  UNSUPPORTED_VERSION: { meaning: 'a format version this verifier does not know', fix: 'update hubtrust' },
  UNSUPPORTED_ALGORITHM: {
    meaning: 'a signature algorithm this verifier does not know',
    fix: 'sign with ECDSA P-256 (`bundle sign`)',
  },
  MALFORMED_HEADER: {
    meaning: 'reserved bytes, body length, sequence 0 or an empty validity window',
    fix: 'the header was altered',
  },
  UNKNOWN_FIELD: { meaning: 'a field tag outside 1 – 5', fix: 'the body was altered' },
  DUPLICATE_FIELD: { meaning: 'a field twice', fix: 'the body was altered' },
  FIELD_ORDER: { meaning: 'fields out of order', fix: 'the body was altered' },
  FIELD_SIZE: { meaning: 'a field longer or shorter than its range', fix: 'the body was altered' },
  MALFORMED_FIELD: {
    meaning: "a field's value breaks its rules or runs past the body",
    fix: 'the body was altered',
  },
  MISSING_FIELD: { meaning: 'FLEET_ID or ROOTS absent', fix: 'the body was altered' },
  KEY_REVOKED: {
    meaning: 'signed by a key the device has revoked',
    fix: 'sign with a current key (--revoked lists the ids the device keeps)',
  },
  UNKNOWN_KEY: {
    meaning: 'signed by a key the device does not trust',
    fix: 'give the public key the firmware pins with --trusted-key, or sign with it',
  },
  BAD_SIGNATURE: {
    meaning: 'the signature does not verify: the update was altered after signing (or is not canonical)',
    fix: 'never install it; fetch the update from its publisher again',
  },
  BAD_NEXT_KEY_SIGNATURE: {
    meaning: 'the next key (key rotation) did not sign the update',
    fix: 'the update was altered after signing',
  },
  WRONG_FLEET: {
    meaning: 'for another fleet',
    fix: 'check --fleet (the id the device was provisioned with)',
  },
  WRONG_DEVICE: {
    meaning: 'for another device',
    fix: 'check --device (an Azure device ID or AWS thing name)',
  },
  ROLLBACK: {
    meaning: 'not newer than the last installed update (a replay or a rollback)',
    fix: 'publish with a higher --sequence than the device last installed (--last-sequence)',
  },
  NOT_YET_VALID: { meaning: 'before its notBefore', fix: "check the device's clock (--at), or wait" },
  EXPIRED: { meaning: 'after its notAfter', fix: 'publish a new update with a later --not-after' },
  INVALID_ROTATION: {
    meaning: 'the key rotation or revocation would leave no usable key, or reuses a key',
    fix: 'rotate to a fresh key that is neither trusted nor revoked',
  },
  REVOKED_LIST_FULL: {
    meaning: 'the device cannot remember more revoked keys (64)',
    fix: 'revoke fewer keys',
  },
  INVALID_STATE: {
    meaning: 'the device state given is malformed (1 – 4 trusted P-256 keys, at most 64 revoked ids)',
    fix: 'check --trusted-key and --revoked',
  },
};

/** A refused update: exit 1, the verifier's code and its FORMAT.md number. */
export class UpdateRejectedError extends CliError {
  constructor(
    file: string,
    readonly code: UpdateRejection,
    readonly number: number,
  ) {
    const text = UPDATE_REJECTION_TEXT[code];
    super(`${file} rejected: ${code} (${number}): ${text.meaning}`, EXIT.checkFailed, text.fix);
  }
}
