// Object identifiers X.509 decoding needs, as DER contents octets (no tag, no length) in static
// memory. Each constant is a pointer; its length is the matching *_LEN.

// --- public-key algorithms
/** rsaEncryption 1.2.840.113549.1.1.1 (RFC 3279 §2.3.1) */
export const OID_RSA = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
export const OID_RSA_LEN: u32 = 9;
/** id-RSASSA-PSS 1.2.840.113549.1.1.10 (RFC 4055 §3.1) */
export const OID_RSA_PSS = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a]);
export const OID_RSA_PSS_LEN: u32 = 9;
/** id-mgf1 1.2.840.113549.1.1.8 (RFC 4055 §2.2) */
export const OID_MGF1 = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08]);
export const OID_MGF1_LEN: u32 = 9;
/** id-ecPublicKey 1.2.840.10045.2.1 (RFC 5480 §2.1.1) */
export const OID_EC_PUBLIC_KEY = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
export const OID_EC_PUBLIC_KEY_LEN: u32 = 7;
/** secp256r1 (P-256) 1.2.840.10045.3.1.7 (RFC 5480 §2.1.1.1) */
export const OID_P256 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
export const OID_P256_LEN: u32 = 8;
/** secp384r1 (P-384) 1.3.132.0.34 */
export const OID_P384 = memory.data<u8>([0x2b, 0x81, 0x04, 0x00, 0x22]);
export const OID_P384_LEN: u32 = 5;
/** secp521r1 1.3.132.0.35 (RFC 5480 §2.1.1.1). */
export const OID_P521 = memory.data<u8>([0x2b, 0x81, 0x04, 0x00, 0x23]);
export const OID_P521_LEN: u32 = 5;
/** id-Ed25519 1.3.101.112 (RFC 8410 §3) */
export const OID_ED25519 = memory.data<u8>([0x2b, 0x65, 0x70]);
export const OID_ED25519_LEN: u32 = 3;

// --- signature algorithms. The PKCS#1 ones share a prefix; the last octet tells them apart.
/** 1.2.840.113549.1.1 (pkcs-1): prefix of the sha*WithRSAEncryption OIDs; 8 octets. */
export const OID_PKCS1_PREFIX = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01]);
export const OID_PKCS1_PREFIX_LEN: u32 = 8;
export const PKCS1_MD2: u8 = 0x02;
export const PKCS1_MD5: u8 = 0x04;
export const PKCS1_SHA1: u8 = 0x05;
export const PKCS1_SHA256: u8 = 0x0b;
export const PKCS1_SHA384: u8 = 0x0c;
export const PKCS1_SHA512: u8 = 0x0d;
export const PKCS1_SHA224: u8 = 0x0e;
/** ecdsa-with-SHA1 1.2.840.10045.4.1 (RFC 3279 §2.2.3) */
export const OID_ECDSA_SHA1 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01]);
export const OID_ECDSA_SHA1_LEN: u32 = 7;
/** 1.2.840.10045.4.3 (ecdsa-with-SHA2): prefix of ecdsa-with-SHA224/256/384/512 (last octet 1..4); 7 octets. */
export const OID_ECDSA_SHA2_PREFIX = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03]);
export const OID_ECDSA_SHA2_PREFIX_LEN: u32 = 7;

// --- hash algorithms (for RSASSA-PSS parameters)
/** id-sha1 1.3.14.3.2.26 */
export const OID_SHA1 = memory.data<u8>([0x2b, 0x0e, 0x03, 0x02, 0x1a]);
export const OID_SHA1_LEN: u32 = 5;
/** 2.16.840.1.101.3.4.2 (NIST hash algorithms): prefix of id-sha256 (.1), id-sha384 (.2), id-sha512 (.3); 8 octets. */
export const OID_NIST_HASH_PREFIX = memory.data<u8>([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02]);
export const OID_NIST_HASH_PREFIX_LEN: u32 = 8;

// --- extensions: id-ce (2.5.29) and id-pe (1.3.6.1.5.5.7.1)
/** 2.5.29: every id-ce extension OID is these two octets plus one. */
export const OID_ID_CE = memory.data<u8>([0x55, 0x1d]);
export const ID_CE_SKI: u8 = 14;
export const ID_CE_KEY_USAGE: u8 = 15;
export const ID_CE_SAN: u8 = 17;
export const ID_CE_IAN: u8 = 18;
export const ID_CE_BASIC_CONSTRAINTS: u8 = 19;
export const ID_CE_NAME_CONSTRAINTS: u8 = 30;
export const ID_CE_CRL_DP: u8 = 31;
export const ID_CE_CERT_POLICIES: u8 = 32;
export const ID_CE_POLICY_MAPPINGS: u8 = 33;
export const ID_CE_AKI: u8 = 35;
export const ID_CE_POLICY_CONSTRAINTS: u8 = 36;
export const ID_CE_EKU: u8 = 37;
export const ID_CE_INHIBIT_ANY_POLICY: u8 = 54;
/** id-pe-authorityInfoAccess 1.3.6.1.5.5.7.1.1 */
export const OID_AIA = memory.data<u8>([0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01]);
export const OID_AIA_LEN: u32 = 8;

// --- extended key usages: id-kp (1.3.6.1.5.5.7.3) plus one octet
/** 1.3.6.1.5.5.7.3: prefix of the id-kp-* purposes; 7 octets. */
export const OID_ID_KP = memory.data<u8>([0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03]);
export const OID_ID_KP_LEN: u32 = 7;
export const ID_KP_SERVER_AUTH: u8 = 1;
export const ID_KP_CLIENT_AUTH: u8 = 2;
export const ID_KP_CODE_SIGNING: u8 = 3;
export const ID_KP_EMAIL_PROTECTION: u8 = 4;
export const ID_KP_TIME_STAMPING: u8 = 8;
export const ID_KP_OCSP_SIGNING: u8 = 9;
/** anyExtendedKeyUsage 2.5.29.37.0 */
export const OID_ANY_EKU = memory.data<u8>([0x55, 0x1d, 0x25, 0x00]);
export const OID_ANY_EKU_LEN: u32 = 4;

// --- attribute types
/** id-at-commonName 2.5.4.3 */
export const OID_CN = memory.data<u8>([0x55, 0x04, 0x03]);
export const OID_CN_LEN: u32 = 3;
/** PKCS#9 emailAddress 1.2.840.113549.1.9.1 (RFC 5280 §4.1.2.6: legacy mailbox in a subject) */
export const OID_EMAIL_ADDRESS = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01]);
export const OID_EMAIL_ADDRESS_LEN: u32 = 9;
