// The classifier: lines in (whole text, bytes, or chunks as a serial port delivers them), one
// Explanation out. Each line runs through the detectors of detect/*, which record findings and
// context in the Scan; rank.ts picks the root cause at the end. Work per line is bounded
// (MAX_SCAN_LENGTH characters examined, a fixed set of patterns), memory by the longest line kept
// plus a bounded number of findings.

import { HANDSHAKE_CAUSES } from '@hubtrust/roots';
import { detectLine } from './detect/line.js';
import { type Evidence, type Explanation, SCHEMA_VERSION, type StackId } from './explanation.js';
import { Gate } from './keywords.js';
import { MAX_EVIDENCE, MAX_EVIDENCE_TEXT, MAX_SCAN_LENGTH } from './limits.js';
import { LineSplitter } from './lines.js';
import { causeOf, rank } from './rank.js';
import { remedyFor } from './remedy.js';
import { type Finding, Scan } from './scan.js';

/**
 * Classifies one log incrementally: feed it chunks as they arrive (a serial port, a file stream),
 * then ask for the explanation. `explanation()` may be called at any time; it does not consume the
 * state, so a harness can watch the verdict evolve.
 * @example
 * const c = new LogClassifier();
 * port.on('data', (bytes) => c.push(bytes));
 * // later
 * const { cause, evidence } = c.end();
 */
export class LogClassifier {
  private readonly scan = new Scan();
  private readonly gate = new Gate();
  private readonly splitter = new LineSplitter((text, start, end, n) => this.line(text, start, end, n));
  private ended = false;

  /**
   * Feeds a chunk of the log (text, or bytes decoded as UTF-8). Lines may span chunks.
   * @throws {Error} after end().
   */
  push(chunk: string | Uint8Array): void {
    if (this.ended) throw new Error('LogClassifier: push() after end()');
    this.splitter.push(chunk);
  }

  /** Flushes the last line and returns the explanation. Idempotent. */
  end(): Explanation {
    if (!this.ended) {
      this.ended = true;
      this.splitter.end();
    }
    return this.explanation();
  }

  /** The explanation of what has been read so far (the last unterminated line is not included until end()). */
  explanation(): Explanation {
    return explain(this.scan, {
      lines: this.splitter.lines,
      cutLines: this.splitter.cutLines,
      binaryBytes: this.splitter.binaryBytes,
    });
  }

  /** One line: text[start, end). Only its first MAX_SCAN_LENGTH characters are read. */
  private line(text: string, start: number, end: number, n: number): void {
    const stop = end - start > MAX_SCAN_LENGTH ? start + MAX_SCAN_LENGTH : end;
    if (stop - start < 3) return;
    // One automaton pass finds the line's keys; a line without any is never copied or matched.
    if (!this.gate.scan(text, start, stop, this.scan.likelyStack())) return;
    const line = start === 0 && stop === text.length ? text : text.slice(start, stop);
    detectLine(this.scan, line, line.toLowerCase(), n, this.gate.mask);
  }
}

/**
 * Explains a whole log: the root cause of the TLS handshake outcome it shows, the lines that prove
 * it, and the fix. Never throws on content: binary garbage, NUL bytes, ANSI colours, any line
 * endings and truncated lines give a best-effort answer, or cause `other` with the reason in
 * `detail`.
 * @example
 * const e = explainLog('E (4536) esp-tls: mbedtls_ssl_handshake returned -0x2700');
 * e.cause; // 'unknown_ca'
 */
export function explainLog(log: string | Uint8Array): Explanation {
  const c = new LogClassifier();
  c.push(log);
  return c.end();
}

/** The explanation of a scan (exported for the gate test, not from the package). */
export function explain(s: Scan, input: Explanation['input']): Explanation {
  const r = rank(s);
  const cause = causeOf(r);
  if (!HANDSHAKE_CAUSES.includes(cause)) throw new Error(`internal: cause ${cause} outside the vocabulary`);
  const w = r.winner;
  const stack: StackId =
    w && w.stack !== 'unknown'
      ? w.stack
      : (r.supporting.find((f) => f.stack !== 'unknown')?.stack ?? s.likelyStack());
  const sameCause = [w, ...r.supporting].filter((f): f is Finding => f !== undefined && f.cause === cause);
  const code = sameCause.find((f) => f.code)?.code ?? r.supporting.find((f) => f.code)?.code ?? null;
  const flags = sameCause.find((f) => f.flags)?.flags ?? null;

  let detail: string;
  if (r.success) detail = 'handshake_completed';
  else if (w) detail = w.detail;
  else if (input.lines > 0 && input.binaryBytes * 2 > Math.max(1, input.lines * 40)) detail = 'binary_input';
  else detail = input.lines === 0 ? 'empty_input' : 'no_tls_evidence';

  const evidence = collectEvidence(s, r.success, w, r.supporting, cause);
  const heapNote = s.context.find((e) => e.note === 'heap at that moment')?.text;
  const remedy = remedyFor({ cause, detail, stack, host: s.host, heapNote });
  const confidence = r.success ? 'high' : w ? r.confidence : 'low';
  return {
    schemaVersion: SCHEMA_VERSION,
    cause,
    detail,
    stack,
    code,
    flags,
    evidence,
    remedy,
    confidence,
    host: s.host,
    input,
  };
}

function collectEvidence(
  s: Scan,
  success: boolean,
  w: Finding | undefined,
  supporting: readonly Finding[],
  cause: string,
): Evidence[] {
  const out = new Map<number, Evidence>();
  const put = (line: number, text: string, note: string) => {
    if (line > 0 && !out.has(line) && out.size < MAX_EVIDENCE)
      out.set(line, { line, text: text.slice(0, MAX_EVIDENCE_TEXT), note });
  };
  if (success) put(s.successLine, s.successText, s.successNote);
  if (w) put(w.line, w.text, w.note);
  for (const f of supporting) if (f.cause === cause) put(f.line, f.text, f.note);
  for (const c of s.context) {
    const relevant =
      (c.note.startsWith('the device connects to') &&
        (cause === 'unknown_ca' ||
          cause === 'hostname_mismatch' ||
          cause === 'network' ||
          cause === 'peer_rejected_client_cert')) ||
      (c.note.includes('clock') && (cause === 'not_yet_valid_clock' || cause === 'expired')) ||
      (c.note === 'heap at that moment' && (cause === 'out_of_memory' || cause === 'other'));
    if (relevant) put(c.line, c.text, c.note);
  }
  for (const f of supporting) put(f.line, f.text, f.note);
  return [...out.values()].sort((a, b) => a.line - b.line);
}
