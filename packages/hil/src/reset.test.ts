import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialConsole } from './console/serial-console.js';
import { RigFaultError } from './errors.js';
import { parseResetSequence, playReset, RESET_PRESETS, resetStrategy } from './reset.js';
import type { Binding } from './serial-types.js';
import { captureBinding } from './testing/capture-binding.js';
import { ptyPair } from './testing/pty.js';

afterEach(() => SerialPortMock.binding.reset());

/** The (dtr, rts) states a recording binding saw, with the waits between them rounded to 10 ms. */
async function played(steps: Parameters<typeof playReset>[1]) {
  SerialPortMock.binding.createPort('/dev/esp0', { echo: false });
  const cap = captureBinding(SerialPortMock.binding as unknown as Binding);
  const con = await SerialConsole.open({ path: '/dev/esp0', binding: cap.binding });
  const waits: number[] = [];
  await playReset(con, steps, async (ms) => {
    waits.push(ms);
  });
  await con.close();
  return { states: cap.signals.map((s) => `${s.set.dtr ? 'D1' : 'D0'}${s.set.rts ? 'R1' : 'R0'}`), waits };
}

describe('reset strategies', () => {
  it('parses custom sequences and rejects bad ones with the step', () => {
    expect(parseResetSequence('D0|R1|W100')).toEqual([
      { line: 'dtr', asserted: false },
      { line: 'rts', asserted: true },
      { waitMs: 100 },
    ]);
    expect(() => parseResetSequence('D0|X1')).toThrow(/step 2 "X1"/);
    expect(() => parseResetSequence('')).toThrow(RigFaultError);
    expect(() => parseResetSequence(Array(65).fill('W1').join('|'))).toThrow(/1\.\.64/);
    expect(resetStrategy('R1|W5|R0').run).toHaveLength(3);
    expect(resetStrategy(undefined).name).toBe('none');
  });

  it('plays the classic ESP auto-reset into the bootloader: EN low, then IO0 low as EN rises', async () => {
    const { states, waits } = await played(RESET_PRESETS['esp-classic']?.bootloader ?? []);
    // Every set carries both lines (serialport would otherwise re-assert the other one).
    expect(states).toEqual(['D0R0', 'D0R1', 'D1R1', 'D1R0', 'D0R0']);
    expect(waits).toEqual([100, 50]);
  });

  it('plays the USB-JTAG-serial sequence through the (1,1) state', async () => {
    const { states } = await played(RESET_PRESETS['usb-jtag-serial']?.bootloader ?? []);
    expect(states).toEqual(['D0R0', 'D0R0', 'D1R0', 'D1R0', 'D1R1', 'D0R1', 'D0R1', 'D0R1', 'D0R0']);
  });

  it('times the steps with the real clock', async () => {
    SerialPortMock.binding.createPort('/dev/esp1', { echo: false });
    const cap = captureBinding(SerialPortMock.binding as unknown as Binding);
    const con = await SerialConsole.open({ path: '/dev/esp1', binding: cap.binding });
    await playReset(con, parseResetSequence('R1|W120|R0'));
    await con.close();
    const [a, b] = cap.signals;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(115);
  });

  it('is a rig fault on a pty, which has no modem lines', async () => {
    const pty = await ptyPair();
    const con = await SerialConsole.open({ path: pty.host });
    await expect(playReset(con, parseResetSequence('D1'))).rejects.toThrow(/cannot set .*ioctl/);
    await con.close();
    await pty.stop();
  });
});
