// Turns the byte stream of a device console into timestamped text lines.
//
// Device consoles are messy: ROM bootloaders print at another baud (garbage), ESP-IDF colours its
// log lines with ANSI SGR sequences, some stacks end lines with "\r\n", others "\n\r", "\n" or a
// bare "\r", and a USB-serial adapter delivers bytes in arbitrary chunks (a line may arrive in
// ten reads, a UTF-8 character may be split between two). The assembler:
// - decodes UTF-8 in streaming mode (a split character is completed by the next chunk; invalid
//   bytes become U+FFFD and are then dropped with the other noise);
// - ends a line at LF, CR, CRLF or LFCR (the second half of a pair does not make an empty line,
//   also when the pair is split across chunks);
// - strips ANSI escape sequences (ECMA-48 CSI, OSC, two-byte ESC), NUL and other C0 controls
//   except TAB, and U+FFFD;
// - bounds memory: a line longer than `maxLineChars` is cut and emitted in pieces (`cut: true`), so
//   a flood without newlines never grows a buffer.
// Every line carries the time its first byte arrived.

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
  /** Longest line kept whole. Default 4096 characters: longer than any log line of mbedTLS's debug output (a 16 KiB hex dump is printed 16 bytes per line). */
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
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private readonly maxLineChars: number;
  private readonly now: () => number;
  private readonly dropEmpty: boolean;
  private pending = '';
  private pendingTime = 0;
  /** The terminator that ended the previous line, to swallow the other half of CRLF / LFCR. */
  private lastEnd: '\r' | '\n' | null = null;
  private seq = 0;

  constructor(options: LineAssemblerOptions = {}) {
    this.maxLineChars = options.maxLineChars ?? 4096;
    this.now = options.now ?? Date.now;
    this.dropEmpty = options.dropEmpty ?? true;
  }

  /** Characters waiting for a line end. */
  get pendingText(): string {
    return cleanLine(this.pending);
  }

  /** Feeds bytes; returns the lines they completed. */
  push(chunk: Uint8Array): ConsoleLine[] {
    const text = this.decoder.decode(chunk, { stream: true });
    const out: ConsoleLine[] = [];
    const time = this.now();
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const ch = c === 10 ? '\n' : '\r';
      const segment = text.slice(start, i);
      start = i + 1;
      if (segment.length === 0 && this.pending.length === 0 && this.lastEnd !== null && this.lastEnd !== ch) {
        this.lastEnd = null; // second half of CRLF or LFCR
        continue;
      }
      this.append(segment, time, out);
      this.emit(out, false);
      this.lastEnd = ch;
    }
    if (start < text.length) {
      this.append(text.slice(start), time, out);
      this.lastEnd = null;
    }
    return out;
  }

  /** Emits what is pending as a partial line (the device went quiet mid-line); [] when nothing is. */
  flush(): ConsoleLine[] {
    const out: ConsoleLine[] = [];
    if (this.pending.length > 0) this.emit(out, true);
    return out;
  }

  private append(segment: string, time: number, out: ConsoleLine[]): void {
    if (segment.length === 0) return;
    if (this.pending.length === 0) this.pendingTime = time;
    let rest = segment;
    while (this.pending.length + rest.length > this.maxLineChars) {
      const take = this.maxLineChars - this.pending.length;
      this.pending += rest.slice(0, take);
      rest = rest.slice(take);
      this.emit(out, false, true);
      this.pendingTime = time;
    }
    this.pending += rest;
  }

  private emit(out: ConsoleLine[], partial: boolean, cut = false): void {
    const text = cleanLine(this.pending);
    const time = this.pending.length > 0 ? this.pendingTime : this.now();
    this.pending = '';
    if (text.length === 0 && this.dropEmpty) return;
    const seq = this.seq++;
    // No object spreads here: this runs once per line, 10,000 times a second under a flood.
    if (cut) out.push({ seq, time, text, cut: true });
    else if (partial) out.push({ seq, time, text, partial: true });
    else out.push({ seq, time, text });
  }
}
