// Runs one `hubtrust` command line and returns its exit code. Everything the run touches comes
// through `io`, so tests call this in-process; bin.ts gives it the real process.
import { CommanderError } from 'commander';
import { createContext } from './context.js';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { createProgram } from './program.js';

/**
 * Runs the CLI with `argv` (without `node` and the script path).
 * @returns the exit code (see EXIT): 0 ok, 1 check failed, 2 usage/input, 3 timeout, 130 interrupted
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), processIo());
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = createContext(io);
  const program = createProgram(ctx);
  let current = 'hubtrust';
  program.hook('preAction', (_program, action) => {
    const names: string[] = [];
    for (let c: typeof action | null = action; c && c !== program; c = c.parent) names.unshift(c.name());
    current = `hubtrust ${names.join(' ')}`;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      io.stderr.write(`${ctx.err.red(`${current}: ${error.message}`)}\n`);
      if (error.fix) io.stderr.write(`  ${ctx.err.bold('fix:')} ${error.fix}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(
      `${current}: internal error (a bug in hubtrust; please report it with the command line):\n${detail}\n`,
    );
    return EXIT.internal;
  }
}
