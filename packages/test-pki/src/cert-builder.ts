// Builds X.509 certificates field by field for tests (valid ones signed with node:crypto keys,
// and deliberately broken ones). Not part of the published API.
import {
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  constants as nodeConstants,
  sign,
} from 'node:crypto';
import { bool, ctx, int, name, nul, octets, oid, seq, tlv, utcTime } from './der-builder.js';

/** AlgorithmIdentifier TLVs. */
export const ALG = {
  sha1WithRSA: seq(oid('1.2.840.113549.1.1.5'), nul()),
  sha256WithRSA: seq(oid('1.2.840.113549.1.1.11'), nul()),
  sha256WithRSANoNull: seq(oid('1.2.840.113549.1.1.11')),
  sha384WithRSA: seq(oid('1.2.840.113549.1.1.12'), nul()),
  sha512WithRSA: seq(oid('1.2.840.113549.1.1.13'), nul()),
  md5WithRSA: seq(oid('1.2.840.113549.1.1.4'), nul()),
  ecdsaSha256: seq(oid('1.2.840.10045.4.3.2')),
  ecdsaSha384: seq(oid('1.2.840.10045.4.3.3')),
  ecdsaSha512: seq(oid('1.2.840.10045.4.3.4')),
  ed25519: seq(oid('1.3.101.112')),
  /** RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32. */
  pssSha256: pssAlg('2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.1', 32),
} as const;

/** RSASSA-PSS AlgorithmIdentifier with explicit hash, MGF1 hash and salt length. */
export function pssAlg(hashOid: string, mgfHashOid: string, salt: number): Uint8Array {
  return seq(
    oid('1.2.840.113549.1.1.10'),
    seq(
      ctx(0, seq(oid(hashOid), nul())),
      ctx(1, seq(oid('1.2.840.113549.1.1.8'), seq(oid(mgfHashOid), nul()))),
      ctx(2, int(salt)),
    ),
  );
}

/** One Extension TLV. */
export function ext(extnId: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(extnId), bool(true), octets(value)) : seq(oid(extnId), octets(value));
}

/** Common extension OIDs. */
export const EXT = {
  ski: '2.5.29.14',
  keyUsage: '2.5.29.15',
  san: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  crlDp: '2.5.29.31',
  certPolicies: '2.5.29.32',
  aki: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  eku: '2.5.29.37',
  aia: '1.3.6.1.5.5.7.1.1',
} as const;

/** Fields of a certificate to build; every field has a valid default. */
export interface CertSpec {
  /** Version number to encode (2 = v3, default); null omits the field (v1). */
  version?: number | null;
  /** serialNumber INTEGER TLV (default: INTEGER 0x1234). */
  serial?: Uint8Array;
  /** Inner signature AlgorithmIdentifier (default: matches the signing key). */
  sigAlg?: Uint8Array;
  /** Outer signatureAlgorithm (default: same as sigAlg). */
  outerSigAlg?: Uint8Array;
  issuer?: Uint8Array;
  subject?: Uint8Array;
  /** Validity SEQUENCE TLV (default 2020-01-01 .. 2040-01-01, UTCTime). */
  validity?: Uint8Array;
  /** SubjectPublicKeyInfo TLV (default: the subject key's). */
  spki?: Uint8Array;
  /** Extension TLVs; null or [] omits the [3] field (use extensionsRaw for an empty SEQUENCE). */
  extensions?: Uint8Array[] | null;
  /** The whole [3] field, overriding `extensions`. */
  extensionsRaw?: Uint8Array;
  /** Bytes appended inside TBSCertificate after the last field. */
  tbsTrailer?: Uint8Array;
  /** Key that signs (default: a fresh P-256 key). */
  signer?: KeyObject;
  /** Public key certified (default: the signer's). */
  subjectKey?: KeyObject;
  /** RSA-PSS salt length when sigAlg is PSS. */
  pssSalt?: number;
}

let defaultKey: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/** A P-256 key pair shared by tests that don't care about the key. */
export function defaultP256(): { privateKey: KeyObject; publicKey: KeyObject } {
  defaultKey ??= generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return defaultKey;
}

function defaultAlg(key: KeyObject): Uint8Array {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return ALG.sha256WithRSA;
  if (type === 'rsa-pss') return ALG.pssSha256;
  if (type === 'ed25519') return ALG.ed25519;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return curve === 'secp384r1' ? ALG.ecdsaSha384 : ALG.ecdsaSha256;
}

function hashOfAlg(alg: Uint8Array): string | null {
  const h = Buffer.from(alg).toString('hex');
  if (h.includes('2a864886f70d01010b') || h.includes('2a8648ce3d040302') || h.includes('608648016503040201'))
    return 'sha256';
  if (h.includes('2a864886f70d01010c') || h.includes('2a8648ce3d040303')) return 'sha384';
  if (h.includes('2a864886f70d01010d') || h.includes('2a8648ce3d040304')) return 'sha512';
  if (h.includes('2a864886f70d010105')) return 'sha1';
  if (h.includes('2a864886f70d010104')) return 'md5';
  return null;
}

/** The TBSCertificate bytes of a spec. */
export function buildTbs(spec: CertSpec): Uint8Array {
  const signer = spec.signer ?? defaultP256().privateKey;
  const subjectKey = spec.subjectKey ?? createPublicKey(signer);
  const sigAlg = spec.sigAlg ?? defaultAlg(signer);
  const version = spec.version === undefined ? 2 : spec.version;
  const exts = spec.extensions ?? [];
  const extField = spec.extensionsRaw ?? (exts.length ? ctx(3, seq(...exts)) : new Uint8Array(0));
  return seq(
    version === null ? new Uint8Array(0) : ctx(0, int(version)),
    spec.serial ?? int(0x1234),
    sigAlg,
    spec.issuer ?? name(['2.5.4.3', 'Test CA']),
    spec.validity ??
      seq(utcTime(new Date('2020-01-01T00:00:00Z')), utcTime(new Date('2040-01-01T00:00:00Z'))),
    spec.subject ?? name(['2.5.4.3', 'test.example']),
    spec.spki ?? new Uint8Array(subjectKey.export({ type: 'spki', format: 'der' })),
    extField,
    spec.tbsTrailer ?? new Uint8Array(0),
  );
}

/** Builds and signs a certificate; returns its DER. */
export function buildCert(spec: CertSpec = {}): Uint8Array {
  const signer = spec.signer ?? defaultP256().privateKey;
  const sigAlg = spec.sigAlg ?? defaultAlg(signer);
  const tbs = buildTbs({ ...spec, sigAlg });
  const type = signer.asymmetricKeyType;
  let sig: Buffer;
  if (type === 'ed25519') sig = sign(null, tbs, signer);
  else if (type === 'rsa-pss' || Buffer.from(sigAlg).toString('hex').includes('2a864886f70d01010a')) {
    sig = sign(hashOfAlg(sigAlg) ?? 'sha256', tbs, {
      key: signer,
      padding: nodeConstants.RSA_PKCS1_PSS_PADDING,
      saltLength: spec.pssSalt ?? 32,
    });
  } else sig = sign(hashOfAlg(sigAlg) ?? 'sha256', tbs, signer);
  return seq(tbs, spec.outerSigAlg ?? sigAlg, tlv(0x03, Uint8Array.of(0), sig));
}
