// The `uf2` flasher: RP2040-style mass-storage bootloaders (Microsoft's UF2 format, "USB Flashing
// Format", github.com/microsoft/uf2): optionally run a command that reboots the board into its
// bootloader (`picotool reboot -u -f`), wait for the drive to be mounted (its INFO_UF2.TXT
// appears), copy the .uf2 file onto it, and wait for the drive to vanish — the bootloader
// writes the flash and reboots as soon as the last block arrives. Mounting is the host's job
// (udisks, an fstab entry or autofs), as on a lab host.
import { copyFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RigFaultError } from '../errors.js';
import { fillTemplate, runCommand } from '../run-command.js';
import { fileHash } from './command.js';
import type { FlashContext, FlashResult } from './flasher.js';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => Promise<boolean>, deadline: number, what: string): Promise<void> {
  while (!(await condition())) {
    if (Date.now() > deadline) throw new RigFaultError(what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Copies the UF2 image to the bootloader drive and waits for the board to reboot.
 * @throws RigFaultError when the drive never appears, the copy fails, or the drive does not vanish in time.
 */
export async function flashUf2(ctx: FlashContext): Promise<FlashResult> {
  const spec = ctx.board.flasher;
  if (spec.type !== 'uf2') throw new RigFaultError('flashUf2 needs a uf2 flasher');
  const started = Date.now();
  const deadline = started + (spec.timeoutMs ?? 60_000);
  const firmware = ctx.firmware ?? ctx.board.firmware?.image;
  if (!firmware?.endsWith('.uf2'))
    throw new RigFaultError(`board "${ctx.board.id}": uf2 flasher needs a .uf2 firmware image`);
  const hash = fileHash(firmware);
  const info = join(spec.drive, 'INFO_UF2.TXT');
  const artifacts: string[] = [];
  if (spec.enterBootloader && !(await exists(info))) {
    const outputFile = join(ctx.artifactDir, 'bootloader.log');
    artifacts.push(outputFile);
    const argv = fillTemplate(spec.enterBootloader, {
      port: ctx.portPath,
      board: ctx.board.id,
      serialNumber: ctx.board.serial.serialNumber,
      firmware,
    });
    await runCommand(argv, {
      timeoutMs: Math.max(1000, deadline - Date.now()),
      outputFile,
      what: 'enter UF2 bootloader',
    });
  }
  ctx.onProgress?.({ phase: 'wait for drive', done: 0, total: 3 });
  await waitFor(
    () => exists(info),
    deadline,
    `UF2 drive ${spec.drive} did not appear (no ${basename(info)})`,
  );
  ctx.onProgress?.({ phase: 'copy', done: 1, total: 3 });
  try {
    await copyFile(firmware, join(spec.drive, basename(firmware)));
  } catch (cause) {
    // The bootloader may reboot before the copy's close returns: that is success if the drive is gone.
    if (await exists(info))
      throw new RigFaultError(`copy to ${spec.drive} failed: ${(cause as Error).message}`, { cause });
  }
  ctx.onProgress?.({ phase: 'wait for reboot', done: 2, total: 3 });
  await waitFor(
    async () => !(await exists(info)),
    deadline,
    `UF2 drive ${spec.drive} still mounted: the bootloader did not take the image`,
  );
  ctx.onProgress?.({ phase: 'done', done: 3, total: 3 });
  return { firmwareHash: hash, durationMs: Date.now() - started, artifacts, detail: { drive: spec.drive } };
}
