// The serial console of a board: opens the port (any serialport binding), assembles lines, keeps
// the raw bytes and the timestamped lines as artifacts, answers expect/expectNot, detects crashes
// and resets, and reconnects when a USB-serial device re-enumerates after a reset.
//
// Expect follows pexpect's model: a cursor marks the first line not yet consumed; a match
// consumes every line up to the matched one, so `expect('A'); expect('B')` means "A, then B".
// Disconnects: serialport's Linux poller (libuv) reports POLLHUP only together with POLLIN, so a
// pty whose other end closed, and some USB-serial drivers on unplug, never fail a read. The
// console therefore also watches the device node every `watchMs` and treats its disappearance
// (udev removes /dev/ttyUSBn and its by-id link; socat removes its link) as a disconnect.
//
// Memory is bounded: the history keeps the last `historyLines` lines (default 1,000) in fixed
// buffers off the JS heap (line-history.ts), the
// artifacts go to disk, and a line is at most 4096 characters.
import { realpathSync } from 'node:fs';
import { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { HilError, HilTimeoutError, RigFaultError } from '../errors.js';
import type { Binding, SetOptions } from '../serial-types.js';
import { ArtifactFile } from './artifact-file.js';
import { decodeBacktrace } from './backtrace.js';
import { CrashDetector, type CrashReport } from './crash.js';
import { type ConsoleLine, LineAssembler } from './line-assembler.js';
import { LineHistory } from './line-history.js';

/** A text to find (substring) or a regular expression. */
export type Pattern = string | RegExp;

/** One successful match. */
export interface ExpectMatch {
  /** The pattern that matched and its index in the list given. */
  readonly pattern: Pattern;
  readonly index: number;
  readonly line: ConsoleLine;
  /** Capture groups 1..n (empty for a string pattern). */
  readonly captures: readonly string[];
  /** Named capture groups. */
  readonly groups: Readonly<Record<string, string>>;
}

/** Options of the expect calls. */
export interface ExpectOptions {
  /** Milliseconds to wait. Default {@link SerialConsoleOptions.defaultTimeoutMs}. */
  readonly timeout?: number;
}

/** Options of {@link SerialConsole.open}. */
export interface SerialConsoleOptions {
  /** The device path, or a function resolving it again (USB serial number / VID:PID after re-enumeration). */
  readonly path: string | (() => Promise<string>);
  /** Default 115200. */
  readonly baudRate?: number;
  /** serialport binding. Default: the platform binding (`SerialPort.binding`). */
  readonly binding?: Binding;
  /** Artifact: every byte received, as received. */
  readonly rawLog?: string;
  /** Artifact: one line per console line, ISO time + text. */
  readonly lineLog?: string;
  /** The board's boot banner: seen while armed, it is an unexpected reset. */
  readonly bootBanner?: RegExp;
  /** Lines kept for expect and for observers reading an attempt (oldest dropped first; also at most 256 KiB of text). Default 1,000: an mbedTLS handshake log is 20-300 lines at debug level 1-2 and ~550 at level 3; the artifacts keep everything. */
  readonly historyLines?: number;
  /** How long to keep trying to reopen a port that disappeared. Default 10 s (a USB CDC device re-enumerates in 1-3 s). */
  readonly reconnectMs?: number;
  /** After this much silence, expects may match a line still without its line end (prompts). Default 250 ms. */
  readonly quietFlushMs?: number;
  /** Default expect timeout. Default 10 s. */
  readonly defaultTimeoutMs?: number;
  /** Firmware ELF and addr2line to decode crash backtraces. */
  readonly elf?: string;
  readonly addr2line?: string;
  /** How often the device node is checked for existence. Default 500 ms. */
  readonly watchMs?: number;
  /** Clock (tests). */
  readonly now?: () => number;
}

/** The device crashed or reset on its own: a test failure (exit 1), never retried. */
export class DeviceCrashError extends HilError {
  override readonly name = 'DeviceCrashError';
  constructor(readonly report: CrashReport) {
    super(
      'device-crash',
      `device crash (${report.kind}): ${report.headline}${report.decoded?.length ? `\n  ${report.decoded.join('\n  ')}` : ''}`,
    );
  }
}

interface Waiter {
  test(line: ConsoleLine): boolean;
  fail(error: Error): void;
}

function nodeOf(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function toRegExp(p: Pattern): RegExp {
  return typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : p;
}

/** Matches one line; `re` is `toRegExp(pattern)`, made once per expect, not per line. */
function matchOf(pattern: Pattern, re: RegExp, index: number, line: ConsoleLine): ExpectMatch | null {
  re.lastIndex = 0;
  const m = re.exec(line.text);
  if (!m) return null;
  return {
    pattern,
    index,
    line,
    captures: m.slice(1).map((c) => c ?? ''),
    groups: { ...(m.groups ?? {}) } as Record<string, string>,
  };
}

/**
 * A board's serial console.
 * @example
 * ```ts
 * const con = await SerialConsole.open({ path: '/dev/ttyUSB0', rawLog: 'out/raw.log' });
 * const m = await con.expect(/handshake returned (-0x[0-9a-f]+)/, { timeout: 30_000 });
 * console.log(m.captures[0]);
 * await con.close();
 * ```
 */
export class SerialConsole {
  private port: SerialPortStream | null = null;
  private readonly assembler: LineAssembler;
  private readonly detector: CrashDetector;
  private readonly history: LineHistory;
  private cursor = 0; // seq of the first unconsumed line
  private readonly waiters = new Set<Waiter>();
  private readonly lineListeners = new Set<(line: ConsoleLine) => void>();
  private raw: ArtifactFile | null = null;
  private lineFile: ArtifactFile | null = null;
  private quietTimer: NodeJS.Timeout | null = null;
  private crashTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private reconnecting: Promise<void> | null = null;
  /** The first fatal event: a crash report (as error) or a lost port. Later expects fail with it. */
  private fatal: Error | null = null;
  private bytes = 0;
  private reconnects = 0;
  private currentPath = '';
  private crashPending = false;
  private stampTime = -1;
  private stampText = '';
  /** The device node the path resolved to when opened (null: not a file, e.g. a mock port). */
  private deviceNode: string | null = null;
  private watchTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly options: SerialConsoleOptions) {
    this.assembler = new LineAssembler({ ...(options.now ? { now: options.now } : {}) });
    this.detector = new CrashDetector(options.bootBanner ?? null);
    this.history = new LineHistory({
      ...(options.historyLines !== undefined ? { maxLines: options.historyLines } : {}),
    });
  }

  /**
   * Opens the port and starts reading.
   * @throws RigFaultError when the port cannot be opened.
   */
  static async open(options: SerialConsoleOptions): Promise<SerialConsole> {
    const con = new SerialConsole(options);
    con.openArtifacts(options);
    await con.connect();
    return con;
  }

  /** Bytes received so far. */
  get bytesReceived(): number {
    return this.bytes;
  }

  /** Times the port was reopened after disappearing. */
  get reconnectCount(): number {
    return this.reconnects;
  }

  /** Lines still in the history (oldest first). */
  get lines(): readonly ConsoleLine[] {
    return [...this.history.since(0)];
  }

  /** The crash seen, if any. */
  get crash(): CrashReport | null {
    return this.fatal instanceof DeviceCrashError ? this.fatal.report : null;
  }

  /**
   * Sends the artifacts to new files from now on (one pair per test while the port stays open);
   * resolves when the previous files are complete.
   */
  async rotateArtifacts(files: { readonly rawLog?: string; readonly lineLog?: string }): Promise<void> {
    this.closeArtifacts();
    this.openArtifacts(files);
  }

  /**
   * Opens the artifact files (batched synchronous appends, see artifact-file.ts).
   * @throws RigFaultError when one cannot be opened.
   */
  private openArtifacts(files: { readonly rawLog?: string; readonly lineLog?: string }): void {
    const open = (file: string | undefined) => {
      if (!file) return null;
      try {
        return new ArtifactFile(file, {
          onError: (e) => this.setFatal(new RigFaultError(`cannot write artifact ${file}: ${e.message}`)),
        });
      } catch (cause) {
        throw new RigFaultError(`cannot open artifact ${file}: ${(cause as Error).message}`, { cause });
      }
    };
    this.raw = open(files.rawLog);
    this.lineFile = open(files.lineLog);
  }

  private closeArtifacts(): void {
    for (const file of [this.raw, this.lineFile]) {
      try {
        file?.close();
      } catch {
        // closing a descriptor only fails when it is already gone; the data was written
      }
    }
    this.raw = null;
    this.lineFile = null;
  }

  /** Text of the unconsumed and consumed lines since `seq` (for observers reading a whole attempt). */
  textSince(seq: number): string {
    return Array.from(this.history.since(seq), (l) => l.text).join('\n');
  }

  /** Sequence number the next line will get. */
  get nextSeq(): number {
    return this.history.nextSeq;
  }

  /** Calls `listener` for every line; returns unsubscribe. */
  onLine(listener: (line: ConsoleLine) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** An unexpected boot banner is a crash from now on (call after the expected boot). */
  armResetDetection(): void {
    this.detector.arm();
  }

  /** The harness is about to reset the board: boot banners are expected until {@link armResetDetection}. */
  disarmResetDetection(): void {
    this.detector.disarm();
  }

  /** Skips every line received so far (the next expect sees only new lines). */
  skipHistory(): void {
    this.cursor = Math.max(this.cursor, this.history.nextSeq);
  }

  private async openPort(): Promise<SerialPortStream> {
    const o = this.options;
    const path = typeof o.path === 'string' ? o.path : await o.path();
    this.currentPath = path;
    this.deviceNode = nodeOf(path);
    const port = new SerialPortStream({
      binding: o.binding ?? (SerialPort.binding as Binding),
      path,
      baudRate: o.baudRate ?? 115_200,
      autoOpen: false,
      // 16 KiB read pools: a pool stays alive while any chunk sliced from it does (the raw
      // artifact's write queue), so smaller pools bound what a flood pins (bench/flood.ts).
      highWaterMark: 16 * 1024,
    });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return port;
  }

  private async connect(): Promise<void> {
    let port: SerialPortStream;
    try {
      port = await this.openPort();
    } catch (cause) {
      throw new RigFaultError(`cannot open serial port: ${(cause as Error).message}`, { cause });
    }
    this.attach(port);
    // Only real device nodes are watched (a mock binding's paths do not exist on disk). A by-id
    // link that now points to another node is a re-enumeration too.
    if (this.deviceNode !== null) {
      this.watchTimer = setInterval(() => {
        const current = this.port;
        if (current?.isOpen && nodeOf(this.currentPath) !== this.deviceNode) current.close();
      }, this.options.watchMs ?? 500);
      this.watchTimer.unref();
    }
  }

  private attach(port: SerialPortStream): void {
    this.port = port;
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('error', () => {}); // surfaced through 'close' (disconnect) or the failing call
    port.on('close', (error: Error | null) => {
      if (this.port !== port) return;
      this.port = null;
      if (!this.closing) this.reconnecting = this.reconnect(error);
    });
  }

  private async reconnect(cause: Error | null): Promise<void> {
    const deadline = Date.now() + (this.options.reconnectMs ?? 10_000);
    this.note(`port closed (${cause?.message ?? 'no reason'}); reconnecting`);
    while (!this.closing && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      try {
        const port = await this.openPort();
        if (this.closing) {
          port.close();
          return;
        }
        this.reconnects += 1;
        this.note('port reopened');
        this.attach(port);
        this.reconnecting = null;
        return;
      } catch {
        // not back yet
      }
    }
    if (!this.closing) {
      this.setFatal(
        new RigFaultError(
          `serial port disappeared and did not come back within ${this.options.reconnectMs ?? 10_000} ms`,
          { cause },
        ),
      );
    }
    this.reconnecting = null;
  }

  /** ISO-8601 time of a line, reused while lines arrive within the same millisecond (floods). */
  private stamp(time: number): string {
    if (time !== this.stampTime) {
      this.stampTime = time;
      this.stampText = new Date(time).toISOString();
    }
    return this.stampText;
  }

  /** Writes a harness note into the line artifact. */
  private note(text: string): void {
    this.lineFile?.writeText(`${new Date().toISOString()} [hil] ${text}\n`);
  }

  private onData(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.raw?.write(chunk);
    for (const line of this.assembler.push(chunk)) this.onLineIn(line);
    // One timer re-armed per chunk (refresh), not a new one per chunk.
    if (this.quietTimer) this.quietTimer.refresh();
    else {
      this.quietTimer = setTimeout(() => this.onQuiet(), this.options.quietFlushMs ?? 250);
      this.quietTimer.unref?.();
    }
  }

  private onQuiet(): void {
    this.offerPartial();
    if (this.detector.collecting) this.crashed(this.detector.finish());
  }

  /**
   * After silence, waiters may match the text still waiting for its line end (a prompt such as
   * "> "). It is not emitted as a line: when the rest arrives late (a loaded host, a slow UART)
   * the complete line is emitted whole; a match here consumes it in advance (same seq).
   */
  private offerPartial(): void {
    const text = this.assembler.pendingText;
    if (!text || this.waiters.size === 0 || this.fatal) return;
    const line: ConsoleLine = { seq: this.nextSeq, time: Date.now(), text, partial: true };
    for (const w of [...this.waiters]) if (w.test(line)) this.waiters.delete(w);
  }

  private onLineIn(line: ConsoleLine): void {
    this.history.push(line);
    const file = this.lineFile;
    if (file) {
      // Three appends into the batch buffer: no per-line string is built for the artifact.
      file.writeText(this.stamp(line.time));
      file.writeText(' ');
      file.writeText(line.text);
      file.writeText('\n');
    }
    for (const l of this.lineListeners) l(line);
    const report = this.detector.feed(line);
    if (report) this.crashed(report);
    else if (this.detector.collecting && !this.crashTimer) {
      // A dump without an end line still ends the test within a second.
      this.crashTimer = setTimeout(() => this.crashed(this.detector.finish()), 1000);
      this.crashTimer.unref?.();
    }
    if (report || this.detector.collecting || this.crashPending) return; // dump lines never satisfy an expect
    if (this.waiters.size > 0) for (const w of [...this.waiters]) if (w.test(line)) this.waiters.delete(w);
  }

  private crashed(report: CrashReport | null): void {
    if (this.crashTimer) clearTimeout(this.crashTimer);
    this.crashTimer = null;
    if (!report || this.fatal) return;
    const o = this.options;
    if (o.elf && report.addresses.length > 0) {
      this.crashPending = true;
      void decodeBacktrace(report.addresses, {
        elf: o.elf,
        ...(o.addr2line ? { addr2line: o.addr2line } : {}),
      }).then((decoded) => this.setFatal(new DeviceCrashError({ ...report, decoded })));
    } else this.setFatal(new DeviceCrashError(report));
  }

  private setFatal(error: Error): void {
    if (this.fatal) return;
    this.fatal = error;
    this.note(error.message);
    for (const w of [...this.waiters]) w.fail(error);
    this.waiters.clear();
  }

  /** The unconsumed lines in the history. */
  private pendingLines(): Generator<ConsoleLine> {
    return this.history.since(this.cursor);
  }

  private tail(n = 8): string {
    const lines = Array.from(this.history.since(this.history.nextSeq - n), (l) => `    ${l.text}`);
    return lines.length > 0 ? `; last lines:\n${lines.join('\n')}` : '; the board printed nothing';
  }

  private wait<T>(timeoutMs: number, what: string, onLine: (line: ConsoleLine) => T | null): Promise<T> {
    if (this.fatal) return Promise.reject(this.fatal);
    for (const line of this.pendingLines()) {
      const found = onLine(line);
      if (found !== null) return Promise.resolve(found);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new HilTimeoutError(`no ${what} within ${timeoutMs} ms${this.tail()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        test: (line) => {
          const found = onLine(line);
          if (found === null) return false;
          clearTimeout(timer);
          resolve(found);
          return true;
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /**
   * Waits for a line matching `pattern`; consumes the lines up to it.
   * @throws HilTimeoutError after the timeout; DeviceCrashError when the device crashes or resets; RigFaultError when the port is gone.
   */
  expect(pattern: Pattern, options: ExpectOptions = {}): Promise<ExpectMatch> {
    return this.expectAny([pattern], options);
  }

  /** Waits for a line matching any of the patterns; the match says which (`index`). */
  expectAny(patterns: readonly Pattern[], options: ExpectOptions = {}): Promise<ExpectMatch> {
    const timeout = options.timeout ?? this.options.defaultTimeoutMs ?? 10_000;
    const res = patterns.map(toRegExp);
    return this.wait(timeout, `line matching ${patterns.map(String).join(' or ')}`, (line) => {
      for (let i = 0; i < patterns.length; i++) {
        const m = matchOf(patterns[i] as Pattern, res[i] as RegExp, i, line);
        if (m) {
          this.cursor = line.seq + 1;
          return m;
        }
      }
      return null;
    });
  }

  /** Waits until every pattern matched a line (in any order); returns the matches in pattern order. */
  expectAll(patterns: readonly Pattern[], options: ExpectOptions = {}): Promise<ExpectMatch[]> {
    const timeout = options.timeout ?? this.options.defaultTimeoutMs ?? 10_000;
    const found: (ExpectMatch | undefined)[] = patterns.map(() => undefined);
    const res = patterns.map(toRegExp);
    const start = this.cursor;
    return this.wait(timeout, `lines matching all of ${patterns.map(String).join(', ')}`, (line) => {
      patterns.forEach((p, i) => {
        if (!found[i]) found[i] = matchOf(p, res[i] as RegExp, i, line) ?? undefined;
      });
      if (found.some((f) => !f)) return null;
      const all = found as ExpectMatch[];
      this.cursor = Math.max(start, ...all.map((m) => m.line.seq + 1));
      return all;
    });
  }

  /**
   * Watches for `timeout` ms (unconsumed history included) and fails if `pattern` shows up.
   * @throws TestFailedError-kind HilError carrying the offending line; DeviceCrashError; RigFaultError.
   */
  async expectNot(pattern: Pattern, options: ExpectOptions = {}): Promise<void> {
    const timeout = options.timeout ?? this.options.defaultTimeoutMs ?? 10_000;
    try {
      const re = toRegExp(pattern);
      const m = await this.wait(timeout, '', (line) => matchOf(pattern, re, 0, line));
      throw new HilError('test-failed', `unexpected line matching ${String(pattern)}: ${m.line.text}`);
    } catch (error) {
      if (error instanceof HilTimeoutError) return;
      throw error;
    }
  }

  /** Sends text (or bytes) to the device and waits until written. @throws RigFaultError when the port is gone. */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.reconnecting) await this.reconnecting;
    const port = this.port;
    if (!port) throw this.fatal ?? new RigFaultError('serial port is not open');
    await new Promise<void>((resolve, reject) =>
      port.write(data, (e) =>
        e ? reject(new RigFaultError(`serial write failed: ${e.message}`, { cause: e })) : resolve(),
      ),
    );
    await new Promise<void>((resolve) => port.drain(() => resolve()));
  }

  /** Sets modem control lines (DTR/RTS) on the open port. @throws RigFaultError when the binding refuses (ptys do). */
  async setSignals(signals: SetOptions): Promise<void> {
    const port = this.port;
    if (!port) throw this.fatal ?? new RigFaultError('serial port is not open');
    await new Promise<void>((resolve, reject) =>
      port.set(signals, (e) =>
        e
          ? reject(new RigFaultError(`cannot set ${JSON.stringify(signals)}: ${e.message}`, { cause: e }))
          : resolve(),
      ),
    );
  }

  /** Closes the port and the artifact files. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.watchTimer) clearInterval(this.watchTimer);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.crashTimer) clearTimeout(this.crashTimer);
    for (const line of this.assembler.flush()) this.onLineIn(line);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    for (const w of this.waiters) w.fail(new RigFaultError('console closed'));
    this.waiters.clear();
    this.closeArtifacts();
  }
}
