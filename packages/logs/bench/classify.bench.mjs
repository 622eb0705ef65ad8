#!/usr/bin/env node
// Classification speed on a 10 MB log (target: ≤ 500 ms, issue 15), built from the 26 real
// development logs repeated with typical serial-console noise between them (Wi-Fi, sensor and
// heap lines), so the mix of candidate and non-candidate lines is realistic. Rows:
//   whole-text  — explainLog(string): split + classify, input already decoded (warm, 5 runs)
//   bytes       — explainLog(Uint8Array): UTF-8 decoding + split + classify (warm, 5 runs)
//   chunks-4KiB — LogClassifier.push() in 4 KiB byte chunks, as a serial reader delivers (warm)
//   baseline    — String.prototype.split('\n') + a loop touching each line: the floor any
//                 line-based reader pays, for the ratio
// Requires `npm run build` (imports dist/). Prints median milliseconds and ratios.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainLog, LogClassifier } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'test-data', 'device-logs');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const logs = index.map((e) => readFileSync(join(dir, e.file), 'utf8'));
const noise = [
  'I (123456) wifi:bcn_timout,ap_probe_send_start',
  'I (123457) app: sensor temperature=23.5 humidity=41',
  'D (123458) app: free heap 81234, min 70012',
  'I (123459) esp_netif_handlers: sta ip: 192.168.1.20, mask: 255.255.255.0, gw: 192.168.1.1',
  'V (123460) app: loop tick 8812',
];

const TARGET = 10 * 1024 * 1024;
/** 10 MiB where one block in `every` is a real device log and the rest is console noise. */
function compose(every) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < TARGET; i++) {
    const chunk = i % every === 0 ? (logs[(i / every) % logs.length] ?? '') : noise.join('\n');
    parts.push(chunk);
    size += chunk.length + 1;
  }
  return parts.join('\n').slice(0, TARGET);
}
const mix = process.argv.includes('--dense') ? 1 : 8;
const text = compose(mix);
const bytes = new TextEncoder().encode(text);

function time(fn) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[2];
}

const rows = [];
// Interleave the competitors so machine load hits all of them alike.
const results = { whole: [], bytes: [], chunks: [], baseline: [] };
for (let round = 0; round < 3; round++) {
  results.whole.push(time(() => explainLog(text)));
  results.bytes.push(time(() => explainLog(bytes)));
  results.chunks.push(
    time(() => {
      const c = new LogClassifier();
      for (let i = 0; i < bytes.length; i += 4096) c.push(bytes.subarray(i, i + 4096));
      c.end();
    }),
  );
  results.baseline.push(
    time(() => {
      let n = 0;
      for (const l of text.split('\n')) n += l.length;
      return n;
    }),
  );
}
const med = (a) => [...a].sort((x, y) => x - y)[1];
const base = med(results.baseline);
for (const [name, what] of [
  ['whole-text', 'explainLog(string), 10 MiB decoded text'],
  ['bytes', 'explainLog(Uint8Array), 10 MiB UTF-8'],
  ['chunks', 'LogClassifier.push, 4 KiB byte chunks'],
  ['baseline', "split('\\n') + touch every line"],
]) {
  const key = name === 'whole-text' ? 'whole' : name;
  const ms = med(results[key]);
  rows.push(
    `${name.padEnd(11)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / base).toFixed(1).padStart(5)}× baseline  ${ms <= 500 ? 'within' : 'OVER'} 500 ms  — ${what}`,
  );
}
console.log(
  `10 MiB log, ${text.split('\n').length} lines, ${mix === 1 ? 'dense: only real device-log lines (--dense)' : 'serial console: 1 block in 8 is a real device log, the rest Wi-Fi/sensor/heap noise'}, verdict: ${explainLog(text).cause}`,
);
for (const r of rows) console.log(r);
