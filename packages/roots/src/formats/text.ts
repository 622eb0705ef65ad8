// Line and column of offsets in a text, computed once per input (a sorted table of line starts).
import { lastAtOrBelow } from './sorted.js';

/** Maps character offsets to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of `offset`. */
  at(offset: number): { line: number; column: number } {
    const lo = lastAtOrBelow(this.starts, offset);
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}

/**
 * Text of a reader input. Bytes are decoded one character per byte (ISO 8859-1), so character
 * offsets equal byte offsets and nothing is lost; certificates and C syntax are ASCII.
 */
export function asText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  let s = '';
  const CHUNK = 32 * 1024;
  for (let i = 0; i < input.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, input.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return s;
}
