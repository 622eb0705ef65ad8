// Results of a run and how they become an exit code.
import { EXIT_CODES, type FailureKind } from '../errors.js';

/** Final status of one case on one board. */
export type CaseStatus = 'passed' | 'skipped' | FailureKind;

/** One case on one board, after its last attempt. */
export interface CaseResult {
  readonly id: string;
  readonly suite: string;
  readonly board: string;
  readonly status: CaseStatus;
  /** The failure message (first line is the summary). */
  readonly message: string | null;
  /** Attempts made (retries happen only after rig faults). */
  readonly attempts: number;
  readonly durationMs: number;
  readonly firmwareHash: string | null;
  readonly bundle: string | null;
  readonly quarantined: boolean;
  /** Artifact files (console logs per attempt, flasher output, ...). */
  readonly artifacts: readonly string[];
  /** Facts the case recorded (observer verdicts, hub records). */
  readonly facts: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
}

/** A whole run. */
export interface RunReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly rig: string | null;
  readonly inventory: string;
  readonly shard: string;
  readonly results: readonly CaseResult[];
  readonly exitCode: number;
}

/**
 * The run's exit code. Quarantined and skipped cases never count. Precedence: a rig fault (2)
 * makes the whole run untrustworthy and wins; then a timeout (3); then a failure or device
 * crash (1); else 0.
 */
export function exitCodeOfResults(results: readonly CaseResult[]): number {
  const counted = results.filter((r) => !r.quarantined && r.status !== 'skipped' && r.status !== 'passed');
  if (counted.some((r) => r.status === 'rig-fault')) return EXIT_CODES.rigFault;
  if (counted.some((r) => r.status === 'timeout')) return EXIT_CODES.timeout;
  if (counted.length > 0) return EXIT_CODES.testFailed;
  return EXIT_CODES.passed;
}
