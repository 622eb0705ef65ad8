// What a suite in hil/ is: named cases, each run against a board fixture. Suites are TypeScript
// modules whose default export is `defineSuite({...})`.
import type { SerialConsole } from '../console/serial-console.js';
import type { FirmwareBundle } from '../flashers/flasher.js';
import type { BoardSpec } from '../inventory/types.js';

/** What a case gets: the board, flashed with the case's bundle, its console open. */
export interface BoardFixture {
  readonly spec: BoardSpec;
  readonly console: SerialConsole;
  /** Directory of this attempt's artifacts (raw.log and lines.log are already there). */
  readonly artifactDir: string;
  /** The bundle the board runs (null when the case named none). */
  readonly bundle: FirmwareBundle | null;
  readonly firmwareHash: string;
  /** Adds a file to the case's artifacts. */
  attach(file: string): void;
  /** Adds a fact to the case's report entry (observer verdicts, hub records). */
  record(key: string, value: unknown): void;
}

/** One test case. */
export interface HilCase {
  /** Stable id within its suite (`azure/baltimore-only/expired-leaf`); reports and sharding use it. */
  readonly id: string;
  /** Trust bundle the board must run (flashing happens before the case when it differs). */
  readonly bundle?: FirmwareBundle;
  /** Tags a board needs to run this case (all of them). */
  readonly tags?: readonly string[];
  /** Whole-case deadline. Default 60 s. */
  readonly timeoutMs?: number;
  /** Throws to fail: HilError kinds decide the status, anything else is a test failure. */
  run(board: BoardFixture): Promise<void>;
}

/** A suite. */
export interface HilSuite {
  readonly name: string;
  /** The cases (may be computed: a matrix). */
  cases(): readonly HilCase[] | Promise<readonly HilCase[]>;
}

/**
 * Declares a suite (identity function, for types).
 * @example
 * ```ts
 * export default defineSuite({ name: 'smoke', cases: () => [{ id: 'boots', run: async (b) => { await b.console.expect('ready'); } }] });
 * ```
 */
export function defineSuite(suite: HilSuite): HilSuite {
  return suite;
}
