// The typed error thrown by the synchronous API (verifySignature, parseCertificate, the hashes)
// for inputs it cannot process. verifyChain reports failures as values instead ({ ok: false,
// error }), with the same code and the same ErrorDetail.
import { ERROR_MESSAGES, type ErrorCode } from './abi.generated.js';
import { type ErrorDetail, errorCode } from './errors.js';

/**
 * An error with a stable `code` from the one error table (abi.json), e.g. `MALFORMED`,
 * `UNSUPPORTED_ALGORITHM`, `KEY_ALGORITHM_MISMATCH`, `INVALID_ARGUMENT`, or `INTERNAL` when
 * verify.wasm trapped (a bug, never a verdict on the input), and when the module names the rule
 * behind it, `reason` (the same ErrorDetail verifyChain's errors carry).
 *
 * @example
 * ```ts
 * try { parseCertificate(bytes); } catch (e) { if (e instanceof VerifyError) console.log(e.code, e.reason?.name); }
 * ```
 */
export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  /** Stable code (see ERROR_CODES). */
  readonly code: ErrorCode;
  /** The rule behind the error when the module names one (e.g. the decoder rule that failed). */
  readonly reason: ErrorDetail | undefined;
  /**
   * The reason as text, `NAME: text` (kept for existing callers; `reason` has its parts).
   * @deprecated read `reason`
   */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message?: string, reason?: ErrorDetail | string) {
    const detail =
      typeof reason === 'string' ? reason : reason ? `${reason.name}: ${reason.text}` : undefined;
    super(message ?? (detail ? `${ERROR_MESSAGES[code]} (${detail})` : ERROR_MESSAGES[code]));
    this.code = code;
    this.reason = typeof reason === 'object' ? reason : undefined;
    this.detail = detail;
  }

  /** Builds the error for a number the wasm returned (errorCode: unknown numbers are INTERNAL). */
  static fromWasm(code: number, reason?: ErrorDetail | string): VerifyError {
    return new VerifyError(errorCode(code), undefined, reason);
  }
}
