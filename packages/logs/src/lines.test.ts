import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH } from './limits.js';
import { cleanLine, LineSplitter } from './lines.js';

function split(chunks: (string | Uint8Array)[]): { lines: string[]; cut: number; binary: number } {
  const lines: string[] = [];
  const s = new LineSplitter((text, start, end) => lines.push(text.slice(start, end)));
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, cut: s.cutLines, binary: s.binaryBytes };
}

describe('LineSplitter', () => {
  it('ends lines at LF, CRLF and lone CR, counting a CRLF split across chunks once', () => {
    expect(split(['a\nb\r\nc\rd']).lines).toEqual(['a', 'b', 'c', 'd']);
    expect(split(['a\r', '\nb\r', 'c']).lines).toEqual(['a', 'b', 'c']);
    expect(split(['a\r\r\nb']).lines).toEqual(['a', '', 'b']);
  });

  it('decodes UTF-8 split across byte chunks and counts invalid bytes', () => {
    const bytes = new TextEncoder().encode('é\n');
    expect(split([bytes.slice(0, 1), bytes.slice(1)]).lines).toEqual(['é']);
    const r = split([new Uint8Array([0xff, 0xfe, 0x41, 0x0a])]);
    expect(r.lines).toEqual(['\ufffd\ufffdA']);
    expect(r.binary).toBe(2);
  });

  it('keeps a 4-byte character whole wherever the chunks cut it, and flags one cut at the end', () => {
    const bytes = new TextEncoder().encode('a\u{1F600}b\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(split([bytes.slice(0, cut), bytes.slice(cut)]).lines).toEqual(['a\u{1F600}b']);
    }
    const truncated = split([bytes.slice(0, 3)]);
    expect(truncated.lines).toEqual(['a\ufffd']);
    expect(truncated.binary).toBe(1);
  });

  it('cuts lines longer than the limit without keeping the rest', () => {
    const long = 'x'.repeat(MAX_LINE_LENGTH + 10);
    const r = split([long.slice(0, 1000), long.slice(1000), '\nnext']);
    expect(r.lines[0]?.length).toBe(MAX_LINE_LENGTH);
    expect(r.lines[1]).toBe('next');
    expect(r.cut).toBe(1);
  });

  it('removes ANSI colour codes, NUL and other control characters but keeps tabs', () => {
    expect(cleanLine('\u001b[0;31mE (10) esp-tls: x\u001b[0m')).toBe('E (10) esp-tls: x');
    expect(cleanLine('a\u0000b\tc\u0007')).toBe('ab\tc');
  });
});
