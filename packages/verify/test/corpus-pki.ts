// The certificate-making layer of the device-profile corpus (profile-corpus.ts): fixed keys from
// test-data/profiles/keys.pem (so RSA certificates are byte-for-byte reproducible), names with
// an explicit string type per attribute (PrintableString vs UTF8String matters to name chaining),
// and `certify`, which issues one certificate with every field under control (version, issuer
// field encoding, extension criticality, signature hash, a corrupted signature).
// Node only; not part of the published API (moves to the test-pki workspace with the builders).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  constants as nodeConstants,
  sign,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  bits,
  bool,
  buildTbs,
  ctx,
  ctxPrim,
  defaultKeyUsage,
  EKU_OIDS,
  EXT,
  ext,
  type GeneralName,
  generalizedTime,
  generalName,
  int,
  type KU_BITS,
  keyUsageExt,
  nul,
  octets,
  oid,
  pssAlg,
  seq,
  set,
  tlv,
  utcTime,
} from '@hubtrust/test-pki';

/** A fixed test key (test-data/profiles/keys.pem). */
export interface CorpusKey {
  /** e.g. `rsa2048-0`, `p256-3`. */
  id: string;
  family: 'rsa' | 'ec' | 'ed25519';
  /** Modulus or curve size. */
  bits: number;
  privateKey: KeyObject;
  spki: Uint8Array;
}

let keys: Map<string, CorpusKey> | undefined;

/** The test keys by id; the file is read once per process. */
export function corpusKey(id: string): CorpusKey {
  if (!keys) {
    keys = new Map();
    const text = readFileSync(new URL('../test-data/profiles/keys.pem', import.meta.url), 'utf8');
    for (const m of text.matchAll(
      /# (\S+)\n(-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----)/g,
    )) {
      const [, name, pem] = m as unknown as [string, string, string];
      const privateKey = createPrivateKey(pem);
      const type = privateKey.asymmetricKeyType;
      const family = type === 'rsa' ? 'rsa' : type === 'ec' ? 'ec' : 'ed25519';
      const bitsOf =
        family === 'rsa'
          ? (privateKey.asymmetricKeyDetails?.modulusLength ?? 0)
          : family === 'ec'
            ? Number(/\d+/.exec(privateKey.asymmetricKeyDetails?.namedCurve ?? '')?.[0] ?? 0)
            : 255;
      const spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
      keys.set(name, { id: name, family, bits: bitsOf, privateKey, spki });
    }
  }
  const k = keys.get(id);
  if (!k) throw new Error(`no test key ${id} in test-data/profiles/keys.pem`);
  return k;
}

/** A directory string with its ASN.1 type. */
export type DirString = { type: 'utf8' | 'printable' | 'teletex' | 'ia5' | 'bmp'; value: string };
/** One attribute of an RDN: type OID and value. */
export type Attribute = [oid: string, value: DirString];
/** A distinguished name: RDNs in order, each a set of one or more attributes. */
export type DN = Attribute[][];

export const AT = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;

export const utf8 = (value: string): DirString => ({ type: 'utf8', value });
export const printable = (value: string): DirString => ({ type: 'printable', value });

/** A DN of single-attribute RDNs: C (PrintableString), then O and CN (UTF8String). */
export function dn(cn: string, o = 'Hubtrust Test'): DN {
  return [[[AT.C, printable('US')]], [[AT.O, utf8(o)]], [[AT.CN, utf8(cn)]]];
}

function dirString(s: DirString): Uint8Array {
  if (s.type === 'bmp') {
    const b = new Uint8Array(s.value.length * 2);
    for (let i = 0; i < s.value.length; i++) {
      b[2 * i] = s.value.charCodeAt(i) >> 8;
      b[2 * i + 1] = s.value.charCodeAt(i) & 0xff;
    }
    return tlv(0x1e, b);
  }
  const tag = { utf8: 0x0c, printable: 0x13, teletex: 0x14, ia5: 0x16 }[s.type];
  return tlv(tag, new TextEncoder().encode(s.value));
}

/** DER of a DN. */
export function encodeDn(name: DN): Uint8Array {
  return seq(...name.map((rdn) => set(...rdn.map(([t, v]) => seq(oid(t), dirString(v))))));
}

export type Hash = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

const RSA_SIG: Record<Hash, string> = {
  md5: '1.2.840.113549.1.1.4',
  sha1: '1.2.840.113549.1.1.5',
  sha256: '1.2.840.113549.1.1.11',
  sha384: '1.2.840.113549.1.1.12',
  sha512: '1.2.840.113549.1.1.13',
};
const ECDSA_SIG: Partial<Record<Hash, string>> = {
  sha1: '1.2.840.10045.4.1',
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};
const HASH_OID: Partial<Record<Hash, string>> = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};
const HASH_LEN: Record<Hash, number> = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

/** The hash a key signs with unless told otherwise (the curve's own for ECDSA). */
export function defaultHash(k: CorpusKey): Hash {
  return k.family === 'ec' ? (k.bits === 384 ? 'sha384' : k.bits === 521 ? 'sha512' : 'sha256') : 'sha256';
}

function sigAlg(k: CorpusKey, hash: Hash, pss: boolean): Uint8Array {
  if (k.family === 'ed25519') return seq(oid('1.3.101.112'));
  if (k.family === 'ec') {
    const o = ECDSA_SIG[hash];
    if (!o) throw new Error(`ECDSA with ${hash} is not encodable`);
    return seq(oid(o));
  }
  if (pss) {
    const h = HASH_OID[hash];
    if (!h) throw new Error(`RSA-PSS with ${hash} is not built`);
    return pssAlg(h, h, HASH_LEN[hash]);
  }
  return seq(oid(RSA_SIG[hash]), nul());
}

/** What a certificate should be; absent fields take the defaults of a valid v3 chain. */
export interface CertSpec {
  subject: DN;
  key: CorpusKey;
  /** The issuing certificate (absent: self-signed). */
  issuer?: Issued;
  /** The issuer field as written, instead of the issuer's subject (name-chaining cases). */
  issuerField?: Uint8Array;
  /** Signing key instead of the issuer's (a wrong-key signature). */
  signingKey?: CorpusKey;
  version?: 1 | 3;
  /** serialNumber INTEGER TLV (default: a counter). */
  serial?: Uint8Array;
  notBefore?: Date;
  notAfter?: Date;
  hash?: Hash;
  pss?: boolean;
  /** basicConstraints cA (CAs default true; leaves default absent); null omits the extension. */
  ca?: boolean | null;
  pathLen?: number;
  bcCritical?: boolean;
  keyUsage?: (keyof typeof KU_BITS)[] | null;
  kuCritical?: boolean;
  eku?: (keyof typeof EKU_OIDS)[];
  ekuCritical?: boolean;
  san?: GeneralName[];
  sanCritical?: boolean;
  permitted?: GeneralName[];
  excluded?: GeneralName[];
  ncCritical?: boolean;
  /** Subject key identifier (default: on CAs). */
  ski?: boolean;
  skiCritical?: boolean;
  /** Authority key identifier (default: on every certificate not self-signed). */
  aki?: boolean;
  akiCritical?: boolean;
  /** AKI keyIdentifier instead of the issuer's SKI. */
  akiKeyId?: Uint8Array;
  /** Extra extension TLVs (appended). */
  extensions?: Uint8Array[];
  /** Flip a bit of the signature. */
  corruptSignature?: boolean;
}

/** An issued certificate with what a child needs. */
export interface Issued {
  der: Uint8Array;
  subject: DN;
  subjectDer: Uint8Array;
  key: CorpusKey;
  keyId: Uint8Array;
}

let serialCounter = 0x1000;

/** Restarts the serial numbers, so a corpus built twice in one process is the same. */
export function resetSerials(): void {
  serialCounter = 0x1000;
}

function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050 ? utcTime(d) : generalizedTime(d);
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value (as CAs compute it). */
function keyIdOf(k: CorpusKey): Uint8Array {
  const outer = header(k.spki, 0);
  const alg = header(k.spki, outer.head);
  const keyAt = outer.head + alg.head + alg.len;
  const key = header(k.spki, keyAt);
  const value = k.spki.subarray(keyAt + key.head + 1, keyAt + key.head + key.len);
  return new Uint8Array(createHash('sha1').update(value).digest());
}

/** Default validity of corpus certificates. */
export const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
export const NOT_AFTER = new Date('2035-01-01T00:00:00Z');

/** Issues one certificate (see {@link CertSpec}). */
export function certify(spec: CertSpec, isCa: boolean): Issued {
  const subjectDer = encodeDn(spec.subject);
  const signer = spec.signingKey ?? spec.issuer?.key ?? spec.key;
  const hash = spec.hash ?? defaultHash(signer);
  const alg = sigAlg(signer, hash, spec.pss ?? false);
  const kid = keyIdOf(spec.key);
  const exts: Uint8Array[] = [];
  if (spec.version !== 1) {
    const ca = spec.ca === undefined ? (isCa ? true : undefined) : spec.ca;
    if (ca !== undefined && ca !== null) {
      const body = ca ? seq(bool(true), ...(spec.pathLen !== undefined ? [int(spec.pathLen)] : [])) : seq();
      exts.push(ext(EXT.basicConstraints, spec.bcCritical ?? true, body));
    }
    const ku = spec.keyUsage === undefined ? defaultKeyUsage(isCa) : spec.keyUsage;
    if (ku !== null) {
      const kuExt = keyUsageExt([...ku]);
      exts.push(spec.kuCritical === false ? nonCritical(kuExt) : kuExt);
    }
    if (spec.eku)
      exts.push(ext(EXT.eku, spec.ekuCritical ?? false, seq(...spec.eku.map((e) => oid(EKU_OIDS[e])))));
    if (spec.san) exts.push(ext(EXT.san, spec.sanCritical ?? false, seq(...spec.san.map(generalName))));
    if (spec.permitted || spec.excluded) {
      const parts: Uint8Array[] = [];
      if (spec.permitted) parts.push(ctx(0, ...spec.permitted.map((g) => seq(generalName(g)))));
      if (spec.excluded) parts.push(ctx(1, ...spec.excluded.map((g) => seq(generalName(g)))));
      exts.push(ext(EXT.nameConstraints, spec.ncCritical ?? true, seq(...parts)));
    }
    if (spec.ski ?? isCa) exts.push(ext(EXT.ski, spec.skiCritical ?? false, octets(kid)));
    if (spec.aki ?? spec.issuer !== undefined) {
      const id = spec.akiKeyId ?? spec.issuer?.keyId ?? kid;
      exts.push(ext(EXT.aki, spec.akiCritical ?? false, seq(ctxPrim(0, id))));
    }
    if (spec.extensions) exts.push(...spec.extensions);
  }
  const tbs = buildTbs({
    version: spec.version === 1 ? null : 2,
    serial: spec.serial ?? int(++serialCounter),
    sigAlg: alg,
    issuer: spec.issuerField ?? spec.issuer?.subjectDer ?? subjectDer,
    subject: subjectDer,
    validity: seq(time(spec.notBefore ?? NOT_BEFORE), time(spec.notAfter ?? NOT_AFTER)),
    spki: spec.key.spki,
    extensions: exts,
    signer: signer.privateKey,
  });
  let sig: Buffer;
  if (signer.family === 'ed25519') sig = sign(null, tbs, signer.privateKey);
  else if (spec.pss) {
    sig = sign(hash, tbs, {
      key: signer.privateKey,
      padding: nodeConstants.RSA_PKCS1_PSS_PADDING,
      saltLength: HASH_LEN[hash],
    });
  } else sig = sign(hash, tbs, signer.privateKey);
  if (spec.corruptSignature) sig[sig.length >> 1] = (sig[sig.length >> 1] ?? 0) ^ 0x01;
  const der = seq(tbs, alg, bits(new Uint8Array(sig)));
  return { der, subject: spec.subject, subjectDer, key: spec.key, keyId: kid };
}

/** Length of the TLV header at `at` (tag + length octets) and of its contents. */
function header(b: Uint8Array, at: number): { head: number; len: number } {
  const first = b[at + 1] ?? 0;
  if (first < 0x80) return { head: 2, len: first };
  let len = 0;
  for (let i = 0; i < (first & 0x7f); i++) len = len * 256 + (b[at + 2 + i] ?? 0);
  return { head: 2 + (first & 0x7f), len };
}

/** The same Extension TLV without its critical BOOLEAN (DEFAULT FALSE). */
export function nonCritical(extTlv: Uint8Array): Uint8Array {
  const outer = header(extTlv, 0);
  const body = extTlv.subarray(outer.head, outer.head + outer.len);
  const id = header(body, 0);
  const afterId = id.head + id.len;
  if (body[afterId] !== 0x01) return extTlv;
  const flag = header(body, afterId);
  return seq(body.subarray(0, afterId), body.subarray(afterId + flag.head + flag.len));
}
