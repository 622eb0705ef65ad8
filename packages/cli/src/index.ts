// The whole public surface of @hubtrust/cli (the `hubtrust` binary is dist/bin.js): run the CLI
// in-process, for tools that embed it and for tests.
export { COMMANDS } from './commands/index.js';
export type { CommandContext, CommandModule } from './context.js';
export { CliError } from './errors.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export type { CliIo, OutputStream } from './io.js';
export { processIo } from './io.js';
export { main } from './main.js';
