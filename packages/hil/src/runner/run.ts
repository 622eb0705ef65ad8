// runHil / listHil: the programmatic runner behind `hubtrust hil run|list` and `hubtrust-hil`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { failureKindOf, HilError, HilTimeoutError, RigFaultError } from '../errors.js';
import type { FlashProgress } from '../flashers/flasher.js';
import { loadInventory, selectBoards } from '../inventory/load.js';
import type { BoardSpec, Inventory } from '../inventory/types.js';
import { type BoardLock, BoardLocks } from '../lock.js';
import type { PortLister } from '../port-resolve.js';
import type { Binding } from '../serial-types.js';
import { BoardSession } from './board-session.js';
import { junitXml } from './junit.js';
import { type PlannedCase, parseShard, planRun, type Shard } from './plan.js';
import { type ProgressSink, terminalProgress } from './progress.js';
import { type CaseResult, exitCodeOfResults, type RunReport } from './results.js';
import type { BoardFixture, HilSuite } from './suite.js';

/** Options of {@link runHil} and {@link listHil}. */
export interface RunHilOptions {
  /** Inventory file, or an already loaded inventory. */
  readonly inventory: string | Inventory;
  /** Suite modules (`.ts` or `.js` files whose default export is a suite) or suite objects. */
  readonly suites: readonly (string | HilSuite)[];
  readonly board?: readonly string[];
  readonly tag?: readonly string[];
  /** `i/N`. */
  readonly shard?: string | Shard;
  /** Only cases whose id contains one of these. */
  readonly filter?: readonly string[];
  /** Retries after a rig fault (never after a test failure or crash). Default 1. */
  readonly retries?: number;
  /** Quarantine file: JSON `{ "quarantine": [{ "id": "suite/case", "reason": "..." }] }`. */
  readonly quarantine?: string;
  /** Where artifacts and reports go. Default `hil-results`. */
  readonly outDir?: string;
  /** JUnit XML path, or false. Default `<outDir>/junit.xml`. */
  readonly junit?: string | false;
  /** JSON report path, or false. Default `<outDir>/report.json`. */
  readonly json?: string | false;
  /** How long to wait for a board another runner holds. Default 0 (fail at once). */
  readonly lockWaitMs?: number;
  /** Lock directory (default: the inventory's `lockDir`, else `<outDir>/locks`). */
  readonly lockDir?: string;
  /** Firmware image for physical boards (overrides the inventory's). */
  readonly firmware?: string;
  /** Progress sink, or false for silence. Default: the terminal (stderr). */
  readonly progress?: ProgressSink | false;
  readonly binding?: Binding;
  readonly list?: PortLister;
  readonly cacheDir?: string;
  /**
   * Stops the run when aborted (the caller's Ctrl-C): no case starts after it, the running one
   * is abandoned, every board is shut down and its lock released, then runHil rejects with the
   * signal's reason and writes no report. With a signal the caller owns SIGINT/SIGTERM: the
   * locks do not install their own signal handlers.
   */
  readonly signal?: AbortSignal;
}

/** One entry of {@link listHil}. */
export interface ListedCase {
  readonly id: string;
  readonly suite: string;
  readonly boards: readonly string[];
  readonly bundle: string | null;
  readonly quarantined: boolean;
}

interface QuarantineFile {
  readonly quarantine: readonly { readonly id: string; readonly reason: string }[];
}

/** Reads a quarantine file. @throws RigFaultError when unreadable or an entry has no reason. */
export function readQuarantine(file: string): Set<string> {
  let data: QuarantineFile;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as QuarantineFile;
  } catch (cause) {
    throw new RigFaultError(`cannot read quarantine file ${file}: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(data.quarantine)) throw new RigFaultError(`${file}: expected { "quarantine": [...] }`);
  for (const q of data.quarantine) {
    if (typeof q.id !== 'string' || typeof q.reason !== 'string' || q.reason.trim() === '') {
      throw new RigFaultError(`${file}: every quarantined case needs an id and a reason`);
    }
  }
  return new Set(data.quarantine.map((q) => q.id));
}

function isSuite(value: unknown): value is HilSuite {
  const s = value as HilSuite | null;
  return typeof s?.name === 'string' && typeof s.cases === 'function';
}

/** Loads suite modules (TypeScript through Vite's module runner, JavaScript by import()). */
export async function loadSuites(entries: readonly (string | HilSuite)[]): Promise<HilSuite[]> {
  const out: HilSuite[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      out.push(entry);
      continue;
    }
    const file = resolve(entry);
    let mod: { default?: unknown };
    try {
      if (file.endsWith('.ts')) {
        // Vite's module runner strips the types (Node 20 cannot); vite is an optional peer.
        const { runnerImport } = await import('vite').catch(() => {
          throw new Error(
            'TypeScript suites need the "vite" package (vitest brings it): npm install -D vite',
          );
        });
        mod = (await runnerImport<{ default?: unknown }>(file)).module;
      } else mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: unknown };
    } catch (cause) {
      throw new RigFaultError(`cannot load suite ${entry}: ${(cause as Error).message}`, { cause });
    }
    if (!isSuite(mod.default))
      throw new RigFaultError(`suite ${entry} has no default export made with defineSuite()`);
    out.push(mod.default);
  }
  return out;
}

async function prepareRun(options: RunHilOptions) {
  const inventory =
    typeof options.inventory === 'string' ? loadInventory(options.inventory) : options.inventory;
  const boards = selectBoards(inventory, {
    ...(options.board ? { board: options.board } : {}),
    ...(options.tag ? { tag: options.tag } : {}),
  });
  const suites = await loadSuites(options.suites);
  const shard = typeof options.shard === 'string' ? parseShard(options.shard) : options.shard;
  const quarantine = options.quarantine ? readQuarantine(options.quarantine) : new Set<string>();
  const plan = await planRun(suites, boards, {
    ...(shard ? { shard } : {}),
    quarantine,
    ...(options.filter ? { filter: options.filter } : {}),
  });
  return { inventory, boards, plan, shard: shard ?? { index: 1, total: 1 } };
}

/**
 * The cases a run would execute, without touching any board.
 * @throws InventoryError, RigFaultError (unloadable suite, bad shard, bad quarantine file).
 */
export async function listHil(options: RunHilOptions): Promise<ListedCase[]> {
  const { plan } = await prepareRun(options);
  return plan.map((p) => ({
    id: p.id,
    suite: p.suite,
    boards: p.boards,
    bundle: p.testCase.bundle?.name ?? null,
    quarantined: p.quarantined,
  }));
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]+/g, '_');

function withTimeout<T>(work: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HilTimeoutError(`${what} took longer than ${ms} ms`)), ms);
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

/** Boards that share a queue: the inventory's `pool`, or the board alone. */
function poolsOf(boards: readonly BoardSpec[]): BoardSpec[][] {
  const pools = new Map<string, BoardSpec[]>();
  for (const b of boards) {
    const key = b.pool === undefined ? `board:${b.id}` : `pool:${b.pool}`;
    pools.set(key, [...(pools.get(key) ?? []), b]);
  }
  return [...pools.values()];
}

/** What every case of a run shares. */
interface RunContext {
  readonly options: RunHilOptions;
  readonly outDir: string;
  readonly progress: ProgressSink | null;
}

function resultBase(p: PlannedCase, board: string) {
  return {
    id: p.id,
    suite: p.suite,
    board,
    bundle: p.testCase.bundle?.name ?? null,
    quarantined: p.quarantined,
  };
}

/** One case on one board, with retries after rig faults. */
async function runCase(
  spec: BoardSpec,
  session: BoardSession,
  p: PlannedCase,
  ctx: RunContext,
): Promise<CaseResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const artifacts: string[] = [];
  const facts: Record<string, unknown> = {};
  let status: CaseResult['status'] = 'passed';
  let message: string | null = null;
  let attempt = 0;
  const retries = ctx.options.retries ?? 1;
  while (attempt <= retries) {
    attempt += 1;
    ctx.progress?.caseStarted(spec.id, p.id, attempt);
    const artifactDir = join(ctx.outDir, safe(spec.id), safe(p.id), `attempt-${attempt}`);
    artifacts.push(join(artifactDir, 'raw.log'), join(artifactDir, 'lines.log'));
    try {
      const timeout = p.testCase.timeoutMs ?? 60_000;
      await withTimeout(
        (async () => {
          const console = await session.prepare(p.testCase.bundle ?? null, artifactDir);
          const fixture: BoardFixture = {
            spec,
            console,
            artifactDir,
            bundle: p.testCase.bundle ?? null,
            firmwareHash: session.firmwareHash,
            attach: (file) => artifacts.push(file),
            record: (key, value) => {
              facts[key] = value;
            },
          };
          await p.testCase.run(fixture);
        })(),
        timeout,
        `case ${p.id}`,
        ctx.options.signal,
      );
      status = 'passed';
      message = null;
      break;
    } catch (error) {
      if (ctx.options.signal?.aborted) break;
      const kind = failureKindOf(error);
      status = kind;
      message =
        error instanceof Error
          ? error instanceof HilError
            ? error.message
            : `${error.name}: ${error.message}`
          : String(error);
      if (kind === 'test-failed') break;
      session.dirty = true; // crash, timeout or rig fault: boot afresh before the next case
      if (kind === 'rig-fault' && attempt <= retries) {
        await session.recover(artifactDir).catch(() => {});
        continue;
      }
      break;
    }
  }
  const result: CaseResult = {
    ...resultBase(p, spec.id),
    status,
    message,
    attempts: attempt,
    durationMs: Date.now() - started,
    firmwareHash: session.firmwareHash || null,
    artifacts,
    facts,
    startedAt,
  };
  ctx.progress?.caseFinished(result);
  return result;
}

/** Key of a case's bundle (cases without one run on whatever the board carries). */
const bundleKey = (p: PlannedCase) => p.testCase.bundle?.source ?? null;

/**
 * The next case for a board of a pool: one with the bundle it already runs (no flash), else the
 * first of a bundle no other board of the pool is running, else the first it can run. Cases
 * with a bundle come before those without (which run on whatever the board was flashed with).
 */
function nextCase(
  queue: PlannedCase[],
  board: string,
  current: string | null | undefined,
  busy: ReadonlySet<string | null>,
): PlannedCase | undefined {
  const mine = queue.filter((p) => p.boards.includes(board));
  const pick =
    (current !== undefined ? mine.find((p) => bundleKey(p) === current) : undefined) ??
    mine.find((p) => bundleKey(p) !== null && !busy.has(bundleKey(p))) ??
    mine.find((p) => bundleKey(p) !== null) ??
    mine[0];
  if (pick) queue.splice(queue.indexOf(pick), 1);
  return pick;
}

/**
 * Runs a pool's cases on its boards: each locked board takes the next case from the shared queue
 * until it is empty, so equivalent boards split the work; a board alone is a pool of one.
 */
async function runPool(
  specs: readonly BoardSpec[],
  cases: readonly PlannedCase[],
  locks: BoardLocks,
  ctx: RunContext,
): Promise<CaseResult[]> {
  type Held = { spec: BoardSpec; lock: BoardLock } | { spec: BoardSpec; error: Error };
  const held = await Promise.all(
    specs.map(async (spec): Promise<Held> => {
      try {
        return { spec, lock: await locks.acquire(spec.id, { waitMs: ctx.options.lockWaitMs ?? 0 }) };
      } catch (error) {
        return { spec, error: error as Error };
      }
    }),
  );
  const workers = held.filter((h): h is Extract<Held, { lock: BoardLock }> => 'lock' in h);
  if (workers.length === 0) {
    const now = new Date().toISOString();
    const message = held.map((h) => ('error' in h ? h.error.message : '')).join('; ');
    return cases.map((p) => ({
      ...resultBase(p, specs.map((s) => s.id).join('|')),
      status: 'rig-fault',
      message,
      attempts: 0,
      durationMs: 0,
      firmwareHash: null,
      artifacts: [],
      facts: {},
      startedAt: now,
    }));
  }
  const queue = [...cases];
  const running = new Map<string, string | null>(); // board → bundle key of the case it runs
  const results: CaseResult[] = [];
  await Promise.all(
    workers.map(async ({ spec, lock }) => {
      const session = new BoardSession(spec, {
        outDir: ctx.outDir,
        ...(ctx.options.binding ? { binding: ctx.options.binding } : {}),
        ...(ctx.options.list ? { list: ctx.options.list } : {}),
        ...(ctx.options.cacheDir ? { cacheDir: ctx.options.cacheDir } : {}),
        ...(ctx.options.firmware ? { firmware: ctx.options.firmware } : {}),
        onFlashProgress: (p: FlashProgress) => ctx.progress?.flashProgress(spec.id, p),
      });
      try {
        for (;;) {
          if (ctx.options.signal?.aborted) break;
          const busy = new Set([...running].filter(([b]) => b !== spec.id).map(([, k]) => k));
          const p = nextCase(queue, spec.id, session.bundleSource, busy);
          if (!p) break;
          running.set(spec.id, bundleKey(p));
          const result = await runCase(spec, session, p, ctx);
          // An abandoned case (Ctrl-C) is no result: runHil rejects and writes no report.
          if (ctx.options.signal?.aborted) break;
          results.push(result);
          running.delete(spec.id);
        }
      } finally {
        await session.shutdown().catch(() => {});
        lock.release();
      }
    }),
  );
  return results;
}

/**
 * Runs the suites on the selected boards and writes the reports. Test outcomes never throw: they
 * are in the report and its `exitCode`.
 * @throws InventoryError / RigFaultError when the run cannot start (inventory, suites, shard, lock directory);
 *   `options.signal`'s reason when it aborts (after every board was shut down).
 * @example
 * ```ts
 * const report = await runHil({ inventory: 'hil/rigs/sim.yaml', suites: ['hil/suites/conformance.ts'], shard: '1/2' });
 * process.exitCode = report.exitCode;
 * ```
 */
export async function runHil(options: RunHilOptions): Promise<RunReport> {
  const started = Date.now();
  const { inventory, boards, plan, shard } = await prepareRun(options);
  const outDir = resolve(options.outDir ?? 'hil-results');
  mkdirSync(outDir, { recursive: true });
  const lockDir = options.lockDir ?? inventory.lockDir ?? join(outDir, 'locks');
  const locks = new BoardLocks({
    dir: isAbsolute(lockDir) ? lockDir : resolve(lockDir),
    handleSignals: options.signal === undefined,
  });
  const pools = poolsOf(boards);
  const poolCases = pools.map((pool) => plan.filter((p) => pool.some((b) => p.boards.includes(b.id))));
  const total =
    poolCases.reduce((n, c) => n + c.length, 0) + plan.filter((p) => p.boards.length === 0).length;
  const progress = options.progress === false ? null : (options.progress ?? terminalProgress(total));
  const results: CaseResult[] = [];
  const now = new Date().toISOString();
  for (const p of plan.filter((c) => c.boards.length === 0)) {
    const r: CaseResult = {
      ...resultBase(p, '-'),
      status: 'skipped',
      message: `no selected board has the tags ${(p.testCase.tags ?? []).join(', ')}`,
      attempts: 0,
      durationMs: 0,
      firmwareHash: null,
      artifacts: [],
      facts: {},
      startedAt: now,
    };
    results.push(r);
    progress?.caseFinished(r);
  }
  const ctx: RunContext = { options, outDir, progress };
  try {
    const perPool = await Promise.all(pools.map((pool, i) => runPool(pool, poolCases[i] ?? [], locks, ctx)));
    results.push(...perPool.flat());
  } finally {
    locks.close();
    progress?.done();
  }
  options.signal?.throwIfAborted();
  const report: RunReport = {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    rig: inventory.rig ?? null,
    inventory: inventory.file,
    shard: `${shard.index}/${shard.total}`,
    results,
    exitCode: exitCodeOfResults(results),
  };
  const junit = options.junit ?? join(outDir, 'junit.xml');
  const json = options.json ?? join(outDir, 'report.json');
  for (const [file, text] of [
    [junit, () => junitXml(report)],
    [json, () => `${JSON.stringify(report, null, 2)}\n`],
  ] as const) {
    if (file === false) continue;
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, text());
  }
  return report;
}
