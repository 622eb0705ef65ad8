// Runs an external tool (flashers, power switches, compilers) bounded in time and output:
// no shell (arguments are a list, placeholders filled per argument, so a path with spaces or
// `;` stays one argument), its own process group so a timeout kills the whole tree (openocd
// children, make's compilers), SIGTERM then SIGKILL after a grace period, output streamed to an
// artifact file (at most `maxOutputBytes`, default 4 MiB) with the last 8 KiB kept for messages.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RigFaultError } from './errors.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly timeoutMs: number;
  /** File that receives stdout and stderr. */
  readonly outputFile?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Default 4 MiB. */
  readonly maxOutputBytes?: number;
  /** Wait after SIGTERM before SIGKILL. Default 2 s. */
  readonly killGraceMs?: number;
  /** What the command is, for messages ("flasher", "power off"). */
  readonly what?: string;
}

/** How a command ended. */
export interface CommandResult {
  readonly exitCode: number;
  /** The last 8 KiB of output. */
  readonly tail: string;
  readonly durationMs: number;
}

const TAIL_BYTES = 8 * 1024;

/**
 * Fills `{name}` placeholders of a command template, one argument at a time.
 * @throws RigFaultError when a placeholder has no value.
 */
export function fillTemplate(
  template: readonly string[],
  values: Readonly<Record<string, string | undefined>>,
): string[] {
  return template.map((arg) =>
    arg.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
      const v = values[name];
      if (v === undefined)
        throw new RigFaultError(`command template ${JSON.stringify(template)}: no value for {${name}}`);
      return v;
    }),
  );
}

/**
 * Runs `argv` and resolves when it exits 0.
 * @throws RigFaultError when it cannot start, exits non-zero, or runs past `timeoutMs` (then it and its children are killed).
 */
export function runCommand(argv: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const [file, ...args] = argv;
  const what = options.what ?? 'command';
  if (!file) return Promise.reject(new RigFaultError(`${what}: empty command line`));
  const started = Date.now();
  const max = options.maxOutputBytes ?? 4 * 1024 * 1024;
  let out: ReturnType<typeof createWriteStream> | null = null;
  if (options.outputFile) {
    mkdirSync(dirname(options.outputFile), { recursive: true });
    out = createWriteStream(options.outputFile, { flags: 'a' });
    out.write(`$ ${argv.join(' ')}\n`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: kill(-pid) reaches its children
    });
    let tail = Buffer.alloc(0);
    let written = 0;
    let timedOut = false;
    const onData = (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
      if (out && written < max) {
        out.write(chunk.subarray(0, max - written));
        written += chunk.length;
        if (written >= max) out.write('\n[hil] output truncated\n');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs ?? 2000);
    }, options.timeoutMs);
    const finish = (error: Error | null, code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      // A child that exits while its group lingers (a daemonised helper) is cleaned up too.
      if (timedOut) killGroup('SIGKILL');
      const text = tail.toString('utf8');
      const durationMs = Date.now() - started;
      const settle = () => {
        if (error)
          return reject(new RigFaultError(`${what}: cannot run ${file}: ${error.message}`, { cause: error }));
        if (timedOut)
          return reject(
            new RigFaultError(
              `${what}: ${file} killed after its ${options.timeoutMs} ms timeout${text ? `; last output:\n${text.slice(-1000)}` : ''}`,
            ),
          );
        if (code !== 0)
          return reject(
            new RigFaultError(
              `${what}: ${file} exited with ${code ?? signal}${text ? `; last output:\n${text.slice(-1000)}` : ''}`,
            ),
          );
        resolve({ exitCode: 0, tail: text, durationMs });
      };
      // The artifact is complete before anyone reads it.
      if (out) out.end(`\n[hil] exit ${code ?? signal ?? error?.message} after ${durationMs} ms\n`, settle);
      else settle();
    };
    child.once('error', (e) => finish(e, null, null));
    child.once('close', (code, signal) => finish(null, code, signal));
  });
}
