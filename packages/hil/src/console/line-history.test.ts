import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsoleLine } from './line-assembler.js';
import { LineHistory } from './line-history.js';

const line = (seq: number, text: string, extra: Partial<ConsoleLine> = {}): ConsoleLine => ({
  seq,
  time: 1000 + seq,
  text,
  ...extra,
});

describe('line history', () => {
  it('keeps the last maxLines lines with their times and flags', () => {
    const h = new LineHistory({ maxLines: 3 });
    h.push(line(0, 'a'));
    h.push(line(1, 'b €', { cut: true }));
    h.push(line(2, 'c', { partial: true }));
    h.push(line(3, 'd'));
    expect([...h.since(0)]).toEqual([
      line(1, 'b €', { cut: true }),
      line(2, 'c', { partial: true }),
      line(3, 'd'),
    ]);
    expect([h.firstSeq, h.nextSeq, h.size]).toEqual([1, 4, 3]);
    expect(h.get(0)).toBeNull();
    expect(() => h.push(line(7, 'x'))).toThrow(RangeError);
  });

  it('evicts the oldest lines whose bytes a new line needs, across the wrap', () => {
    const h = new LineHistory({ maxLines: 100, maxBytes: 10 });
    for (const [i, t] of ['aaaa', 'bbbb', 'cc'].entries()) h.push(line(i, t));
    expect([...h.since(0)].map((l) => l.text)).toEqual(['aaaa', 'bbbb', 'cc']);
    h.push(line(3, 'ddd')); // does not fit before the end: starts at 0, evicting aaaa
    expect([...h.since(0)].map((l) => l.text)).toEqual(['bbbb', 'cc', 'ddd']);
    h.push(line(4, 'eeeeeeeeeeeeee')); // longer than the ring: its first 10 bytes, everything else gone
    expect([...h.since(0)].map((l) => l.text)).toEqual(['eeeeeeeeee']);
  });

  it('always holds the newest consecutive lines, each intact (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 120, max: 400 }),
        (texts, maxLines, maxBytes) => {
          const h = new LineHistory({ maxLines, maxBytes });
          texts.forEach((t, i) => {
            h.push(line(i, t));
          });
          const kept = [...h.since(0)];
          expect(kept.length).toBeLessThanOrEqual(maxLines);
          expect(kept.map((l) => l.seq)).toEqual(kept.map((_, i) => texts.length - kept.length + i));
          for (const l of kept) expect(l.text).toBe(Buffer.from(texts[l.seq] as string).toString());
          const bytes = kept.reduce((n, l) => n + Buffer.byteLength(l.text), 0);
          expect(bytes).toBeLessThanOrEqual(maxBytes);
          // The newest line is always kept (each fits: 30 UTF-16 units ≤ 120 bytes).
          if (texts.length > 0) expect(kept.at(-1)?.seq).toBe(texts.length - 1);
        },
      ),
    );
  });
});
