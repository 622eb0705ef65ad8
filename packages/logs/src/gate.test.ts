// The keyword gate is an optimisation only: skipping the lines and rules whose keys are absent must
// never change an answer. The reference here runs every rule on every line (all keys set); the
// classifier must agree with it on the real logs, each of their lines alone, and on random
// rewrites of them (case, separators, splices, noise) that try to reach a rule without its key.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCases, loadExamples, SETS } from '../scripts/confusion.mjs';
import { explain, explainLog } from './classifier.js';
import { detectLine } from './detect/line.js';
import type { Explanation } from './explanation.js';
import { fullMask, Gate, has, K } from './keywords.js';
import { MAX_SCAN_LENGTH } from './limits.js';
import { LineSplitter } from './lines.js';
import { Scan } from './scan.js';

/** Every rule on every line: what the classifier would answer without the gate. */
function ungated(log: string): Explanation {
  const scan = new Scan();
  const all = fullMask();
  const splitter = new LineSplitter((text, start, end, n) => {
    const line = text.slice(start, Math.min(end, start + MAX_SCAN_LENGTH));
    if (line.length >= 3) detectLine(scan, line, line.toLowerCase(), n, all);
  });
  splitter.push(log);
  splitter.end();
  return explain(scan, {
    lines: splitter.lines,
    cutLines: splitter.cutLines,
    binaryBytes: splitter.binaryBytes,
  });
}

const logs = [
  ...Object.values(SETS).flatMap((dir) => loadCases(dir).map((c) => new TextDecoder().decode(c.bytes))),
  ...loadExamples().map((e) => e.log),
];
const lines = logs.flatMap((l) => l.split(/\r\n|\r|\n/)).filter((l) => l.trim().length > 0);

describe('keyword gate', () => {
  it('changes no answer on the real logs', () => {
    for (const log of logs) expect(explainLog(log)).toEqual(ungated(log));
  });

  it('changes no answer on any line of them alone', () => {
    for (const line of lines) expect(explainLog(line), line).toEqual(ungated(line));
  });

  it('property: changes no answer on rewritten, spliced and noisy lines', () => {
    const line = fc.constantFrom(...lines);
    const rewrite = fc.tuple(
      line,
      fc.nat(),
      fc.constantFrom('upper', 'lower', 'hyphens', 'spaces', 'cut', 'none'),
    );
    const rewritten = rewrite.map(([l, at, how]) => {
      const i = at % (l.length + 1);
      switch (how) {
        case 'upper':
          return l.toUpperCase();
        case 'lower':
          return l.toLowerCase();
        case 'hyphens':
          return l.replace(/ /g, '-');
        case 'spaces':
          return l.replace(/[-_]/g, ' ').replace(/ /g, '  ');
        case 'cut':
          return l.slice(i);
        default:
          return l;
      }
    });
    const splice = fc.tuple(rewritten, rewritten, fc.nat()).map(([a, b, at]) => {
      const i = at % (a.length + 1);
      return a.slice(0, i) + b.slice(i);
    });
    const noise = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' '));
    fc.assert(
      fc.property(fc.array(fc.oneof(rewritten, splice, noise), { minLength: 1, maxLength: 12 }), (parts) => {
        const log = parts.join('\n');
        expect(explainLog(log)).toEqual(ungated(log));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps most console noise out, and lets a failure line in', () => {
    const gate = new Gate();
    const pass = (l: string) => gate.scan(l, 0, l.length);
    expect(pass('I (123457) app: sensor temperature=23.5 humidity=41')).toBe(false);
    expect(pass('I (123459) esp_netif_handlers: sta ip: 192.168.1.20, mask: 255.255.255.0')).toBe(false);
    const failure = 'E (5432) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700';
    expect(pass(failure)).toBe(true);
    expect(has(gate.mask, K.minus0x) && has(gate.mask, K.hintMbedtls)).toBe(true);
    expect(has(gate.mask, K.dns)).toBe(false);
  });
});
