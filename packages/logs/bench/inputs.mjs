// The benchmark inputs (shared by bench/classify.bench.mjs and src/stream.test.ts): 10 MiB logs
// built from the 26 real development logs, repeated with typical serial-console noise between them.
//   console — one block in eight is a real device log, the rest Wi-Fi, sensor and heap lines;
//   dense   — real device-log lines only (every line is a TLS line: the classifier's worst case);
//   colour  — the console log with ESP-IDF's ANSI colour codes on every line (each line needs cleaning).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'test-data', 'device-logs');

/** Size of every benchmark input, in UTF-16 code units (= bytes: the logs are ASCII). */
export const BENCH_SIZE = 10 * 1024 * 1024;

const NOISE = [
  'I (123456) wifi:bcn_timout,ap_probe_send_start',
  'I (123457) app: sensor temperature=23.5 humidity=41',
  'D (123458) app: free heap 81234, min 70012',
  'I (123459) esp_netif_handlers: sta ip: 192.168.1.20, mask: 255.255.255.0, gw: 192.168.1.1',
  'V (123460) app: loop tick 8812',
].join('\n');

/** The benchmark inputs by name, as text. */
export function benchInputs(size = BENCH_SIZE) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const logs = index.map((e) => readFileSync(join(dir, e.file), 'utf8'));
  const compose = (every) => {
    const parts = [];
    let length = 0;
    for (let i = 0; length < size; i++) {
      const block = i % every === 0 ? (logs[(i / every) % logs.length] ?? '') : NOISE;
      parts.push(block);
      length += block.length + 1;
    }
    return parts.join('\n').slice(0, size);
  };
  const console = compose(8);
  const colour = console
    .split('\n')
    .map((l) => `\u001b[0;3${l.startsWith('E') ? 1 : 2}m${l}\u001b[0m`)
    .join('\n')
    .slice(0, size);
  return { console, dense: compose(1), colour };
}
