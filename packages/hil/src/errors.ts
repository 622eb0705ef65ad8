// Typed failures of a HIL run and the exit codes they map to (docs/architecture.md, "HIL exit
// codes": 0 all passed, 1 a test failed, 2 rig fault, 3 timeout).
//
// The split matters for retries: only rig faults are retried (the port, the flasher, the lab), a
// device that answers wrongly or crashes is a finding about the firmware and is never retried away.

/** Why a test did not pass. */
export type FailureKind =
  /** The device did the wrong thing (wrong verdict, unexpected line). */
  | 'test-failed'
  /** The device crashed or rebooted unexpectedly (panic, HardFault, unexpected boot banner). */
  | 'device-crash'
  /** The rig failed: port gone, flasher failed, board locked, inventory invalid. Retried. */
  | 'rig-fault'
  /** Nothing matched before a deadline (a silent board, a hung step). */
  | 'timeout';

/** Exit codes of `hubtrust hil run`. */
export const EXIT_CODES = { passed: 0, testFailed: 1, rigFault: 2, timeout: 3 } as const;

/** Base class of every error the harness raises on purpose. */
export class HilError extends Error {
  override readonly name: string = 'HilError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The rig failed (port, flasher, lock, inventory, power): exit 2, retried. */
export class RigFaultError extends HilError {
  override readonly name: string = 'RigFaultError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('rig-fault', message, options);
  }
}

/** A wait ran out (expect, flasher, board start): exit 3. */
export class HilTimeoutError extends HilError {
  override readonly name: string = 'HilTimeoutError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('timeout', message, options);
  }
}

/** The device did something a correct device must not do: exit 1. */
export class TestFailedError extends HilError {
  override readonly name: string = 'TestFailedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('test-failed', message, options);
  }
}

/** Maps a failure kind to its exit code; device crashes are test failures (exit 1). */
export function exitCodeOf(kind: FailureKind): number {
  switch (kind) {
    case 'rig-fault':
      return EXIT_CODES.rigFault;
    case 'timeout':
      return EXIT_CODES.timeout;
    default:
      return EXIT_CODES.testFailed;
  }
}

/**
 * The kind of any thrown value: a {@link HilError}'s own kind, `test-failed` for anything else
 * (an assertion in a suite).
 */
export function failureKindOf(error: unknown): FailureKind {
  return error instanceof HilError ? error.kind : 'test-failed';
}
