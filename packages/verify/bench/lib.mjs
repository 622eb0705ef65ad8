// Shared benchmark helpers: median-of-batches timing and the results table.
// Each bench/<area>.bench.mjs default-exports `async function (ctx)` returning rows
// { group, name, ours, peer, peerName, target? , note? } with times in ns per operation
// (ours = hubtrust, peer = the named comparison). run.mjs prints them as ratios and writes
// bench/results.json and bench/results.md.
import { performance } from 'node:perf_hooks';

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

/** Measures several competitors interleaved (A B C A B C ...) so machine noise hits all alike. */
export function measureSideBySide(fns, options = {}) {
  const rounds = options.rounds ?? 3;
  const results = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(fns)) results[name].push(measure(fn, { ...options, batches: 5 }));
  }
  return Object.fromEntries(
    Object.entries(results).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]]),
  );
}

/**
 * Measures several competitors interleaved batch by batch (A B C A B C ..., each batch ~batchMs):
 * finer than measureSideBySide, so a neighbour's load on the shared machine hits every competitor
 * alike. Returns the median ns per call of each.
 */
export function measureInterleaved(fns, { batchMs = 20, batches = 41, warmupMs = 150 } = {}) {
  const names = Object.keys(fns);
  const iterations = {};
  for (const name of names) {
    const fn = fns[name];
    const warmEnd = performance.now() + warmupMs;
    while (performance.now() < warmEnd) fn();
    let n = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn();
      const dt = performance.now() - t0;
      if (dt >= batchMs / 4) {
        iterations[name] = Math.max(1, Math.round((n * batchMs) / dt));
        break;
      }
      n *= 2;
    }
  }
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let b = 0; b < batches; b++) {
    for (const name of names) {
      const fn = fns[name];
      const n = iterations[name];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn();
      samples[name].push(((performance.now() - t0) * 1e6) / n);
    }
  }
  return Object.fromEntries(
    names.map((k) => [k, samples[k].sort((a, b) => a - b)[Math.floor(samples[k].length / 2)]]),
  );
}

/** Formats nanoseconds for humans. */
export function fmtTime(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}
