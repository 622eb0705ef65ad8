import { COMMANDS, type CommandResult } from './commands.js';

/**
 * Runs the CLI with the given arguments (without `node` and the script path).
 * With no arguments it prints the version and the command list (the `npm start` default).
 */
export async function main(argv: readonly string[]): Promise<CommandResult> {
  const [name = 'help', ...rest] = argv;
  const alias: Record<string, string> = {
    '--help': 'help',
    '-h': 'help',
    '--version': 'version',
    '-v': 'version',
  };
  const command = COMMANDS.find((c) => c.name === (alias[name] ?? name));
  if (!command) {
    return { stdout: `hubtrust: unknown command "${name}". Run "hubtrust help".\n`, exitCode: 2 };
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { stdout: `hubtrust ${command.name}: ${message}\n`, exitCode: 1 };
  }
}
