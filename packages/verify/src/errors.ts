// Error codes and details as the host reports them: one rule for the numbers the module returns
// and one representation of the rule behind an error (ErrorDetail), shared by verifyChain,
// parseCertificate, verifySignature and the hashes. The tables are abi.json's.
import {
  ERROR_CODES,
  type ErrorCode,
  PATH_DETAIL_BASE,
  PATH_DETAILS,
  X509_DETAIL_BASE,
  X509_DETAILS,
} from './abi.generated.js';

/** The rule behind an error: a decoder detail code (below 200) or a path-validation one. */
export interface ErrorDetail {
  /** The number the module reports (abi.json details). */
  readonly code: number;
  /** Stable name, e.g. `SERIAL_ZERO`, `NAME_NOT_IN_SAN`. */
  readonly name: string;
  /** What the rule says, for people. */
  readonly text: string;
}

/**
 * Every detail code of the module (decoder and path validation), in code order,
 * for tools that list or translate them (CLI, web page).
 */
export const ERROR_DETAILS: readonly ErrorDetail[] = Object.freeze([
  ...X509_DETAILS.map(([name, text], i) => Object.freeze({ code: X509_DETAIL_BASE + i, name, text })),
  ...PATH_DETAILS.map(([name, text], i) => Object.freeze({ code: PATH_DETAIL_BASE + i, name, text })),
]);
const DETAIL_BY_CODE = new Map(ERROR_DETAILS.map((d) => [d.code, d]));

/**
 * The detail a code stands for; a number the table does not know (a newer module) is given a
 * placeholder name rather than dropped.
 */
export function errorDetail(code: number): ErrorDetail {
  return DETAIL_BY_CODE.get(code) ?? { code, name: `DETAIL_${code}`, text: `detail ${code}` };
}

/**
 * The one rule for error numbers from the module: the table's code, or INTERNAL for any other
 * number (a module newer than this host, or a broken one).
 */
export function errorCode(n: number): ErrorCode {
  return (ERROR_CODES[n] ?? 'INTERNAL') as ErrorCode;
}
