// `hubtrust hil run|list`: the hardware-in-the-loop runner of @hubtrust/hil. The options are
// the runner's own option schema (HIL_ARGS, through the generated copy) mapped onto commander,
// `--inventory` spelled `--rig`; commander's values go back through hil's parseHilArgs, so the
// runner validates them as its own `hubtrust-hil` bin does. Suites are loaded once and handed to
// listHil (to size the progress display) and runHil. Exit codes are hil's, which are the CLI's:
// 0 all passed, 1 a test failed or the device crashed, 2 rig fault, 3 timeout; Ctrl-C stops the
// run through its signal (boards shut down, locks released) and exits 130.
import { resolve } from 'node:path';
import type { HilArg, ListedCase, RunReport } from '@hubtrust/hil';
import { escapeXml, isoSeconds, type ReportSection } from '@hubtrust/report';
import { type Command, Option } from 'commander';
import { type CommandContext, type CommandModule, examples, writeJson } from '../context.js';
import { CliError, InterruptedError } from '../errors.js';
import type { ExitCode } from '../exit-codes.js';
import { writeHtmlReport } from '../html-output.js';
import { HIL_ARGS_COPY } from './hil-args.generated.js';

/** Version of the `hil run --json` and `hil list --json` shapes (schemas/hil-run.v1, hil-list.v1). */
export const HIL_SCHEMA_VERSION = 1;

/** HIL_ARGS names spelled differently on the command line. */
const CLI_NAME: Readonly<Record<string, string>> = { inventory: 'rig' };

type Values = Record<string, string | boolean | string[] | undefined>;

const collect = (value: string, previous: string[] = []) => [...previous, value];
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Adds the options of `command` ('run' or 'list') from HIL_ARGS. */
function addHilOptions(cmd: Command, command: 'run' | 'list'): void {
  for (const arg of HIL_ARGS_COPY.filter((a) => a.commands.includes(command))) {
    const name = CLI_NAME[arg.name] ?? arg.name;
    if (arg.type === 'boolean') {
      // `--json` is added by the command itself with its schema.
      if (arg.name !== 'json') cmd.option(`--${name}`, arg.description);
      continue;
    }
    const flags = `--${name} <${arg.name === 'inventory' ? 'inventory' : (arg.value ?? 'value')}>`;
    const description =
      arg.multiple && !/repeatable/.test(arg.description)
        ? `${arg.description}; repeatable`
        : arg.description;
    if (arg.multiple) cmd.option(flags, description, collect);
    else cmd.option(flags, description);
  }
}

/**
 * The runner's argv for `command`, from commander's values: every HIL_ARGS option given, with
 * file and directory values resolved against the run's working directory.
 */
export function hilArgv(command: 'run' | 'list', values: Values, cwd: string): string[] {
  const argv: string[] = [command];
  const path = (arg: HilArg, v: string) =>
    arg.value === 'file' || arg.value === 'dir' ? resolve(cwd, v) : v;
  for (const arg of HIL_ARGS_COPY.filter((a) => a.commands.includes(command))) {
    const value = values[camel(CLI_NAME[arg.name] ?? arg.name)];
    if (value === undefined || value === false) continue;
    if (arg.type === 'boolean') argv.push(`--${arg.name}`);
    else
      for (const v of Array.isArray(value) ? value : [String(value)])
        argv.push(`--${arg.name}`, path(arg, v));
  }
  return argv;
}

/** What the runner threw, as the CLI's error with hil's exit code. */
function asCliError(hil: typeof import('@hubtrust/hil'), error: unknown, ctx: CommandContext): unknown {
  if (ctx.io.signal.aborted) return new InterruptedError();
  if (!(error instanceof hil.HilError)) return error;
  const fix =
    error instanceof hil.InventoryError
      ? 'fix the inventory at the places named (hil/README.md describes the format)'
      : /needs --inventory/.test(error.message)
        ? 'give --rig <inventory> (e.g. hil/rigs/sim.yaml) and --suite <file> (e.g. hil/suites/conformance.ts)'
        : undefined;
  const message = error.message.replace('--inventory', '--rig');
  return new CliError(message, hil.exitCodeOf(hil.failureKindOf(error)) as ExitCode, fix);
}

function listText(cases: readonly ListedCase[]): string {
  const lines = cases.map(
    (c) =>
      `${c.id}  [${c.boards.join(', ') || 'no board'}]${c.bundle ? `  bundle ${c.bundle}` : ''}${c.quarantined ? '  (quarantined)' : ''}`,
  );
  return `${lines.join('\n')}\n${cases.length} case(s)\n`;
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  passed: 'passed',
  skipped: 'skipped',
  'test-failed': 'FAILED',
  'device-crash': 'CRASHED',
  'rig-fault': 'RIG FAULT',
  timeout: 'TIMEOUT',
};

function counts(report: RunReport) {
  const n = (status: string) => report.results.filter((r) => r.status === status).length;
  const passed = n('passed');
  const skipped = n('skipped');
  return { passed, skipped, failed: report.results.length - passed - skipped };
}

/** The results as an HTML section: one row per case, the observers' verdicts when recorded. */
export function hilResultsSection(report: RunReport): ReportSection {
  const rows = report.results.map((r) => {
    const observers = r.facts.observers as
      | { board?: { cause: string }; prediction?: { cause: string }; hub?: { summary: string } }
      | undefined;
    const cls = r.status === 'passed' || r.status === 'skipped' ? '' : ' class="state-fail"';
    return `<tr><td>${escapeXml(r.id)}</td><td>${escapeXml(r.board)}</td><td${cls}>${escapeXml(STATUS_TEXT[r.status] ?? r.status)}${r.quarantined ? ' (quarantined)' : ''}</td><td>${escapeXml(observers?.board?.cause ?? '')}</td><td>${escapeXml(observers?.prediction?.cause ?? '')}</td><td>${escapeXml(observers?.hub?.summary ?? '')}</td><td>${(r.durationMs / 1000).toFixed(1)} s</td><td>${escapeXml(r.message?.split('\n')[0] ?? '')}</td></tr>`;
  });
  const { passed, failed, skipped } = counts(report);
  return {
    heading: 'HIL results',
    subtitle: `rig ${report.rig ?? report.inventory}, shard ${report.shard}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${(report.durationMs / 1000).toFixed(1)} s (exit ${report.exitCode})`,
    html: `<table><thead><tr><th>case</th><th>board</th><th>status</th><th>board log</th><th>prediction</th><th>hub record</th><th>time</th><th>message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  };
}

interface ListOptions {
  json?: boolean;
}

async function listCases(values: Values, ctx: CommandContext, command: 'run' | 'list') {
  const hil = await import('@hubtrust/hil');
  try {
    const parsed = hil.parseHilArgs(hilArgv(command, values, ctx.io.cwd)).options;
    // The inventory first: its errors come at once, before suites are compiled.
    const inventory =
      typeof parsed.inventory === 'string' ? hil.loadInventory(parsed.inventory) : parsed.inventory;
    const options = { ...parsed, inventory };
    const suites = await hil.loadSuites(options.suites);
    const cases = await hil.listHil({ ...options, suites });
    return { hil, options, suites, cases };
  } catch (error) {
    throw asCliError(hil, error, ctx);
  }
}

function writeList(ctx: CommandContext, values: Values, cases: readonly ListedCase[], json: boolean) {
  if (json)
    writeJson(ctx.io, {
      schemaVersion: HIL_SCHEMA_VERSION,
      command: 'hil list',
      rig: resolve(ctx.io.cwd, String(values.rig)),
      shard: (values.shard as string | undefined) ?? '1/1',
      cases,
    });
  else ctx.io.stdout.write(listText(cases));
}

export const hilCommand: CommandModule = {
  name: 'hil',
  register(program, ctx) {
    const hil = program
      .command('hil')
      .summary('run hardware-in-the-loop suites on a rig of boards (or the simulated one)')
      .description(
        'Hardware in the loop (@hubtrust/hil): flash boards of a rig with trust bundles, watch their serial consoles and check that they connect to valid hubs and refuse broken ones. `hil/rigs/sim.yaml` is a simulated rig (a native mbedTLS 2.28 board behind a pty); `hil/rigs/example-lab.yaml` shows physical boards.',
      );
    examples(hil, [
      [
        'hubtrust hil list --rig hil/rigs/sim.yaml --suite hil/suites/conformance.ts',
        'the cases of the conformance matrix',
      ],
      [
        'hubtrust hil run --rig hil/rigs/sim.yaml --suite hil/suites/conformance.ts --filter azure/',
        'the Azure half on the simulated board',
      ],
    ]);

    const list = hil
      .command('list')
      .summary('the cases a run would execute, without touching a board')
      .description(
        'List the cases of the suites for the selected boards (--board, --tag) and shard, quarantined ones marked. Touches no board.',
      );
    addHilOptions(list, 'list');
    list.addOption(new Option('--json', 'print the cases as JSON (schema: schemas/hil-list.v1.schema.json)'));
    examples(list, [
      ['hubtrust hil list --rig hil/rigs/sim.yaml --suite hil/suites/conformance.ts', 'every case'],
      [
        'hubtrust hil list --rig hil/rigs/example-lab.yaml --suite hil/suites/conformance.ts --tag esp32 --shard 2/4 --json',
        'what the second of four CI jobs runs on the ESP32 boards, as JSON',
      ],
    ]);
    list.action(
      ctx.action(async (opts: ListOptions & Values) => {
        const { cases } = await listCases(opts, ctx, 'list');
        writeList(ctx, opts, cases, opts.json === true);
        return 0;
      }),
    );

    const run = hil
      .command('run')
      .summary('run the suites on the rig: reports, progress, exit 0/1/2/3')
      .description(
        'Run the suites on the selected boards: flash each board with the bundles its cases need, run the cases in a deterministic order (--shard i/N splits them across CI jobs), retry only after rig faults, and write JUnit XML and JSON reports (default under hil-results/). Progress goes to stderr, one line per finished case. Exit code: 0 all passed, 1 a test failed or a device crashed, 2 rig fault (board, port, flasher, inventory), 3 timeout; quarantined and skipped cases never count.',
      );
    addHilOptions(run, 'run');
    run
      .option('--list', 'print the cases this run would execute and stop (as `hil list`)')
      .addOption(
        new Option(
          '--json',
          'print the run report (or, with --list, the cases) as JSON (schema: schemas/hil-run.v1.schema.json)',
        ),
      )
      .option('--html <file>', 'also write a self-contained HTML report of the results');
    examples(run, [
      [
        'hubtrust hil run --rig hil/rigs/sim.yaml --suite hil/suites/conformance.ts --filter azure/azure-recommended/current',
        'one case on the simulated board',
      ],
      [
        'hubtrust hil run --rig lab.yaml --suite hil/suites/conformance.ts --tag esp32 --shard 1/2 --quarantine hil/quarantine.json',
        'the first half on the ESP32 boards of a lab, known failures quarantined',
      ],
      [
        'hubtrust hil run --rig hil/rigs/sim.yaml --suite hil/suites/conformance.ts --list --json',
        'what would run, as JSON',
      ],
    ]);
    run.action(
      ctx.action(async (opts: Values & { list?: boolean; json?: boolean; html?: string }) => {
        const { hil: api, options, suites, cases } = await listCases(opts, ctx, 'run');
        if (opts.list) {
          writeList(ctx, opts, cases, opts.json === true);
          return 0;
        }
        const total = cases.reduce((n, c) => n + Math.max(1, c.boards.length), 0);
        if (total === 0)
          throw new CliError('no case to run', 2, 'check --filter, --board, --tag and --shard');
        let report: RunReport;
        try {
          report = await api.runHil({
            ...options,
            outDir: options.outDir ?? resolve(ctx.io.cwd, 'hil-results'),
            suites,
            progress: api.terminalProgress(
              total,
              ctx.io.stderr as NodeJS.WritableStream & { isTTY?: boolean },
            ),
            signal: ctx.io.signal,
          });
        } catch (error) {
          throw asCliError(api, error, ctx);
        }
        const outDir = options.outDir ?? resolve(ctx.io.cwd, 'hil-results');
        const files = {
          junit: options.junit || resolve(outDir, 'junit.xml'),
          json: options.json || resolve(outDir, 'report.json'),
          html: null as string | null,
        };
        if (opts.html !== undefined)
          files.html = writeHtmlReport(
            opts.html,
            {
              title: `hubtrust hil run: ${report.rig ?? report.inventory}`,
              generator: `hubtrust ${ctx.version} hil run`,
              generatedAt: ctx.now,
              sections: [hilResultsSection(report)],
            },
            ctx,
            !opts.json,
          );
        if (opts.json) {
          writeJson(ctx.io, {
            schemaVersion: HIL_SCHEMA_VERSION,
            command: 'hil run',
            ...report,
            reports: files,
          });
          return report.exitCode as ExitCode;
        }
        const s = ctx.out;
        const { passed, failed, skipped } = counts(report);
        const out = report.results
          .filter((r) => r.status !== 'passed' && r.status !== 'skipped')
          .map(
            (r) =>
              `${s.red(STATUS_TEXT[r.status] ?? r.status)} ${r.id} on ${r.board}: ${r.message?.split('\n')[0] ?? ''}\n`,
          );
        out.push(
          `${failed ? s.red(`✗ ${failed} failed`) : s.green('✓ all passed')}: ${passed} passed, ${failed} failed, ${skipped} skipped on rig ${report.rig ?? report.inventory}, shard ${report.shard}, in ${(report.durationMs / 1000).toFixed(1)} s (exit ${report.exitCode})\n`,
          `${s.dim('reports:')} ${files.junit}, ${files.json}${files.html ? `, ${files.html}` : ''}\n`,
          s.dim(`started ${isoSeconds(new Date(report.startedAt))}\n`),
        );
        ctx.io.stdout.write(out.join(''));
        return report.exitCode as ExitCode;
      }),
    );
  },
};
