// The console's recent lines, kept off the JS heap.
//
// expect() matches lines that arrived before it was called, and observers read a whole attempt,
// so a console keeps its last lines. Under a 1 MB/s flood (10,000 lines a second) a history of
// JS strings and line objects is the only thing that survives V8's young-generation collections,
// and surviving bytes are what makes V8 grow the young generation (Heap::
// CheckNewSpaceExpansionCriteria): measured with bench/flood.ts, a 1,000-line history of objects
// grew the semi-spaces to their 16 MiB maximum within 40 s, a 10-line one not at all. Here the
// lines live as UTF-8 in one byte ring allocated once (like BearSSL's caller-provided buffers),
// with their times and flags in typed arrays; a line becomes a string and an object again only
// when someone reads it (an expect() call scanning the unconsumed lines, textSince, a timeout
// message).
//
// Layout: lines are appended to `bytes` in sequence order; one that does not fit before the end
// starts again at 0 (the tail is skipped). Appending evicts, oldest first, every line whose bytes
// the new one needs, and the oldest line when `maxLines` are kept, so the kept lines are always
// the consecutive sequence numbers [firstSeq, nextSeq).
import type { ConsoleLine } from './line-assembler.js';

/** Options of {@link LineHistory}. */
export interface LineHistoryOptions {
  /** Lines kept at most. Default 1,000. */
  readonly maxLines?: number;
  /** Bytes of text kept at most (UTF-8). Default 256 KiB; at least one longest line (4 bytes × `maxLineChars`). */
  readonly maxBytes?: number;
}

const CUT = 1;
const PARTIAL = 2;

/** A bounded history of console lines in fixed buffers. */
export class LineHistory {
  private readonly maxLines: number;
  private readonly bytes: Buffer;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly times: Float64Array;
  private readonly flags: Uint8Array;
  private first = 0;
  private next = 0;
  private head = 0;

  /** @throws RangeError for a non-positive size. */
  constructor(options: LineHistoryOptions = {}) {
    this.maxLines = options.maxLines ?? 1000;
    const maxBytes = options.maxBytes ?? 256 * 1024;
    if (!Number.isSafeInteger(this.maxLines) || this.maxLines < 1)
      throw new RangeError(`maxLines must be a positive integer, got ${this.maxLines}`);
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
      throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
    this.bytes = Buffer.alloc(maxBytes);
    this.starts = new Int32Array(this.maxLines);
    this.lengths = new Int32Array(this.maxLines);
    this.times = new Float64Array(this.maxLines);
    this.flags = new Uint8Array(this.maxLines);
  }

  /** Sequence number of the oldest kept line. */
  get firstSeq(): number {
    return this.first;
  }

  /** Sequence number the next line gets. */
  get nextSeq(): number {
    return this.next;
  }

  /** Lines kept. */
  get size(): number {
    return this.next - this.first;
  }

  /**
   * Appends a line; its `seq` must be {@link nextSeq} (the assembler numbers lines consecutively).
   * A line longer than the whole ring keeps only its first bytes that fit, cut at a character.
   * @throws RangeError for a sequence number out of order.
   */
  push(line: ConsoleLine): void {
    if (line.seq !== this.next) throw new RangeError(`line ${line.seq} out of order (expected ${this.next})`);
    const capacity = this.bytes.length;
    let length = Buffer.byteLength(line.text);
    if (length > capacity) length = capacity;
    let at = this.head;
    if (at + length > capacity) {
      this.evict(at, capacity); // the skipped tail
      at = 0;
    }
    this.evict(at, at + length);
    if (this.size === this.maxLines) this.first += 1;
    const slot = this.next % this.maxLines;
    // write() stops at a character boundary when the text does not fit.
    const written = this.bytes.write(line.text, at, length);
    this.starts[slot] = at;
    this.lengths[slot] = written;
    this.times[slot] = line.time;
    this.flags[slot] = (line.cut ? CUT : 0) | (line.partial ? PARTIAL : 0);
    this.head = at + written;
    this.next += 1;
  }

  /** The line `seq`, or null when it is not kept. */
  get(seq: number): ConsoleLine | null {
    if (seq < this.first || seq >= this.next) return null;
    const slot = seq % this.maxLines;
    const start = this.starts[slot] as number;
    const text = this.bytes.toString('utf8', start, start + (this.lengths[slot] as number));
    const time = this.times[slot] as number;
    const flags = this.flags[slot] as number;
    if (flags & CUT) return { seq, time, text, cut: true };
    if (flags & PARTIAL) return { seq, time, text, partial: true };
    return { seq, time, text };
  }

  /** The kept lines from `seq` on (oldest first). */
  *since(seq: number): Generator<ConsoleLine> {
    for (let s = Math.max(seq, this.first); s < this.next; s++) {
      // A consumer may push while iterating: stop at lines evicted meanwhile.
      const line = this.get(s);
      if (line) yield line;
    }
  }

  /** Drops the oldest lines while they occupy bytes of [from, to). */
  private evict(from: number, to: number): void {
    while (this.first < this.next) {
      const slot = this.first % this.maxLines;
      const start = this.starts[slot] as number;
      const end = start + (this.lengths[slot] as number);
      const overlaps = start < to && end > from;
      if (!overlaps) return;
      this.first += 1;
    }
  }
}
