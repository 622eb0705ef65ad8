// The command-line surface of the runner, independent of any CLI framework: HIL_ARGS describes
// every option once (the `hubtrust hil run|list` command maps it onto commander), parseHilArgs
// reads argv with node:util's parseArgs, and main() is the small `hubtrust-hil` bin.
import { parseArgs } from 'node:util';
import { exitCodeOf, failureKindOf, HilError } from '../errors.js';
import { listHil, type RunHilOptions, runHil } from './run.js';

/** One option of `run` / `list`. */
export interface HilArg {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** May be given several times (collected into a list). */
  readonly multiple?: boolean;
  readonly description: string;
  /** Which commands take it. */
  readonly commands: readonly ('run' | 'list')[];
  /** Placeholder for help texts. */
  readonly value?: string;
}

const BOTH = ['run', 'list'] as const;

/** Every option, in help order. */
export const HIL_ARGS: readonly HilArg[] = [
  {
    name: 'inventory',
    type: 'string',
    value: 'file',
    description: 'rig inventory (YAML), e.g. hil/rigs/sim.yaml',
    commands: BOTH,
  },
  {
    name: 'suite',
    type: 'string',
    multiple: true,
    value: 'file',
    description: 'suite module (.ts/.js); repeatable',
    commands: BOTH,
  },
  {
    name: 'board',
    type: 'string',
    multiple: true,
    value: 'id',
    description: 'only this board; repeatable',
    commands: BOTH,
  },
  {
    name: 'tag',
    type: 'string',
    multiple: true,
    value: 'tag',
    description: 'only boards carrying every given tag',
    commands: BOTH,
  },
  {
    name: 'shard',
    type: 'string',
    value: 'i/N',
    description: 'run the i-th of N deterministic shards',
    commands: BOTH,
  },
  {
    name: 'filter',
    type: 'string',
    multiple: true,
    value: 'text',
    description: 'only cases whose id contains the text',
    commands: BOTH,
  },
  {
    name: 'quarantine',
    type: 'string',
    value: 'file',
    description: 'quarantine list (JSON): failures reported, not counted',
    commands: BOTH,
  },
  { name: 'json', type: 'boolean', description: 'list: print JSON', commands: ['list'] },
  {
    name: 'out',
    type: 'string',
    value: 'dir',
    description: 'artifacts and reports directory (default hil-results)',
    commands: ['run'],
  },
  {
    name: 'junit',
    type: 'string',
    value: 'file',
    description: 'JUnit XML report (default <out>/junit.xml)',
    commands: ['run'],
  },
  {
    name: 'report',
    type: 'string',
    value: 'file',
    description: 'JSON report (default <out>/report.json)',
    commands: ['run'],
  },
  {
    name: 'retries',
    type: 'string',
    value: 'n',
    description: 'retries after a rig fault (default 1)',
    commands: ['run'],
  },
  {
    name: 'lock-wait',
    type: 'string',
    value: 'seconds',
    description: 'wait for a board another runner holds (default 0)',
    commands: ['run'],
  },
  {
    name: 'firmware',
    type: 'string',
    value: 'file',
    description: 'firmware image for physical boards',
    commands: ['run'],
  },
];

/** Parsed command line. */
export interface ParsedHilArgs {
  readonly command: 'run' | 'list';
  readonly options: RunHilOptions;
  readonly json: boolean;
}

/**
 * Parses `run|list [options]`.
 * @throws HilError (rig-fault, exit 2) for an unknown command or option, or a missing --inventory / --suite.
 */
export function parseHilArgs(argv: readonly string[]): ParsedHilArgs {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'list')
    throw new HilError(
      'rig-fault',
      `usage: hubtrust-hil run|list --inventory <file> --suite <file> [options]`,
    );
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        HIL_ARGS.filter((a) => a.commands.includes(command)).map((a) => [
          a.name,
          { type: a.type, ...(a.multiple ? { multiple: true } : {}) },
        ]),
      ),
      strict: true,
      allowPositionals: false,
    }));
  } catch (cause) {
    throw new HilError('rig-fault', (cause as Error).message, { cause });
  }
  const str = (k: string) => values[k] as string | undefined;
  const list = (k: string) => values[k] as string[] | undefined;
  const inventory = str('inventory');
  const suites = list('suite');
  if (!inventory || !suites?.length)
    throw new HilError('rig-fault', `${command} needs --inventory and at least one --suite`);
  const num = (k: string) => {
    const v = str(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new HilError('rig-fault', `--${k} must be a non-negative number`);
    return n;
  };
  const retries = num('retries');
  const lockWait = num('lock-wait');
  const options: RunHilOptions = {
    inventory,
    suites,
    ...(list('board') ? { board: list('board') } : {}),
    ...(list('tag') ? { tag: list('tag') } : {}),
    ...(str('shard') ? { shard: str('shard') } : {}),
    ...(list('filter') ? { filter: list('filter') } : {}),
    ...(str('quarantine') ? { quarantine: str('quarantine') } : {}),
    ...(str('out') ? { outDir: str('out') } : {}),
    ...(str('junit') ? { junit: str('junit') } : {}),
    ...(str('report') ? { json: str('report') } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(lockWait !== undefined ? { lockWaitMs: lockWait * 1000 } : {}),
    ...(str('firmware') ? { firmware: str('firmware') } : {}),
  };
  return { command, options, json: values.json === true };
}

/**
 * The `hubtrust-hil` program: returns the exit code (0 passed, 1 test failed, 2 rig fault, 3 timeout).
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  try {
    const { command, options, json } = parseHilArgs(argv);
    if (command === 'list') {
      const cases = await listHil(options);
      if (json) out.write(`${JSON.stringify(cases, null, 2)}\n`);
      else
        for (const c of cases)
          out.write(
            `${c.id}  [${c.boards.join(', ') || 'no board'}]${c.quarantined ? ' (quarantined)' : ''}\n`,
          );
      return 0;
    }
    const report = await runHil(options);
    const count = (s: string) => report.results.filter((r) => r.status === s).length;
    out.write(
      `${count('passed')} passed, ${report.results.length - count('passed') - count('skipped')} failed, ${count('skipped')} skipped (${(report.durationMs / 1000).toFixed(1)} s) — exit ${report.exitCode}\n`,
    );
    return report.exitCode;
  } catch (error) {
    err.write(`hubtrust-hil: ${(error as Error).message}\n`);
    return exitCodeOf(failureKindOf(error) === 'test-failed' ? 'rig-fault' : failureKindOf(error));
  }
}
