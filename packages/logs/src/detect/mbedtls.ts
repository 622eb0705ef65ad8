// mbedTLS 2.x/3.x as ESP-IDF (esp-tls), Arduino (WiFiClientSecure, ssl_client.cpp), Mbed OS,
// Zephyr, the AWS and Azure C SDKs and the library's own sample programs print it:
//   "mbedtls_ssl_handshake returned -0x2700", "(-9984) X509 - Certificate verification failed, ...",
//   "ret = 0xffff8880", "verify flags 0x08", "! The certificate is not correctly signed by the trusted CA",
//   debug lines ("got an alert message, type: [2:40]", "TLS handshake fragmentation not supported").
// Codes are decoded with the tables generated from the headers (codes.ts); what each code means
// for the cause is the table below, written from the header texts.

import {
  type CodeEntry,
  decodeFlags,
  decodeMbedtls,
  type MbedtlsDecoded,
  mbedtlsFlagTable,
  mbedtlsStrerrorTable,
  normaliseText,
  parseCodeNumber,
} from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';
import { alertFinding } from './alerts.js';
import type { Meaning } from './meaning.js';

/** What an mbedTLS error name says about the cause (names from ssl.h, x509.h, net_sockets.h, ...). */
function meaningOf(name: string): Meaning | undefined {
  if (name.endsWith('_ALLOC_FAILED')) return { cause: 'out_of_memory', strength: STRENGTH.memory };
  switch (name) {
    case 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED':
    case 'MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED':
    // The verify callback failed: ESP-IDF's certificate bundle returns it when no bundled root
    // signs the chain.
    case 'MBEDTLS_ERR_X509_FATAL_ERROR':
      return { cause: 'unknown_ca', strength: STRENGTH.verify, kind: 'verify-generic' };
    case 'MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE':
      return { cause: 'other', strength: STRENGTH.unresolvedAlert, kind: 'fatal-alert' };
    case 'MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME':
      return { cause: 'hostname_mismatch', strength: STRENGTH.alert };
    case 'MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN':
    case 'MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE':
    case 'MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION':
    case 'MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION':
    case 'MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE':
    case 'MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH':
    case 'MBEDTLS_ERR_SSL_UNKNOWN_CIPHER':
    case 'MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL':
      return { cause: 'protocol_mismatch', strength: STRENGTH.protocol };
    case 'MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO':
    case 'MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION':
    case 'MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE':
      return { cause: 'protocol_mismatch', strength: STRENGTH.unresolvedAlert };
    case 'MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED':
    case 'MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED':
    case 'MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE':
      return { cause: 'peer_rejected_client_cert', strength: STRENGTH.alert };
    case 'MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL':
    case 'MBEDTLS_ERR_SSL_CERTIFICATE_TOO_LARGE':
      return { cause: 'other', strength: STRENGTH.specific, detail: 'record_too_large' };
    case 'MBEDTLS_ERR_NET_UNKNOWN_HOST':
    case 'MBEDTLS_ERR_NET_CONNECT_FAILED':
    case 'MBEDTLS_ERR_NET_SOCKET_FAILED':
      return { cause: 'network', strength: STRENGTH.networkBefore };
    case 'MBEDTLS_ERR_NET_CONN_RESET':
    case 'MBEDTLS_ERR_NET_RECV_FAILED':
    case 'MBEDTLS_ERR_NET_SEND_FAILED':
    case 'MBEDTLS_ERR_SSL_CONN_EOF':
    case 'MBEDTLS_ERR_SSL_TIMEOUT':
      return { cause: 'network', strength: STRENGTH.networkCut };
    case 'MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY':
      return undefined;
    case 'MBEDTLS_ERR_SSL_WANT_READ':
    case 'MBEDTLS_ERR_SSL_WANT_WRITE':
    case 'MBEDTLS_ERR_SSL_ASYNC_IN_PROGRESS':
    case 'MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS':
    case 'MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET':
      return undefined;
    case 'MBEDTLS_ERR_SSL_INVALID_RECORD':
    case 'MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE':
    case 'MBEDTLS_ERR_SSL_DECODE_ERROR':
      return { cause: 'other', strength: STRENGTH.parse, detail: 'invalid_record' };
    case 'MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME':
      return { cause: 'other', strength: STRENGTH.specific, detail: 'no_hostname_set' };
  }
  if (/^MBEDTLS_ERR_(X509|PEM|PK|ASN1|BASE64)_/.test(name))
    return { cause: 'other', strength: STRENGTH.parse, detail: 'certificate_or_key_parse_error' };
  if (/^MBEDTLS_ERR_(CTR_DRBG|ENTROPY|HMAC_DRBG)_/.test(name))
    return { cause: 'other', strength: STRENGTH.parse, detail: 'entropy_source_failed' };
  return { cause: 'other', strength: STRENGTH.generic, detail: name };
}

/** Per-flag meaning; the strongest present flag becomes the cause (FUTURE before NOT_TRUSTED). */
function flagMeaning(name: string): Meaning | undefined {
  switch (name) {
    case 'MBEDTLS_X509_BADCERT_FUTURE':
      return { cause: 'not_yet_valid_clock', strength: STRENGTH.specific + 3 };
    case 'MBEDTLS_X509_BADCERT_EXPIRED':
      return { cause: 'expired', strength: STRENGTH.specific + 2 };
    case 'MBEDTLS_X509_BADCERT_BAD_KEY':
      return { cause: 'other', strength: STRENGTH.specific + 1, detail: 'weak_key_rejected_by_profile' };
    case 'MBEDTLS_X509_BADCERT_BAD_MD':
      return { cause: 'other', strength: STRENGTH.specific + 1, detail: 'weak_hash_rejected_by_profile' };
    case 'MBEDTLS_X509_BADCERT_BAD_PK':
      return { cause: 'other', strength: STRENGTH.specific + 1, detail: 'key_type_rejected_by_profile' };
    case 'MBEDTLS_X509_BADCERT_NOT_TRUSTED':
      return { cause: 'unknown_ca', strength: STRENGTH.trust };
    case 'MBEDTLS_X509_BADCERT_CN_MISMATCH':
      return { cause: 'hostname_mismatch', strength: STRENGTH.trust - 1 };
    case 'MBEDTLS_X509_BADCERT_MISSING':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'no_server_certificate' };
    case 'MBEDTLS_X509_BADCERT_REVOKED':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_revoked' };
    case 'MBEDTLS_X509_BADCERT_KEY_USAGE':
    case 'MBEDTLS_X509_BADCERT_EXT_KEY_USAGE':
    case 'MBEDTLS_X509_BADCERT_NS_CERT_TYPE':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_usage_mismatch' };
    case 'MBEDTLS_X509_BADCERT_SKIP_VERIFY':
      return undefined;
    default:
      return { cause: 'other', strength: STRENGTH.verify, detail: name };
  }
}

const HEX_CODE = /(?:^|[^0-9a-z])(-0x[0-9a-f]{2,4})\b/gi;
const TWOS = /\b0xffff([0-9a-f]{4})\b/gi;
const DEC_STRERROR = /\((-\d{2,5})\)\s*[A-Z][A-Z0-9_]* - /;
const DEC_CODE =
  /(?:returned|return|ret|error|err|failed|code|result)\s*(?:code)?\s*[:=]?\s*\(?(-\d{2,5})\b/i;
const STRERROR_TEXT = /\b([A-Z][A-Z0-9_]{1,9}) - ([A-Za-z][^:()\n]{6,160}?)(?:\s*:|\s*\(|\s*$|\s*\[)/g;
const TLS_WORDS = /ssl|tls|x509|mbedtls|handshake|cert/i;
const FLAGS =
  /(?:\bflags?|verify[_ ]result(?:\(\))?(?:\s*returned)?)\s*(?:is|=|:)?\s*(0x[0-9a-f]{1,8}|\d{1,8})\b|verify\w*(?:\(\))?[^\n]{0,24}?\breturned\s+(0x[0-9a-f]{1,8})\b/i;

const NONE: readonly MbedtlsDecoded[] = [];

/**
 * mbedtls_debug_print_ret (library/debug.c, MBEDTLS_SSL_DEBUG_RET) prints
 * "<function>() returned %d (-0x%04x)" for every value it is given: at debug level 2 and up that
 * includes byte counts (`ssl->f_recv(_timeout)() returned 5 (-0xfffffffb)`), whose "-0x…" is the
 * negation of a non-negative number, not an error code.
 */
const DEBUG_RET_NON_NEGATIVE = /\(\) returned \d+ \(-0x[0-9a-f]+\)/gi;

/** Finds and decodes every mbedTLS code on the line. */
function codesOn(s: Scan, fullLine: string, fullLower: string, m: Mask): readonly MbedtlsDecoded[] {
  // Every code below needs one of these keys; most lines have none.
  if (!has(m, K.minus0x) && !has(m, K.twos) && !has(m, K.spaceDash) && !has(m, K.codeWord)) return NONE;
  let line = fullLine;
  let lower = fullLower;
  if (lower.includes(') returned ')) {
    line = line.replace(DEBUG_RET_NON_NEGATIVE, '() returned');
    lower = line.toLowerCase();
  }
  const out: MbedtlsDecoded[] = [];
  const seen = new Set<number>();
  const push = (raw: string, value: number) => {
    if (seen.has(value)) return;
    const d = decodeMbedtls(value, s.mbedtlsVersion, raw);
    if (d) {
      seen.add(value);
      out.push(d);
    }
  };
  // Each rule below is its key (a guard that is false only when the rule cannot match) and its test.
  const tlsContext = (has(m, K.tlsWord) && TLS_WORDS.test(line)) || s.likelyStack() === 'mbedtls';
  if (has(m, K.minus0x) && lower.includes('-0x') && tlsContext) {
    HEX_CODE.lastIndex = 0;
    for (let r = HEX_CODE.exec(line), i = 0; r && i < 4; r = HEX_CODE.exec(line), i++) {
      const raw = r[1] ?? '';
      push(raw, parseCodeNumber(raw));
    }
  }
  if (has(m, K.twos) && lower.includes('0xffff') && tlsContext) {
    TWOS.lastIndex = 0;
    for (let r = TWOS.exec(line), i = 0; r && i < 4; r = TWOS.exec(line), i++) {
      push(r[0], Number.parseInt(r[1] ?? '0', 16) - 0x10000);
    }
  }
  const strerr = has(m, K.parenMinus) && has(m, K.spaceDash) ? DEC_STRERROR.exec(line) : null;
  if (strerr?.[1]) push(strerr[1], Number(strerr[1]));
  else if (
    tlsContext &&
    has(m, K.sslOrX509) &&
    has(m, K.codeWord) &&
    (lower.includes('mbedtls') || lower.includes('ssl') || lower.includes('x509'))
  ) {
    const dec = DEC_CODE.exec(line);
    // A decimal is only claimed when it is large enough to carry a high-level mbedTLS module.
    if (dec?.[1] && Number(dec[1]) <= -0x1000) push(dec[1], Number(dec[1]));
  }
  if (out.length === 0 && has(m, K.spaceDash) && line.includes(' - ')) {
    STRERROR_TEXT.lastIndex = 0;
    for (let r = STRERROR_TEXT.exec(line), i = 0; r && i < 3; r = STRERROR_TEXT.exec(line), i++) {
      const entry: CodeEntry | undefined = mbedtlsStrerrorTable().get(normaliseText(`${r[1]} - ${r[2]}`));
      if (entry) push(`${r[1]} - ${r[2]}`.trim(), entry.value);
    }
  }
  return out;
}

/** Reads mbedTLS codes, verify flags, verify-info texts and the decisive debug lines. */
export function detectMbedtls(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  for (const decoded of codesOn(s, line, lower, m)) {
    // The cause of a composite code is its strongest part (a low-level ALLOC_FAILED under a
    // high-level X509 code is a memory failure).
    let best: Meaning | undefined;
    for (const name of decoded.names) {
      const meaning = meaningOf(name);
      if (meaning && (!best || meaning.strength > best.strength)) best = meaning;
    }
    if (!best) continue;
    const names = decoded.names.join(' + ');
    const alt = decoded.otherVersionNames.length
      ? ` (in mbedTLS ${s.mbedtlsVersion === 3 ? '2.x' : '3.x'}: ${decoded.otherVersionNames.join(', ')})`
      : '';
    s.add(
      {
        cause: best.cause,
        detail: best.detail ?? decoded.names[0] ?? names,
        strength: best.strength,
        line: n,
        note: `mbedTLS ${decoded.raw} = ${names}: ${decoded.texts.join('; ')}${alt}`,
        stack: 'mbedtls',
        code: decoded,
        kind: best.kind,
      },
      line,
    );
  }

  const flagMatch = has(m, K.flagWord) ? FLAGS.exec(line) : null;
  const flagText = flagMatch?.[1] ?? flagMatch?.[2];
  if (flagText && /verif|x509|cert|ssl|tls/i.test(line) && !/-0x/i.test(flagMatch?.[0] ?? '')) {
    const value = parseCodeNumber(flagText);
    if (value > 0 && value < 0x100000) addFlags(s, line, n, value, `verify flags ${flagText}`);
  }

  // esp-tls / ssl_client2 print mbedtls_x509_crt_verify_info(): "  ! The certificate is ..."
  if (has(m, K.certOrCrl) && has(m, K.flagText) && (lower.includes('certificate') || lower.includes('crl'))) {
    const text = normaliseText(line.replace(/^.*?!\s*/, '').replace(/^.*verification info:\s*/i, ''));
    const entry = mbedtlsFlagTable().byText.get(text);
    if (entry) addFlags(s, line, n, entry.value, 'verify info');
  }

  const fatal = has(m, K.fatalAlertMessage) ? /is a fatal alert message \(msg (\d{1,3})\)/.exec(lower) : null;
  if (fatal) alertFinding(s, line, n, Number(fatal[1]), true, 'mbedtls');
  if (
    has(m, K.alertMessage) &&
    (lower.includes('got an alert message') || lower.includes('send alert message'))
  ) {
    const type = /type:\s*\[(\d+):(\d+)\]/.exec(line);
    if (type && type[1] === '2')
      alertFinding(s, line, n, Number(type[2]), !lower.includes('send'), 'mbedtls');
  }
  if (has(m, K.fragmentation) && lower.includes('handshake fragmentation not supported'))
    s.add(
      {
        cause: 'other',
        detail: 'handshake_message_too_large',
        strength: STRENGTH.specific,
        line: n,
        note: 'a handshake message is larger than the mbedTLS input buffer (MBEDTLS_SSL_IN_CONTENT_LEN)',
        stack: 'mbedtls',
      },
      line,
    );
  else if (
    has(m, K.mbedtlsRecord) &&
    /bad message length|record too large|in_msglen.*content_len|ssl_in_content_len/.test(lower)
  )
    s.add(
      {
        cause: 'other',
        detail: 'record_too_large',
        strength: STRENGTH.specific,
        line: n,
        note: 'a TLS record is larger than the mbedTLS input buffer',
        stack: 'mbedtls',
      },
      line,
    );
}

function addFlags(s: Scan, line: string, n: number, value: number, how: string): void {
  const flags = decodeFlags(value);
  for (let i = 0; i < flags.names.length; i++) {
    const name = flags.names[i] ?? '';
    const m = flagMeaning(name);
    if (!m) continue;
    s.add(
      {
        cause: m.cause,
        detail: m.detail ?? name,
        strength: m.strength,
        line: n,
        note: `${how}: ${name} — ${flags.texts[i]}`,
        stack: 'mbedtls',
        flags,
      },
      line,
    );
  }
}
