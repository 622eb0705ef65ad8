// The typed error thrown by the synchronous API (verifySignature, parseCertificate) for inputs it
// cannot process. verifyChain reports failures as values instead ({ ok: false, error }).
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from './abi.generated.js';

/**
 * An error with a stable `code` from the one error table (errors.json), e.g. `MALFORMED`,
 * `UNSUPPORTED_ALGORITHM`, `KEY_ALGORITHM_MISMATCH`, `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * try { parseCertificate(bytes); } catch (e) { if (e instanceof VerifyError) console.log(e.code, e.detail); }
 * ```
 */
export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  /** Stable code (see ERROR_CODES). */
  readonly code: ErrorCode;
  /** Finer reason when the module gives one (e.g. the decoder rule that failed), else undefined. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message?: string, detail?: string) {
    super(message ?? (detail ? `${ERROR_MESSAGES[code]} (${detail})` : ERROR_MESSAGES[code]));
    this.code = code;
    this.detail = detail;
  }

  /** Builds the error for a numeric code returned by the wasm. */
  static fromWasm(code: number, detail?: string): VerifyError {
    const name = (ERROR_CODES[code] ?? 'INVALID_ARGUMENT') as ErrorCode;
    return new VerifyError(name, undefined, detail);
  }
}
