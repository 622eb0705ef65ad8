// wolfSSL / wolfCrypt error codes (error-crypt.h: -100..-299, error-ssl.h: -300..-599) as its
// examples, ESP-IDF's esp-tls wolfSSL backend and application code print them ("wolfSSL_connect
// error -188", "err = -313", "ASN_NO_SIGNER_E"), and wolfSSL's own texts ("ASN no signer error to
// confirm failure"). A bare negative number in that range on an error line is read as a wolfSSL
// code only when nothing in the log points at another stack, at lower strength.

import { type CodeEntry, normaliseText, wolfsslTable } from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';
import { addCode, type Meaning } from './meaning.js';

function meaningOf(name: string): Meaning | undefined {
  switch (name) {
    case 'ASN_NO_SIGNER_E':
    case 'ASN_SELF_SIGNED_E':
      return { cause: 'unknown_ca', strength: STRENGTH.trust };
    case 'ASN_SIG_CONFIRM_E':
    case 'VERIFY_CERT_ERROR':
      return { cause: 'unknown_ca', strength: STRENGTH.verify };
    case 'ASN_AFTER_DATE_E':
      return { cause: 'expired', strength: STRENGTH.specific };
    case 'ASN_BEFORE_DATE_E':
      return { cause: 'not_yet_valid_clock', strength: STRENGTH.specific };
    case 'DOMAIN_NAME_MISMATCH':
    case 'IPADDR_MISMATCH':
      return { cause: 'hostname_mismatch', strength: STRENGTH.specific };
    case 'MEMORY_E':
    case 'MEMORY_ERROR':
      return { cause: 'out_of_memory', strength: STRENGTH.memory };
    case 'MATCH_SUITE_ERROR':
    case 'UNSUPPORTED_SUITE':
    case 'VERSION_ERROR':
    case 'UNSUPPORTED_PROTO_VERSION':
    case 'WRONG_SSL_VERSION':
    case 'SUITES_ERROR':
    case 'ECC_CURVE_ERROR':
      return { cause: 'protocol_mismatch', strength: STRENGTH.protocol };
    case 'FATAL_ERROR':
      return { cause: 'other', strength: STRENGTH.unresolvedAlert, kind: 'fatal-alert' };
    case 'SOCKET_ERROR_E':
    case 'SOCKET_PEER_CLOSED_E':
    case 'SOCKET_NODATA':
    case 'ZERO_RETURN':
    case 'SOCKET_FILTERED_E':
    case 'WC_TIMEOUT_E':
      return { cause: 'network', strength: STRENGTH.networkCut };
    case 'NO_PEER_CERT':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'no_server_certificate' };
    case 'OCSP_CERT_REVOKED':
    case 'CRL_CERT_REVOKED':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_revoked' };
    case 'NO_CERT_ERROR':
    case 'CLIENT_CERT_CB_ERROR':
      return { cause: 'peer_rejected_client_cert', strength: STRENGTH.alert - 5 };
    case 'LENGTH_ERROR':
    case 'BUFFER_ERROR':
      return { cause: 'other', strength: STRENGTH.parse, detail: 'invalid_record' };
  }
  if (/^ASN_|_E$/.test(name)) return { cause: 'other', strength: STRENGTH.generic + 5, detail: name };
  return { cause: 'other', strength: STRENGTH.generic, detail: name };
}

const WORTH_A_LOOK = /-[1-5]\d\d\b|[A-Z0-9]_E\b|[A-Z]_ERROR\b|MISMATCH|asn |ASN /;
const NAME = /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g;
const NUMBER = /(?:error|err|ret|returned|failed|code|result|status)[^0-9\n-]{0,24}(-[1-5]\d\d)\b/i;

function add(s: Scan, line: string, n: number, entry: CodeEntry, raw: string, penalty: number): void {
  addCode(s, { stack: 'wolfssl', label: 'wolfSSL', line, n }, entry, raw, meaningOf(entry.name), penalty);
}

/** Reads wolfSSL codes by name, by number and by text. */
export function detectWolfssl(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  // Every finding below needs a name of the table, a code word before a number, or a text of the table.
  const byName = has(m, K.wolfsslName);
  const byNumber = has(m, K.codeWord) && has(m, K.minusDigit);
  const byText = has(m, K.wolfsslText);
  if (!byName && !byNumber && !byText) return;
  if (!(has(m, K.wolf) && lower.includes('wolf')) && !WORTH_A_LOOK.test(line)) return;
  const table = wolfsslTable();
  const named = lower.includes('wolfssl') || lower.includes('wolfcrypt') || s.likelyStack() === 'wolfssl';
  if (byName) {
    NAME.lastIndex = 0;
    for (let r = NAME.exec(line), i = 0; r && i < 6; r = NAME.exec(line), i++) {
      const entry = table.byName.get(r[1] ?? '');
      if (entry && (entry.name.endsWith('_E') || named || /_ERROR$|MISMATCH$/.test(entry.name))) {
        add(s, line, n, entry, entry.name, 0);
        return;
      }
    }
  }
  const num = byNumber ? NUMBER.exec(line) : null;
  if (num?.[1]) {
    const value = Number(num[1]);
    const entry = table.byValue.get(value);
    const other = s.likelyStack();
    // axTLS uses -256..-274 for its own codes: an unnamed number there is not claimed for wolfSSL.
    const axtlsRange = value <= -256 && value >= -274;
    if (entry && (named || ((other === 'unknown' || other === 'esp-tls') && !axtlsRange))) {
      add(s, line, n, entry, num[1], named ? 0 : 10);
      return;
    }
  }
  if (named && byText) {
    const tail = normaliseText(line.replace(/^.*?(?:wolfssl|error|err)[^:]*:\s*/i, ''));
    const entry = table.byText.get(tail);
    if (entry) add(s, line, n, entry, entry.name, 0);
  }
}
