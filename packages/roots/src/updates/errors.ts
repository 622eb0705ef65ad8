// Typed errors of building and signing trust-bundle updates.

/** Stable codes of {@link UpdateError}. */
export type UpdateErrorCode =
  | 'INVALID_ARGUMENT' // an input the format cannot carry (names, counts, dates, keys)
  | 'TOO_LARGE' // the update would exceed the format's 32 KiB
  | 'SIGNER_FAILED'; // the signer threw or returned a signature that does not verify

/** Why an update could not be built or signed. */
export class UpdateError extends Error {
  readonly code: UpdateErrorCode;
  constructor(code: UpdateErrorCode, message: string) {
    super(message);
    this.name = 'UpdateError';
    this.code = code;
  }
}
