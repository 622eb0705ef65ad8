// Names for the TLS code points that appear in connection records.
// Sources: IANA "Transport Layer Security (TLS) Parameters" registry (cipher suites, alerts,
// supported groups, signature schemes, extension types); RFC 8446 §4.2 and §6; RFC 8701 (GREASE).

/** TLS protocol versions by wire code. */
const VERSIONS: Record<number, string> = {
  512: 'SSLv2',
  768: 'SSLv3',
  769: 'TLSv1',
  770: 'TLSv1.1',
  771: 'TLSv1.2',
  772: 'TLSv1.3',
};

/** Cipher suites devices commonly offer (IANA names). Others are shown as `0x....`. */
const CIPHER_SUITES: Record<number, string> = {
  1: 'TLS_RSA_WITH_NULL_MD5',
  2: 'TLS_RSA_WITH_NULL_SHA',
  4: 'TLS_RSA_WITH_RC4_128_MD5',
  5: 'TLS_RSA_WITH_RC4_128_SHA',
  10: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  22: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
  47: 'TLS_RSA_WITH_AES_128_CBC_SHA',
  51: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA',
  53: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  57: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  59: 'TLS_RSA_WITH_NULL_SHA256',
  60: 'TLS_RSA_WITH_AES_128_CBC_SHA256',
  61: 'TLS_RSA_WITH_AES_256_CBC_SHA256',
  103: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256',
  107: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
  156: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  157: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  158: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  159: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  168: 'TLS_PSK_WITH_AES_128_GCM_SHA256',
  174: 'TLS_PSK_WITH_AES_128_CBC_SHA256',
  255: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
  4865: 'TLS_AES_128_GCM_SHA256',
  4866: 'TLS_AES_256_GCM_SHA384',
  4867: 'TLS_CHACHA20_POLY1305_SHA256',
  4868: 'TLS_AES_128_CCM_SHA256',
  4869: 'TLS_AES_128_CCM_8_SHA256',
  22016: 'TLS_FALLBACK_SCSV',
  49158: 'TLS_ECDHE_ECDSA_WITH_NULL_SHA',
  49159: 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  49160: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA',
  49161: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  49162: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  49168: 'TLS_ECDHE_RSA_WITH_NULL_SHA',
  49169: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  49170: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  49171: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  49172: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  49187: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  49188: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  49191: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  49192: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
  49195: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  49196: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  49199: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  49200: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  49308: 'TLS_RSA_WITH_AES_128_CCM',
  49309: 'TLS_RSA_WITH_AES_256_CCM',
  49312: 'TLS_RSA_WITH_AES_128_CCM_8',
  49313: 'TLS_RSA_WITH_AES_256_CCM_8',
  49320: 'TLS_PSK_WITH_AES_128_CCM_8',
  49324: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
  49325: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM',
  49326: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8',
  49327: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8',
  52392: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  52393: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  52394: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
};

/** Alert descriptions (RFC 8446 §6, RFC 5246 §7.2, RFC 7301, RFC 7507). */
const ALERTS: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

/** Supported groups (named curves and finite-field groups). */
const GROUPS: Record<number, string> = {
  23: 'secp256r1',
  24: 'secp384r1',
  25: 'secp521r1',
  29: 'x25519',
  30: 'x448',
  256: 'ffdhe2048',
  257: 'ffdhe3072',
  258: 'ffdhe4096',
  4588: 'X25519MLKEM768',
  25497: 'X25519Kyber768Draft00',
};

/** Signature schemes (RFC 8446 §4.2.3). */
const SIGNATURE_SCHEMES: Record<number, string> = {
  513: 'rsa_pkcs1_sha1',
  515: 'ecdsa_sha1',
  1025: 'rsa_pkcs1_sha256',
  1027: 'ecdsa_secp256r1_sha256',
  1281: 'rsa_pkcs1_sha384',
  1283: 'ecdsa_secp384r1_sha384',
  1537: 'rsa_pkcs1_sha512',
  1539: 'ecdsa_secp521r1_sha512',
  2052: 'rsa_pss_rsae_sha256',
  2053: 'rsa_pss_rsae_sha384',
  2054: 'rsa_pss_rsae_sha512',
  2055: 'ed25519',
  2056: 'ed448',
  2057: 'rsa_pss_pss_sha256',
  2058: 'rsa_pss_pss_sha384',
  2059: 'rsa_pss_pss_sha512',
};

function hex4(code: number): string {
  return `0x${code.toString(16).padStart(4, '0')}`;
}

/** RFC 8701 GREASE values: 0x0a0a, 0x1a1a, ..., 0xfafa. */
function isGrease(code: number): boolean {
  return (code & 0x0f0f) === 0x0a0a && code >> 8 === (code & 0xff);
}

function lookup(table: Record<number, string>, code: number): string {
  if (isGrease(code)) return `GREASE(${hex4(code)})`;
  return table[code] ?? hex4(code);
}

/** `TLSv1.2` for 0x0303; unknown codes as hex. */
export function versionName(code: number): string {
  return lookup(VERSIONS, code);
}

/** IANA cipher suite name for a code point; unknown codes as hex. */
export function cipherSuiteName(code: number): string {
  return lookup(CIPHER_SUITES, code);
}

/** Alert description name (`unknown_ca` for 48); unknown codes as `alert_<n>`. */
export function alertName(code: number): string {
  return ALERTS[code] ?? `alert_${code}`;
}

/** Supported-group name; unknown codes as hex. */
export function groupName(code: number): string {
  return lookup(GROUPS, code);
}

/** Signature-scheme name; unknown codes as hex. */
export function signatureSchemeName(code: number): string {
  return lookup(SIGNATURE_SCHEMES, code);
}
