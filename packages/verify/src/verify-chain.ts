// verifyChain: the TypeScript host of the wasm path validator (assembly/path/verify.ts).
// Builds the request (assembly/path/request.ts), calls the export, reads the result
// (assembly/path/result.ts) and turns codes into the stable result shape.
import type { DeviceProfileId } from './device-profiles.js';
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from './errors.generated.js';
import { pathDetail } from './path-details.js';
import { PemError, splitPem } from './pem.js';
import { applyProfile } from './profile-options.js';
import { exports, type VerifyExports } from './wasm.js';
import { readCertStruct } from './x509-layout.js';
import { formatName, generalNames } from './x509-text.js';

/** Cert.flags bit: every field was decoded (assembly/x509/cert.ts CF_DECODED). */
const CF_DECODED = 1;

/** A certificate as DER bytes, or PEM text (which may hold several certificates). */
export type CertificateInput = Uint8Array | string;

/** What the leaf certificate must be good for (its extendedKeyUsage and that of its issuers). */
export type Purpose = 'serverAuth' | 'clientAuth' | 'any';

/** Options of {@link verifyChain}. */
export interface VerifyChainOptions {
  /** The end-entity certificate. PEM text may hold the whole chain as a server sends it: the first block is the leaf, the others are added to `intermediates` in order. */
  leaf: CertificateInput;
  /** Certificates that may help build the path, in any order, decoys allowed. */
  intermediates?: CertificateInput | readonly CertificateInput[];
  /** Trust anchors (roots): at least one. */
  roots: CertificateInput | readonly CertificateInput[];
  /** Validation time (default: now). Compared with second precision, fractions truncated. */
  time?: Date | number;
  /** DNS name or IP address the leaf must be valid for (subjectAltName only; no CN fallback). */
  hostname?: string;
  /** Mailbox the leaf must be valid for (rfc822Name SAN), e.g. for client certificates. */
  email?: string;
  /** Required purpose (default `serverAuth`). */
  purpose?: Purpose;
  /** Most intermediates a path may hold, not counting self-issued ones (default 8). */
  maxDepth?: number;
  /** Smallest RSA modulus accepted anywhere in the chain, in bits (default 2048). */
  minRsaBits?: number;
  /** Accept SHA-1 signatures (default false). MD5 and MD2 are never accepted. */
  allowSha1?: boolean;
  /** Check the trust anchor's validity period (default true, as OpenSSL and mbedTLS do). */
  enforceAnchorExpiry?: boolean;
  /** Intermediates must be given in issuing order, as BearSSL's minimal engine requires (default false). */
  requireOrderedChain?: boolean;
  /** `enforce` (default) processes name constraints; `reject-if-critical` ignores them but rejects a path holding a critical one (mbedTLS 2.x). */
  nameConstraints?: 'enforce' | 'reject-if-critical';
  /**
   * Enforce the RFC 5280 / CA/B Forum profile rules a strict TLS client applies (default true):
   * key identifiers, extension criticality, v3, no CA leaf, CN copied from a SAN, RSA sizes a
   * multiple of 8. `false` models lenient stacks (OpenSSL, mbedTLS).
   */
  strictProfile?: boolean;
  /** Work limits of path building (0 or absent: the defaults, see the README). */
  budget?: { signatureChecks?: number; buildCalls?: number; nameConstraintComparisons?: number };
  /**
   * Start from a device profile's options (`deviceProfiles`); options given here override them.
   * Prediction-only profiles (no trusted clock) are refused: see `predictDevice`.
   */
  profile?: DeviceProfileId;
}

/** Where a certificate of the chain came from. */
export type CertificateSource = 'leaf' | 'intermediates' | 'roots';

/** One certificate of a validated chain. */
export interface ChainCertificate {
  /** DER bytes. */
  der: Uint8Array;
  /** Which input list it came from. */
  source: CertificateSource;
  /** Its index in that list (the leaf is 0; intermediates split from a leaf PEM follow the given ones). */
  index: number;
}

/** Why a chain was rejected. */
export interface VerifyChainError {
  /** Stable code from the error table (errors.json). */
  code: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** Position in the (partial) chain of the certificate the error is about: 0 = leaf. */
  certIndex?: number;
  /** What to look at: the closest candidate issuer and why it was rejected, or the name that would have matched. */
  hint?: string;
  /** Machine-readable detail code (path or decoder rule), for tools. */
  detail?: number;
  /** The best partial chain the verifier built before failing. */
  chain?: ChainCertificate[];
}

/** Work one call spent, against the budget (see `budget` in {@link VerifyChainOptions}). */
export interface VerifyWork {
  signatureChecks: number;
  buildCalls: number;
  nameConstraintComparisons: number;
  /** Bytes of wasm linear memory the call used beyond the module's static data (request + scratch). */
  memoryBytes: number;
}

/** Result of {@link verifyChain}. */
export type VerifyChainResult =
  | { ok: true; chain: ChainCertificate[]; work: VerifyWork }
  | { ok: false; error: VerifyChainError; work?: VerifyWork };

// Request layout constants (assembly/path/request.ts).
const HEADER = 64;
const FLAG_ALLOW_SHA1 = 1;
const FLAG_IGNORE_ANCHOR_EXPIRY = 2;
const FLAG_REQUIRE_ORDERED = 4;
const FLAG_NC_REJECT_IF_CRITICAL = 8;
const FLAG_LENIENT_PROFILE = 16;
const NAME_DNS = 1;
const NAME_IP = 2;
const NAME_EMAIL = 3;
const MAX_U32 = 0xffffffff;
// Result flags (assembly/path/result.ts).
const RESULT_CN_WOULD_MATCH = 1;
const RESULT_LEAF_HAS_NO_SAN = 2;

class InputError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function toList(x: CertificateInput | readonly CertificateInput[] | undefined, what: string): Uint8Array[] {
  if (x === undefined) return [];
  const items = typeof x === 'string' || x instanceof Uint8Array ? [x] : x;
  const out: Uint8Array[] = [];
  for (const item of items) {
    if (item instanceof Uint8Array) out.push(item);
    else if (typeof item === 'string') out.push(...pemCerts(item, what));
    else throw new InputError('INVALID_ARGUMENT', `${what}: expected Uint8Array (DER) or string (PEM)`);
  }
  return out;
}

function pemCerts(text: string, what: string): Uint8Array[] {
  try {
    const certs = splitPem(text);
    if (certs.length === 0)
      throw new InputError('MALFORMED', `${what}: no CERTIFICATE block in the PEM text`);
    return certs;
  } catch (e) {
    if (e instanceof PemError) throw new InputError('MALFORMED', `${what}: ${e.message}`);
    throw e;
  }
}

function u32Option(v: number | undefined, what: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 0 || v > MAX_U32)
    throw new InputError('INVALID_ARGUMENT', `${what} must be an integer >= 0`);
  return v;
}

/** How the peer name is matched: an IP literal (v4 dotted, v6 with ':', optionally in brackets) or a DNS name. */
function peerName(options: VerifyChainOptions): { kind: number; bytes: Uint8Array } | undefined {
  if (options.email !== undefined && options.hostname !== undefined) {
    throw new InputError('INVALID_ARGUMENT', 'give hostname or email, not both');
  }
  if (options.email !== undefined)
    return { kind: NAME_EMAIL, bytes: new TextEncoder().encode(options.email) };
  if (options.hostname === undefined) return undefined;
  let h = options.hostname;
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const isIp = h.includes(':') || /^[0-9.]+$/.test(h);
  return { kind: isIp ? NAME_IP : NAME_DNS, bytes: new TextEncoder().encode(h) };
}

function timeSeconds(t: Date | number | undefined): bigint {
  const ms = t === undefined ? Date.now() : t instanceof Date ? t.getTime() : t;
  if (!Number.isFinite(ms)) throw new InputError('INVALID_ARGUMENT', 'time is not a valid date');
  return BigInt(Math.floor(ms / 1000));
}

interface Inputs {
  all: Uint8Array[];
  sources: { source: CertificateSource; index: number }[];
}

function collect(options: VerifyChainOptions): Inputs {
  const leafList = toList(options.leaf, 'leaf');
  const [leaf, ...sent] = leafList;
  if (!leaf) throw new InputError('INVALID_ARGUMENT', 'leaf: no certificate');
  const intermediates = [...toList(options.intermediates, 'intermediates'), ...sent];
  const roots = toList(options.roots, 'roots');
  if (roots.length === 0)
    throw new InputError('INVALID_ARGUMENT', 'roots: at least one trust anchor is required');
  if (1 + intermediates.length + roots.length > 256) {
    throw new InputError(
      'INPUT_TOO_LARGE',
      'at most 256 certificates (leaf + intermediates + roots) per call',
    );
  }
  return {
    all: [leaf, ...intermediates, ...roots],
    sources: [
      { source: 'leaf', index: 0 },
      ...intermediates.map((_, index) => ({ source: 'intermediates' as const, index })),
      ...roots.map((_, index) => ({ source: 'roots' as const, index })),
    ],
  };
}

function writeRequest(
  w: VerifyExports,
  options: VerifyChainOptions,
  inputs: Inputs,
): { ptr: number; len: number } {
  const name = peerName(options);
  const n = inputs.all.length;
  const table = HEADER + n * 8;
  const certBytes = inputs.all.reduce((s, c) => s + c.length, 0);
  const len = table + certBytes + (name?.bytes.length ?? 0);
  const ptr = w.ioReserve(len);
  if (ptr === 0) throw new InputError('INPUT_TOO_LARGE', 'the certificates exceed the 16 MiB input limit');
  const mem = new Uint8Array(w.memory.buffer);
  const dv = new DataView(w.memory.buffer);
  mem.fill(0, ptr, ptr + HEADER); // the IO area is not cleared between calls
  let flags = 0;
  if (options.allowSha1) flags |= FLAG_ALLOW_SHA1;
  if (options.enforceAnchorExpiry === false) flags |= FLAG_IGNORE_ANCHOR_EXPIRY;
  if (options.requireOrderedChain) flags |= FLAG_REQUIRE_ORDERED;
  if (options.nameConstraints === 'reject-if-critical') flags |= FLAG_NC_REJECT_IF_CRITICAL;
  else if (options.nameConstraints !== undefined && options.nameConstraints !== 'enforce') {
    throw new InputError('INVALID_ARGUMENT', "nameConstraints must be 'enforce' or 'reject-if-critical'");
  }
  if (options.strictProfile === false) flags |= FLAG_LENIENT_PROFILE;
  const purpose = options.purpose ?? 'serverAuth';
  const purposeId = { serverAuth: 0, clientAuth: 1, any: 2 }[purpose];
  if (purposeId === undefined) throw new InputError('INVALID_ARGUMENT', `unknown purpose ${String(purpose)}`);
  const put = (off: number, v: number) => dv.setUint32(ptr + off, v, true);
  put(0, 1);
  const roots = inputs.sources.filter((s) => s.source === 'roots').length;
  put(4, n - 1 - roots);
  put(8, roots);
  put(12, flags);
  put(16, purposeId);
  put(20, options.maxDepth === undefined ? MAX_U32 : u32Option(options.maxDepth, 'maxDepth', 0));
  put(24, u32Option(options.minRsaBits, 'minRsaBits', 0));
  dv.setBigInt64(ptr + 28, timeSeconds(options.time), true);
  put(48, u32Option(options.budget?.signatureChecks, 'budget.signatureChecks', 0));
  put(52, u32Option(options.budget?.buildCalls, 'budget.buildCalls', 0));
  put(56, u32Option(options.budget?.nameConstraintComparisons, 'budget.nameConstraintComparisons', 0));
  let at = table;
  inputs.all.forEach((der, i) => {
    put(HEADER + i * 8, at);
    put(HEADER + i * 8 + 4, der.length);
    mem.set(der, ptr + at);
    at += der.length;
  });
  if (name) {
    put(36, name.kind);
    put(40, at);
    put(44, name.bytes.length);
    mem.set(name.bytes, ptr + at);
  }
  return { ptr, len };
}

function chainOf(inputs: Inputs, slots: number[]): ChainCertificate[] {
  return slots.map((s) => {
    const src = inputs.sources[s] ?? { source: 'leaf' as const, index: 0 };
    return { der: inputs.all[s] ?? new Uint8Array(), ...src };
  });
}

/** Reads what the error report needs from the decoded certificates (valid until the next ioReserve). */
class Slots {
  constructor(
    private readonly w: VerifyExports,
    private readonly inputs: Inputs,
  ) {}

  private field(slot: number, name: 'subject' | 'issuer' | 'san'): Uint8Array | undefined {
    const f = readCertStruct(this.w.memory, this.w.x509CertPtr(slot));
    if ((f.flags & CF_DECODED) === 0) return undefined;
    const ptr = f[name];
    const len = f[`${name}Len`];
    if (ptr === 0) return undefined;
    return new Uint8Array(this.w.memory.buffer.slice(ptr, ptr + len));
  }

  /** `"CN=...,O=..." (intermediates[2])`. */
  describe(slot: number): string {
    const src = this.inputs.sources[slot];
    const where = src
      ? src.source === 'leaf'
        ? 'the leaf'
        : `${src.source}[${src.index}]`
      : 'a certificate';
    const subject = this.field(slot, 'subject');
    const text = subject ? formatName(subject) : '';
    return text ? `"${text}" (${where})` : where;
  }

  /** notBefore / notAfter of a decoded certificate, as ISO text. */
  validity(slot: number): { notBefore: string; notAfter: string } | undefined {
    const f = readCertStruct(this.w.memory, this.w.x509CertPtr(slot));
    if ((f.flags & CF_DECODED) === 0) return undefined;
    const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
    return { notBefore: iso(f.notBefore), notAfter: iso(f.notAfter) };
  }

  issuerText(slot: number): string {
    const issuer = this.field(slot, 'issuer');
    return issuer ? formatName(issuer) : '';
  }

  /** The DNS names and IP addresses a leaf is valid for, like Go's HostnameError. */
  sanNames(slot: number): string[] {
    const san = this.field(slot, 'san');
    if (!san) return [];
    return generalNames(san)
      .filter((g) => g.type === 'dns' || g.type === 'ip' || g.type === 'email')
      .map((g) => g.value);
  }
}

function hintFor(
  code: ErrorCode,
  slots: Slots,
  r: { certSlot: number; hintSlot: number; hintDetail: number; flags: number; missingIssuerOf: number },
  options: VerifyChainOptions,
): string | undefined {
  if (code === 'NAME_MISMATCH') {
    if (r.flags & RESULT_CN_WOULD_MATCH) {
      return `the subject CN matches ${options.hostname ?? 'the name'} but no subjectAltName does: stacks that still fall back to the CN (old mbedTLS, OpenSSL without hostname flags) accept this certificate, modern TLS clients do not; reissue it with the name in the SAN`;
    }
    if (r.flags & RESULT_LEAF_HAS_NO_SAN)
      return 'the leaf has no subjectAltName extension, so it is valid for no name';
    const names = slots.sanNames(0);
    return names.length ? `the leaf is valid for ${names.join(', ')}` : undefined;
  }
  if (code === 'UNKNOWN_ISSUER' && r.missingIssuerOf >= 0) {
    const issuer = slots.issuerText(r.missingIssuerOf);
    return `no root or intermediate has the subject "${issuer}", the issuer of ${slots.describe(r.missingIssuerOf)}: add that root to the trust store, or have the server send the intermediate`;
  }
  if (r.hintSlot >= 0 && r.hintSlot !== r.certSlot) {
    return `closest candidate issuer ${slots.describe(r.hintSlot)} was rejected: ${pathDetail(r.hintDetail).text}`;
  }
  return undefined;
}

/**
 * Validates a certificate chain the way a TLS client does: builds a path from the leaf through
 * the intermediates (any order) to one of the roots, and checks validity periods, basic
 * constraints, key usage, extended key usage, name constraints, signatures and the peer name.
 * Synchronous; call `await init()` (or `initSync()`) once before.
 *
 * @returns `{ ok: true, chain }` (leaf first, trust anchor last) or `{ ok: false, error }` with
 *   the most specific reason across every path tried and, when useful, a hint.
 * @throws Error when the module is not initialised.
 * @example
 * ```ts
 * import { init, verifyChain } from '@hubtrust/verify';
 * await init();
 * const r = verifyChain({ leaf: serverPem, roots: [digicertG2Pem], hostname: 'myhub.azure-devices.net' });
 * if (!r.ok) console.log(r.error.code, r.error.hint);
 * ```
 */
export function verifyChain(given: VerifyChainOptions): VerifyChainResult {
  const applied = applyProfile(given);
  if (!applied.ok) return applied;
  const options = applied.options;
  const w = exports();
  let inputs: Inputs;
  let req: { ptr: number; len: number };
  try {
    inputs = collect(options);
    req = writeRequest(w, options, inputs);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
  const code = w.verifyChain(req.ptr, req.len);
  const dv = new DataView(w.memory.buffer);
  const r = w.verifyResultPtr();
  const pathLen = dv.getUint32(r + 32, true);
  const pathSlots: number[] = [];
  for (let i = 0; i < pathLen; i++) pathSlots.push(dv.getUint32(r + 36 + i * 4, true));
  const work: VerifyWork = {
    signatureChecks: dv.getUint32(r + 100, true),
    buildCalls: dv.getUint32(r + 104, true),
    nameConstraintComparisons: dv.getUint32(r + 108, true),
    memoryBytes: dv.getUint32(r + 116, true),
  };
  if (code === 0) return { ok: true, chain: chainOf(inputs, pathSlots), work };
  const errorCode = (ERROR_CODES[code] ?? 'MALFORMED') as ErrorCode;
  const certIndex = dv.getInt32(r + 4, true);
  const certSlot = dv.getInt32(r + 8, true);
  const detail = dv.getUint32(r + 12, true);
  const info = {
    certSlot,
    hintSlot: dv.getInt32(r + 16, true),
    hintDetail: dv.getUint32(r + 24, true),
    flags: dv.getUint32(r + 28, true),
    missingIssuerOf: dv.getInt32(r + 112, true),
  };
  const slots = new Slots(w, inputs);
  let message: string = ERROR_MESSAGES[errorCode];
  if (certSlot >= 0) {
    message += ` ${slots.describe(certSlot)}${detail ? `: ${pathDetail(detail).text}` : ''}`;
    const v = errorCode === 'EXPIRED' || errorCode === 'NOT_YET_VALID' ? slots.validity(certSlot) : undefined;
    if (v) message += ` (valid ${v.notBefore} to ${v.notAfter})`;
    message += '.';
  }
  const error: VerifyChainError = { code: errorCode, message, detail, chain: chainOf(inputs, pathSlots) };
  if (certIndex >= 0) error.certIndex = certIndex;
  const hint = hintFor(errorCode, slots, info, options);
  if (hint) error.hint = hint;
  return { ok: false, error, work };
}
