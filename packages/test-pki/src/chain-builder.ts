// Builds small PKIs for path tests, differential tests and benches: roots, intermediates and leaves
// with the extensions path validation reads, signed with node:crypto keys (on top of
// cert-builder.ts). Not part of the published API.
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { buildCert, EXT, ext } from './cert-builder.js';
import {
  bits,
  bool,
  concat,
  ctx,
  ctxPrim,
  generalizedTime,
  int,
  name,
  octets,
  oid,
  seq,
  utcTime,
} from './der-builder.js';

/** Key algorithms the builder can generate. */
export type KeyKind = 'p256' | 'p384' | 'rsa2048' | 'rsa3072' | 'rsa4096' | 'ed25519';

/** A generated key pair. */
export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kind: KeyKind;
}

const keyCache = new Map<string, KeyPair>();

/** Key type of generated certificates unless a test asks for another (fast to generate). */
export const DEFAULT_KIND: KeyKind = 'ed25519';

/** A key pair; the same `id` returns the same key (keys are slow to make, RSA especially). */
export function key(kind: KeyKind = DEFAULT_KIND, id = ''): KeyPair {
  const k = `${kind}:${id}`;
  let kp = keyCache.get(k);
  if (!kp) {
    const pair =
      kind === 'p256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : kind === 'p384'
          ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
          : kind === 'ed25519'
            ? generateKeyPairSync('ed25519')
            : generateKeyPairSync('rsa', { modulusLength: Number(kind.slice(3)) });
    kp = { ...pair, kind };
    keyCache.set(k, kp);
  }
  return kp;
}

/** A GeneralName for SANs and name constraints. */
export type GeneralName =
  | { dns: string }
  | { ip: number[] }
  | { email: string }
  | { uri: string }
  | { dn: [string, string][] }
  | { otherName: string };

/** The DER of one GeneralName. */
export function generalName(g: GeneralName): Uint8Array {
  const enc = (s: string) => new TextEncoder().encode(s);
  if ('dns' in g) return ctxPrim(2, enc(g.dns));
  if ('ip' in g) return ctxPrim(7, Uint8Array.from(g.ip));
  if ('email' in g) return ctxPrim(1, enc(g.email));
  if ('uri' in g) return ctxPrim(6, enc(g.uri));
  if ('dn' in g) return ctx(4, name(...g.dn));
  return ctx(0, concat(oid(g.otherName), ctx(0, seq())));
}

/** What a certificate should contain. Absent fields take defaults that make a valid chain. */
export interface CertOptions {
  /** Subject CN (default: generated). */
  cn?: string;
  /** Full subject instead of CN only. */
  subject?: [string, string][];
  /** Key to certify (default: a fresh DEFAULT_KIND key per certificate name). */
  key?: KeyPair;
  /** Validity (default 2020-01-01 .. 2040-01-01). */
  notBefore?: Date;
  notAfter?: Date;
  /** basicConstraints cA (default: true for CAs, absent for leaves); null omits the extension. */
  ca?: boolean | null;
  pathLen?: number;
  /** keyUsage bits as names; null omits the extension (default: CA keyCertSign+cRLSign, leaf digitalSignature). */
  keyUsage?: ('digitalSignature' | 'keyEncipherment' | 'keyCertSign' | 'cRLSign')[] | null;
  /** extKeyUsage OIDs or names; absent omits the extension. */
  eku?: ('serverAuth' | 'clientAuth' | 'codeSigning' | 'any')[];
  san?: GeneralName[];
  /** nameConstraints (critical unless ncCritical is false). */
  permitted?: GeneralName[];
  excluded?: GeneralName[];
  ncCritical?: boolean;
  /** Omit SKI / AKI. */
  noSki?: boolean;
  noAki?: boolean;
  /** Signature hash (default by key). */
  hash?: 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5';
  /** Extra extension TLVs. */
  extensions?: Uint8Array[];
  /** Serial number (default: counter). */
  serial?: number;
}

/** An issued certificate with what a child needs. */
export interface Issued {
  der: Uint8Array;
  key: KeyPair;
  subject: Uint8Array;
  ski: Uint8Array;
  cn: string;
}

/** keyUsage bit numbers by name. */
export const KU_BITS = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;
/** extKeyUsage purpose OIDs by name. */
export const EKU_OIDS = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  any: '2.5.29.37.0',
} as const;

/** The keyUsage bits the builders give a CA (keyCertSign, cRLSign) or a leaf (digitalSignature). */
export function defaultKeyUsage(isCa: boolean): readonly (keyof typeof KU_BITS)[] {
  return isCa ? ['keyCertSign', 'cRLSign'] : ['digitalSignature'];
}

/** A critical keyUsage extension with the named bits. */
export function keyUsageExt(names: (keyof typeof KU_BITS)[]): Uint8Array {
  let v = 0;
  for (const n of names) v |= 0x80 >> KU_BITS[n];
  let unused = 0;
  while (unused < 7 && !(v & (1 << unused))) unused++;
  return ext(EXT.keyUsage, true, bits(Uint8Array.of(v), v === 0 ? 0 : unused));
}

function sigAlgFor(k: KeyPair, hash: CertOptions['hash']): Uint8Array {
  const h = hash ?? (k.kind === 'p384' ? 'sha384' : 'sha256');
  if (k.kind === 'ed25519') return seq(oid('1.3.101.112'));
  if (k.kind === 'p256' || k.kind === 'p384') {
    const o = {
      sha1: '1.2.840.10045.4.1',
      sha256: '1.2.840.10045.4.3.2',
      sha384: '1.2.840.10045.4.3.3',
      sha512: '1.2.840.10045.4.3.4',
      md5: '',
    }[h];
    return seq(oid(o));
  }
  const o = {
    md5: '1.2.840.113549.1.1.4',
    sha1: '1.2.840.113549.1.1.5',
    sha256: '1.2.840.113549.1.1.11',
    sha384: '1.2.840.113549.1.1.12',
    sha512: '1.2.840.113549.1.1.13',
  }[h];
  return seq(oid(o), Uint8Array.of(0x05, 0x00));
}

let serialCounter = 1000;
let nameCounter = 0;

function time(d: Date): Uint8Array {
  return d.getUTCFullYear() < 2050 ? utcTime(d) : generalizedTime(d);
}

function spkiOf(k: KeyPair): Uint8Array {
  return new Uint8Array(createPublicKey(k.privateKey).export({ type: 'spki', format: 'der' }));
}

function keyId(k: KeyPair): Uint8Array {
  return new Uint8Array(createHash('sha1').update(spkiOf(k)).digest());
}

/**
 * Issues a certificate. `issuer` undefined makes it self-signed (a root). `isCa` selects the
 * defaults of a CA (basicConstraints cA, keyCertSign) or of a leaf.
 */
export function issue(issuer: Issued | undefined, isCa: boolean, o: CertOptions = {}): Issued {
  const cn = o.cn ?? `${isCa ? 'CA' : 'leaf'} ${++nameCounter}`;
  const k = o.key ?? key(DEFAULT_KIND, `auto:${cn}`);
  const subject = name(...(o.subject ?? [['2.5.4.3', cn]]));
  const signer = issuer?.key ?? k;
  const issuerName = issuer?.subject ?? subject;
  const ski = keyId(k);
  const exts: Uint8Array[] = [];
  const ca = o.ca === undefined ? (isCa ? true : undefined) : o.ca;
  if (ca !== undefined && ca !== null) {
    const body = ca
      ? concat(bool(true), o.pathLen !== undefined ? int(o.pathLen) : new Uint8Array())
      : new Uint8Array();
    exts.push(ext(EXT.basicConstraints, true, seq(body)));
  }
  const ku = o.keyUsage === undefined ? defaultKeyUsage(isCa) : o.keyUsage;
  if (ku !== null) exts.push(keyUsageExt([...ku]));
  if (o.eku) exts.push(ext(EXT.eku, false, seq(...o.eku.map((e) => oid(EKU_OIDS[e])))));
  if (o.san) exts.push(ext(EXT.san, false, seq(...o.san.map(generalName))));
  if (o.permitted || o.excluded) {
    const parts: Uint8Array[] = [];
    if (o.permitted) parts.push(ctx(0, ...o.permitted.map((g) => seq(generalName(g)))));
    if (o.excluded) parts.push(ctx(1, ...o.excluded.map((g) => seq(generalName(g)))));
    exts.push(ext(EXT.nameConstraints, o.ncCritical ?? true, seq(...parts)));
  }
  if (!o.noSki) exts.push(ext(EXT.ski, false, octets(ski)));
  if (issuer && !o.noAki) exts.push(ext(EXT.aki, false, seq(ctxPrim(0, issuer.ski))));
  if (o.extensions) exts.push(...o.extensions);
  const der = buildCert({
    serial: int(o.serial ?? ++serialCounter),
    sigAlg: sigAlgFor(signer, o.hash),
    issuer: issuerName,
    subject,
    validity: seq(
      time(o.notBefore ?? new Date('2020-01-01T00:00:00Z')),
      time(o.notAfter ?? new Date('2040-01-01T00:00:00Z')),
    ),
    spki: spkiOf(k),
    extensions: exts,
    signer: signer.privateKey,
  });
  return { der, key: k, subject, ski, cn };
}

/** The issuer-side view of a CA that may not be issued yet (to build loops and cross-signs). */
export function identity(cn: string, k: KeyPair): Issued {
  return { der: new Uint8Array(), key: k, subject: name(['2.5.4.3', cn]), ski: keyId(k), cn };
}

/** A self-signed root. */
export const root = (o: CertOptions = {}) => issue(undefined, true, o);
/** An intermediate CA issued by `issuer`. */
export const intermediate = (issuer: Issued, o: CertOptions = {}) => issue(issuer, true, o);
/** A leaf issued by `issuer` (default SAN: dNSName `example.com`, EKU serverAuth). */
export const leaf = (issuer: Issued, o: CertOptions = {}) =>
  issue(issuer, false, { san: [{ dns: 'example.com' }], eku: ['serverAuth'], ...o });

/** A validation time inside the default validity. */
export const T = new Date('2030-01-01T00:00:00Z');
