// parseCertificate: one certificate (PEM or DER) decoded by verify.wasm's X.509 decoder
// (assembly/x509/decode.ts) into a plain object for display and diagnostics. The object is built
// from the module's decode (the Cert record and the x509Iter enumerators, read by x509-read.ts):
// the module decides what every part is, this file only formats it. The fingerprints and the
// SPKI pin are computed on first access.

import {
  CertFlag,
  Curve,
  type ErrorCode,
  ExtBit,
  HashId,
  IterKind,
  KeyType,
  SigKind,
} from './abi.generated.js';
import { type ErrorDetail, errorCode, errorDetail } from './errors.js';
import type { VerifyExports } from './gateway.js';
import { hexDigests } from './hash.js';
import { pemToDer } from './pem.js';
import { VerifyError } from './verify-error.js';
import { gateway } from './wasm.js';
import { memoryViews, READER_SPACE, X509Reader } from './x509-read.js';
import { type GeneralName, hexOf, type NameAttribute } from './x509-text.js';

/** A distinguished name: RFC 4514 text, its attributes, and the exact DER (for comparisons). */
export interface ParsedName {
  /** RFC 4514 string, e.g. `CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE`. */
  text: string;
  /** Attributes in encoding order. */
  attributes: NameAttribute[];
  /** The Name's DER encoding (tag and length included). */
  der: Uint8Array;
}

/** Public key summary. */
export interface ParsedKey {
  /** `RSA`, `RSA-PSS` (an id-RSASSA-PSS key), `EC`, `Ed25519`, or `unknown`. */
  type: 'RSA' | 'RSA-PSS' | 'EC' | 'Ed25519' | 'unknown';
  /** RSA modulus bits, EC curve bits, 256 for Ed25519; undefined when not known. */
  bits?: number;
  /** `P-256`, `P-384`, `P-521`, the curve OID for other named curves, or `explicit`. */
  curve?: string;
  /** RSA public exponent (decimal text). */
  exponent?: string;
  /** Dotted OID of the SubjectPublicKeyInfo algorithm. */
  algorithmOid: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER (the key pin), lower-case hex. */
  spkiSha256: string;
}

/** Signature algorithm summary. */
export interface ParsedSignatureAlgorithm {
  /** e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, `RSASSA-PSS`, `Ed25519`, or the OID. */
  name: string;
  oid: string;
  /** The digest, e.g. `SHA-256` (undefined for Ed25519 and unknown algorithms). */
  hash?: string;
  /** RSASSA-PSS parameters. */
  pss?: { hash: string; mgf1Hash: string; saltLength: number };
}

/** One extension as decoded (`value` is the extnValue contents, hex). */
export interface ParsedExtension {
  oid: string;
  /** Short name for known extensions (`basicConstraints`, ...), undefined otherwise. */
  name?: string;
  critical: boolean;
  value: string;
}

/** Decoded extensions: the known ones by name, plus every extension in order. */
export interface ParsedExtensions {
  basicConstraints?: { critical: boolean; ca: boolean; pathLen?: number };
  keyUsage?: { critical: boolean; usages: string[] };
  extKeyUsage?: { critical: boolean; usages: string[] };
  subjectAltName?: { critical: boolean; names: GeneralName[] };
  nameConstraints?: { critical: boolean; permitted: GeneralName[]; excluded: GeneralName[] };
  authorityKeyIdentifier?: { critical: boolean; keyId?: string };
  subjectKeyIdentifier?: { critical: boolean; keyId: string };
  certificatePolicies?: { critical: boolean; policies: string[] };
  authorityInfoAccess?: {
    critical: boolean;
    ocsp: string[];
    caIssuers: string[];
    other: { method: string; location: GeneralName }[];
  };
  crlDistributionPoints?: { critical: boolean; uris: string[] };
  /** Every extension, in certificate order. */
  all: ParsedExtension[];
  /** Extensions this decoder does not recognise (OID and criticality). */
  unknown: ParsedExtension[];
}

/** A rule the certificate breaks that does not stop decoding (it will not validate in a chain). */
export interface CertificateProblem {
  code: ErrorCode;
  /** The rule (the same ErrorDetail errors carry); `detail` and `message` are its name and text. */
  reason: ErrorDetail;
  /** Decoder rule name, e.g. `SERIAL_ZERO`. */
  detail: string;
  message: string;
  /** True when the problem does not matter for a trust anchor (e.g. a zero serial). */
  acceptableInAnchor: boolean;
}

/** The result of {@link parseCertificate}. */
export interface ParsedCertificate {
  /** 1, 2 or 3. */
  version: number;
  /** Serial number as upper-case hex of its magnitude (like node:crypto); `-` prefix if negative. */
  serial: string;
  subject: ParsedName;
  issuer: ParsedName;
  validity: { notBefore: Date; notAfter: Date };
  /** Subject alternative names (empty when the extension is absent). */
  subjectAltNames: GeneralName[];
  key: ParsedKey;
  fingerprints: { sha1: string; sha256: string };
  signatureAlgorithm: ParsedSignatureAlgorithm;
  extensions: ParsedExtensions;
  /** basicConstraints cA is TRUE. */
  isCA: boolean;
  /** issuer and subject are the same bytes. */
  selfIssued: boolean;
  /** RFC 5280 rules broken (empty for a conforming certificate). */
  problems: CertificateProblem[];
  /** The certificate DER. */
  der: Uint8Array;
}

const HASH_NAMES: Readonly<Record<number, string>> = {
  [HashId.SHA1]: 'SHA-1',
  [HashId.SHA256]: 'SHA-256',
  [HashId.SHA384]: 'SHA-384',
  [HashId.SHA512]: 'SHA-512',
  [HashId.MD5]: 'MD5',
  [HashId.MD2]: 'MD2',
  [HashId.SHA224]: 'SHA-224',
};
const RSA_SIG_NAMES: Readonly<Record<number, string>> = {
  [HashId.SHA1]: 'sha1WithRSAEncryption',
  [HashId.SHA256]: 'sha256WithRSAEncryption',
  [HashId.SHA384]: 'sha384WithRSAEncryption',
  [HashId.SHA512]: 'sha512WithRSAEncryption',
  [HashId.MD5]: 'md5WithRSAEncryption',
  [HashId.MD2]: 'md2WithRSAEncryption',
  [HashId.SHA224]: 'sha224WithRSAEncryption',
};
/** Names of the extensions the decoder recognises, by their ExtBit. */
const EXTENSION_NAMES: Readonly<Record<number, string>> = {
  [ExtBit.SKI]: 'subjectKeyIdentifier',
  [ExtBit.KEY_USAGE]: 'keyUsage',
  [ExtBit.SAN]: 'subjectAltName',
  [ExtBit.ISSUER_ALT_NAME]: 'issuerAltName',
  [ExtBit.BASIC_CONSTRAINTS]: 'basicConstraints',
  [ExtBit.NAME_CONSTRAINTS]: 'nameConstraints',
  [ExtBit.CRL_DP]: 'cRLDistributionPoints',
  [ExtBit.CERT_POLICIES]: 'certificatePolicies',
  [ExtBit.POLICY_MAPPINGS]: 'policyMappings',
  [ExtBit.AKI]: 'authorityKeyIdentifier',
  [ExtBit.POLICY_CONSTRAINTS]: 'policyConstraints',
  [ExtBit.EXT_KEY_USAGE]: 'extKeyUsage',
  [ExtBit.INHIBIT_ANY_POLICY]: 'inhibitAnyPolicy',
  [ExtBit.AIA]: 'authorityInfoAccess',
};
const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];
const EKU_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};
const OCSP = '1.3.6.1.5.5.7.48.1';
const CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

/** The INTEGER contents v[start, end) as upper-case hex of the magnitude (`-` prefix if negative). */
function serialText(v: Uint8Array, start: number, end: number): string {
  if (end > start && (v[start] as number) >= 0x80) {
    // Negative: two's complement magnitude.
    const x = bigOf(v, start, end);
    return `-${((1n << BigInt((end - start) * 8)) - x).toString(16).toUpperCase()}`;
  }
  const from = end - start > 1 && v[start] === 0 ? start + 1 : start;
  // Zero prints as "0", as node:crypto does; otherwise every octet of the magnitude.
  let zero = true;
  for (let i = from; i < end && zero; i++) zero = v[i] === 0;
  return zero ? '0' : hexOf(v, from, end).toUpperCase();
}

/** Decimal text of the big-endian unsigned number v[start, end) (a Number when it fits in 48 bits). */
function decimalOf(v: Uint8Array, start: number, end: number): string {
  if (end - start > 6) return bigOf(v, start, end).toString();
  let x = 0;
  for (let i = start; i < end; i++) x = x * 256 + (v[i] as number);
  return String(x);
}

/** The big-endian unsigned number v[start, end). */
function bigOf(v: Uint8Array, start: number, end: number): bigint {
  let x = 0n;
  for (let i = start; i < end; i++) x = (x << 8n) | BigInt(v[i] as number);
  return x;
}

/**
 * The extensions in certificate order: every one in `all`, the unrecognised ones in `unknown`,
 * the recognised ones decoded from the certificate record and the enumerators.
 */
function readExtensions(r: X509Reader, cert: number): ParsedExtensions {
  const out: ParsedExtensions = { all: [], unknown: [] };
  const exts = r.field(cert, 'exts');
  const keyUsage = r.field(cert, 'keyUsage');
  for (const e of r.each(IterKind.EXTENSIONS, exts, r.field(cert, 'extsLen'), (x) => ({
    bit: x.type,
    oid: r.itemOid(x),
    critical: x.critical,
    value: r.itemHex(x),
  }))) {
    const name = EXTENSION_NAMES[e.bit];
    const entry: ParsedExtension = name
      ? { oid: e.oid, critical: e.critical, value: e.value, name }
      : { oid: e.oid, critical: e.critical, value: e.value };
    out.all.push(entry);
    if (!name) {
      out.unknown.push(entry);
      continue;
    }
    const critical = e.critical;
    switch (e.bit) {
      case ExtBit.BASIC_CONSTRAINTS: {
        out.basicConstraints = { critical, ca: r.flag(cert, CertFlag.CA) };
        const pathLen = r.field(cert, 'pathLen');
        if (pathLen >= 0) out.basicConstraints.pathLen = pathLen;
        break;
      }
      case ExtBit.KEY_USAGE:
        out.keyUsage = { critical, usages: KEY_USAGES.filter((_, i) => (keyUsage >> i) & 1) };
        break;
      case ExtBit.EXT_KEY_USAGE:
        out.extKeyUsage = {
          critical,
          usages: r.each(IterKind.OIDS, r.field(cert, 'eku'), r.field(cert, 'ekuLen'), (o) => {
            const t = r.itemOid(o);
            return EKU_NAMES[t] ?? t;
          }),
        };
        break;
      case ExtBit.SAN:
        out.subjectAltName = {
          critical,
          names: r.generalNames(IterKind.GENERAL_NAMES, r.field(cert, 'san'), r.field(cert, 'sanLen')),
        };
        break;
      case ExtBit.NAME_CONSTRAINTS:
        out.nameConstraints = {
          critical,
          permitted: r.generalNames(
            IterKind.SUBTREES,
            r.field(cert, 'ncPermitted'),
            r.field(cert, 'ncPermittedLen'),
          ),
          excluded: r.generalNames(
            IterKind.SUBTREES,
            r.field(cert, 'ncExcluded'),
            r.field(cert, 'ncExcludedLen'),
          ),
        };
        break;
      case ExtBit.AKI: {
        out.authorityKeyIdentifier = { critical };
        if (r.field(cert, 'akiKeyId') !== 0)
          out.authorityKeyIdentifier.keyId = r.hex(cert, 'akiKeyId', 'akiKeyIdLen');
        break;
      }
      case ExtBit.SKI:
        out.subjectKeyIdentifier = { critical, keyId: r.hex(cert, 'ski', 'skiLen') };
        break;
      case ExtBit.CERT_POLICIES:
        out.certificatePolicies = {
          critical,
          policies: r.each(IterKind.POLICIES, r.field(cert, 'policies'), r.field(cert, 'policiesLen'), (p) =>
            r.itemOid(p),
          ),
        };
        break;
      case ExtBit.AIA: {
        const aia = {
          critical,
          ocsp: [] as string[],
          caIssuers: [] as string[],
          other: [] as { method: string; location: GeneralName }[],
        };
        r.each(IterKind.ACCESS, r.field(cert, 'aia'), r.field(cert, 'aiaLen'), (a) => {
          const method = r.itemOid(a);
          const location = r.generalName(a, false);
          if (method === OCSP && location.type === 'uri') aia.ocsp.push(location.value);
          else if (method === CA_ISSUERS && location.type === 'uri') aia.caIssuers.push(location.value);
          else aia.other.push({ method, location });
        });
        out.authorityInfoAccess = aia;
        break;
      }
      case ExtBit.CRL_DP:
        out.crlDistributionPoints = {
          critical,
          uris: r
            .generalNames(IterKind.CRL_DP, r.field(cert, 'crlDp'), r.field(cert, 'crlDpLen'))
            .filter((n) => n.type === 'uri')
            .map((n) => n.value),
        };
        break;
    }
  }
  return out;
}

function keyFields(r: X509Reader, cert: number): Omit<ParsedKey, 'spkiSha256'> {
  const algorithmOid = r.oid(cert, 'keyAlgOid', 'keyAlgOidLen');
  switch (r.field(cert, 'keyType')) {
    case KeyType.RSA:
    case KeyType.RSA_PSS:
      return {
        type: r.field(cert, 'keyType') === KeyType.RSA ? 'RSA' : 'RSA-PSS',
        bits: r.field(cert, 'keyBits'),
        exponent: decimalOf(
          r.mem,
          r.field(cert, 'keyExp'),
          r.field(cert, 'keyExp') + r.field(cert, 'keyExpLen'),
        ),
        algorithmOid,
      };
    case KeyType.EC: {
      let curve = 'explicit';
      const id = r.field(cert, 'keyCurve');
      if (id === Curve.P256) curve = 'P-256';
      else if (id === Curve.P384) curve = 'P-384';
      else if (id === Curve.P521) curve = 'P-521';
      else if (id === Curve.OTHER) {
        // The parameters are the curve's OID TLV: a list of one OID for the enumerator.
        const [oid] = r.each(IterKind.OIDS, r.field(cert, 'keyParams'), r.field(cert, 'keyParamsLen'), (o) =>
          r.itemOid(o),
        );
        curve = oid ?? 'unknown';
      }
      const k: Omit<ParsedKey, 'spkiSha256'> = { type: 'EC', curve, algorithmOid };
      const bits = r.field(cert, 'keyBits');
      if (bits) k.bits = bits;
      return k;
    }
    case KeyType.ED25519:
      return { type: 'Ed25519', bits: 256, algorithmOid };
    default:
      return { type: 'unknown', algorithmOid };
  }
}

function signatureSummary(r: X509Reader, cert: number): ParsedSignatureAlgorithm {
  const oid = r.oid(cert, 'sigAlgOid', 'sigAlgOidLen');
  const hashId = r.field(cert, 'sigHash');
  const hashName = HASH_NAMES[hashId];
  switch (r.field(cert, 'sigAlg')) {
    case SigKind.RSA_PKCS1:
      return { name: RSA_SIG_NAMES[hashId] ?? oid, oid, ...(hashName ? { hash: hashName } : {}) };
    case SigKind.RSA_PSS: {
      const pss = {
        hash: hashName ?? 'unsupported',
        mgf1Hash: HASH_NAMES[r.field(cert, 'pssMgf1Hash')] ?? 'unsupported',
        saltLength: r.field(cert, 'pssSaltLen'),
      };
      return { name: 'RSASSA-PSS', oid, hash: pss.hash, pss };
    }
    case SigKind.ECDSA:
      return {
        name: `ecdsa-with-${hashName?.replace('-', '') ?? 'unknown'}`,
        oid,
        ...(hashName ? { hash: hashName } : {}),
      };
    case SigKind.ED25519:
      return { name: 'Ed25519', oid };
    default:
      return { name: oid, oid };
  }
}

/**
 * Decodes one X.509 certificate into a plain object: names, serial, validity, SANs, key,
 * fingerprints, signature algorithm and extensions (known ones decoded, unknown ones listed).
 * Decoding is the wasm decoder's: the same strict DER and X.509 rules as chain validation. A
 * certificate that decodes but breaks an RFC 5280 rule of its own (a zero serial, an unknown
 * critical extension, ...) is returned with the rule in `problems`. `fingerprints` and
 * `key.spkiSha256` are hashed on first access. Synchronous after `await init()`.
 *
 * @param pemOrDer - DER bytes, or text holding a `CERTIFICATE` PEM block (the first one is used)
 * @throws VerifyError `MALFORMED` (with `reason` naming the rule), `DUPLICATE_EXTENSION`,
 *   `ALGORITHM_MISMATCH`, `INPUT_TOO_LARGE`, `INVALID_ARGUMENT` for a wrong argument type, or
 *   `INTERNAL` when the module trapped (a bug; it is then re-instantiated)
 * @example
 * ```ts
 * await init();
 * const cert = parseCertificate(readFileSync('hub.pem', 'utf8'));
 * console.log(cert.subject.text, cert.validity.notAfter, cert.fingerprints.sha256);
 * ```
 */
export function parseCertificate(pemOrDer: string | Uint8Array): ParsedCertificate {
  let der: Uint8Array;
  if (typeof pemOrDer === 'string') {
    try {
      der = pemToDer(pemOrDer);
    } catch (e) {
      throw new VerifyError('MALFORMED', (e as Error).message);
    }
  } else if (pemOrDer instanceof Uint8Array) {
    der = copyOf(pemOrDer);
  } else {
    throw new VerifyError(
      'INVALID_ARGUMENT',
      'parseCertificate takes a PEM string or DER bytes (Uint8Array)',
    );
  }
  return gateway.call('parseCertificate', (w) => {
    const { r, c, p } = decode(w, der);
    const code = r.field(c, 'status');
    const problems: CertificateProblem[] = [];
    if (code !== 0) {
      const detail = errorDetail(r.field(c, 'detail'));
      problems.push({
        code: errorCode(code),
        reason: detail,
        detail: detail.name,
        message: detail.text,
        acceptableInAnchor: r.field(c, 'anchorStatus') === 0,
      });
    }
    return new Certificate(r, c, p, der, problems);
  });
}

/**
 * Our copy of the caller's DER. Certificates up to SLAB_ITEM_MAX bytes share slabs of SLAB_SIZE
 * bytes (like Node's Buffer pool): a typed array of its own costs a backing-store allocation that
 * the garbage collector tracks one by one, more than the rest of the copy.
 */
function copyOf(input: Uint8Array): Uint8Array {
  const n = input.length;
  if (n > SLAB_ITEM_MAX) return input.slice();
  if (slab.length - slabUsed < n) {
    slab = new Uint8Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  out.set(input);
  slabUsed += (n + 7) & ~7;
  return out;
}
/** Bytes of one slab of DER copies, and the largest certificate copied into one. */
const SLAB_SIZE = 16 * 1024;
const SLAB_ITEM_MAX = 4 * 1024;
/** The slab being filled (an allocation cache: filled slabs stay alive while a copy in them does). */
let slab = new Uint8Array(0);
let slabUsed = 0;

/**
 * A ParsedCertificate: the fields read from the decode at construction, the fingerprints and the
 * decoded extensions on first read (kept then; assigning replaces them). Accessors on the
 * prototype cost nothing per certificate, where own accessors cost more than the whole decode;
 * toJSON lists them with the rest, as a plain object would.
 */
class Certificate implements ParsedCertificate {
  version: number;
  serial: string;
  subject: ParsedName;
  issuer: ParsedName;
  validity: { notBefore: Date; notAfter: Date };
  subjectAltNames: GeneralName[];
  key: ParsedKey;
  signatureAlgorithm: ParsedSignatureAlgorithm;
  isCA: boolean;
  selfIssued: boolean;
  problems: CertificateProblem[];
  der: Uint8Array;
  #fingerprints: ParsedCertificate['fingerprints'] | undefined;
  #extensions: ParsedExtensions | undefined;

  constructor(r: X509Reader, c: number, p: number, der: Uint8Array, problems: CertificateProblem[]) {
    const subject = r.field(c, 'subject');
    const subjectLen = r.field(c, 'subjectLen');
    const issuer = r.field(c, 'issuer');
    const issuerLen = r.field(c, 'issuerLen');
    const serial = r.field(c, 'serial');
    this.version = r.field(c, 'version') + 1;
    this.serial = serialText(r.mem, serial, serial + r.field(c, 'serialLen'));
    this.subject = r.parsedName(subject, subjectLen, der.subarray(subject - p, subject - p + subjectLen));
    this.issuer = r.parsedName(issuer, issuerLen, der.subarray(issuer - p, issuer - p + issuerLen));
    this.validity = {
      notBefore: new Date(r.field(c, 'notBefore') * 1000),
      notAfter: new Date(r.field(c, 'notAfter') * 1000),
    };
    this.subjectAltNames =
      r.flag(c, CertFlag.DECODED) && (r.field(c, 'extPresent') & ExtBit.SAN) !== 0
        ? r.generalNames(IterKind.GENERAL_NAMES, r.field(c, 'san'), r.field(c, 'sanLen'))
        : [];
    const spki = r.field(c, 'spki') - p;
    this.key = new Key(keyFields(r, c), der, spki, spki + r.field(c, 'spkiLen'));
    this.signatureAlgorithm = signatureSummary(r, c);
    this.isCA = r.flag(c, CertFlag.CA);
    this.selfIssued = r.flag(c, CertFlag.SELF_ISSUED);
    this.problems = problems;
    this.der = der;
    this.#fingerprints = undefined;
    this.#extensions = undefined;
  }

  get fingerprints(): ParsedCertificate['fingerprints'] {
    if (this.#fingerprints === undefined) {
      const [sha1, sha256] = hexDigests(this.der, FINGERPRINT_HASHES);
      this.#fingerprints = { sha1: sha1 as string, sha256: sha256 as string };
    }
    return this.#fingerprints;
  }

  set fingerprints(v: ParsedCertificate['fingerprints']) {
    this.#fingerprints = v;
  }

  /** Decoded on first read: the certificate is decoded again. */
  get extensions(): ParsedExtensions {
    this.#extensions ??= gateway.call('parseCertificate', (w) => {
      const d = decode(w, this.der);
      return d.r.field(d.c, 'exts') ? readExtensions(d.r, d.c) : { all: [], unknown: [] };
    });
    return this.#extensions;
  }

  set extensions(v: ParsedExtensions) {
    this.#extensions = v;
  }

  /** The fields in the order of ParsedCertificate, the lazy ones included. */
  toJSON(): ParsedCertificate {
    return {
      version: this.version,
      serial: this.serial,
      subject: this.subject,
      issuer: this.issuer,
      validity: this.validity,
      subjectAltNames: this.subjectAltNames,
      key: this.key,
      fingerprints: this.fingerprints,
      signatureAlgorithm: this.signatureAlgorithm,
      extensions: this.extensions,
      isCA: this.isCA,
      selfIssued: this.selfIssued,
      problems: this.problems,
      der: this.der,
    };
  }
}
const FINGERPRINT_HASHES = [HashId.SHA1, HashId.SHA256];

/** A ParsedKey whose SPKI pin (`spkiSha256`) is hashed on first read. */
class Key implements ParsedKey {
  // Declared only: the constructor copies the summary's fields in its order, and a field the key
  // does not have (an EC key's exponent) stays absent, as in the plain object this replaced.
  declare type: ParsedKey['type'];
  declare bits?: number;
  declare curve?: string;
  declare exponent?: string;
  declare algorithmOid: string;
  #pin: string | undefined;
  /** The certificate, and where its SubjectPublicKeyInfo lies in it. */
  readonly #der: Uint8Array;
  readonly #spkiStart: number;
  readonly #spkiEnd: number;

  constructor(summary: Omit<ParsedKey, 'spkiSha256'>, der: Uint8Array, spkiStart: number, spkiEnd: number) {
    Object.assign(this, summary);
    this.#pin = undefined;
    this.#der = der;
    this.#spkiStart = spkiStart;
    this.#spkiEnd = spkiEnd;
  }

  get spkiSha256(): string {
    this.#pin ??= hexDigests(this.#der.subarray(this.#spkiStart, this.#spkiEnd), PIN_HASH)[0] as string;
    return this.#pin;
  }

  set spkiSha256(v: string) {
    this.#pin = v;
  }

  toJSON(): ParsedKey {
    const { type, bits, curve, exponent, algorithmOid, spkiSha256 } = this;
    return {
      type,
      ...(bits === undefined ? {} : { bits }),
      ...(curve === undefined ? {} : { curve }),
      ...(exponent === undefined ? {} : { exponent }),
      algorithmOid,
      spkiSha256,
    };
  }
}
const PIN_HASH = [HashId.SHA256];

/**
 * Copies `der` into the IO area and decodes it into slot 0: the reader, the Cert record and the
 * input's address. Throws the decoder's error (with its reason) when the certificate does not
 * decode.
 */
function decode(w: VerifyExports, der: Uint8Array): { r: X509Reader; c: number; p: number } {
  const p = w.ioReserve(der.length + READER_SPACE);
  if (p === 0)
    throw new VerifyError('INPUT_TOO_LARGE', `a certificate of ${der.length} bytes exceeds the IO limit`);
  memoryViews(w.memory).mem.set(der, p);
  const code = w.x509Decode(0, p, der.length);
  const c = w.x509CertPtr(0);
  const r = new X509Reader(w, p + der.length);
  if (!r.flag(c, CertFlag.DECODED))
    throw VerifyError.fromWasm(code === 0 ? 1 : code, errorDetail(r.field(c, 'detail')));
  return { r, c, p };
}
