// Picks the reader for a file from its name and first bytes, for callers that take "any file a
// device carries its roots in" (the CLI, the web page).

import { readCSource } from './c-reader.js';
import { derHeader } from './der.js';
import { readDer } from './der-reader.js';
import { DEFAULT_FILE_NAME, type FormatError } from './errors.js';
import type { EspBundleFormat } from './esp-bundle-format.js';
import { type EspBundleAnchor, readEspBundle } from './esp-bundle-reader.js';
import type { FoundCertificate } from './found.js';
import { readPem } from './pem-reader.js';
import { detectImageFormat, type ImageFormat, type ScanOptions, scanImage } from './scanner.js';

/** What {@link readRootsBytes} recognised. */
export type RootsFileFormat = 'pem' | 'der' | 'c-source' | 'esp-bundle' | 'image';

/** Result of {@link readRootsBytes}: certificates (or, for an ESP bundle, anchors) and errors. */
export interface RootsFileResult {
  file: string;
  format: RootsFileFormat;
  /** Certificates (PEM, DER, C source) or image hits. */
  certificates: FoundCertificate[];
  /** Trust anchors of an ESP-IDF bundle (empty otherwise). */
  anchors: EspBundleAnchor[];
  errors: FormatError[];
  /** The ESP bundle layout, for `esp-bundle`. */
  espFormat?: EspBundleFormat;
  /** The container, for `image`. */
  imageFormat?: ImageFormat;
}

const C_EXTENSIONS = new Set(['c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'ino', 'pde']);
const TEXT_PROBE = 64 * 1024;

function extension(file: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(file);
  return m ? (m[1] as string).toLowerCase() : '';
}

function isMostlyText(b: Uint8Array): boolean {
  const n = Math.min(b.length, TEXT_PROBE);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) bad++;
  }
  return n > 0 && bad === 0;
}

/**
 * Detects the format: C sources by extension; ELF and Intel HEX images by content; PEM text;
 * a DER certificate; an ESP-IDF bundle that reads without error; any other text with C syntax;
 * otherwise a raw image to scan.
 */
export function detectRootsFormat(bytes: Uint8Array, file = DEFAULT_FILE_NAME): RootsFileFormat {
  if (C_EXTENSIONS.has(extension(file))) return 'c-source';
  if (detectImageFormat(bytes) !== 'raw') return 'image';
  const text = isMostlyText(bytes);
  if (text) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, TEXT_PROBE));
    if (
      /(^|[;{}=]\s*|\n\s*)(#\s*(include|define|if)|(static\s+)?const\s+(unsigned\s+)?(char|uint8_t))/.test(
        head,
      )
    ) {
      return 'c-source';
    }
    return 'pem';
  }
  const h = derHeader(bytes, 0);
  if (h?.tag === 0x30 && bytes[1] !== undefined && bytes[1] >= 0x81) return 'der';
  if (readEspBundle(bytes).errors.length === 0) return 'esp-bundle';
  return 'image';
}

/**
 * Reads any file a device carries roots in: PEM, DER, C/C++ source, ESP-IDF bundle or firmware
 * image (scanned). Browser-safe: takes the bytes; `@hubtrust/roots/node` reads files.
 *
 * @example
 * ```ts
 * await init();
 * const r = readRootsBytes(bytes, { file: 'x509_crt_bundle' });
 * console.log(r.format, r.certificates.length, r.anchors.length, r.errors.length);
 * ```
 */
export function readRootsBytes(bytes: Uint8Array, options: ScanOptions = {}): RootsFileResult {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const format = detectRootsFormat(bytes, file);
  switch (format) {
    case 'c-source':
      return { ...readCSource(bytes, { file }), format, anchors: [] };
    case 'pem':
      return { ...readPem(bytes, { file }), format, anchors: [] };
    case 'der':
      return { ...readDer(bytes, { file }), format, anchors: [] };
    case 'esp-bundle': {
      const r = readEspBundle(bytes, { file });
      const out: RootsFileResult = { file, format, certificates: [], anchors: r.anchors, errors: r.errors };
      if (r.format) out.espFormat = r.format;
      return out;
    }
    case 'image': {
      const r = scanImage(bytes, { ...options, file });
      return { file, format, certificates: r.hits, anchors: [], errors: r.errors, imageFormat: r.format };
    }
  }
}
