// The `command` flasher: any vendor tool (openocd, probe-rs, pyocd, nrfjprog, st-flash,
// picotool) run from a command template with placeholders {port} {board} {firmware} {elf}
// {serialNumber}, bounded by the flasher's timeout (default 5 min), output kept as an artifact.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RigFaultError } from '../errors.js';
import { fillTemplate, runCommand } from '../run-command.js';
import type { FlashContext, FlashResult } from './flasher.js';

/** SHA-256 of a file, or of nothing when there is no file. */
export function fileHash(file: string | undefined): string {
  const hash = createHash('sha256');
  if (file) {
    try {
      hash.update(readFileSync(file));
    } catch (cause) {
      throw new RigFaultError(`cannot read firmware ${file}`, { cause });
    }
  }
  return hash.digest('hex');
}

/**
 * Flashes with the inventory's command template.
 * @throws RigFaultError when the tool fails, cannot start or times out (killed with its children).
 */
export async function flashCommand(ctx: FlashContext): Promise<FlashResult> {
  const spec = ctx.board.flasher;
  if (spec.type !== 'command') throw new RigFaultError('flashCommand needs a command flasher');
  const firmware = ctx.firmware ?? ctx.board.firmware?.image;
  const argv = fillTemplate(spec.command, {
    port: ctx.portPath,
    board: ctx.board.id,
    firmware,
    elf: ctx.board.firmware?.elf,
    serialNumber: ctx.board.serial.serialNumber,
  });
  const hash = fileHash(firmware);
  const outputFile = join(ctx.artifactDir, 'flash.log');
  ctx.onProgress?.({ phase: 'flash', done: 0, total: 1 });
  const result = await runCommand(argv, {
    timeoutMs: spec.timeoutMs ?? 300_000,
    outputFile,
    what: `flasher of ${ctx.board.id}`,
  });
  ctx.onProgress?.({ phase: 'flash', done: 1, total: 1 });
  return {
    firmwareHash: hash,
    durationMs: result.durationMs,
    artifacts: [outputFile],
    detail: { tool: argv[0] as string, exitCode: 0 },
  };
}
