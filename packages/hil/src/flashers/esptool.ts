// The `esptool` flasher: writes images through the ESP ROM bootloader over serialport (protocol in
// ./esp-protocol.ts): reset into the bootloader with the board's DTR/RTS strategy, SYNC, chip
// detection by magic register, SPI attach, FLASH_BEGIN / FLASH_DATA / FLASH_END per image, MD5
// verification (SPI_FLASH_MD5) against the local image, then the run reset.
//
// Timeouts are esptool's (esptool/loader.py): 3 s per command, erase 30 s per MiB
// (ERASE_REGION_TIMEOUT_PER_MB), MD5 8 s per MiB (MD5_TIMEOUT_PER_MB). A timeout or a ROM error
// is a rig fault: the flash did not happen, the firmware was never tested.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { RigFaultError } from '../errors.js';
import type { FlashImage } from '../inventory/types.js';
import { playReset, type ResetStrategy, resetStrategy } from '../reset.js';
import type { Binding } from '../serial-types.js';
import {
  buildRequest,
  CHIP_DETECT_MAGIC_REG,
  CHIP_MAGIC,
  ESP_CMD,
  ESP_ROM_ERRORS,
  type EspResponse,
  espChecksum,
  parseResponse,
  ROM_FLASH_BLOCK,
  SlipReader,
  SYNC_PAYLOAD,
  slipEncode,
  words,
} from './esp-protocol.js';
import type { FlashContext, FlashResult } from './flasher.js';

const COMMAND_TIMEOUT_MS = 3000;
const ERASE_MS_PER_MIB = 30_000;
const MD5_MS_PER_MIB = 8000;
const SYNC_ATTEMPTS = 7;

/** Options of {@link EspRomLoader.open}. */
export interface EspLoaderOptions {
  readonly path: string;
  readonly baudRate?: number;
  readonly binding?: Binding;
}

/** A connection to an ESP ROM bootloader. */
export class EspRomLoader {
  private readonly reader = new SlipReader();
  private readonly queue: EspResponse[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  /** Chip family once detected. */
  chip: string | null = null;

  private constructor(private readonly port: SerialPortStream) {
    port.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) {
        const r = parseResponse(frame);
        if (r && this.queue.length < 64) this.queue.push(r);
      }
      this.wake?.();
    });
    port.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    port.on('error', () => {});
  }

  /** @throws RigFaultError when the port cannot be opened. */
  static async open(options: EspLoaderOptions): Promise<EspRomLoader> {
    const port = new SerialPortStream({
      binding: options.binding ?? (SerialPort.binding as Binding),
      path: options.path,
      baudRate: options.baudRate ?? 115_200,
      autoOpen: false,
    });
    try {
      await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    } catch (cause) {
      throw new RigFaultError(`esptool: cannot open ${options.path}: ${(cause as Error).message}`, { cause });
    }
    return new EspRomLoader(port);
  }

  /** Plays a reset sequence on the loader's port. */
  async reset(steps: Parameters<typeof playReset>[1]): Promise<void> {
    await playReset(
      {
        setSignals: (s) =>
          new Promise<void>((resolve, reject) => this.port.set(s, (e) => (e ? reject(e) : resolve()))),
      },
      steps,
    );
  }

  private async next(deadline: number): Promise<EspResponse | null> {
    while (this.queue.length === 0) {
      if (this.closed) throw new RigFaultError('esptool: serial port closed during flashing');
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.queue.shift() ?? null;
  }

  private async send(packet: Buffer): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.port.write(slipEncode(packet), (e) =>
        e ? reject(new RigFaultError(`esptool: write failed: ${e.message}`)) : resolve(),
      ),
    );
  }

  /**
   * Sends a command and waits for its response; checks the status bytes.
   * @throws RigFaultError on timeout or a failure status.
   */
  async command(
    cmd: number,
    data: Uint8Array,
    options: { checksum?: number; timeoutMs?: number; name?: string } = {},
  ): Promise<EspResponse> {
    const name = options.name ?? `0x${cmd.toString(16)}`;
    await this.send(buildRequest(cmd, data, options.checksum ?? 0));
    const deadline = Date.now() + (options.timeoutMs ?? COMMAND_TIMEOUT_MS);
    for (;;) {
      const r = await this.next(deadline);
      if (!r)
        throw new RigFaultError(
          `esptool: no response to ${name} within ${options.timeoutMs ?? COMMAND_TIMEOUT_MS} ms`,
        );
      if (r.cmd !== cmd) continue; // a late duplicate (SYNC answers several times)
      const statusAt = cmd === ESP_CMD.SPI_FLASH_MD5 ? 32 : 0;
      const status = r.data[statusAt];
      const error = r.data[statusAt + 1] ?? 0;
      if (status === undefined) throw new RigFaultError(`esptool: ${name} response has no status bytes`);
      if (status !== 0) {
        throw new RigFaultError(
          `esptool: ${name} failed: ${ESP_ROM_ERRORS[error] ?? `error 0x${error.toString(16)}`}`,
        );
      }
      return r;
    }
  }

  /** SYNC until the ROM answers (it needs a few attempts to lock the baud rate), then drops duplicates. */
  async sync(): Promise<void> {
    for (let i = 0; i < SYNC_ATTEMPTS; i++) {
      try {
        await this.command(ESP_CMD.SYNC, SYNC_PAYLOAD, { timeoutMs: 100 + i * 100, name: 'SYNC' });
        await new Promise((r) => setTimeout(r, 50));
        this.queue.length = 0;
        return;
      } catch (error) {
        if (!(error instanceof RigFaultError) || !/no response/.test(error.message)) throw error;
      }
    }
    throw new RigFaultError(
      `esptool: no SYNC answer after ${SYNC_ATTEMPTS} attempts: is the chip in download mode (reset strategy, IO0)?`,
    );
  }

  /** Reads the magic register and names the chip. @throws RigFaultError for an unknown magic value. */
  async detectChip(): Promise<string> {
    const r = await this.command(ESP_CMD.READ_REG, words(CHIP_DETECT_MAGIC_REG), { name: 'READ_REG' });
    const chip = CHIP_MAGIC[r.value >>> 0];
    if (!chip)
      throw new RigFaultError(
        `esptool: unknown chip magic 0x${(r.value >>> 0).toString(16).padStart(8, '0')}`,
      );
    this.chip = chip;
    return chip;
  }

  /** Attaches the SPI flash (ESP32-family ROMs need it before flash commands). */
  async attachFlash(): Promise<void> {
    if (this.chip === 'esp8266') return;
    await this.command(ESP_CMD.SPI_ATTACH, words(0, 0), { name: 'SPI_ATTACH' });
    // id, total size (4 MiB), block 64 KiB, sector 4 KiB, page 256, status mask (esptool's flash_set_parameters).
    await this.command(ESP_CMD.SPI_SET_PARAMS, words(0, 4 * 1024 * 1024, 0x10000, 0x1000, 0x100, 0xffff), {
      name: 'SPI_SET_PARAMS',
    });
  }

  /** Writes one image and verifies its MD5; reports bytes written. */
  async writeImage(offset: number, data: Uint8Array, onBlock?: (written: number) => void): Promise<string> {
    const blocks = Math.ceil(data.length / ROM_FLASH_BLOCK);
    const eraseSize = blocks * ROM_FLASH_BLOCK;
    const begin = [eraseSize, blocks, ROM_FLASH_BLOCK, offset];
    // ESP32-S2 and later ROMs take a fifth word (encrypted write: 0).
    if (this.chip !== 'esp32' && this.chip !== 'esp8266') begin.push(0);
    const mib = Math.max(1, eraseSize / (1024 * 1024));
    await this.command(ESP_CMD.FLASH_BEGIN, words(...begin), {
      timeoutMs: Math.max(COMMAND_TIMEOUT_MS, ERASE_MS_PER_MIB * mib),
      name: 'FLASH_BEGIN',
    });
    for (let seq = 0; seq < blocks; seq++) {
      const block = Buffer.alloc(ROM_FLASH_BLOCK, 0xff);
      block.set(data.subarray(seq * ROM_FLASH_BLOCK, (seq + 1) * ROM_FLASH_BLOCK));
      await this.command(ESP_CMD.FLASH_DATA, Buffer.concat([words(block.length, seq, 0, 0), block]), {
        checksum: espChecksum(block),
        name: `FLASH_DATA #${seq}`,
      });
      onBlock?.(Math.min(data.length, (seq + 1) * ROM_FLASH_BLOCK));
    }
    const r = await this.command(ESP_CMD.SPI_FLASH_MD5, words(offset, data.length, 0, 0), {
      timeoutMs: Math.max(COMMAND_TIMEOUT_MS, MD5_MS_PER_MIB * mib),
      name: 'SPI_FLASH_MD5',
    });
    const remote = r.data.subarray(0, 32).toString('ascii').toLowerCase();
    const local = createHash('md5').update(data).digest('hex');
    if (remote !== local) {
      throw new RigFaultError(
        `esptool: verify failed at 0x${offset.toString(16)}: flash MD5 ${remote}, image MD5 ${local}`,
      );
    }
    return local;
  }

  /** FLASH_END staying in the loader (esptool: flash_finish(reboot=False)); the run reset follows. */
  async finish(): Promise<void> {
    await this.command(ESP_CMD.FLASH_END, words(1), { name: 'FLASH_END' });
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}

/** Images to write: the inventory's, or `{ 0x10000: firmware }` when a single file is given. */
function imagesOf(ctx: FlashContext): FlashImage[] {
  const f = ctx.board.flasher;
  const listed = f.type === 'esptool' ? (f.images ?? []) : [];
  if (ctx.firmware) return [{ offset: 0x10000, file: ctx.firmware }];
  if (listed.length === 0)
    throw new RigFaultError(
      `board "${ctx.board.id}": esptool flasher has no images and no firmware was given`,
    );
  return [...listed].sort((a, b) => a.offset - b.offset);
}

/**
 * Flashes an ESP board through its ROM bootloader.
 * @throws RigFaultError for any failure (port, sync, chip mismatch, ROM error, verify, timeout).
 */
export async function flashEsptool(ctx: FlashContext): Promise<FlashResult> {
  const started = Date.now();
  const spec = ctx.board.flasher;
  if (spec.type !== 'esptool') throw new RigFaultError('flashEsptool needs an esptool flasher');
  const images = imagesOf(ctx).map((i) => {
    try {
      return { offset: i.offset, data: readFileSync(i.file) };
    } catch (cause) {
      throw new RigFaultError(`esptool: cannot read image ${i.file}`, { cause });
    }
  });
  const strategy: ResetStrategy = resetStrategy(ctx.board.reset ?? 'esp-classic');
  const total = images.reduce((n, i) => n + i.data.length, 0);
  const loader = await EspRomLoader.open({
    path: ctx.portPath,
    ...(ctx.binding ? { binding: ctx.binding } : {}),
  });
  const overall = spec.timeoutMs ?? 300_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      if (strategy.bootloader) await loader.reset(strategy.bootloader);
      await loader.sync();
      const chip = await loader.detectChip();
      if (spec.chip && spec.chip !== 'auto' && spec.chip !== chip) {
        throw new RigFaultError(
          `esptool: board "${ctx.board.id}" should be ${spec.chip} but the ROM says ${chip}`,
        );
      }
      await loader.attachFlash();
      let before = 0;
      const hash = createHash('sha256');
      const md5s: string[] = [];
      for (const image of images) {
        md5s.push(
          await loader.writeImage(image.offset, image.data, (written) =>
            ctx.onProgress?.({
              phase: `write 0x${image.offset.toString(16)}`,
              done: before + written,
              total,
            }),
          ),
        );
        before += image.data.length;
        hash.update(image.data);
      }
      await loader.finish();
      await loader.reset(strategy.run);
      return { chip, hash: hash.digest('hex'), md5s };
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RigFaultError(`esptool: flashing took longer than ${overall} ms`)),
        overall,
      );
    });
    const { chip, hash, md5s } = await Promise.race([work, timeout]);
    return {
      firmwareHash: hash,
      durationMs: Date.now() - started,
      artifacts: [],
      detail: { chip, md5: md5s.join(',') },
    };
  } finally {
    clearTimeout(timer);
    await loader.close();
  }
}
