// Serial flood bench: a separate writer process floods the device side of a socat pty at
// 1 MB/s for 60 s (numbered lines with garbage and ANSI colours); this process runs the
// harness's SerialConsole on the host side with its raw artifact on disk, as a test would, and
// samples its own RSS every 250 ms. Target (issue 16): RSS growth ≤ 16 MiB. Reports the baseline
// (after opening the console, before the flood), the peak, the growth, and whether every line
// arrived intact and in order.
// Usage: npm run bench -w @hubtrust/hil [-- --seconds 60 --rate 1000000 --history 1000 --default-gc]
// (runs through src/testing/run-ts.mjs: the TypeScript sources, no build needed)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { SerialConsole } from '../src/console/serial-console.js';
import { ptyPair } from '../src/testing/pty.js';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '1000000' },
    history: { type: 'string', default: '1000' },
    'default-gc': { type: 'boolean', default: false },
  },
});
// What the hubtrust-hil bin does at start (src/bin.ts); --default-gc measures without it.
if (!values['default-gc']) v8.setFlagsFromString('--optimize-for-size');
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const writer = fileURLToPath(new URL('../src/testing/flood-writer.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hil-flood-bench-'));
const pty = await ptyPair();
const con = await SerialConsole.open({
  path: pty.host,
  rawLog: join(dir, 'raw.log'),
  lineLog: join(dir, 'lines.log'),
  historyLines: Number(values.history),
});
let expected = 0;
let broken = 0;
// The check allocates nothing per line (no regex match, no string built): the bench measures the
// console's memory, not its own.
const PAYLOAD = ` ${'x'.repeat(80)}`;
const numberAt = (t: string, from: number, to: number) => {
  let n = to > from ? 0 : -1;
  for (let i = from; i < to && n >= 0; i++) {
    const d = t.charCodeAt(i) - 48;
    n = d >= 0 && d <= 9 ? n * 10 + d : -1;
  }
  return n;
};
con.onLine((line) => {
  const t = line.text;
  const ok = t.startsWith('flood ') && t.endsWith(PAYLOAD);
  if (ok && numberAt(t, 6, t.length - PAYLOAD.length) === expected) expected += 1;
  else broken += 1;
});
globalThis.gc?.();
await new Promise((r) => setTimeout(r, 500));
const before = process.memoryUsage();
const baseline = before.rss;
const peak = { ...before };
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  for (const key of Object.keys(peak) as (keyof NodeJS.MemoryUsage)[])
    peak[key] = Math.max(peak[key], now[key]);
}, 250);
const started = Date.now();
const stats = await new Promise<{ lines: number; bytes: number; ms: number }>((resolve, reject) =>
  execFile(
    process.execPath,
    [writer, pty.device, String(rate), String(seconds)],
    { maxBuffer: 1 << 20 },
    (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
  ),
);
await con.expect(`flood ${stats.lines - 1} `, { timeout: 60_000 });
clearInterval(sampler);
const g = (globalThis as { gc?: () => void }).gc;
g?.();
const after = process.memoryUsage();
await con.close();
await pty.stop();
rmSync(dir, { recursive: true, force: true });
const mib = (n: number) => (n / 1048576).toFixed(1);
console.log(
  `serial flood: ${(stats.bytes / 1e6).toFixed(1)} MB in ${(stats.ms / 1000).toFixed(1)} s (${(((stats.bytes / stats.ms) * 1000) / 1e6).toFixed(2)} MB/s), ${stats.lines} lines, console reading + raw and line artifacts on disk`,
);
console.log(`lines intact and in order: ${expected}/${stats.lines} (${broken} broken)`);
const growth = (key: keyof NodeJS.MemoryUsage) => mib(peak[key] - before[key]);
console.log(
  `runner RSS: baseline ${mib(baseline)} MiB, peak ${mib(peak.rss)} MiB, growth ${growth('rss')} MiB (target ≤ 16 MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s${values['default-gc'] ? ' (V8 defaults)' : ' (--optimize-for-size, as the bin)'}`,
);
console.log(
  `peak growth: heap total ${growth('heapTotal')} MiB, heap used ${growth('heapUsed')} MiB, external ${growth('external')} MiB, array buffers ${growth('arrayBuffers')} MiB`,
);
console.log(
  `after the flood${g ? ' and a full GC' : ''}: heap used ${mib(after.heapUsed)} MiB (before ${mib(before.heapUsed)}), external ${mib(after.external)} MiB (before ${mib(before.external)}), RSS ${mib(after.rss)} MiB`,
);
if (broken > 0 || expected !== stats.lines) process.exitCode = 1;
