// Turns a byte or text stream into clean lines: LF, CRLF and lone CR all end a line (serial
// consoles and progress output use each), a CRLF split across two chunks counts once, lines longer
// than MAX_LINE_LENGTH are cut as they arrive (the rest is skipped up to the next line end, never
// buffered), ANSI escape sequences and control characters are removed. Bytes are decoded as UTF-8
// with replacement (WHATWG TextDecoder, available in browsers and Node), so binary garbage becomes
// U+FFFD and is counted, never thrown on.

import { MAX_LINE_LENGTH } from './limits.js';

/**
 * Called once per complete line with its 1-based number: the line is `text.slice(start, end)`.
 * A line inside a clean chunk is handed over as a range of the chunk (no copy); a line that spans
 * chunks or needed cleaning comes as a string of its own (start 0, end its length).
 */
export type LineSink = (text: string, start: number, end: number, lineNumber: number) => void;

// CSI sequences (ESC [ ... final), OSC (ESC ] ... BEL/ST), two-byte escapes, then the C0/C1 controls
// except TAB. Applied to one line at a time, so it is bounded by MAX_LINE_LENGTH.
const ANSI_OR_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes ANSI colour codes and control characters (keeps TAB). */
export function cleanLine(line: string): string {
  return HAS_CONTROL.test(line) ? line.replace(ANSI_OR_CONTROL, '') : line;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const HAS_CONTROL_OR_REPLACEMENT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/;

/** Incremental line splitter with bounded memory. */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';
  /** Up to 3 bytes of a UTF-8 character that the last chunk cut. */
  private heldBytes = new Uint8Array(0);
  private cutting = false;
  private skipLf = false;
  private count = 0;
  private cut = 0;
  private replaced = 0;
  /** The current chunk holds control characters or U+FFFD: lines need cleaning and counting. */
  private dirty = true;
  /** Some part of the line being assembled came from a dirty chunk. */
  private lineDirty = false;

  constructor(private readonly sink: LineSink) {}

  /** Lines emitted so far. */
  get lines(): number {
    return this.count;
  }

  /** Lines that exceeded MAX_LINE_LENGTH and were cut. */
  get cutLines(): number {
    return this.cut;
  }

  /** U+FFFD characters produced by invalid UTF-8 (or present in text input). */
  get binaryBytes(): number {
    return this.replaced;
  }

  /** Feeds a chunk: text, or bytes decoded as UTF-8 (a character split across chunks is kept whole). */
  push(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') {
      this.feed(chunk);
      return;
    }
    // TextDecoder's streaming mode is several times slower than one-shot decoding in Node 20, so
    // the bytes of a character cut at the chunk's end are held back and decoding is one-shot.
    let bytes = chunk;
    if (this.heldBytes.length > 0) {
      bytes = new Uint8Array(this.heldBytes.length + chunk.length);
      bytes.set(this.heldBytes);
      bytes.set(chunk, this.heldBytes.length);
    }
    const cut = completeUpTo(bytes);
    this.heldBytes = bytes.slice(cut);
    this.feed(this.decoder.decode(bytes.subarray(0, cut)));
  }

  /** Flushes held bytes (an incomplete character becomes U+FFFD) and the last unterminated line. */
  end(): void {
    if (this.heldBytes.length > 0) this.feed(this.decoder.decode(this.heldBytes));
    this.heldBytes = new Uint8Array(0);
    if (this.partial !== '' || this.cutting) this.emit();
  }

  private feed(text: string): void {
    const n = text.length;
    if (n === 0) return;
    // Per-chunk checks keep the per-line work to slicing when the text is clean.
    this.dirty = HAS_CONTROL_OR_REPLACEMENT.test(text);
    let start = 0;
    if (this.skipLf) {
      if (text.charCodeAt(0) === 10) start = 1;
      this.skipLf = false;
    }
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    while (lf >= 0 || cr >= 0) {
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (this.partial === '' && !this.cutting && !this.dirty) this.emitRange(text, start, end);
      else {
        this.append(text, start, end);
        this.emit();
      }
      let next = end + 1;
      if (end === cr) {
        if (next < n) {
          if (text.charCodeAt(next) === 10) next++;
        } else {
          this.skipLf = true;
        }
      }
      start = next;
      if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    }
    if (start < n) this.append(text, start, n);
  }

  private append(text: string, from: number, to: number): void {
    if (this.cutting || from >= to) return;
    this.lineDirty ||= this.dirty;
    if (this.partial === '' && to - from <= MAX_LINE_LENGTH) {
      this.partial = text.slice(from, to);
      return;
    }
    const room = MAX_LINE_LENGTH - this.partial.length;
    if (to - from > room) {
      this.partial += text.slice(from, from + room);
      this.cutting = true;
      return;
    }
    this.partial += text.slice(from, to);
  }

  /** A whole line inside a clean chunk: handed over as a range, cut at MAX_LINE_LENGTH. */
  private emitRange(text: string, from: number, to: number): void {
    this.count++;
    if (to - from > MAX_LINE_LENGTH) {
      this.cut++;
      this.sink(text, from, from + MAX_LINE_LENGTH, this.count);
    } else this.sink(text, from, to, this.count);
  }

  private emit(): void {
    const raw = this.partial;
    if (this.cutting) this.cut++;
    this.partial = '';
    this.cutting = false;
    this.count++;
    const dirty = this.lineDirty;
    this.lineDirty = false;
    if (dirty) {
      for (let i = raw.indexOf('\ufffd'); i >= 0; i = raw.indexOf('\ufffd', i + 1)) this.replaced++;
      const clean = cleanLine(raw);
      this.sink(clean, 0, clean.length, this.count);
    } else {
      this.sink(raw, 0, raw.length, this.count);
    }
  }
}

/**
 * Length of the prefix of `bytes` that ends on a UTF-8 character boundary: the bytes of a
 * multi-byte character (RFC 3629 §3) cut at the end are left out. Anything malformed counts as
 * complete, for the decoder to replace.
 */
function completeUpTo(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back] as number;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}
