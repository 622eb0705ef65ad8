// Reading what the user names on the command line: files (bounded, typed errors that say what
// to do), certificate files in PEM or DER, `host:port` targets, dates and durations.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { yearsAfter } from '@hubtrust/report';
import { bySha256, type CertificateLocation, type RootsFileFormat, readRootsBytes } from '@hubtrust/roots';
import { CliError } from './errors.js';
import type { ServerTarget } from './tls/fetch-chain.js';

/**
 * Largest input file read (16 MiB): verify.wasm's IO limit for one call is 16 MiB, so a larger
 * certificate file cannot be verified anyway; a firmware image goes to `scan` (roots' scanner).
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** A regular file opened for reading: its descriptor and size (close it, or hand it to a stream). */
export interface OpenedInput {
  fd: number;
  size: number;
}

function notRegular(path: string, what: string, stat: { isDirectory(): boolean; isFile(): boolean }) {
  if (stat.isDirectory()) return new CliError(`${what} "${path}" is a directory`, 2, 'name a file');
  if (!stat.isFile())
    return new CliError(
      `${what} "${path}" is not a regular file (a device, pipe or socket)`,
      2,
      'copy it to a file first (or pipe it to `-` where the command reads standard input)',
    );
  return undefined;
}

/**
 * Opens a regular file the user named, refusing what is not one before it could block.
 * @param what - how the file is named in messages (`chain file`, `--roots file`, `log`)
 * @throws CliError (exit 2) when missing, a directory, not a regular file or unreadable
 */
export function openInputFile(path: string, cwd: string, what: string): OpenedInput {
  const full = resolve(cwd, path);
  let fd: number;
  try {
    // stat first: opening a FIFO for reading would block until a writer appears. O_NONBLOCK
    // keeps a FIFO swapped in between the two calls from blocking the open.
    const problem = notRegular(path, what, statSync(full));
    if (problem) throw problem;
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CliError(`${what} "${path}" does not exist`, 2, `check the path (relative to ${cwd})`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new CliError(
        `${what} "${path}" cannot be read: permission denied`,
        2,
        'check the file permissions',
      );
    if (code === 'EISDIR') throw new CliError(`${what} "${path}" is a directory`, 2, 'name a file');
    throw new CliError(`${what} "${path}" cannot be opened: ${(error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    const problem = notRegular(path, what, stat);
    if (problem) throw problem;
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    if (error instanceof CliError) throw error;
    throw new CliError(`${what} "${path}" cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Reads a whole regular file, at most `limit` bytes.
 * @param what - how the file is named in messages (`chain file`, `--roots`)
 * @throws CliError (exit 2) when missing, a directory, not a regular file, unreadable or too large
 */
export function readInputFile(path: string, cwd: string, what: string, limit = MAX_INPUT_BYTES): Uint8Array {
  const { fd, size } = openInputFile(path, cwd, what);
  try {
    if (size > limit)
      throw new CliError(
        `${what} "${path}" is ${size.toLocaleString('en-US')} bytes; at most ${limit.toLocaleString('en-US')} are read`,
        2,
        'give the certificate or bundle file itself, not an archive or image',
      );
    // Read at most limit + 1 bytes even if the file grows while we read.
    const buffer = Buffer.alloc(Math.min(size, limit) + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
      if (filled === buffer.length) break;
    }
    if (filled > limit) throw new CliError(`${what} "${path}" grew past ${limit} bytes while being read`);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${what} "${path}" cannot be read: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Where one certificate was found in its file (roots' CertificateLocation, JSON-ready). */
export interface FoundWhere {
  form: string;
  offset: number;
  line?: number;
  address?: number;
  index?: number;
  symbol?: string;
  section?: string;
  condition?: string;
}

/** An ESP-IDF bundle entry: the bundle keeps only the subject and key of each root. */
export interface BundleAnchor {
  index: number;
  subject: string;
  keyType: string;
  /** SHA-256 of the SubjectPublicKeyInfo: identifies the root across formats. */
  spkiSha256: string;
}

/** Certificates found in a file by @hubtrust/roots' readers. */
export interface CertificateFile {
  format: RootsFileFormat;
  /** DER of every certificate, in file order. */
  certificates: Uint8Array[];
  where: FoundWhere[];
  /** The catalog's slug of each certificate, when the catalog knows it. */
  slugs: (string | null)[];
  /** ESP-IDF bundles only. */
  anchors: BundleAnchor[];
  /** What could not be read (the rest still was). */
  problems: string[];
}

function whereOf(w: CertificateLocation): FoundWhere {
  const out: FoundWhere = { form: w.form, offset: w.offset };
  for (const key of ['line', 'address', 'index', 'symbol', 'section', 'condition'] as const) {
    if (w[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = w[key];
  }
  return out;
}

/**
 * Reads what a device carries roots in, through @hubtrust/roots: PEM, DER, C/C++ sources
 * (certs.c, DER arrays, PROGMEM strings), ESP-IDF bundles and firmware images (raw, ELF, Intel HEX).
 * Call `await init()` of @hubtrust/verify first.
 * @throws CliError (exit 2) when nothing usable was found, naming what went wrong
 */
export function readCertificateBytes(bytes: Uint8Array, name: string): CertificateFile {
  const result = readRootsBytes(bytes, { file: name, identify: (sha256) => bySha256(sha256) });
  const problems = result.errors.map((e) => e.message);
  if (result.certificates.length === 0 && result.anchors.length === 0) {
    throw new CliError(
      problems.length
        ? `${name}: no readable certificate (${result.format}): ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`
        : `${name}: no certificate found (read as ${result.format})`,
      2,
      'give a PEM/DER certificate, a C source holding roots (certs.c), an ESP-IDF x509_crt_bundle or a firmware image',
    );
  }
  return {
    format: result.format,
    certificates: result.certificates.map((c) => c.der),
    where: result.certificates.map((c) => whereOf(c.where)),
    slugs: result.certificates.map((c) => bySha256(c.sha256)?.slug ?? null),
    anchors: result.anchors.map((a) => ({
      index: a.index,
      subject: a.subject.text,
      keyType: [a.key.type, a.key.bits ?? a.key.curve].filter((v) => v !== undefined).join(' '),
      spkiSha256: a.key.spkiSha256,
    })),
    problems,
  };
}

const HOST_PORT = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})?)):(\d{1,5})$/;

/**
 * `host:port` (or `[v6]:port`) → a target; undefined when `value` does not have that shape.
 * @throws CliError for a port outside 1-65535
 */
export function parseHostPort(value: string, servername?: string): ServerTarget | undefined {
  const m = HOST_PORT.exec(value);
  if (!m) return undefined;
  const host = (m[1] ?? m[2]) as string;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) throw new CliError(`port ${m[3]} of "${value}" is not 1-65535`);
  const isIp = m[1] !== undefined || /^[0-9.]+$/.test(host);
  const target: ServerTarget = { host, port };
  const sni = servername ?? (isIp ? undefined : host);
  if (sni !== undefined) target.servername = sni;
  return target;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `--at` (default: now) and `--horizon` (default: `--at` + 5 years) of a command.
 * @throws CliError (exit 2) for a bad date
 */
export function timeOptions(opts: { at?: string; horizon?: string }, now: Date): { at: Date; horizon: Date } {
  const at = opts.at !== undefined ? parseDate(opts.at, '--at', now) : now;
  const horizon = opts.horizon !== undefined ? parseDate(opts.horizon, '--horizon', now) : yearsAfter(at, 5);
  return { at, horizon };
}

/**
 * Parses `--at`/`--horizon` style dates: ISO 8601 (`2026-01-31`, `2026-01-31T12:00:00Z`; a
 * date alone is midnight UTC) or `now`.
 * @throws CliError (exit 2) naming the option and the accepted forms
 */
export function parseDate(value: string, option: string, now: Date): Date {
  if (value === 'now') return now;
  const ms = ISO_DATE.test(value)
    ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
    : Number.NaN;
  const date = new Date(ms);
  // Date.parse accepts 2026-02-31 as March 3rd: reject dates that do not round-trip.
  if (Number.isNaN(ms) || (value.length >= 10 && !sameCalendarDay(value, date)))
    throw new CliError(
      `${option} "${value}" is not a date`,
      2,
      'use ISO 8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z',
    );
  return date;
}

function sameCalendarDay(value: string, date: Date): boolean {
  if (/[+-]\d{2}:?\d{2}$/.test(value) && value.length > 10) return true; // offsets shift the UTC day
  return date.toISOString().slice(0, 10) === value.slice(0, 10);
}

/**
 * Parses a positive duration: `500ms`, `10s`, `2m`, or a bare number of milliseconds.
 * @throws CliError (exit 2)
 */
export function parseDuration(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  const n = m ? Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 }[m[2] ?? 'ms'] as number) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 3_600_000)
    throw new CliError(
      `${option} "${value}" is not a duration`,
      2,
      'use e.g. 500ms, 10s or 2m (at most 60m)',
    );
  return Math.round(n);
}

/**
 * Parses a non-negative integer option.
 * @throws CliError (exit 2)
 */
export function parseCount(value: string, option: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new CliError(`${option} "${value}" is not a whole number`, 2);
  return Number(value);
}
