// Crash and reset detection on console lines.
//
// Recognised (one pattern table, each with the document its format comes from):
// - ESP-IDF panic handler (esp_system/panic.c; "Fatal Errors" in the ESP-IDF programming guide):
//   "Guru Meditation Error: Core  0 panic'ed (LoadProhibited). Exception was unhandled.", then a
//   register dump and, on Xtensa, "Backtrace: 0x400d1a2b:0x3ffb1f80 0x400d2c3d:0x3ffb1fa0 ...";
//   on RISC-V chips the dump names MEPC and RA. Also "abort() was called at PC 0x… on core 0"
//   and the stack-overflow and watchdog reports.
// - Cortex-M fault dumps as the common RTOSes print them: Zephyr ("***** HARD FAULT *****",
//   ">>> ZEPHYR FATAL ERROR", "r15/pc: 0x…"), Mbed OS ("++ MbedOS Fault Handler ++", "PC   : …"),
//   FreeRTOS/CMSIS handlers ("HardFault_Handler", "Hard Fault", "PC = 0x…").
// - An unexpected boot banner (the board's `bootBanner` regex) after the console was armed: the
//   device reset without being asked (brown-out, watchdog, a crash that printed nothing).
// A crash ends the test as `device-crash`, never as a rig fault.

import type { ConsoleLine } from './line-assembler.js';

/** What kind of crash. */
export type CrashKind = 'esp-panic' | 'cortex-m-fault' | 'unexpected-reset';

/** A detected crash. */
export interface CrashReport {
  readonly kind: CrashKind;
  /** The line that started the report. */
  readonly headline: string;
  /** The dump's lines (headline included), at most {@link MAX_CRASH_LINES}. */
  readonly lines: readonly string[];
  /** Code addresses of the backtrace, innermost first (program counters). */
  readonly addresses: readonly string[];
  /** Filled in by the console when an ELF and addr2line are available. */
  readonly decoded?: readonly string[];
}

/** Lines of a dump kept after the headline. ESP-IDF's Xtensa dump is ~20 lines; Zephyr's ~25. */
export const MAX_CRASH_LINES = 48;

const STARTS: readonly { readonly kind: CrashKind; readonly re: RegExp }[] = [
  {
    kind: 'esp-panic',
    re: /Guru Meditation Error:|abort\(\) was called at PC|\*\*\*ERROR\*\*\* A stack overflow|Task watchdog got triggered|^Backtrace: ?0x/,
  },
  {
    kind: 'cortex-m-fault',
    re: /\*{3,} (?:HARD|BUS|USAGE|MPU) FAULT \*{3,}|ZEPHYR FATAL ERROR|MbedOS Fault Handler|HardFault_Handler|\bHard ?Fault\b/i,
  },
];

/** Lines that end a dump (the device restarts or halts). */
const ENDS = /^Rebooting\.\.\.|^CPU halted|Halting system|^-- MbedOS Fault Handler --|^ELF file SHA256/;

const XTENSA_BACKTRACE = /^Backtrace: ?(.*)$/;
const PAIR = /(0x[0-9a-fA-F]{8}):0x[0-9a-fA-F]{8}/g;
const REGISTER_PC = /\b(?:r15\/pc|PC|pc|MEPC|RA|ra|LR|lr|r14\/lr)\s*[:=]\s*(?:0x)?([0-9a-fA-F]{8})\b/g;
const ABORT_PC = /abort\(\) was called at PC (0x[0-9a-fA-F]{8})/;

/**
 * Watches lines for crashes. Feed every line; `feed` returns a report once a dump is complete
 * (its end line, the backtrace, or {@link MAX_CRASH_LINES}); call `finish` when the console goes
 * quiet to get a dump that had no end line.
 */
export class CrashDetector {
  private current: { kind: CrashKind; headline: string; lines: string[]; addresses: string[] } | null = null;
  private armed = false;

  /** @param bootBanner the board's boot banner; seen after {@link arm}, it is an unexpected reset. */
  constructor(private readonly bootBanner: RegExp | null = null) {}

  /** From now on a boot banner is a crash (call after the expected boot). */
  arm(): void {
    this.armed = true;
  }

  /** Expected reset coming (the harness resets the board): banners are fine until {@link arm}. */
  disarm(): void {
    this.armed = false;
  }

  /** True while a dump is being collected. */
  get collecting(): boolean {
    return this.current !== null;
  }

  feed(line: ConsoleLine): CrashReport | null {
    const text = line.text;
    if (this.current) {
      const c = this.current;
      c.lines.push(text);
      this.collectAddresses(text);
      if (XTENSA_BACKTRACE.test(text) && c.kind === 'esp-panic') return this.finish();
      if (ENDS.test(text) || c.lines.length >= MAX_CRASH_LINES) return this.finish();
      if (this.bootBanner?.test(text)) return this.finish();
      return null;
    }
    for (const start of STARTS) {
      if (start.re.test(text)) {
        this.current = { kind: start.kind, headline: text, lines: [text], addresses: [] };
        this.collectAddresses(text);
        const abort = ABORT_PC.exec(text);
        if (abort?.[1]) this.current.addresses.push(abort[1].toLowerCase());
        if (XTENSA_BACKTRACE.test(text)) return this.finish();
        return null;
      }
    }
    if (this.armed && this.bootBanner?.test(text)) {
      return { kind: 'unexpected-reset', headline: text, lines: [text], addresses: [] };
    }
    return null;
  }

  /** Ends the dump in progress (the device went quiet); null when none. */
  finish(): CrashReport | null {
    const c = this.current;
    this.current = null;
    if (!c) return null;
    return { kind: c.kind, headline: c.headline, lines: c.lines, addresses: [...new Set(c.addresses)] };
  }

  private collectAddresses(text: string): void {
    const c = this.current;
    if (!c) return;
    const bt = XTENSA_BACKTRACE.exec(text);
    if (bt?.[1]) {
      for (const m of bt[1].matchAll(PAIR)) c.addresses.push((m[1] as string).toLowerCase());
      return;
    }
    for (const m of text.matchAll(REGISTER_PC)) c.addresses.push(`0x${(m[1] as string).toLowerCase()}`);
  }
}
