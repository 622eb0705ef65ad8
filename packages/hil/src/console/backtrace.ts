// Decodes crash addresses against the firmware ELF with the board toolchain's addr2line
// (binutils: `addr2line -e ELF -f -i -p -C ADDR...` prints "function at file:line" per address,
// with inlined callers as "(inlined by) ..." lines). Bounded: at most 64 addresses, 10 s.
import { execFile } from 'node:child_process';

/** Options of {@link decodeBacktrace}. */
export interface DecodeOptions {
  /** The firmware ELF with debug info. */
  readonly elf: string;
  /** addr2line of the board's toolchain (`xtensa-esp32-elf-addr2line`, `arm-none-eabi-addr2line`). Default `addr2line`. */
  readonly addr2line?: string;
  readonly timeoutMs?: number;
}

/**
 * One text line per address ("0x400d1a2b: app_main at main.c:42"), or a single line saying why
 * decoding failed: decoding is a help for the report, never a reason to fail the test differently.
 */
export function decodeBacktrace(addresses: readonly string[], options: DecodeOptions): Promise<string[]> {
  const list = addresses.slice(0, 64);
  if (list.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    execFile(
      options.addr2line ?? 'addr2line',
      ['-e', options.elf, '-f', '-i', '-p', '-C', '-a', ...list],
      { timeout: options.timeoutMs ?? 10_000, maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        if (error) resolve([`backtrace not decoded: ${error.message.split('\n')[0]}`]);
        else resolve(stdout.split('\n').filter((l) => l.trim().length > 0));
      },
    );
  });
}
