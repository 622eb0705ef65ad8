// What to do about each rejection of a signed trust-bundle update, for `hubtrust bundle verify`.
// What a rejection means is verify's own text (UPDATE_RESULT_MESSAGES, generated from
// update-abi.json with FORMAT.md §Errors); this table adds only the fix. Typed against the
// verifier's names, so a new code cannot be left without one.
import { UPDATE_RESULT_MESSAGES, type UpdateRejection } from '@hubtrust/verify';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';

/** The fix of every rejection. */
export const UPDATE_REJECTION_FIX: Readonly<Record<UpdateRejection, string>> = {
  TRUNCATED: 'the file was cut short in transfer: fetch it again',
  TRAILING_BYTES: 'the file was altered or concatenated',
  TOO_LARGE: 'not an update this format allows',
  BAD_MAGIC: 'give the .htbu file `bundle sign` wrote',
  UNSUPPORTED_VERSION: 'update hubtrust',
  UNSUPPORTED_ALGORITHM: 'sign with ECDSA P-256 (`bundle sign`)',
  MALFORMED_HEADER: 'the header was altered',
  UNKNOWN_FIELD: 'the body was altered',
  DUPLICATE_FIELD: 'the body was altered',
  FIELD_ORDER: 'the body was altered',
  FIELD_SIZE: 'the body was altered',
  MALFORMED_FIELD: 'the body was altered',
  MISSING_FIELD: 'the body was altered',
  KEY_REVOKED: 'sign with a current key (--revoked lists the ids the device keeps)',
  UNKNOWN_KEY: 'give the public key the firmware pins with --trusted-key, or sign with it',
  BAD_SIGNATURE: 'never install it; fetch the update from its publisher again',
  BAD_NEXT_KEY_SIGNATURE: 'the update was altered after signing',
  WRONG_FLEET: 'check --fleet (the id the device was provisioned with)',
  WRONG_DEVICE: 'check --device (an Azure device ID or AWS thing name)',
  ROLLBACK: 'publish with a higher --sequence than the device last installed (--last-sequence)',
  NOT_YET_VALID: "check the device's clock (--at), or wait",
  EXPIRED: 'publish a new update with a later --not-after',
  INVALID_ROTATION: 'rotate to a fresh key that is neither trusted nor revoked',
  REVOKED_LIST_FULL: 'revoke fewer keys',
  INVALID_STATE: 'check --trusted-key and --revoked',
};

/** A refused update: exit 1, the verifier's code and its FORMAT.md number. */
export class UpdateRejectedError extends CliError {
  constructor(
    file: string,
    readonly code: UpdateRejection,
    readonly number: number,
  ) {
    super(
      `${file} rejected: ${code} (${number}): ${UPDATE_RESULT_MESSAGES[code]}`,
      EXIT.checkFailed,
      UPDATE_REJECTION_FIX[code],
    );
  }
}
