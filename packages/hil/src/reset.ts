// Reset strategies as DTR/RTS sequences.
//
// Sequence syntax (as esptool's `--custom-reset-sequence`, but W counts milliseconds):
// `D0|R1|W100|D1|R0|W50|D0` — D = DTR, R = RTS, 1 = asserted, 0 = released, W = wait (ms).
// Every step sets both lines at once (serialport's set() writes all modem flags; setting one
// alone would reset the other to its default, asserted), starting from both released.
//
// Presets (esptool's reset.py, v4/v5, "Boot Mode Selection" in its docs):
// - esp-classic: the two-transistor auto-reset circuit of ESP32 DevKits. Into the ROM bootloader:
//   IO0 high + EN low, 100 ms, IO0 low + EN high, 50 ms, IO0 high (ClassicReset). Run the
//   firmware: EN low 100 ms with IO0 high (HardReset).
// - usb-jtag-serial: the USB-Serial/JTAG peripheral of ESP32-C3/S3/C6/H2, which decodes the
//   DTR/RTS pattern itself and needs the (1,1) state on the way (USBJTAGSerialReset).
// - hard-reset: only pulse RTS (EN), never touch IO0: boards where RTS drives reset.
// - none: the board is not reset over the serial lines (power cycling or the flasher does it).
// - native: the simulated board is restarted by its process owner, not by signals.
import { RigFaultError } from './errors.js';
import type { SetOptions } from './serial-types.js';

/** One step of a sequence. */
export type ResetStep =
  | { readonly line: 'dtr' | 'rts'; readonly asserted: boolean }
  | { readonly waitMs: number };

/** What a strategy does for each purpose. */
export interface ResetStrategy {
  readonly name: string;
  /** Into the ROM bootloader (esptool flashing); null when the strategy cannot. */
  readonly bootloader: readonly ResetStep[] | null;
  /** Restart the application firmware. */
  readonly run: readonly ResetStep[];
  /** True for `native`: the harness restarts the simulated board's process instead. */
  readonly external?: boolean;
}

/** Longest custom sequence accepted; the schema allows 64 steps, waits ≤ 99,999 ms. */
export const MAX_RESET_STEPS = 64;

/**
 * Parses a `D0|R1|W100` sequence.
 * @throws RigFaultError for an empty, over-long or malformed sequence (names the bad step).
 */
export function parseResetSequence(text: string): ResetStep[] {
  const parts = text.split('|');
  if (text.length === 0 || parts.length > MAX_RESET_STEPS) {
    throw new RigFaultError(`reset sequence must have 1..${MAX_RESET_STEPS} steps: "${text}"`);
  }
  return parts.map((part, i) => {
    const m = /^(?:([DR])([01])|W(\d{1,5}))$/.exec(part);
    if (!m) throw new RigFaultError(`reset sequence step ${i + 1} "${part}" is not D0, D1, R0, R1 or W<ms>`);
    return m[3] !== undefined
      ? { waitMs: Number(m[3]) }
      : { line: m[1] === 'D' ? ('dtr' as const) : ('rts' as const), asserted: m[2] === '1' };
  });
}

const seq = parseResetSequence;

/** The presets by name. */
export const RESET_PRESETS: Readonly<Record<string, ResetStrategy>> = {
  'esp-classic': {
    name: 'esp-classic',
    bootloader: seq('D0|R1|W100|D1|R0|W50|D0'),
    run: seq('D0|R1|W100|R0'),
  },
  'usb-jtag-serial': {
    name: 'usb-jtag-serial',
    bootloader: seq('R0|D0|W100|D1|R0|W100|R1|D0|R1|W100|D0|R0'),
    run: seq('R1|W200|R0|W200'),
  },
  'hard-reset': { name: 'hard-reset', bootloader: null, run: seq('R1|W100|R0') },
  none: { name: 'none', bootloader: null, run: [] },
  native: { name: 'native', bootloader: null, run: [], external: true },
};

/**
 * The strategy an inventory `reset` value names: a preset, or a custom sequence (used for both purposes).
 * @throws RigFaultError for an unknown name or a malformed sequence.
 */
export function resetStrategy(spec: string | undefined): ResetStrategy {
  const preset = RESET_PRESETS[spec ?? 'none'];
  if (preset) return preset;
  const steps = parseResetSequence(spec as string);
  return { name: spec as string, bootloader: steps, run: steps };
}

/** Where signals go: a console, a flasher's port. */
export interface SignalTarget {
  setSignals(signals: SetOptions): Promise<void>;
}

/**
 * Plays a sequence. Both lines start released.
 * @throws RigFaultError when the port refuses the modem-line ioctl (ptys, some adapters).
 */
export async function playReset(
  target: SignalTarget,
  steps: readonly ResetStep[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const state = { dtr: false, rts: false };
  for (const step of steps) {
    if ('waitMs' in step) {
      await sleep(step.waitMs);
      continue;
    }
    state[step.line] = step.asserted;
    try {
      await target.setSignals({ dtr: state.dtr, rts: state.rts });
    } catch (cause) {
      if (cause instanceof RigFaultError) throw cause;
      throw new RigFaultError(`cannot set DTR/RTS: ${(cause as Error).message}`, { cause });
    }
  }
}
