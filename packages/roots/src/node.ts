// @hubtrust/roots/node: the Node-only file helpers (the main entry is browser-safe and works on
// bytes). Files are size-checked before they are read; Intel HEX files are streamed through the
// incremental decoder, so a hostile HEX file (a 1 GiB line) never sits in memory.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { init } from '@hubtrust/verify';
import { type RootsFileResult, readRootsBytes } from './formats/detect.js';
import { FormatError } from './formats/errors.js';
import { IntelHexDecoder, looksLikeIntelHex } from './formats/intel-hex.js';
import { newSink, type ScanOptions, type ScanResult, scanHexRuns, scanImage } from './formats/scanner.js';

/** Largest file read into memory by default (512 MiB): above any microcontroller image. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Options of the file helpers. */
export interface FileOptions extends Omit<ScanOptions, 'file'> {
  /** Refuse files larger than this (default {@link DEFAULT_MAX_FILE_BYTES}); Intel HEX is streamed and not limited by it. */
  maxBytes?: number;
}

async function bytesOf(path: string, max: number): Promise<Uint8Array> {
  const { size } = await stat(path);
  if (size > max) {
    throw new FormatError(
      'INPUT_TOO_LARGE',
      path,
      {},
      `${size} bytes is more than the ${max}-byte limit (maxBytes)`,
    );
  }
  const buf = await readFile(path);
  // A view, not a copy: an image of hundreds of MB is held once.
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

async function isHexFile(path: string): Promise<boolean> {
  const head = await new Promise<Uint8Array>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 63 });
    const parts: Uint8Array[] = [];
    s.on('data', (c) => parts.push(c as Uint8Array));
    s.on('end', () => resolve(Uint8Array.from(parts.flatMap((p) => [...p]))));
    s.on('error', reject);
  });
  return looksLikeIntelHex(head);
}

/**
 * Scans a firmware image file (raw, ELF or Intel HEX). Intel HEX is streamed in 64 KiB chunks.
 * Initialises @hubtrust/verify itself.
 *
 * @throws FormatError `INPUT_TOO_LARGE` for a non-HEX file above `maxBytes`; Node's errors for a
 *   missing or unreadable file
 * @example
 * ```ts
 * import { scanFile } from '@hubtrust/roots/node';
 * const r = await scanFile('build/firmware.elf');
 * ```
 */
export async function scanFile(path: string, options: FileOptions = {}): Promise<ScanResult> {
  await init();
  const file = basename(path);
  if (options.format === 'ihex' || (options.format === undefined && (await isHexFile(path)))) {
    const sink = newSink(file, { ...options, file });
    const decoder = new IntelHexDecoder(sink.errors);
    let total = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
      total += (chunk as Uint8Array).length;
      decoder.push(chunk as Uint8Array);
    }
    return scanHexRuns(decoder.end(), file, sink, total);
  }
  const bytes = await bytesOf(path, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  return scanImage(bytes, { ...options, file });
}

/**
 * Reads any file a device carries its roots in (PEM, DER, C source, ESP-IDF bundle, firmware
 * image), detecting the format. Initialises @hubtrust/verify itself.
 *
 * @throws FormatError `INPUT_TOO_LARGE` above `maxBytes`; Node's errors for a missing file
 * @example
 * ```ts
 * import { readRootsFile } from '@hubtrust/roots/node';
 * const r = await readRootsFile('certs/certs.c');
 * for (const c of r.certificates) console.log(c.where.line, c.where.condition, c.certificate.subject.text);
 * ```
 */
export async function readRootsFile(path: string, options: FileOptions = {}): Promise<RootsFileResult> {
  await init();
  const file = basename(path);
  if (await isHexFile(path)) {
    const r = await scanFile(path, { ...options, format: 'ihex' });
    return {
      file,
      format: 'image',
      certificates: r.hits,
      anchors: [],
      errors: r.errors,
      imageFormat: 'ihex',
    };
  }
  return readRootsBytes(await bytesOf(path, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES), {
    ...options,
    file,
  });
}
