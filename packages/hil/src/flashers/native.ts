// The `native` flasher and the simulated board's process.
//
// Flashing = compiling firmware-fixtures/native-board/board.c with the bundle's C source against
// Debian's static mbedTLS 2.28 (`-Wl,--wrap=calloc,--wrap=free,--wrap=time`: the heap budget
// and the unset clock, see board.c). Builds are cached by the SHA-256 of board.c, the bundle and
// the compiler line, so a nightly compiles each bundle once. "Running" = socat creating the
// board's console pty (the inventory's serial path) with the board program behind it:
// `socat pty,raw,echo=0,link=PATH EXEC:board,stderr`. A reset restarts socat, so the pty
// disappears and comes back like a USB CDC device re-enumerating.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RigFaultError } from '../errors.js';
import { runCommand } from '../run-command.js';
import type { FlashContext, FlashResult } from './flasher.js';

const LINK_FLAGS = [
  '-Wl,--wrap=calloc,--wrap=free,--wrap=time',
  '-Wl,-Bstatic',
  '-lmbedtls',
  '-lmbedx509',
  '-lmbedcrypto',
  '-Wl,-Bdynamic',
  '-lpthread',
];

/** The board program built for a bundle. */
export interface NativeBuild {
  readonly binary: string;
  /** SHA-256 of the inputs (board source, bundle, compiler line): the firmware hash. */
  readonly hash: string;
  readonly cached: boolean;
}

/**
 * Compiles the native board with a bundle (cached).
 * @throws RigFaultError when the sources are missing or the compiler fails (its output is in the message and the artifact).
 */
export async function buildNativeBoard(ctx: FlashContext): Promise<NativeBuild> {
  const spec = ctx.board.flasher;
  if (spec.type !== 'native') throw new RigFaultError('buildNativeBoard needs a native flasher');
  if (!ctx.bundle)
    throw new RigFaultError(
      `board "${ctx.board.id}": the native flasher needs a bundle (C source) to compile in`,
    );
  const source = spec.source ?? 'firmware-fixtures/native-board';
  let boardC: string;
  try {
    boardC = readFileSync(join(source, 'board.c'), 'utf8');
  } catch (cause) {
    throw new RigFaultError(`native board source not found in ${source}`, { cause });
  }
  const cc = spec.cc ?? 'cc';
  const compile = [
    cc,
    '-std=gnu11',
    '-O1',
    '-Wall',
    '-Wextra',
    '-I.',
    'board.c',
    'hubtrust_roots.c',
    '-o',
    'board',
    ...LINK_FLAGS,
  ];
  const hash = createHash('sha256')
    .update(boardC)
    .update('\0')
    .update(ctx.bundle.header)
    .update('\0')
    .update(ctx.bundle.source)
    .update('\0')
    .update(compile.join(' '))
    .digest('hex');
  const cache = ctx.cacheDir ?? join(tmpdir(), 'hubtrust-native-board');
  const dir = join(cache, hash.slice(0, 32));
  const binary = join(dir, 'board');
  if (existsSync(binary)) return { binary, hash, cached: true };
  const work = `${dir}.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'board.c'), boardC);
  writeFileSync(join(work, 'hubtrust_roots.h'), ctx.bundle.header);
  writeFileSync(join(work, 'hubtrust_roots.c'), ctx.bundle.source);
  await runCommand(compile, {
    cwd: work,
    timeoutMs: spec.timeoutMs ?? 120_000,
    outputFile: join(ctx.artifactDir, 'build.log'),
    what: 'native board build',
  });
  try {
    renameSync(work, dir); // atomic: a concurrent runner building the same hash loses the race harmlessly
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return { binary, hash, cached: false };
}

/** "Flashes" the native board: builds it for the bundle. */
export async function flashNative(ctx: FlashContext): Promise<FlashResult & { readonly binary: string }> {
  const started = Date.now();
  ctx.onProgress?.({ phase: 'compile', done: 0, total: 1 });
  const build = await buildNativeBoard(ctx);
  ctx.onProgress?.({ phase: 'compile', done: 1, total: 1 });
  return {
    firmwareHash: build.hash,
    durationMs: Date.now() - started,
    artifacts: build.cached ? [] : [join(ctx.artifactDir, 'build.log')],
    detail: { cached: build.cached ? 1 : 0, bundle: ctx.bundle?.name ?? '' },
    binary: build.binary,
  };
}

/**
 * The running simulated board: socat + the board program, console at `ptyPath`.
 * @example
 * ```ts
 * const board = new NativeBoardProcess(build.binary, '/tmp/rig/native-1');
 * await board.start();
 * // open a SerialConsole on /tmp/rig/native-1 ...
 * await board.stop();
 * ```
 */
export class NativeBoardProcess {
  private child: ChildProcess | null = null;

  constructor(
    readonly binary: string,
    readonly ptyPath: string,
  ) {}

  /** True while socat runs. */
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts socat and waits for the pty link (≤ 5 s).
   * @throws RigFaultError when socat fails or the link does not appear.
   */
  async start(): Promise<void> {
    if (this.running) return;
    mkdirSync(dirname(this.ptyPath), { recursive: true });
    try {
      unlinkSync(this.ptyPath); // a stale link from a killed run
    } catch {}
    // `wait-slave`: the board starts when the console opens the pty, as a real board is reset after
    // the harness opened its port, so the boot banner is never lost. EXEC gives the program a
    // socketpair for stdin/stdout; `stderr` joins its stderr to the console.
    const child = spawn(
      'socat',
      [`pty,raw,echo=0,wait-slave,link=${this.ptyPath}`, `EXEC:${this.binary},stderr`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const deadline = Date.now() + 5000;
    while (!existsSync(this.ptyPath)) {
      if (!this.running || Date.now() > deadline) {
        child.kill('SIGKILL');
        this.child = null;
        throw new RigFaultError(
          `native board: socat did not create ${this.ptyPath}${stderr ? `: ${stderr.trim()}` : ''}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops socat and the board (the pty disappears). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /** A reset: the board restarts and prints its banner again. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
