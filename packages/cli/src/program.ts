// The commander program of `hubtrust`: the conventions every command shares (exit override so
// main() decides the exit code, output to the run's io, colour only when allowed, help that
// ends with examples and the exit-code table) and the command modules.
import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';
import { type CommandContext, examples } from './context.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { colorEnabled } from './io.js';

/** Builds a fresh program for one run. */
export function createProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('hubtrust')
    .description(
      "Will your IoT device trust its cloud hub's TLS chain — today, after the next root migration, and on the day a root expires?",
    )
    .version(ctx.version, '-v, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHasColors: () => colorEnabled(io.stdout, io.env),
      getErrHasColors: () => colorEnabled(io.stderr, io.env),
      outputError: (text, write) => write(ctx.err.red(text)),
    })
    .configureHelp({
      styleTitle: (text) => ctx.out.bold(text),
      styleCommandText: (text) => ctx.out.cyan(text),
      sortSubcommands: false,
    })
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText(
      'after',
      `\n${EXIT_CODES_HELP}\n\nColour only on a terminal, never with NO_COLOR set. Results go to stdout; errors and progress to stderr.\n`,
    );
  examples(program, [
    ['hubtrust inspect myhub.azure-devices.net:8883', 'what an IoT hub sends'],
    [
      'hubtrust verify chain.pem --roots certs.pem --host myhub.azure-devices.net',
      'will a device with these roots trust it?',
    ],
    ['hubtrust hub-sim --scenario expired-leaf', 'a local hub serving a broken chain, for device tests'],
    ['hubtrust <command> --help', 'options and examples of a command'],
  ]);
  for (const command of COMMANDS) command.register(program, ctx);
  return program;
}
