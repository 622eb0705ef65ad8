import { BUILD_TARGET } from '../build-options';

/** Number of certificate slots: 256, or 16 in the embedded build (build-options.ts). */
export const MAX_CERTS: u32 = BUILD_TARGET === 0 ? 256 : 16;
/** Bytes per slot (≥ offsetof<Cert>(), checked by x509/decode.ts). */
export const CERT_STRIDE: u32 = 320;
/** Largest certificate x509Decode accepts (INPUT_TOO_LARGE above). */
export const MAX_CERT_LEN: u32 = 128 << 10;
/** Most extensions one certificate may carry (INPUT_TOO_LARGE above). */
export const MAX_EXTENSIONS: u32 = 64;

// ─── sigAlg: the signature algorithm kind; sigHash carries the digest ────────────────────────
export const SIG_UNKNOWN: u32 = 0;
/** RSASSA-PKCS1-v1_5 (sha*WithRSAEncryption, RFC 4055 §5; md5/md2 for reporting only). */
export const SIG_RSA_PKCS1: u32 = 1;
/** RSASSA-PSS (RFC 4055 §3): sigHash, pssMgf1Hash, pssSaltLen hold the parameters. */
export const SIG_RSA_PSS: u32 = 2;
/** ECDSA (ecdsa-with-SHA*, RFC 5758 §3.2 / RFC 3279). */
export const SIG_ECDSA: u32 = 3;
/** Ed25519 (RFC 8410). sigHash = HASH_NONE. */
export const SIG_ED25519: u32 = 4;

// ─── hash ids: 1..4 are the values of HashAlg in crypto/hash.ts ─────────────────────────────
export const HASH_NONE: u32 = 0;
export const HASH_SHA1: u32 = 1;
export const HASH_SHA256: u32 = 2;
export const HASH_SHA384: u32 = 3;
export const HASH_SHA512: u32 = 4;
/** Recognised for reporting, never verified: MD5 (RFC 6151) and MD2 are broken. */
export const HASH_MD5: u32 = 100;
export const HASH_MD2: u32 = 101;
/** Recognised, not supported (no SHA-224 in the crypto core). */
export const HASH_SHA224: u32 = 102;

// ─── keyType / keyCurve ──────────────────────────────────────────────────────────────────────
export const KEY_UNKNOWN: u32 = 0;
/** rsaEncryption: keyData = modulus, keyExp = public exponent (magnitudes, big-endian). */
export const KEY_RSA: u32 = 1;
/** id-RSASSA-PSS key (RFC 4055 §1.2): as KEY_RSA; keyParams = RSASSA-PSS-params TLV or absent. */
export const KEY_RSA_PSS: u32 = 2;
/** id-ecPublicKey: keyData = the encoded point (04||X||Y, or 02/03||X), keyCurve names the curve. */
export const KEY_EC: u32 = 3;
/** id-Ed25519: keyData = the 32-byte public key. */
export const KEY_ED25519: u32 = 4;

export const CURVE_NONE: u32 = 0;
/** Same numbers as the ECDSA primitive's curve argument. */
export const CURVE_P256: u32 = 1;
export const CURVE_P384: u32 = 2;
/** A namedCurve this verifier does not support (P-192, P-521, secp256k1, ...): keyParams = its OID TLV. */
export const CURVE_OTHER: u32 = 3;
/** specifiedCurve / implicitCurve parameters (forbidden by RFC 5480 §2.1.1 for CAs; never supported). */
export const CURVE_EXPLICIT: u32 = 4;

// ─── extPresent / extCritical bits ───────────────────────────────────────────────────────────
export const EXT_BASIC_CONSTRAINTS: u32 = 1 << 0;
export const EXT_KEY_USAGE: u32 = 1 << 1;
export const EXT_EXT_KEY_USAGE: u32 = 1 << 2;
export const EXT_SAN: u32 = 1 << 3;
export const EXT_NAME_CONSTRAINTS: u32 = 1 << 4;
export const EXT_AKI: u32 = 1 << 5;
export const EXT_SKI: u32 = 1 << 6;
export const EXT_CERT_POLICIES: u32 = 1 << 7;
export const EXT_AIA: u32 = 1 << 8;
export const EXT_CRL_DP: u32 = 1 << 9;
export const EXT_POLICY_MAPPINGS: u32 = 1 << 10;
export const EXT_POLICY_CONSTRAINTS: u32 = 1 << 11;
export const EXT_INHIBIT_ANY_POLICY: u32 = 1 << 12;
export const EXT_ISSUER_ALT_NAME: u32 = 1 << 13;
/** At least one extension this decoder does not recognise (in extCritical: one marked critical). */
export const EXT_UNKNOWN: u32 = 1 << 31;

// ─── flags ───────────────────────────────────────────────────────────────────────────────────
/** Every field was decoded (OK or a soft error). */
export const CF_DECODED: u32 = 1 << 0;
/** basicConstraints present with cA TRUE. */
export const CF_CA: u32 = 1 << 1;
/** issuer and subject are byte-identical (self-issued, RFC 5280 §3.2). */
export const CF_SELF_ISSUED: u32 = 1 << 2;
/** subject is an empty SEQUENCE. */
export const CF_SUBJECT_EMPTY: u32 = 1 << 3;
/** issuer is an empty SEQUENCE. */
export const CF_ISSUER_EMPTY: u32 = 1 << 4;
/** AKI carries authorityCertIssuer and authorityCertSerialNumber. */
export const CF_AKI_ISSUER_SERIAL: u32 = 1 << 5;
/** serialNumber is zero, negative or longer than 20 octets (RFC 5280 §4.1.2.2). */
export const CF_SERIAL_NONCONFORMING: u32 = 1 << 6;
/** issuerUniqueID or subjectUniqueID present (v2/v3 only). */
export const CF_UNIQUE_IDS: u32 = 1 << 7;
/** Signature parameters were absent where RFC 4055 says NULL (accepted, see algorithm.ts). */
export const CF_SIG_PARAMS_ABSENT: u32 = 1 << 8;
/** nameConstraints has permittedSubtrees. */
export const CF_NC_PERMITTED: u32 = 1 << 9;
/** nameConstraints has excludedSubtrees. */
export const CF_NC_EXCLUDED: u32 = 1 << 10;

// ─── ekuFlags ────────────────────────────────────────────────────────────────────────────────
export const EKU_SERVER_AUTH: u32 = 1 << 0;
export const EKU_CLIENT_AUTH: u32 = 1 << 1;
export const EKU_CODE_SIGNING: u32 = 1 << 2;
export const EKU_EMAIL_PROTECTION: u32 = 1 << 3;
export const EKU_TIME_STAMPING: u32 = 1 << 4;
export const EKU_OCSP_SIGNING: u32 = 1 << 5;
/** anyExtendedKeyUsage (2.5.29.37.0). */
export const EKU_ANY: u32 = 1 << 6;
/** Some other purpose OID. */
export const EKU_OTHER: u32 = 1 << 7;

// ─── keyUsage bits (RFC 5280 §4.2.1.3): bit i of c.keyUsage is KeyUsage bit i ─────────────────
export const KU_DIGITAL_SIGNATURE: u32 = 1 << 0;
export const KU_NON_REPUDIATION: u32 = 1 << 1;
export const KU_KEY_ENCIPHERMENT: u32 = 1 << 2;
export const KU_DATA_ENCIPHERMENT: u32 = 1 << 3;
export const KU_KEY_AGREEMENT: u32 = 1 << 4;
export const KU_KEY_CERT_SIGN: u32 = 1 << 5;
export const KU_CRL_SIGN: u32 = 1 << 6;
export const KU_ENCIPHER_ONLY: u32 = 1 << 7;
export const KU_DECIPHER_ONLY: u32 = 1 << 8;

/**
 * One decoded certificate. Field order is the ABI (the TypeScript host reads it by offset, see
 * src/x509-layout.ts): append only.
 */
@unmanaged
export class Cert {
  /** Err of the last x509Decode into this slot (OK, soft or hard error). */
  status: u32;
  /** Detail code (DETAIL_* in x509/detail.ts) saying which rule failed; 0 when status is OK. */
  detail: u32;
  /** CF_* flags. */
  flags: u32;
  /** 0 = v1, 1 = v2, 2 = v3. */
  version: u32;
  /** The whole Certificate TLV. */
  der: usize;
  derLen: u32;
  /** The TBSCertificate TLV: exactly the bytes the signature covers. */
  tbs: usize;
  tbsLen: u32;
  /** serialNumber INTEGER contents (two's complement, as encoded). */
  serial: usize;
  serialLen: u32;
  /** SIG_* kind of the signature algorithm. */
  sigAlg: u32;
  /** HASH_* digest of the signature algorithm (PSS: the message hash). */
  sigHash: u32;
  /** RSASSA-PSS: MGF1 hash (HASH_*), 0 otherwise. */
  pssMgf1Hash: u32;
  /** RSASSA-PSS: salt length in octets, 0 otherwise. */
  pssSaltLen: u32;
  /** The outer signatureAlgorithm AlgorithmIdentifier TLV (byte-equal to the inner one). */
  sigAlgTlv: usize;
  sigAlgTlvLen: u32;
  /** The signature algorithm OID contents (for reporting unknown algorithms). */
  sigAlgOid: usize;
  sigAlgOidLen: u32;
  /** signatureValue: the BIT STRING's octets after the unused-bits octet (which must be 0). */
  sigValue: usize;
  sigValueLen: u32;
  /** issuer Name TLV. */
  issuer: usize;
  issuerLen: u32;
  /** subject Name TLV. */
  subject: usize;
  subjectLen: u32;
  /** SubjectPublicKeyInfo TLV (what the SPKI SHA-256 pin hashes). */
  spki: usize;
  spkiLen: u32;
  /** KEY_* type of the subject public key. */
  keyType: u32;
  /** CURVE_* for KEY_EC, CURVE_NONE otherwise. */
  keyCurve: u32;
  /** RSA: modulus bits; EC: field bits (256/384, 0 if unsupported); Ed25519: 256. */
  keyBits: u32;
  /** RSA: modulus magnitude; EC: point; Ed25519: key; unknown: subjectPublicKey BIT STRING octets. */
  keyData: usize;
  keyDataLen: u32;
  /** RSA: public exponent magnitude. */
  keyExp: usize;
  keyExpLen: u32;
  /** SPKI algorithm OID contents. */
  keyAlgOid: usize;
  keyAlgOidLen: u32;
  /** SPKI algorithm parameters TLV (EC: namedCurve OID or explicit parameters; RSA-PSS: params), 0 if absent. */
  keyParams: usize;
  keyParamsLen: u32;
  /** Extensions SEQUENCE contents (the Extension TLVs), 0 if the certificate has none. */
  exts: usize;
  extsLen: u32;
  /** Number of extensions. */
  extCount: u32;
  /** EXT_* bits of the extensions present. */
  extPresent: u32;
  /** EXT_* bits of the extensions marked critical. */
  extCritical: u32;
  /** basicConstraints pathLenConstraint (saturated at 2^31-1), -1 when absent. */
  pathLen: i32;
  /** KU_* bits; meaningful when extPresent has EXT_KEY_USAGE. */
  keyUsage: u32;
  /** EKU_* bits; meaningful when extPresent has EXT_EXT_KEY_USAGE. */
  ekuFlags: u32;
  /** extKeyUsage: SEQUENCE contents (KeyPurposeId OID TLVs). */
  eku: usize;
  ekuLen: u32;
  /** subjectAltName: GeneralNames SEQUENCE contents (GeneralName TLVs), and how many. */
  san: usize;
  sanLen: u32;
  sanCount: u32;
  /** nameConstraints permittedSubtrees / excludedSubtrees: contents (GeneralSubtree TLVs). */
  ncPermitted: usize;
  ncPermittedLen: u32;
  ncExcluded: usize;
  ncExcludedLen: u32;
  /** authorityKeyIdentifier keyIdentifier octets. */
  akiKeyId: usize;
  akiKeyIdLen: u32;
  /** subjectKeyIdentifier octets. */
  ski: usize;
  skiLen: u32;
  /** certificatePolicies SEQUENCE contents (PolicyInformation TLVs). */
  policies: usize;
  policiesLen: u32;
  /** authorityInfoAccess SEQUENCE contents (AccessDescription TLVs): hints for fetching issuers. */
  aia: usize;
  aiaLen: u32;
  /** cRLDistributionPoints SEQUENCE contents (DistributionPoint TLVs): hints only, CRLs are not checked. */
  crlDp: usize;
  crlDpLen: u32;
  /** notBefore, seconds since 1970-01-01T00:00:00Z (inclusive). */
  notBefore: i64;
  /** notAfter, seconds since 1970-01-01T00:00:00Z (inclusive). */
  notAfter: i64;
  /**
   * The status with the serial-number rules left out: what counts when this certificate is a
   * trust anchor (RFC 5280 §6.1.1(d) takes an anchor's name and key, not its serial; several
   * Mozilla roots, e.g. Starfield Root G2, have serial 0). Equal to status otherwise.
   */
  anchorStatus: u32;
}

const certTable = memory.data(<i32>(MAX_CERTS * CERT_STRIDE), 16);

/** The slot's address (slot < MAX_CERTS, not checked: callers own their slot numbers). */
export function certPtr(slot: u32): usize {
  return certTable + <usize>slot * CERT_STRIDE;
}

/** Typed view of a slot. */
export function certAt(slot: u32): Cert {
  return changetype<Cert>(certPtr(slot));
}
