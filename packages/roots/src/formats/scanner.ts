// The firmware image scanner: finds every certificate embedded in a raw binary, an ELF file or an
// Intel HEX file, as DER or as PEM text, by fully decoding each candidate with @hubtrust/verify.
//
// DER: every `30 81|82|83` is a candidate; `certificateShape` (der.ts) reads a handful of bytes to
// check the RFC 5280 §4.1 outline (SEQUENCE { SEQUENCE tbs, SEQUENCE alg, BIT STRING } filling the
// outer length exactly), which random bytes and code almost never pass; survivors are decoded in
// full, so a lookalike is never reported. A found certificate is skipped as a whole. PEM: every
// `-----BEGIN CERTIFICATE-----` block is decoded (pem-blocks.ts) and then decoded as a certificate.
// ELF: the whole file is scanned (so nothing outside sections is missed) and each hit is
// attributed to its section, load address and enclosing symbol (elf.ts). Intel HEX: records are
// decoded into runs of contiguous addresses (intel-hex.ts) and each run is scanned.

import { identifyInCatalog } from '../profile-use.js';
import { hasFastSearch, indexOfBytes } from './byte-search.js';
import { ErrorList, roomForCertificate } from './collect.js';
import { certificateShape } from './der.js';
import { ElfSymbols, isElf, parseElf, sectionAt } from './elf.js';
import { DEFAULT_FILE_NAME, type FormatError } from './errors.js';
import { type CertificateLocation, decodeFound, type FoundCertificate } from './found.js';
import { type HexRun, hexOrigin, IntelHexDecoder, looksLikeIntelHex } from './intel-hex.js';
import { CERTIFICATE_LABELS, pemBlockAt } from './pem-blocks.js';
import type { ReadOptions } from './pem-reader.js';
import { checkSelfSignature, type SelfSignature } from './self-signature.js';

/** The container formats the scanner understands. */
export type ImageFormat = 'raw' | 'elf' | 'ihex';

/** Looks a certificate up in a catalog by its SHA-256 (lower-case hex). */
export type IdentifyCertificate = (sha256Hex: string) => { slug: string } | undefined;

/** Options of {@link scanImage}. */
export interface ScanOptions extends ReadOptions {
  /** Container format (default: detected from the bytes: ELF magic, Intel HEX text, else raw). */
  format?: ImageFormat;
  /** Names the certificates found (default: the catalog's lookup by SHA-256; `false`: no names). */
  identify?: IdentifyCertificate | false;
  /** Date for `expired` (default: now). */
  now?: Date;
  /**
   * Verify the signature of every self-issued hit with its own key (`selfSignature`), which tells
   * a damaged root from a genuine one. Off by default: an ECDSA P-384 check costs ~2–7 ms, more
   * than scanning a megabyte.
   */
  verifySelfSignatures?: boolean;
  /** Use the portable byte search even where Node's Buffer search exists (tests; same results). */
  portableSearch?: boolean;
}

/** One certificate found in an image. */
export interface ScanHit extends FoundCertificate {
  /** Bytes it occupies in the image (DER length, or PEM text length). */
  length: number;
  /** The catalog's slug, when `identify` knows the certificate. */
  slug?: string;
  /** The certificate's notAfter. */
  notAfter: Date;
  /** notAfter is before `now`. */
  expired: boolean;
  /**
   * With `verifySelfSignatures`, self-issued certificates only: whether the signature verifies with
   * the certificate's own key.
   * `invalid` means the bytes were altered (a damaged root still decodes, but no chain will reach it).
   */
  selfSignature?: SelfSignature;
}

/** Result of {@link scanImage}. */
export interface ScanResult {
  file: string;
  format: ImageFormat;
  hits: ScanHit[];
  errors: FormatError[];
  /** Work done: bytes scanned and candidates that passed the shape check or were PEM blocks. */
  stats: { bytes: number; candidates: number };
}

/** Detects the container format of an image. */
export function detectImageFormat(b: Uint8Array): ImageFormat {
  if (isElf(b)) return 'elf';
  if (looksLikeIntelHex(b)) return 'ihex';
  return 'raw';
}

type Place = (start: number, encoding: 'der' | 'pem') => CertificateLocation;

interface Sink {
  hits: ScanHit[];
  errors: ErrorList;
  candidates: number;
  options: ScanOptions;
  now: number;
}

function hit(sink: Sink, der: Uint8Array, where: CertificateLocation, length: number): void {
  if (!roomForCertificate(sink.hits.length, sink.errors, where)) return;
  const found = decodeFound(der, where, sink.errors);
  if (!found) return;
  const notAfter = found.certificate.validity.notAfter;
  const h: ScanHit = { ...found, length, notAfter, expired: notAfter.getTime() < sink.now };
  if (sink.options.verifySelfSignatures) {
    const self = checkSelfSignature(found.certificate);
    if (self) h.selfSignature = self;
  }
  const identify = sink.options.identify === undefined ? identifyInCatalog : sink.options.identify;
  const known = identify ? identify(found.sha256) : undefined;
  if (known) h.slug = known.slug;
  sink.hits.push(h);
}

const BEGIN_LINE = new TextEncoder().encode('-----BEGIN ');
/** DER candidates: SEQUENCE with a 1-, 2- or 3-octet length (128 B – 16 MiB; nearly every certificate is `30 82`). */
const DER_NEEDLES = [
  Uint8Array.of(0x30, 0x81),
  Uint8Array.of(0x30, 0x82),
  Uint8Array.of(0x30, 0x83),
] as const;

/** Next `30 81..83` at or after `from` with one Uint8Array.indexOf sweep (the portable path). */
function nextDerPortable(b: Uint8Array, from: number): number {
  for (let i = b.indexOf(0x30, from); i >= 0; i = b.indexOf(0x30, i + 1)) {
    const l = b[i + 1];
    if (l !== undefined && l >= 0x81 && l <= 0x83) return i;
  }
  return -1;
}

/**
 * Scans one contiguous region for DER certificates and PEM blocks. Cursors (`30 81`, `30 82`,
 * `30 83`, `-----BEGIN `; one `30 81..83` cursor on the portable path) advance with a fast
 * byte-string search (byte-search.ts) and are merged in file order, so memory stays constant
 * whatever the input holds; a found certificate is skipped as a whole.
 */
function scanRegion(b: Uint8Array, place: Place, sink: Sink): void {
  const portable = sink.options.portableSearch === true || !hasFastSearch();
  const finders: ((from: number) => number)[] = [
    (from) => indexOfBytes(b, BEGIN_LINE, from, portable),
    ...(portable
      ? [(from: number) => nextDerPortable(b, from)]
      : DER_NEEDLES.map((needle) => (from: number) => indexOfBytes(b, needle, from))),
  ];
  const at = finders.map((find) => find(0));
  for (;;) {
    let k = -1;
    for (let j = 0; j < at.length; j++) {
      const p = at[j] as number;
      if (p >= 0 && (k < 0 || p < (at[k] as number))) k = j;
    }
    if (k < 0) return;
    const start = at[k] as number;
    let next = start + 1;
    if (k === 0) next = Math.max(next, pemHit(b, start, place, sink));
    else {
      const len = certificateShape(b, start);
      if (len > 0) {
        sink.candidates++;
        const before = sink.hits.length;
        hit(sink, b.subarray(start, start + len), place(start, 'der'), len);
        if (sink.hits.length > before) next = start + len;
      }
    }
    for (let j = 0; j < at.length; j++) {
      if ((at[j] as number) >= 0 && (at[j] as number) < next)
        at[j] = (finders[j] as (from: number) => number)(next);
    }
  }
}

/** Decodes the PEM block at `begin` if it is a certificate block; returns the index after it (or `begin`). */
function pemHit(b: Uint8Array, begin: number, place: Place, sink: Sink): number {
  const block = pemBlockAt(b, begin);
  if (!block) return begin;
  if (!CERTIFICATE_LABELS.has(block.label)) return block.end;
  sink.candidates++;
  const where = place(block.begin, 'pem');
  if (!block.body.ok) {
    sink.errors.add(
      'code' in block.body ? block.body.code : 'PEM_BAD_BASE64',
      { ...where, offset: where.offset + (block.body.at - block.begin) },
      block.body.reason,
    );
    return block.end;
  }
  hit(sink, block.body.bytes, where, block.end - block.begin);
  return block.end;
}

function location(file: string, form: 'der' | 'pem', offset: number): CertificateLocation {
  return { file, form, offset };
}

/**
 * Finds every certificate embedded in a firmware image (raw binary, ELF or Intel HEX), as DER or
 * PEM. Candidates are fully decoded, so only real certificates are reported. Call `init()` of
 * @hubtrust/verify once before.
 *
 * @returns hits in file order (DER first, then PEM, per region) with offset, address, ELF section
 *   and symbol, slug (via `identify`), notAfter and `expired`; errors for malformed containers
 *   (ELF headers, overlapping sections, bad HEX records), for PEM certificate blocks that do not
 *   decode and for certificate-shaped DER that the decoder refuses (`NOT_A_CERTIFICATE`)
 * @example
 * ```ts
 * await init();
 * const r = scanImage(readFileSync('build/app.elf'), { file: 'app.elf', now: new Date() }); // hits name catalog slugs
 * for (const h of r.hits) console.log(h.where.section, h.where.symbol, h.certificate.subject.text, h.expired);
 * ```
 */
export function scanImage(input: Uint8Array, options: ScanOptions = {}): ScanResult {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const format = options.format ?? detectImageFormat(input);
  const errors = new ErrorList(file);
  const sink: Sink = { hits: [], errors, candidates: 0, options, now: (options.now ?? new Date()).getTime() };
  if (format === 'ihex') {
    const decoder = new IntelHexDecoder(errors);
    decoder.push(input);
    return scanHexRuns(decoder.end(), file, sink, input.length);
  }
  if (format === 'elf') {
    const elf = parseElf(input, errors);
    const symbols = elf ? new ElfSymbols(elf, errors) : undefined;
    scanRegion(
      input,
      (start, form) => {
        const where = location(file, form, start);
        if (!elf || !symbols) return where;
        const { section, address } = sectionAt(elf, start);
        if (address !== undefined) where.address = address;
        if (section) {
          where.section = section.name;
          const symbol = symbols.at(section, section.address + (start - section.offset));
          if (symbol) where.symbol = symbol;
        }
        return where;
      },
      sink,
    );
  } else {
    scanRegion(input, (start, form) => location(file, form, start), sink);
  }
  return {
    file,
    format,
    hits: sink.hits,
    errors: errors.done(),
    stats: { bytes: input.length, candidates: sink.candidates },
  };
}

/** Scans decoded Intel HEX runs (shared by {@link scanImage} and the streaming Node helper). */
export function scanHexRuns(runs: HexRun[], file: string, sink: Sink, fileBytes: number): ScanResult {
  for (const run of runs) {
    scanRegion(
      run.bytes,
      (start, form) => {
        const origin = hexOrigin(run, start);
        return { file, form, offset: origin.offset, line: origin.line, address: run.address + start };
      },
      sink,
    );
  }
  return {
    file,
    format: 'ihex',
    hits: sink.hits,
    errors: sink.errors.done(),
    stats: { bytes: fileBytes, candidates: sink.candidates },
  };
}

/** A fresh result collector (for the streaming Node helper). */
export function newSink(file: string, options: ScanOptions): Sink {
  return {
    hits: [],
    errors: new ErrorList(file),
    candidates: 0,
    options,
    now: (options.now ?? new Date()).getTime(),
  };
}

export type { Sink as ScanSink };
