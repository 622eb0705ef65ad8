// The whole public surface of @hubtrust/cli (the `hubtrust` binary is dist/bin.js).
export { COMMANDS, type Command, type CommandResult, cliVersion } from './commands.js';
export { main } from './main.js';
