// The command table of `hubtrust`: one entry per command, in the order `help` lists them.
import { readFileSync } from 'node:fs';
import { init, pemToDer, splitPem } from '@hubtrust/verify';

/** What a command writes and the exit code it asks for. */
export interface CommandResult {
  readonly stdout: string;
  readonly exitCode: number;
}

/** One CLI command. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[]): Promise<CommandResult>;
}

/** The CLI's version (from its package.json). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `hubtrust ${cliVersion()} — will your device trust its cloud hub's TLS chain?`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Every command that exists so far. */
export const COMMANDS: readonly Command[] = [
  {
    name: 'help',
    usage: 'hubtrust help',
    summary: 'list the commands',
    run: async () => ({ stdout: helpText(), exitCode: 0 }),
  },
  {
    name: 'version',
    usage: 'hubtrust version',
    summary: 'print the version',
    run: async () => ({ stdout: `${cliVersion()}\n`, exitCode: 0 }),
  },
  {
    name: 'pem',
    usage: 'hubtrust pem <file>',
    summary: 'list the certificates in a PEM file (count and DER sizes)',
    run: async (args) => {
      const [file] = args;
      if (!file) return { stdout: 'usage: hubtrust pem <file>\n', exitCode: 2 };
      await init();
      const text = readFileSync(file, 'utf8');
      const certs = splitPem(text);
      if (certs.length === 0) pemToDer(text); // throws the typed "no CERTIFICATE block" error
      const lines = certs.map((der, i) => `  #${i}: ${der.length} bytes DER`);
      return { stdout: `${certs.length} certificate(s) in ${file}\n${lines.join('\n')}\n`, exitCode: 0 };
    },
  },
  // ---- hub simulator (issue 5) ----
  {
    name: 'hub-sim',
    usage: 'hubtrust hub-sim --scenario <name>',
    summary: 'run a simulated IoT hub on loopback until Ctrl-C (--list for scenarios)',
    // Loaded on use: @hubtrust/hub-sim pulls in aedes (~0.1-0.2 s) that no other command needs.
    async run(args) {
      const { interruptSignal, runHubSim } = await import('./hub-sim-command.js');
      return runHubSim(args, { write: (text) => process.stdout.write(text), signal: interruptSignal() });
    },
  },
];
