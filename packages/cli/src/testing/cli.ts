// Test helpers (excluded from the build and the package): run the CLI in-process with captured
// output, run the built binary as a real process, validate --json output against the committed
// schemas, and make temporary folders that are removed after the test.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

/** What one run printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  isTTY?: boolean;
  signal?: AbortSignal;
  /** Standard input (for `-` arguments); none by default. */
  stdin?: CliIo['stdin'];
}

/** Runs `hubtrust <argv>` in-process. NO_COLOR is unset and the streams are not TTYs unless asked. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const isTTY = options.isTTY ?? false;
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t), isTTY },
    stderr: { write: (t: string) => (stderr += t), isTTY },
    ...(options.stdin ? { stdin: options.stdin } : {}),
    env: options.env ?? {},
    signal: options.signal ?? new AbortController().signal,
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

/** The built binary. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** A running `hubtrust` process. */
export interface Spawned {
  /** Resolves when stdout or stderr matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code and all output. */
  done: Promise<RunResult>;
  pid: number;
}

/** Starts the built binary with `args`. */
export function spawnCli(args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of waiters.filter((w) => w.pattern.test(stdout + stderr))) w.resolve();
  };
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    check();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    check();
  });
  const done = new Promise<RunResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr })),
  );
  return {
    pid: child.pid as number,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stdout + stderr)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}: ${stdout}${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        void done.then(() => {
          clearTimeout(timer);
          if (!pattern.test(stdout + stderr))
            reject(new Error(`exited before ${pattern}: ${stdout}${stderr}`));
        });
      }),
    signal: (name) => child.kill(name),
    done,
  };
}

/** Runs the built binary to completion. */
export function runBin(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return spawnCli(args, env).done;
}

const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

let ajv: Ajv2020 | undefined;

/** Validates a --json output against `schemas/<name>.v1.schema.json`; returns the errors (empty when valid). */
export function schemaErrors(name: string, value: unknown): string[] {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    for (const file of readdirSync(SCHEMA_DIR))
      ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));
    // Schemas of other packages the CLI's $ref (bundle check embeds roots' readiness report).
    for (const external of ['@hubtrust/roots/schemas/readiness-v1.schema.json'])
      ajv.addSchema(JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(external)), 'utf8')));
  }
  const validate = ajv.getSchema(`urn:hubtrust:schema:${name}:v1`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** A temporary folder removed after the test file. */
export function tempDir(prefix = 'hubtrust-cli-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
