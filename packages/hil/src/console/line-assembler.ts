// Turns the byte stream of a device console into timestamped text lines.
//
// Device consoles are messy: ROM bootloaders print at another baud (garbage), ESP-IDF colours its
// log lines with ANSI SGR sequences, some stacks end lines with "\r\n", others "\n\r", "\n" or a
// bare "\r", and a USB-serial adapter delivers bytes in arbitrary chunks (a line may arrive in
// ten reads, a UTF-8 character may be split between two). The assembler:
// - finds line ends in the bytes (CR and LF never occur inside a UTF-8 multi-byte sequence,
//   RFC 3629 §3) and decodes each line on its own, so a line that spans chunks is decoded whole
//   (a split character is completed) and invalid bytes become U+FFFD, dropped with the noise;
// - ends a line at LF, CR, CRLF or LFCR (the second half of a pair does not make an empty line,
//   also when the pair is split across chunks);
// - strips ANSI escape sequences (ECMA-48 CSI, OSC, two-byte ESC), NUL and other C0 controls
//   except TAB, and U+FFFD — only on lines that hold a control or non-ASCII byte;
// - bounds memory: a line longer than `maxLineChars` is cut and emitted in pieces (`cut: true`),
//   so a flood without newlines never grows a buffer; the bytes of a line waiting for its end sit
//   in one buffer allocated once (4 bytes per character: UTF-8's longest sequence).
// Every line carries the time its first byte arrived.
//
// Memory under a flood (bench/flood.ts): each line is a string of its own, decoded from the
// bytes. Decoding a whole chunk and slicing lines out of it made every line kept in the console's
// history pin its chunk's string, and those survivors are what makes V8 grow its young
// generation (Heap::CheckNewSpaceExpansionCriteria counts bytes surviving scavenges).

/** One console line. */
export interface ConsoleLine {
  /** Sequence number on this console, from 0. */
  readonly seq: number;
  /** Arrival time of the line's first byte (ms since the epoch). */
  readonly time: number;
  /** The text, without line end, escapes and control characters. */
  readonly text: string;
  /** True when the line was cut at `maxLineChars` (the rest follows as the next line). */
  readonly cut?: boolean;
  /** True when the line was flushed without a line end (a prompt, or the device went quiet). */
  readonly partial?: boolean;
}

/** Options of {@link LineAssembler}. */
export interface LineAssemblerOptions {
  /** Longest line kept whole, in characters as received (escapes included). Default 4096: longer than any log line of mbedTLS's debug output (a 16 KiB hex dump is printed 16 bytes per line). */
  readonly maxLineChars?: number;
  /** Clock (tests). Default Date.now. */
  readonly now?: () => number;
  /** Drop lines that are empty after cleaning. Default true. */
  readonly dropEmpty?: boolean;
}

// ECMA-48: CSI = ESC [ params (0x30-0x3F)* intermediates (0x20-0x2F)* final (0x40-0x7E);
// OSC = ESC ] ... (BEL | ESC \); other escapes are ESC + one byte (0x40-0x5F) or ESC + intermediates + final.
// Built from strings: the escapes are the point, and a literal would trip the control-character lint.
const ANSI = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]', // CSI
    '\\u009b[0-?]*[ -/]*[@-~]', // 8-bit CSI
    '\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?', // OSC, ended by BEL or ST
    '\\u001b[ -/]*[0-~]?', // other escapes
  ].join('|'),
  'g',
);
const NOISE = /[^\t\P{Cc}]|\uFFFD/gu;

/** Removes escape sequences and control characters from one line. */
export function cleanLine(text: string): string {
  return text.replace(ANSI, '').replace(NOISE, '');
}

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;

/**
 * Streaming line assembler.
 * @example
 * ```ts
 * const asm = new LineAssembler();
 * asm.push(Buffer.from('\x1b[0;32mI (42) wifi: conn'));
 * asm.push(Buffer.from('ected\r\n')); // → [{ text: 'I (42) wifi: connected', ... }]
 * ```
 */
export class LineAssembler {
  private readonly maxLineChars: number;
  private readonly now: () => number;
  private readonly dropEmpty: boolean;
  /** Bytes of the line waiting for its end (allocated on first use). */
  private pending: Buffer | null = null;
  private pendingBytes = 0;
  /** Characters of the waiting line (UTF-8 lead and single bytes). */
  private pendingChars = 0;
  /** The waiting line holds a control, escape or non-ASCII byte: it needs cleaning. */
  private pendingDirty = false;
  private pendingTime = 0;
  /** The terminator that ended the previous line, to swallow the other half of CRLF / LFCR; 0 after text. */
  private lastEnd = 0;
  private seq = 0;

  constructor(options: LineAssemblerOptions = {}) {
    this.maxLineChars = options.maxLineChars ?? 4096;
    if (!Number.isSafeInteger(this.maxLineChars) || this.maxLineChars < 1)
      throw new RangeError(`maxLineChars must be a positive integer, got ${this.maxLineChars}`);
    this.now = options.now ?? Date.now;
    this.dropEmpty = options.dropEmpty ?? true;
  }

  /** Characters waiting for a line end. */
  get pendingText(): string {
    if (this.pendingBytes === 0 || !this.pending) return '';
    return cleanLine(this.pending.toString('utf8', 0, this.pendingBytes));
  }

  /** Feeds bytes; returns the lines they completed. */
  push(chunk: Uint8Array): ConsoleLine[] {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const out: ConsoleLine[] = [];
    const time = this.now();
    const max = this.maxLineChars;
    let start = 0;
    let chars = this.pendingChars;
    let dirty = this.pendingDirty;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i] as number;
      if (c === LF || c === CR) {
        if (i === start && this.pendingBytes === 0 && this.lastEnd !== 0 && this.lastEnd !== c) {
          this.lastEnd = 0; // second half of CRLF or LFCR
          start = i + 1;
          continue;
        }
        this.emit(bytes, start, i, time, dirty, out, false);
        this.lastEnd = c;
        start = i + 1;
        chars = 0;
        dirty = false;
        continue;
      }
      // Cut before a character when the line is full, and on bytes too: continuation bytes
      // without a lead (garbage) count no characters, but must not overflow the buffer.
      const lead = (c & 0xc0) !== 0x80;
      if ((lead && chars === max) || this.pendingBytes + i - start >= max * 4) {
        this.emit(bytes, start, i, time, dirty, out, true);
        this.lastEnd = 0;
        start = i;
        chars = 0;
        dirty = false;
      }
      if (lead) chars += 1;
      if (c < 0x20 ? c !== TAB : c >= 0x7f) dirty = true;
    }
    if (start < bytes.length) {
      this.keep(bytes, start, bytes.length, time);
      this.lastEnd = 0;
    }
    this.pendingChars = chars;
    this.pendingDirty = dirty;
    return out;
  }

  /** Emits what is pending as a partial line (the device went quiet mid-line); [] when nothing is. */
  flush(): ConsoleLine[] {
    const out: ConsoleLine[] = [];
    if (this.pendingBytes > 0) this.emit(null, 0, 0, this.now(), this.pendingDirty, out, false, true);
    return out;
  }

  /** Appends bytes of an unfinished line to the pending buffer (at most maxLineChars characters). */
  private keep(bytes: Buffer, from: number, to: number, time: number): void {
    if (this.pendingBytes === 0) this.pendingTime = time;
    // 4 bytes per character bound any line the cut allows (RFC 3629: sequences of 1-4 bytes).
    this.pending ??= Buffer.allocUnsafe(this.maxLineChars * 4);
    this.pendingBytes += bytes.copy(this.pending, this.pendingBytes, from, to);
  }

  /** Ends the line made of the pending bytes and `bytes[from, to)`. */
  private emit(
    bytes: Buffer | null,
    from: number,
    to: number,
    now: number,
    dirty: boolean,
    out: ConsoleLine[],
    cut: boolean,
    partial = false,
  ): void {
    let raw: string;
    let time: number;
    if (this.pendingBytes > 0) {
      if (bytes && to > from) this.keep(bytes, from, to, now);
      raw = (this.pending as Buffer).toString('utf8', 0, this.pendingBytes);
      time = this.pendingTime;
      this.pendingBytes = 0;
    } else {
      raw = bytes && to > from ? bytes.toString('utf8', from, to) : '';
      time = now;
    }
    this.pendingChars = 0;
    this.pendingDirty = false;
    const text = dirty ? cleanLine(raw) : raw;
    if (text.length === 0 && this.dropEmpty) return;
    const seq = this.seq++;
    // No object spreads here: this runs once per line, 10,000 times a second under a flood.
    if (cut) out.push({ seq, time, text, cut: true });
    else if (partial) out.push({ seq, time, text, partial: true });
    else out.push({ seq, time, text });
  }
}
