// parseCertificate: one certificate (PEM or DER) decoded by verify.wasm's X.509 decoder
// (assembly/x509/decode.ts) into a plain object for display and diagnostics.

import type { ErrorCode } from './abi.generated.js';
import { children, hexOf, oidText, readTlv } from './der-walk.js';
import { type ErrorDetail, errorCode, errorDetail } from './errors.js';
import { pemToDer } from './pem.js';
import { VerifyError } from './verify-error.js';
import { gateway } from './wasm.js';
import { readCertStruct } from './x509-layout.js';
import { describeName, type GeneralName, generalNames, type NameAttribute } from './x509-text.js';

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
  /** `P-256`, `P-384`, the curve OID for other named curves, or `explicit`. */
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
  1: 'SHA-1',
  2: 'SHA-256',
  3: 'SHA-384',
  4: 'SHA-512',
  100: 'MD5',
  101: 'MD2',
  102: 'SHA-224',
};
const RSA_SIG_NAMES: Readonly<Record<number, string>> = {
  1: 'sha1WithRSAEncryption',
  2: 'sha256WithRSAEncryption',
  3: 'sha384WithRSAEncryption',
  4: 'sha512WithRSAEncryption',
  100: 'md5WithRSAEncryption',
  101: 'md2WithRSAEncryption',
  102: 'sha224WithRSAEncryption',
};
const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  '2.5.29.14': 'subjectKeyIdentifier',
  '2.5.29.15': 'keyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.18': 'issuerAltName',
  '2.5.29.19': 'basicConstraints',
  '2.5.29.30': 'nameConstraints',
  '2.5.29.31': 'cRLDistributionPoints',
  '2.5.29.32': 'certificatePolicies',
  '2.5.29.33': 'policyMappings',
  '2.5.29.35': 'authorityKeyIdentifier',
  '2.5.29.36': 'policyConstraints',
  '2.5.29.37': 'extKeyUsage',
  '2.5.29.54': 'inhibitAnyPolicy',
  '1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
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
const CF_DECODED = 1;
const CF_CA = 2;
const CF_SELF_ISSUED = 4;

function serialText(v: Uint8Array): string {
  if (v.length > 0 && (v[0] as number) >= 0x80) {
    // Negative: two's complement magnitude.
    let x = 0n;
    for (const b of v) x = (x << 8n) | BigInt(b);
    return `-${((1n << BigInt(v.length * 8)) - x).toString(16).toUpperCase()}`;
  }
  const m = v.length > 1 && v[0] === 0 ? v.subarray(1) : v;
  // Zero prints as "0", as node:crypto does; otherwise every octet of the magnitude.
  return m.every((b) => b === 0) ? '0' : hexOf(m).toUpperCase();
}

function bigText(v: Uint8Array): string {
  let x = 0n;
  for (const b of v) x = (x << 8n) | BigInt(b);
  return x.toString();
}

function decodeExtensions(exts: Uint8Array, keyUsageBits: number): ParsedExtensions {
  const out: ParsedExtensions = { all: [], unknown: [] };
  for (const e of children(exts)) {
    const parts = children(e.value);
    const id = parts[0];
    if (!id) continue;
    const oid = oidText(id.value);
    const crit = parts.length === 3 && parts[1]?.tag === 0x01 && parts[1].value[0] === 0xff;
    const octets = (parts[parts.length - 1] as { value: Uint8Array }).value;
    const name = EXTENSION_NAMES[oid];
    const entry: ParsedExtension = { oid, critical: crit, value: hexOf(octets) };
    if (name) entry.name = name;
    out.all.push(entry);
    const body = readTlv(octets);
    if (!name) {
      out.unknown.push(entry);
      continue;
    }
    if (!body) continue;
    switch (name) {
      case 'basicConstraints': {
        const f = children(body.value);
        const ca = f[0]?.tag === 0x01 && f[0].value[0] === 0xff;
        const int = f.find((x) => x.tag === 0x02);
        out.basicConstraints = { critical: crit, ca };
        if (int) out.basicConstraints.pathLen = Number(bigText(int.value));
        break;
      }
      case 'keyUsage':
        out.keyUsage = { critical: crit, usages: KEY_USAGES.filter((_, i) => (keyUsageBits >> i) & 1) };
        break;
      case 'extKeyUsage':
        out.extKeyUsage = {
          critical: crit,
          usages: children(body.value).map((o) => {
            const t = oidText(o.value);
            return EKU_NAMES[t] ?? t;
          }),
        };
        break;
      case 'subjectAltName':
        out.subjectAltName = { critical: crit, names: generalNames(body.value) };
        break;
      case 'nameConstraints': {
        const nc = { critical: crit, permitted: [] as GeneralName[], excluded: [] as GeneralName[] };
        for (const list of children(body.value)) {
          const bases = children(list.value)
            .map((st) => readTlv(st.value))
            .filter((b) => b !== undefined);
          const names = bases.map((b) => generalNames(b.raw, true)[0] as GeneralName);
          if (list.tag === 0xa0) nc.permitted = names;
          else nc.excluded = names;
        }
        out.nameConstraints = nc;
        break;
      }
      case 'authorityKeyIdentifier': {
        const k = children(body.value).find((x) => x.tag === 0x80);
        out.authorityKeyIdentifier = { critical: crit };
        if (k) out.authorityKeyIdentifier.keyId = hexOf(k.value);
        break;
      }
      case 'subjectKeyIdentifier':
        out.subjectKeyIdentifier = { critical: crit, keyId: hexOf(body.value) };
        break;
      case 'certificatePolicies':
        out.certificatePolicies = {
          critical: crit,
          policies: children(body.value).map((pi) =>
            oidText(children(pi.value)[0]?.value ?? new Uint8Array(0)),
          ),
        };
        break;
      case 'authorityInfoAccess': {
        const aia = {
          critical: crit,
          ocsp: [] as string[],
          caIssuers: [] as string[],
          other: [] as { method: string; location: GeneralName }[],
        };
        for (const ad of children(body.value)) {
          const [m, loc] = children(ad.value);
          if (!m || !loc) continue;
          const method = oidText(m.value);
          const location = generalNames(loc.raw)[0] as GeneralName;
          if (method === '1.3.6.1.5.5.7.48.1' && location.type === 'uri') aia.ocsp.push(location.value);
          else if (method === '1.3.6.1.5.5.7.48.2' && location.type === 'uri')
            aia.caIssuers.push(location.value);
          else aia.other.push({ method, location });
        }
        out.authorityInfoAccess = aia;
        break;
      }
      case 'cRLDistributionPoints': {
        const uris: string[] = [];
        for (const dp of children(body.value)) {
          const dpName = children(dp.value).find((x) => x.tag === 0xa0);
          const full = dpName ? children(dpName.value).find((x) => x.tag === 0xa0) : undefined;
          if (full) for (const n of generalNames(full.value)) if (n.type === 'uri') uris.push(n.value);
        }
        out.crlDistributionPoints = { critical: crit, uris };
        break;
      }
    }
  }
  return out;
}

function keySummary(
  f: ReturnType<typeof readCertStruct>,
  at: (p: number, l: number) => Uint8Array,
): Omit<ParsedKey, 'spkiSha256'> {
  const algorithmOid = oidText(at(f.keyAlgOid, f.keyAlgOidLen));
  switch (f.keyType) {
    case 1:
    case 2:
      return {
        type: f.keyType === 1 ? 'RSA' : 'RSA-PSS',
        bits: f.keyBits,
        exponent: bigText(at(f.keyExp, f.keyExpLen)),
        algorithmOid,
      };
    case 3: {
      let curve = 'explicit';
      if (f.keyCurve === 1) curve = 'P-256';
      else if (f.keyCurve === 2) curve = 'P-384';
      else if (f.keyCurve === 3) {
        const params = readTlv(at(f.keyParams, f.keyParamsLen));
        curve = params ? oidText(params.value) : 'unknown';
      }
      const k: Omit<ParsedKey, 'spkiSha256'> = { type: 'EC', curve, algorithmOid };
      if (f.keyBits) k.bits = f.keyBits;
      return k;
    }
    case 4:
      return { type: 'Ed25519', bits: 256, algorithmOid };
    default:
      return { type: 'unknown', algorithmOid };
  }
}

function signatureSummary(f: ReturnType<typeof readCertStruct>, oid: string): ParsedSignatureAlgorithm {
  const hashName = HASH_NAMES[f.sigHash];
  switch (f.sigAlg) {
    case 1:
      return { name: RSA_SIG_NAMES[f.sigHash] ?? oid, oid, ...(hashName ? { hash: hashName } : {}) };
    case 2: {
      const pss = {
        hash: HASH_NAMES[f.sigHash] ?? 'unsupported',
        mgf1Hash: HASH_NAMES[f.pssMgf1Hash] ?? 'unsupported',
        saltLength: f.pssSaltLen,
      };
      return { name: 'RSASSA-PSS', oid, hash: pss.hash, pss };
    }
    case 3:
      return {
        name: `ecdsa-with-${hashName?.replace('-', '') ?? 'unknown'}`,
        oid,
        ...(hashName ? { hash: hashName } : {}),
      };
    case 4:
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
 * critical extension, ...) is returned with the rule in `problems`. Synchronous after `await init()`.
 *
 * @param pemOrDer - DER bytes, or text holding a `CERTIFICATE` PEM block (the first one is used)
 * @throws VerifyError `MALFORMED` (with `detail` naming the rule), `DUPLICATE_EXTENSION`,
 *   `ALGORITHM_MISMATCH`, `INPUT_TOO_LARGE`, or `INVALID_ARGUMENT` for a wrong argument type
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
    der = pemOrDer.slice();
  } else {
    throw new VerifyError(
      'INVALID_ARGUMENT',
      'parseCertificate takes a PEM string or DER bytes (Uint8Array)',
    );
  }
  return gateway.call('parseCertificate', (w) => {
    const p = w.ioReserve(der.length);
    if (p === 0)
      throw new VerifyError('INPUT_TOO_LARGE', `a certificate of ${der.length} bytes exceeds the IO limit`);
    new Uint8Array(w.memory.buffer).set(der, p);
    const code = w.x509Decode(0, p, der.length);
    const f = readCertStruct(w.memory, w.x509CertPtr(0));
    const detail = errorDetail(f.detail);
    if ((f.flags & CF_DECODED) === 0) {
      throw VerifyError.fromWasm(code === 0 ? 1 : code, detail);
    }
    // Ranges are absolute addresses in the module's memory; map them onto our copy of the input.
    const at = (ptr: number, len: number) => der.subarray(ptr - p, ptr - p + len);
    const problems: CertificateProblem[] = [];
    if (code !== 0) {
      problems.push({
        code: errorCode(code),
        detail: detail.name,
        message: detail.text,
        reason: detail,
        acceptableInAnchor: f.anchorStatus === 0,
      });
    }
    // Fingerprints and the SPKI pin, hashed in place by the module.
    const out = p + der.length;
    w.hashDigest(1, p, der.length, out);
    w.hashDigest(2, p, der.length, out + 20);
    w.hashDigest(2, f.spki, f.spkiLen, out + 52);
    const digests = new Uint8Array(w.memory.buffer, out, 84);
    const fingerprints = { sha1: hexOf(digests.subarray(0, 20)), sha256: hexOf(digests.subarray(20, 52)) };
    const spkiSha256 = hexOf(digests.subarray(52, 84));
    const subjectDer = at(f.subject, f.subjectLen);
    const issuerDer = at(f.issuer, f.issuerLen);
    const exts = f.exts ? decodeExtensions(at(f.exts, f.extsLen), f.keyUsage) : { all: [], unknown: [] };
    const sigOid = oidText(at(f.sigAlgOid, f.sigAlgOidLen));
    const keyBase = keySummary(f, at);
    const serial = serialText(at(f.serial, f.serialLen));
    const cert: ParsedCertificate = {
      version: f.version + 1,
      serial,
      subject: { ...describeName(subjectDer), der: subjectDer.slice() },
      issuer: { ...describeName(issuerDer), der: issuerDer.slice() },
      validity: { notBefore: new Date(f.notBefore * 1000), notAfter: new Date(f.notAfter * 1000) },
      subjectAltNames: exts.subjectAltName?.names ?? [],
      key: { ...keyBase, spkiSha256 },
      fingerprints,
      signatureAlgorithm: signatureSummary(f, sigOid),
      extensions: exts,
      isCA: (f.flags & CF_CA) !== 0,
      selfIssued: (f.flags & CF_SELF_ISSUED) !== 0,
      problems,
      der,
    };
    return cert;
  });
}
