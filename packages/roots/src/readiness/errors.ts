// Typed errors of the readiness analysis.

/** Stable codes of {@link ReadinessError}. */
export type ReadinessErrorCode =
  | 'EMPTY_BUNDLE' // the bundle was read but holds no certificate or anchor
  | 'UNREADABLE_BUNDLE' // the bundle could not be read at all (every entry failed)
  | 'UNKNOWN_DEVICE_PROFILE'
  | 'INVALID_ARGUMENT';

/** A readiness input the analysis cannot work with, said plainly. */
export class ReadinessError extends Error {
  readonly code: ReadinessErrorCode;
  constructor(code: ReadinessErrorCode, message: string) {
    super(message);
    this.name = 'ReadinessError';
    this.code = code;
  }
}
