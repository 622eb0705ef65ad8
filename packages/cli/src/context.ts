// What every command module gets: the io, colour styles for each stream, and helpers for the
// conventions all commands share (help examples, --json, --timeout, --at, --html). A command is
// one module under src/commands/ that registers itself on the commander program with these.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type CliIo, type Styles, stylesFor } from './io.js';

/** The shared state of one `hubtrust` run. */
export interface CommandContext {
  readonly io: CliIo;
  /** Styles for stdout (results). */
  readonly out: Styles;
  /** Styles for stderr (errors, warnings). */
  readonly err: Styles;
  /** The CLI's version. */
  readonly version: string;
  /** The time the run started (the default of `--at`). */
  readonly now: Date;
  /**
   * Wraps an action so its returned exit code becomes the run's exit code.
   * @example cmd.action(ctx.action(async (file, opts) => { ...; return EXIT.ok; }))
   */
  action<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void>;
}

/** One command: registers itself (and its subcommands) on the program. */
export interface CommandModule {
  /** The command's name, as typed. */
  readonly name: string;
  register(program: Command, ctx: CommandContext): void;
}

/** The CLI's version (from its package.json). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Creates the context of one run; `exitCode` reads what the action returned. */
export function createContext(io: CliIo, now = new Date()): CommandContext & { exitCode(): number } {
  let code = 0;
  return {
    io,
    out: stylesFor(io.stdout, io.env),
    err: stylesFor(io.stderr, io.env),
    version: cliVersion(),
    now,
    action(run) {
      return async (...args) => {
        code = await run(...args);
      };
    },
    exitCode: () => code,
  };
}

/**
 * Appends an "Examples:" block to a command's help.
 * @example examples(cmd, [['hubtrust inspect chain.pem', 'list the certificates of a file']])
 */
export function examples(command: Command, list: readonly (readonly [string, string])[]): Command {
  const lines = list.map(([line, what]) => `  # ${what}\n  $ ${line}`);
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n\n')}\n`);
}

/** Writes `value` as one JSON document (pretty, one trailing newline) to stdout. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
