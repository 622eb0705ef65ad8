// Intel HEX (Intel, "Hexadecimal Object File Format Specification", rev. A, 1988): records
// `:LLAAAATT<data>CC`, types 00 data, 01 end of file, 02 extended segment address, 03 start
// segment address, 04 extended linear address, 05 start linear address. The decoder is
// incremental (`push` chunks of any size, then `end`), so a file is streamed: a line longer than
// the longest legal record (MAX_HEX_LINE_CHARS) is reported and skipped without being buffered,
// whatever its length (a 1 GiB line costs one scan, no memory). Decoded data is kept as runs of
// contiguous addresses, bounded by MAX_HEX_DATA_BYTES.
//
// Not the `intel-hex` / `nrf-intel-hex` npm packages: both take the whole file as one string
// (a 1 GiB line cannot even be a JS string) and throw untyped errors without a line number.
import type { ErrorList } from './collect.js';
import type { FormatErrorCode } from './errors.js';
import { MAX_HEX_DATA_BYTES, MAX_HEX_LINE_CHARS } from './limits.js';
import { lastAtOrBelow } from './sorted.js';

/** A run of contiguous bytes starting at `address`, with where its records came from. */
export interface HexRun {
  address: number;
  bytes: Uint8Array;
  /** Per data record of the run, ascending: its offset in `bytes`, its line and file offset. */
  origins: { at: number[]; line: number[]; offset: number[] };
}

/** Line and file offset of the record holding byte `k` of `run`. */
export function hexOrigin(run: HexRun, k: number): { line: number; offset: number } {
  const lo = lastAtOrBelow(run.origins.at, k);
  return { line: run.origins.line[lo] ?? 0, offset: run.origins.offset[lo] ?? 0 };
}

const hexVal = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
};

class Growing {
  buf = new Uint8Array(256);
  length = 0;
  push(src: Uint8Array, from: number, n: number): void {
    if (this.length + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.length + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(src.subarray(from, from + n), this.length);
    this.length += n;
  }
}

/** Streaming Intel HEX decoder. */
export class IntelHexDecoder {
  private readonly line = new Uint8Array(MAX_HEX_LINE_CHARS);
  private lineLength = 0;
  private lineNumber = 1;
  private lineStart = 0;
  private offset = 0;
  private overflow = false;
  private base = 0;
  private ended = false;
  private trailingReported = false;
  private total = 0;
  private readonly runs: { address: number; data: Growing; origins: HexRun['origins'] }[] = [];
  private readonly record = new Uint8Array(5 + 255);

  constructor(private readonly errors: ErrorList) {}

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      const nl = chunk.indexOf(0x0a, i);
      const stop = nl < 0 ? chunk.length : nl;
      const n = stop - i;
      if (!this.overflow) {
        if (this.lineLength + n > this.line.length) {
          this.overflow = true;
          this.errors.add(
            'HEX_LINE_TOO_LONG',
            { offset: this.lineStart, line: this.lineNumber },
            `line is longer than the ${MAX_HEX_LINE_CHARS} characters of the longest record; skipped`,
          );
        } else {
          this.line.set(chunk.subarray(i, stop), this.lineLength);
          this.lineLength += n;
        }
      }
      this.offset += n;
      if (nl < 0) return;
      this.finishLine();
      this.offset += 1;
      this.lineStart = this.offset;
      i = nl + 1;
    }
  }

  /** Ends the input and returns the decoded runs, sorted by address. */
  end(): HexRun[] {
    if (this.lineLength > 0 || this.overflow) this.finishLine();
    if (!this.ended)
      this.errors.add(
        'TRUNCATED',
        { offset: this.offset, line: this.lineNumber },
        'no end-of-file record (type 01)',
      );
    const runs = this.runs
      .map((r) => ({ address: r.address, bytes: r.data.buf.subarray(0, r.data.length), origins: r.origins }))
      .sort((a, b) => a.address - b.address);
    for (let k = 1; k < runs.length; k++) {
      const a = runs[k - 1] as HexRun;
      const b = runs[k] as HexRun;
      if (a.address + a.bytes.length > b.address) {
        this.errors.add(
          'HEX_OVERLAP',
          { address: b.address, ...hexOrigin(b, 0) },
          `data at 0x${b.address.toString(16)} overlaps data written earlier (0x${a.address.toString(16)}..0x${(a.address + a.bytes.length).toString(16)})`,
        );
      }
    }
    return runs;
  }

  private finishLine(): void {
    const line = this.lineNumber;
    const offset = this.lineStart;
    const overflowed = this.overflow;
    const n = this.lineLength;
    this.lineLength = 0;
    this.overflow = false;
    this.lineNumber++;
    if (overflowed) return;
    const problem = this.decodeRecord(n, line, offset);
    if (problem) this.errors.add(problem[0], { offset, line }, problem[1]);
  }

  /** Decodes the buffered line of `n` characters; returns the problem, if any. */
  private decodeRecord(length: number, line: number, offset: number): [FormatErrorCode, string] | undefined {
    const b = this.line;
    let n = length;
    while (n > 0 && (b[n - 1] === 0x0d || b[n - 1] === 0x20 || b[n - 1] === 0x09)) n--;
    let s = 0;
    while (s < n && (b[s] === 0x20 || b[s] === 0x09)) s++;
    if (s === n) return undefined;
    if (this.ended) {
      if (this.trailingReported) return undefined;
      this.trailingReported = true;
      return ['TRAILING_BYTES', 'records after the end-of-file record are ignored'];
    }
    if (b[s] !== 0x3a) return ['HEX_BAD_RECORD', 'a record must start with ":"'];
    const digits = n - s - 1;
    if (digits < 10 || digits % 2 !== 0) {
      return [
        'HEX_BAD_RECORD',
        `a record has an even number of at least 10 hex digits after ":", this one ${digits}`,
      ];
    }
    const rec = this.record;
    const count = digits / 2;
    if (count > rec.length) return ['HEX_BAD_RECORD', 'record too long'];
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const hi = hexVal(b[s + 1 + 2 * k] as number);
      const lo = hexVal(b[s + 2 + 2 * k] as number);
      if (hi < 0 || lo < 0) return ['HEX_BAD_RECORD', `character ${s + 2 + 2 * k} is not a hex digit`];
      rec[k] = (hi << 4) | lo;
      sum += rec[k] as number;
    }
    const len = rec[0] as number;
    if (count !== len + 5) {
      return ['HEX_BAD_RECORD', `byte count ${len} does not match the ${count - 5} data bytes of the record`];
    }
    if ((sum & 0xff) !== 0) {
      return [
        'HEX_CHECKSUM',
        `checksum 0x${(rec[count - 1] as number).toString(16).padStart(2, '0')} is wrong`,
      ];
    }
    const addr = ((rec[1] as number) << 8) | (rec[2] as number);
    const type = rec[3] as number;
    switch (type) {
      case 0x00:
        this.data(this.base + addr, rec.subarray(4, 4 + len), line, offset);
        return undefined;
      case 0x01:
        this.ended = true;
        return undefined;
      case 0x02:
      case 0x04:
        if (len !== 2) return ['HEX_BAD_RECORD', `an extended address record holds 2 bytes, not ${len}`];
        this.base =
          type === 0x02
            ? (((rec[4] as number) << 8) | (rec[5] as number)) * 16
            : (((rec[4] as number) << 24) | ((rec[5] as number) << 16)) >>> 0;
        return undefined;
      case 0x03:
      case 0x05:
        return undefined;
      default:
        return ['HEX_BAD_RECORD', `unknown record type 0x${type.toString(16).padStart(2, '0')}`];
    }
  }

  private data(address: number, bytes: Uint8Array, line: number, offset: number): void {
    if (this.total + bytes.length > MAX_HEX_DATA_BYTES) {
      if (this.total <= MAX_HEX_DATA_BYTES)
        this.errors.add(
          'INPUT_TOO_LARGE',
          { offset, line },
          `more than ${MAX_HEX_DATA_BYTES} data bytes; the rest is not read`,
        );
      this.total = MAX_HEX_DATA_BYTES + 1;
      return;
    }
    this.total += bytes.length;
    const last = this.runs[this.runs.length - 1];
    let run = last && last.address + last.data.length === address ? last : undefined;
    if (!run) {
      run = { address, data: new Growing(), origins: { at: [], line: [], offset: [] } };
      this.runs.push(run);
    }
    run.origins.at.push(run.data.length);
    run.origins.line.push(line);
    run.origins.offset.push(offset);
    run.data.push(bytes, 0, bytes.length);
  }
}

/** True when the bytes look like Intel HEX: the first non-blank character is `:` followed by hex digits. */
export function looksLikeIntelHex(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0d || b[i] === 0x0a)) i++;
  if (b[i] !== 0x3a) return false;
  let k = i + 1;
  while (k < b.length && k < i + 12 && hexVal(b[k] as number) >= 0) k++;
  return k >= i + 11;
}
