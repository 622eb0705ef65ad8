// Shared benchmark helpers: median-of-batches timing and the results table.
// Each bench/<area>.bench.mjs default-exports `async function (ctx)` returning rows
// { group, name, ours, peer, peerName, target? , note? } with times in ns per operation
// (ours = hubtrust, peer = the named comparison). run.mjs prints them as ratios and writes
// bench/results.json and bench/results.md.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The package's public API (dist/index.js) on its own instance of the given build ('portable' or
 * 'simd'): the API keeps one module instance per module graph, so each variant gets a copy of
 * dist/ in a temporary directory (removed at exit). Lets one bench run measure both builds
 * interleaved.
 */
export async function apiOn(variant) {
  const dir = mkdtempSync(join(tmpdir(), `hubtrust-bench-${variant}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(fileURLToPath(new URL('../dist', import.meta.url)), join(dir, 'dist'), { recursive: true });
  const api = await import(pathToFileURL(join(dir, 'dist', 'index.js')).href);
  api.initSync(variant);
  return api;
}

/**
 * Times `fn` in `batches` batches of enough iterations to last ~`batchMs` each and returns the
 * median nanoseconds per call. Warm-up runs first.
 */
export function measure(fn, { batches = 7, batchMs = 150, warmupMs = 100 } = {}) {
  let iterations = 1;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) fn();
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= batchMs / 4) {
      iterations = Math.max(1, Math.round((iterations * batchMs) / dt));
      break;
    }
    iterations *= 2;
  }
  const samples = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(((performance.now() - t0) * 1e6) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/**
 * Measures several competitors interleaved batch by batch (A B C A B C ..., each batch ~batchMs):
 * the 2-core machine is shared, and a neighbour hogging the sibling hyperthread then slows every
 * competitor alike instead of whichever happened to be running. Returns the median ns per call of
 * each. A function that returns a promise (the WebCrypto-based peers) is awaited on every call;
 * a synchronous one runs in a plain loop, so it pays no await.
 */
export async function measureInterleaved(fns, { batchMs = 20, batches = 41, warmupMs = 150 } = {}) {
  const names = Object.keys(fns);
  const runs = {};
  for (const name of names) {
    const fn = fns[name];
    const first = fn();
    const isAsync = first !== null && typeof first === 'object' && typeof first.then === 'function';
    if (isAsync) await first;
    const run = isAsync ? runAsync(fn) : runSync(fn);
    const warmEnd = performance.now() + warmupMs;
    while (performance.now() < warmEnd) await run(1);
    let n = 1;
    for (;;) {
      const dt = await run(n);
      if (dt >= batchMs / 4) {
        n = Math.max(1, Math.round((n * batchMs) / dt));
        break;
      }
      n *= 2;
    }
    runs[name] = { run, n };
  }
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let b = 0; b < batches; b++) {
    for (const name of names) {
      const { run, n } = runs[name];
      samples[name].push(((await run(n)) * 1e6) / n);
    }
  }
  return Object.fromEntries(
    names.map((k) => [k, samples[k].sort((a, b) => a - b)[Math.floor(samples[k].length / 2)]]),
  );
}

/**
 * The clock of measureInterleaved, in milliseconds: wall time (default), or with
 * HUBTRUST_BENCH_CLOCK=cpu the CPU time of this process (all its threads, GC and the WebCrypto
 * thread pool included, as bench/ab.mjs times its batches). On a machine loaded past its cores a
 * neighbour's time slices then no longer land in whichever batch was running.
 */
const now =
  process.env.HUBTRUST_BENCH_CLOCK === 'cpu'
    ? () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();

/** The clock measureInterleaved uses ('wall' or 'cpu'), for the table's header. */
export const benchClock = process.env.HUBTRUST_BENCH_CLOCK === 'cpu' ? 'cpu' : 'wall';

/** n calls of a synchronous fn, in milliseconds. */
function runSync(fn) {
  return (n) => {
    const t0 = now();
    for (let i = 0; i < n; i++) fn();
    return now() - t0;
  };
}

/** n awaited calls of an async fn, in milliseconds. */
function runAsync(fn) {
  return async (n) => {
    const t0 = now();
    for (let i = 0; i < n; i++) await fn();
    return now() - t0;
  };
}

/** Formats nanoseconds for humans. */
export function fmtTime(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}
