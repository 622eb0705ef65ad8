import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, LineAssembler } from './line-assembler.js';

const texts = (asm: LineAssembler, ...chunks: (string | Uint8Array)[]) =>
  chunks.flatMap((c) => asm.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c)).map((l) => l.text);

describe('line assembler', () => {
  it('joins partial lines and splits on every line-end convention', () => {
    const asm = new LineAssembler();
    expect(texts(asm, 'I (12) boot: ', 'ESP-IDF v5.1\r', '\nsecond\n\rthird\rfourth\n', 'fifth')).toEqual([
      'I (12) boot: ESP-IDF v5.1',
      'second',
      'third',
      'fourth',
    ]);
    expect(asm.pendingText).toBe('fifth');
    expect(asm.flush()).toEqual([expect.objectContaining({ text: 'fifth', partial: true })]);
  });

  it('strips ANSI colours, NUL, controls and invalid UTF-8, and completes split characters', () => {
    const asm = new LineAssembler();
    const euro = Buffer.from('€ ok\n');
    expect(
      texts(
        asm,
        '\x1b[0;32mI (42) wifi: connected\x1b[0m\r\n',
        '\x00\x00\xff\xfe\x1b]0;title\x07garbage\x07\x08 then\n',
        euro.subarray(0, 2),
        euro.subarray(2),
      ),
    ).toEqual(['I (42) wifi: connected', 'garbage then', '€ ok']);
    expect(cleanLine('\x1b[1;31mE (9) tls\x1b[K: x')).toBe('E (9) tls: x');
  });

  it('stamps each line with the arrival of its first byte', () => {
    let t = 1000;
    const asm = new LineAssembler({ now: () => t });
    asm.push(Buffer.from('a'));
    t = 2000;
    expect(asm.push(Buffer.from('b\nc\n')).map((l) => [l.text, l.time, l.seq])).toEqual([
      ['ab', 1000, 0],
      ['c', 2000, 1],
    ]);
  });

  it('cuts over-long lines instead of buffering them', () => {
    const asm = new LineAssembler({ maxLineChars: 10 });
    const lines = asm.push(Buffer.from(`${'x'.repeat(25)}\n`));
    expect(lines.map((l) => [l.text.length, l.cut ?? false])).toEqual([
      [10, true],
      [10, true],
      [5, false],
    ]);
  });

  it('cuts by characters, not bytes, and bounds garbage without character starts', () => {
    const asm = new LineAssembler({ maxLineChars: 10 });
    const lines = asm.push(Buffer.from(`${'€'.repeat(25)}\n`));
    expect(lines.map((l) => [l.text, l.cut ?? false])).toEqual([
      ['€'.repeat(10), true],
      ['€'.repeat(10), true],
      ['€'.repeat(5), false],
    ]);
    // 0x80 is a continuation byte: 100 KiB of them hold no character, yet nothing grows.
    const garbage = asm.push(Buffer.alloc(100_000, 0x80));
    expect(garbage).toEqual([]);
    expect(asm.push(Buffer.from('after\n')).map((l) => l.text)).toEqual(['after']);
  });

  it('gives the same lines whatever the chunking (property)', () => {
    const line = fc.stringMatching(/^[ -~]{0,40}$/);
    const ending = fc.constantFrom('\n', '\r\n', '\r', '\n\r');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, ending), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (parts, cuts) => {
          const bytes = Buffer.from(parts.map(([l, e]) => l + e).join(''));
          const whole = new LineAssembler().push(bytes).map((l) => l.text);
          const asm = new LineAssembler();
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          let at = 0;
          const pieces: string[] = [];
          for (const p of [...points, bytes.length]) {
            pieces.push(...asm.push(bytes.subarray(at, p)).map((l) => l.text));
            at = p;
          }
          expect(pieces).toEqual(whole);
          expect(whole).toEqual(parts.map(([l]) => l).filter((l) => l.length > 0));
        },
      ),
    );
  });

  it('gives the same lines for any bytes whatever the chunking, within the cut (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
        const lines = (chunks: Uint8Array[]) => {
          const asm = new LineAssembler({ maxLineChars: 7 });
          return [...chunks.flatMap((c) => asm.push(c)), ...asm.flush()].map((l) => l.text);
        };
        const whole = lines([bytes]);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [...points, bytes.length].map((p, i, all) => bytes.subarray(i ? all[i - 1] : 0, p));
        expect(lines(chunks)).toEqual(whole);
        for (const l of whole) expect([...l].length).toBeLessThanOrEqual(7);
      }),
    );
  });
});
