// The committed exceptions of the conformance matrix: each known disagreement between the board's
// verdict and another observer, with its reason. As in rustls-webpki's x509-limbo runner, an
// exception that no longer happens fails the case too, so the file cannot rot.
import { readFileSync } from 'node:fs';
import { RigFaultError } from '../errors.js';

/** One expected disagreement. */
export interface ConformanceException {
  /** Case id within the conformance suite (`azure/baltimore-only/large-chain`). */
  readonly case: string;
  /** Which observer disagrees with the board's verdict. */
  readonly observer: 'hub' | 'prediction';
  readonly reason: string;
}

/**
 * Reads `{ "exceptions": [...] }`.
 * @throws RigFaultError when unreadable or an entry lacks a case, a known observer or a reason.
 */
export function readExceptions(file: string): ConformanceException[] {
  let data: { exceptions?: unknown };
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as { exceptions?: unknown };
  } catch (cause) {
    throw new RigFaultError(`cannot read exceptions file ${file}: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(data.exceptions)) throw new RigFaultError(`${file}: expected { "exceptions": [...] }`);
  return data.exceptions.map((e: Partial<ConformanceException>, i) => {
    if (
      typeof e.case !== 'string' ||
      (e.observer !== 'hub' && e.observer !== 'prediction') ||
      typeof e.reason !== 'string' ||
      e.reason.trim().length < 10
    ) {
      throw new RigFaultError(
        `${file}: exceptions[${i}] needs "case", "observer" (hub|prediction) and a written "reason"`,
      );
    }
    return { case: e.case, observer: e.observer, reason: e.reason };
  });
}
