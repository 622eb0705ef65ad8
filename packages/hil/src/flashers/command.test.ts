import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RigFaultError } from '../errors.js';
import type { BoardSpec, FlasherSpec } from '../inventory/types.js';
import { fillTemplate } from '../run-command.js';
import { flashCommand } from './command.js';
import { flashUf2 } from './uf2.js';

function board(flasher: FlasherSpec, extra: Partial<BoardSpec> = {}): BoardSpec {
  return { id: 'nrf-1', serial: { path: '/dev/ttyACM0', serialNumber: 'SN 1' }, flasher, ...extra };
}

/** Running (a zombie left for a non-reaping PID 1 in a container counts as dead). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('command flasher', () => {
  it('fills placeholders per argument (no shell) and keeps the output as an artifact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-cmd-'));
    const fw = join(dir, 'fw; rm -rf x.hex');
    writeFileSync(fw, 'image');
    const spec = board({
      type: 'command',
      command: ['sh', '-c', 'echo "prog $1 on $2 sn=$3"', 'sh', '{firmware}', '{port}', '{serialNumber}'],
    });
    const result = await flashCommand({
      board: spec,
      portPath: '/dev/ttyACM0',
      firmware: fw,
      artifactDir: dir,
    });
    expect(readFileSync(join(dir, 'flash.log'), 'utf8')).toContain(`prog ${fw} on /dev/ttyACM0 sn=SN 1`);
    expect(result.firmwareHash).toBe('6105d6cc76af400325e94d588ce511be5bfdbb73b437dc51eca43917d7a43e3d');
    expect(() => fillTemplate(['x', '{elf}'], {})).toThrow(/no value for \{elf\}/);
  });

  it('is a rig fault with the output tail when the tool fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-cmd-'));
    const spec = board({ type: 'command', command: ['sh', '-c', 'echo "ERROR: no debug probe"; exit 3'] });
    const error = await flashCommand({ board: spec, portPath: '/dev/x', artifactDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RigFaultError);
    expect((error as Error).message).toMatch(/exited with 3; last output:\nERROR: no debug probe/);
  });

  it('kills a hanging flasher and its children at the timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-cmd-'));
    const spec = board({
      type: 'command',
      command: ['sh', '-c', 'sleep 600 & echo "child $!"; wait'],
      timeoutMs: 500,
    });
    const error = await flashCommand({ board: spec, portPath: '/dev/x', artifactDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RigFaultError);
    expect((error as Error).message).toMatch(/killed after its 500 ms timeout/);
    const pid = Number(/child (\d+)/.exec(readFileSync(join(dir, 'flash.log'), 'utf8'))?.[1]);
    expect(pid).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(false);
  });
});

describe('uf2 flasher', () => {
  /** A fake RP2040 bootloader drive: takes a .uf2 file, then "reboots" (the drive vanishes). */
  function fakeDrive(drive: string, accept: boolean) {
    const timer = setInterval(() => {
      if (!existsSync(drive)) return;
      const uf2 = readdirSync(drive).find((f) => f.endsWith('.uf2'));
      if (uf2 && accept) rmSync(drive, { recursive: true, force: true });
    }, 50);
    return () => clearInterval(timer);
  }

  it('enters the bootloader, copies the image and waits for the reboot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-uf2-'));
    const drive = join(dir, 'RPI-RP2');
    const fw = join(dir, 'probe.uf2');
    writeFileSync(fw, Buffer.alloc(512, 0x55));
    const stop = fakeDrive(drive, true);
    const spec = board({
      type: 'uf2',
      drive,
      enterBootloader: [
        'sh',
        '-c',
        `mkdir -p '${drive}' && echo "UF2 Bootloader v3.0" > '${drive}/INFO_UF2.TXT'`,
      ],
      timeoutMs: 10_000,
    });
    const phases: string[] = [];
    const result = await flashUf2({
      board: spec,
      portPath: '/dev/ttyACM0',
      firmware: fw,
      artifactDir: dir,
      onProgress: (p) => phases.push(p.phase),
    });
    stop();
    expect(phases).toEqual(['wait for drive', 'copy', 'wait for reboot', 'done']);
    expect(existsSync(drive)).toBe(false);
    expect(result.firmwareHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is a rig fault when the drive never appears, or never lets go', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-uf2-'));
    const fw = join(dir, 'probe.uf2');
    writeFileSync(fw, 'x');
    const missing = board({ type: 'uf2', drive: join(dir, 'nope'), timeoutMs: 300 });
    await expect(
      flashUf2({ board: missing, portPath: '/dev/x', firmware: fw, artifactDir: dir }),
    ).rejects.toThrow(/did not appear/);
    const drive = join(dir, 'stuck');
    mkdirSync(drive);
    writeFileSync(join(drive, 'INFO_UF2.TXT'), 'UF2');
    const stuck = board({ type: 'uf2', drive, timeoutMs: 500 });
    await expect(
      flashUf2({ board: stuck, portPath: '/dev/x', firmware: fw, artifactDir: dir }),
    ).rejects.toThrow(/still mounted/);
  });
});
