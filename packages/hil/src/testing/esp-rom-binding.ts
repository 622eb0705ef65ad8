// Test helper: a serialport binding whose one port is a simulated ESP32 in front of its ROM
// bootloader. The chip follows the auto-reset circuit of a DevKit: RTS drives EN (asserted = in
// reset), DTR drives IO0 (asserted = low). On EN's rising edge it boots: IO0 low → the ROM
// download mode ("waiting for download"), IO0 high → the application (prints `appBanner`).
// In download mode it answers the ROM protocol (SYNC, READ_REG, SPI_ATTACH, SPI_SET_PARAMS,
// FLASH_BEGIN/DATA/END, SPI_FLASH_MD5) with ESP32 ROM status bytes (4), checks checksums and
// sequence numbers, and keeps a 4 MiB flash. Faults to inject: `silent` (never answers) and
// `corruptWrites` (flips a bit of every block written, so MD5 verification fails).
import { createHash } from 'node:crypto';
import {
  CHIP_DETECT_MAGIC_REG,
  ESP_CMD,
  espChecksum,
  SlipReader,
  slipEncode,
} from '../flashers/esp-protocol.js';
import type { Binding, BindingOpenOptions, BindingPort, SetOptions } from '../serial-types.js';

/** Options of {@link EspRomSimulator}. */
export interface EspRomOptions {
  readonly magic?: number;
  readonly silent?: boolean;
  readonly corruptWrites?: boolean;
  readonly appBanner?: string;
  /** Start in download mode (no reset needed). */
  readonly startInBootloader?: boolean;
}

/** The simulated chip (one per binding). */
export class EspRomSimulator {
  readonly flash = Buffer.alloc(4 * 1024 * 1024, 0xff);
  mode: 'reset' | 'download' | 'app' = 'app';
  readonly commands: number[] = [];
  private en = true;
  private io0High = true;
  private readonly reader = new SlipReader();
  private writeBase = 0;
  private nextSeq = 0;
  private output: (bytes: Buffer) => void = () => {};

  constructor(readonly options: EspRomOptions = {}) {
    if (options.startInBootloader) this.mode = 'download';
  }

  connect(output: (bytes: Buffer) => void): void {
    this.output = output;
  }

  setLines(s: SetOptions): void {
    const en = !(s.rts ?? false);
    this.io0High = !(s.dtr ?? false);
    if (!en) this.mode = 'reset';
    if (en && !this.en) this.boot();
    this.en = en;
  }

  private boot(): void {
    if (this.io0High) {
      this.mode = 'app';
      this.output(
        Buffer.from(
          `rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n${this.options.appBanner ?? 'app booted'}\r\n`,
        ),
      );
    } else {
      this.mode = 'download';
      this.output(
        Buffer.from(
          'rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n',
        ),
      );
    }
  }

  receive(bytes: Buffer): void {
    if (this.mode !== 'download' || this.options.silent) return;
    for (const frame of this.reader.push(bytes)) this.handle(frame);
  }

  private reply(cmd: number, value: number, payload: Buffer = Buffer.alloc(0), error = 0): void {
    const data = Buffer.concat([payload, Buffer.from([error ? 1 : 0, error, 0, 0])]);
    const out = Buffer.alloc(8 + data.length);
    out[0] = 0x01;
    out[1] = cmd;
    out.writeUInt16LE(data.length, 2);
    out.writeUInt32LE(value >>> 0, 4);
    out.set(data, 8);
    this.output(slipEncode(out));
  }

  private handle(frame: Buffer): void {
    if (frame.length < 8 || frame[0] !== 0) return;
    const cmd = frame[1] as number;
    const size = frame.readUInt16LE(2);
    const checksum = frame.readUInt32LE(4);
    const data = frame.subarray(8, 8 + size);
    this.commands.push(cmd);
    if (cmd === ESP_CMD.SYNC) {
      for (let i = 0; i < 4; i++) this.reply(cmd, 0x20120707); // the ROM answers SYNC several times
      return;
    }
    const answer = this.answer(cmd, data, checksum);
    this.reply(cmd, answer.value ?? 0, answer.payload, answer.error ?? 0);
  }

  private answer(
    cmd: number,
    data: Buffer,
    checksum: number,
  ): { value?: number; payload?: Buffer; error?: number } {
    const word = (i: number) => data.readUInt32LE(i * 4);
    switch (cmd) {
      case ESP_CMD.READ_REG:
        return { value: word(0) === CHIP_DETECT_MAGIC_REG ? (this.options.magic ?? 0x00f01d83) : 0 };
      case ESP_CMD.SPI_ATTACH:
      case ESP_CMD.SPI_SET_PARAMS:
      case ESP_CMD.FLASH_END:
        return {};
      case ESP_CMD.FLASH_BEGIN: {
        const erase = word(0);
        const offset = word(3);
        if (offset + erase > this.flash.length) return { error: 0x06 };
        this.flash.fill(0xff, offset, offset + erase);
        this.writeBase = offset;
        this.nextSeq = 0;
        return {};
      }
      case ESP_CMD.FLASH_DATA: {
        const len = word(0);
        const seq = word(1);
        const block = Buffer.from(data.subarray(16, 16 + len));
        if (espChecksum(block) !== checksum) return { error: 0x07 };
        if (seq !== this.nextSeq) return { error: 0x05 };
        if (this.options.corruptWrites) block[0] = (block[0] as number) ^ 1;
        block.copy(this.flash, this.writeBase + seq * len);
        this.nextSeq += 1;
        return {};
      }
      case ESP_CMD.SPI_FLASH_MD5: {
        const md5 = createHash('md5')
          .update(this.flash.subarray(word(0), word(0) + word(1)))
          .digest('hex');
        return { payload: Buffer.from(md5, 'ascii') };
      }
      default:
        return { error: 0x05 };
    }
  }
}

class RomPort implements BindingPort {
  isOpen = true;
  private readonly pending: Buffer[] = [];
  private waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    readonly openOptions: BindingPort['openOptions'],
    private readonly chip: EspRomSimulator,
  ) {
    chip.connect((bytes) => {
      this.pending.push(bytes);
      this.waiting?.resolve();
    });
  }

  async close(): Promise<void> {
    this.isOpen = false;
    this.waiting?.reject(Object.assign(new Error('closed'), { canceled: true }));
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    while (this.pending.length === 0) {
      if (!this.isOpen) throw Object.assign(new Error('closed'), { canceled: true });
      await new Promise<void>((resolve, reject) => {
        this.waiting = { resolve, reject };
      });
      this.waiting = null;
    }
    const chunk = this.pending.shift() as Buffer;
    const n = Math.min(length, chunk.length);
    chunk.copy(buffer, offset, 0, n);
    if (n < chunk.length) this.pending.unshift(chunk.subarray(n));
    return { buffer, bytesRead: n };
  }

  async write(buffer: Buffer): Promise<void> {
    this.chip.receive(Buffer.from(buffer));
  }

  async update(): Promise<void> {}
  async set(options: SetOptions): Promise<void> {
    this.chip.setLines(options);
  }
  async get() {
    return { cts: false, dsr: false, dcd: false };
  }
  async getBaudRate() {
    return { baudRate: this.openOptions.baudRate };
  }
  async flush(): Promise<void> {
    this.pending.length = 0;
  }
  async drain(): Promise<void> {}
}

/** A binding with one port (any path) connected to `chip`. */
export function espRomBinding(chip: EspRomSimulator): Binding {
  return {
    list: async () => [],
    open: async (options: BindingOpenOptions) =>
      new RomPort(
        {
          dataBits: 8,
          lock: true,
          stopBits: 1,
          parity: 'none',
          rtscts: false,
          xon: false,
          xoff: false,
          xany: false,
          hupcl: true,
          ...options,
        } as BindingPort['openOptions'],
        chip,
      ),
  };
}
