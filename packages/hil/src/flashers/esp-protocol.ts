// The ESP ROM bootloader's serial protocol, from esptool's documentation ("Serial Protocol",
// docs.espressif.com/projects/esptool, advanced-topics/serial-protocol) — the ROM loader only, no
// stub: the stub is a binary blob esptool uploads, and the ROM protocol is enough to write,
// verify and reset (slower: 1 KiB blocks, no compression).
//
// Framing: SLIP (RFC 1055) with a leading and trailing 0xC0; 0xC0 → DB DC, 0xDB → DB DD.
// Request:  00 | cmd | size (u16 LE) | checksum (u32 LE, data-carrying commands only) | data.
// Response: 01 | cmd | size (u16 LE) | value (u32 LE, READ_REG's result) | data, whose status
//           bytes (status, error, [2 reserved on ESP32-family ROMs]) come after the payload.
// Checksum: XOR of the payload bytes, seeded with 0xEF.
//
// serialport's SlipDecoder is not used: it grows its buffer without bound (a byte at a time, by
// concatenation) while a booting chip prints text without any 0xC0; this reader drops frames
// over MAX_FRAME bytes instead.

/** Command opcodes (esptool docs, "Commands"). */
export const ESP_CMD = {
  FLASH_BEGIN: 0x02,
  FLASH_DATA: 0x03,
  FLASH_END: 0x04,
  SYNC: 0x08,
  READ_REG: 0x0a,
  SPI_SET_PARAMS: 0x0b,
  SPI_ATTACH: 0x0d,
  SPI_FLASH_MD5: 0x13,
} as const;

/** Error byte meanings (esptool docs, "Status bytes"). */
export const ESP_ROM_ERRORS: Readonly<Record<number, string>> = {
  5: 'received message is invalid',
  6: 'failed to act on received message',
  7: 'invalid CRC in message',
  8: 'flash write error',
  9: 'flash read error',
  10: 'flash read length error',
  11: 'deflate error',
};

/** Register whose value identifies the chip family (esptool: CHIP_DETECT_MAGIC_REG_ADDR). */
export const CHIP_DETECT_MAGIC_REG = 0x40001000;

/** Magic values of that register per chip (esptool's targets; chips after the C3 identify through GET_SECURITY_INFO instead and are not listed). */
export const CHIP_MAGIC: Readonly<Record<number, string>> = {
  4293968129: 'esp8266',
  15736195: 'esp32',
  1990: 'esp32s2',
  9: 'esp32s3',
  1763790959: 'esp32c3',
  456216687: 'esp32c3',
  1216438383: 'esp32c3',
  1130455151: 'esp32c3',
};

/** SYNC payload: 07 07 12 20 then 32 × 0x55 (lets the ROM detect the baud rate). */
export const SYNC_PAYLOAD = Uint8Array.from([0x07, 0x07, 0x12, 0x20, ...new Array<number>(32).fill(0x55)]);

/** Block size of FLASH_DATA with the ROM loader (esptool: ESP_RAM_BLOCK / FLASH_WRITE_SIZE = 0x400). */
export const ROM_FLASH_BLOCK = 0x400;

/** Largest frame accepted (a 1 KiB block plus headers, escaped, fits many times). */
export const MAX_FRAME = 16 * 1024;

const END = 0xc0;
const ESC = 0xdb;
const ESC_END = 0xdc;
const ESC_ESC = 0xdd;

/** SLIP-encodes one packet (with the leading 0xC0 the ROM expects). */
export function slipEncode(packet: Uint8Array): Buffer {
  const out: number[] = [END];
  for (const b of packet) {
    if (b === END) out.push(ESC, ESC_END);
    else if (b === ESC) out.push(ESC, ESC_ESC);
    else out.push(b);
  }
  out.push(END);
  return Buffer.from(out);
}

/** Incremental SLIP frame reader with a size bound. */
export class SlipReader {
  private frame: number[] = [];
  private inFrame = false;
  private escape = false;
  private overflow = false;

  /** Feeds bytes; returns the complete frames. Bytes outside frames (boot text) are ignored. */
  push(chunk: Uint8Array): Buffer[] {
    const out: Buffer[] = [];
    for (const b of chunk) {
      if (b === END) {
        if (this.inFrame && this.frame.length > 0 && !this.overflow) out.push(Buffer.from(this.frame));
        // An END both closes a frame and may open the next one (C0 … C0 C0 … C0).
        this.inFrame = true;
        this.frame = [];
        this.escape = false;
        this.overflow = false;
        continue;
      }
      if (!this.inFrame) continue;
      if (this.frame.length >= MAX_FRAME) {
        this.overflow = true;
        continue;
      }
      if (this.escape) {
        this.escape = false;
        this.frame.push(b === ESC_END ? END : b === ESC_ESC ? ESC : b);
      } else if (b === ESC) this.escape = true;
      else this.frame.push(b);
    }
    return out;
  }
}

/** XOR checksum of a data payload, seeded with 0xEF. */
export function espChecksum(data: Uint8Array): number {
  let c = 0xef;
  for (const b of data) c ^= b;
  return c;
}

/** Builds a request packet (not yet SLIP-encoded). */
export function buildRequest(cmd: number, data: Uint8Array, checksum = 0): Buffer {
  const out = Buffer.alloc(8 + data.length);
  out[0] = 0x00;
  out[1] = cmd;
  out.writeUInt16LE(data.length, 2);
  out.writeUInt32LE(checksum >>> 0, 4);
  out.set(data, 8);
  return out;
}

/** A decoded response. */
export interface EspResponse {
  readonly cmd: number;
  readonly value: number;
  readonly data: Buffer;
}

/** Parses a response frame; null when it is not one (a request echo, a truncated frame). */
export function parseResponse(frame: Buffer): EspResponse | null {
  if (frame.length < 8 || frame[0] !== 0x01) return null;
  const size = frame.readUInt16LE(2);
  if (frame.length < 8 + size) return null;
  return { cmd: frame[1] as number, value: frame.readUInt32LE(4), data: frame.subarray(8, 8 + size) };
}

/** Little-endian u32 words as bytes. */
export function words(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeUInt32LE((values[i] as number) >>> 0, i * 4);
  return out;
}
