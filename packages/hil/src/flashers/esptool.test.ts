import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RigFaultError } from '../errors.js';
import type { BoardSpec } from '../inventory/types.js';
import { EspRomSimulator, espRomBinding } from '../testing/esp-rom-binding.js';
import { MAX_FRAME, SlipReader, slipEncode } from './esp-protocol.js';
import { flashEsptool } from './esptool.js';
import type { FlashProgress } from './flasher.js';

function setup(chip: EspRomSimulator, board: Partial<BoardSpec> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hil-esp-'));
  // 0xC0 and 0xDB inside the image exercise SLIP escaping; 5,000 bytes is not a block multiple.
  const app = Buffer.concat([Buffer.from([0xc0, 0xdb, 0xdb, 0xc0]), randomBytes(4996)]);
  const boot = randomBytes(700);
  writeFileSync(join(dir, 'app.bin'), app);
  writeFileSync(join(dir, 'boot.bin'), boot);
  const spec: BoardSpec = {
    id: 'esp32-sim',
    serial: { path: '/dev/esp-sim' },
    flasher: {
      type: 'esptool',
      chip: 'esp32',
      images: [
        { offset: 0x10000, file: join(dir, 'app.bin') },
        { offset: 0x1000, file: join(dir, 'boot.bin') },
      ],
    },
    reset: 'esp-classic',
    ...board,
  };
  return { spec, app, boot, dir, binding: espRomBinding(chip) };
}

describe('SLIP framing', () => {
  it('round-trips escaped bytes and ignores text between frames', () => {
    const payload = Buffer.from([1, 0xc0, 2, 0xdb, 3, 0xdb, 0xdc]);
    const reader = new SlipReader();
    const frames = reader.push(
      Buffer.concat([
        Buffer.from('rst:0x1 boot text\r\n'),
        slipEncode(payload),
        slipEncode(Buffer.from([9])),
      ]),
    );
    expect(frames).toEqual([payload, Buffer.from([9])]);
  });

  it('drops a frame over the size bound instead of growing', () => {
    const reader = new SlipReader();
    const frames = reader.push(
      Buffer.concat([
        Buffer.from([0xc0]),
        Buffer.alloc(MAX_FRAME + 10, 1),
        Buffer.from([0xc0]),
        slipEncode(Buffer.from([7])),
      ]),
    );
    expect(frames).toEqual([Buffer.from([7])]);
  });
});

describe('esptool flasher (simulated ESP32 ROM behind a custom binding)', () => {
  it('resets into the ROM, syncs, detects the chip, writes, verifies and runs the app', async () => {
    const chip = new EspRomSimulator({ appBanner: 'hubtrust-probe boot' });
    const { spec, app, boot, dir, binding } = setup(chip);
    const progress: FlashProgress[] = [];
    const result = await flashEsptool({
      board: spec,
      portPath: '/dev/esp-sim',
      artifactDir: dir,
      binding,
      onProgress: (p) => progress.push(p),
    });
    expect(result.detail.chip).toBe('esp32');
    expect(chip.flash.subarray(0x1000, 0x1000 + boot.length)).toEqual(boot);
    expect(chip.flash.subarray(0x10000, 0x10000 + app.length)).toEqual(app);
    // The erased tail of the last block stays 0xFF.
    expect(chip.flash[0x10000 + app.length]).toBe(0xff);
    expect(chip.mode).toBe('app');
    // Progress is monotonic and ends at the total.
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      done: app.length + boot.length,
      total: app.length + boot.length,
    });
    expect(result.firmwareHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails verification when the flash does not hold what was written', async () => {
    const chip = new EspRomSimulator({ corruptWrites: true });
    const { spec, dir, binding } = setup(chip);
    await expect(
      flashEsptool({ board: spec, portPath: '/dev/esp-sim', artifactDir: dir, binding }),
    ).rejects.toThrow(/verify failed at 0x1000/);
  });

  it('is a rig fault when the ROM never answers, or the chip is another one', async () => {
    const silent = setup(new EspRomSimulator({ silent: true }));
    const error = await flashEsptool({
      board: silent.spec,
      portPath: '/dev/esp-sim',
      artifactDir: silent.dir,
      binding: silent.binding,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RigFaultError);
    expect((error as Error).message).toMatch(/no SYNC answer after 7 attempts/);

    const c3 = setup(new EspRomSimulator({ magic: 0x1b31506f }));
    await expect(
      flashEsptool({ board: c3.spec, portPath: '/dev/esp-sim', artifactDir: c3.dir, binding: c3.binding }),
    ).rejects.toThrow(/should be esp32 but the ROM says esp32c3/);
  });

  it('cannot reach the ROM without a bootloader reset (reset: none leaves the app running)', async () => {
    const chip = new EspRomSimulator();
    const { spec, dir, binding } = setup(chip, { reset: 'none' });
    await expect(
      flashEsptool({ board: spec, portPath: '/dev/esp-sim', artifactDir: dir, binding }),
    ).rejects.toThrow(/download mode/);
  });
});
