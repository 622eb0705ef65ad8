// BearSSL status codes (bearssl_ssl.h, bearssl_x509.h) as the ESP8266 Arduino core
// (BearSSL::WiFiClientSecure, "BSSL:" debug lines, getLastSSLError()) and other ports print them:
// by name (BR_ERR_X509_NOT_TRUSTED), by number ("SSL error 62", "Error = 296") or by the header's
// own text ("Certificate is expired or not yet valid."). 256 + n is fatal alert n received,
// 512 + n is alert n sent (bearssl_ssl.h, BR_ERR_RECV_FATAL_ALERT / BR_ERR_SEND_FATAL_ALERT).

import { bearsslTable, type CodeEntry, normaliseText } from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';
import { alertFinding } from './alerts.js';
import { addCode, type Meaning } from './meaning.js';

function meaningOf(name: string): Meaning | undefined {
  switch (name) {
    case 'BR_ERR_X509_NOT_TRUSTED':
      return { cause: 'unknown_ca', strength: STRENGTH.trust };
    case 'BR_ERR_X509_EXPIRED':
      return { cause: 'expired', strength: STRENGTH.specific, kind: 'expiry-ambiguous' };
    case 'BR_ERR_X509_TIME_UNKNOWN':
      return { cause: 'not_yet_valid_clock', strength: STRENGTH.specific };
    case 'BR_ERR_X509_BAD_SERVER_NAME':
      return { cause: 'hostname_mismatch', strength: STRENGTH.specific };
    case 'BR_ERR_X509_WEAK_PUBLIC_KEY':
      return { cause: 'other', strength: STRENGTH.specific, detail: 'weak_key_rejected_by_profile' };
    case 'BR_ERR_X509_NOT_CA':
    case 'BR_ERR_X509_FORBIDDEN_KEY_USAGE':
    case 'BR_ERR_X509_CRITICAL_EXTENSION':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_usage_mismatch' };
    case 'BR_ERR_X509_BAD_SIGNATURE':
    case 'BR_ERR_X509_DN_MISMATCH':
      return { cause: 'unknown_ca', strength: STRENGTH.verify };
    case 'BR_ERR_TOO_LARGE':
    case 'BR_ERR_BAD_FRAGLEN':
      return { cause: 'other', strength: STRENGTH.specific, detail: 'record_too_large' };
    case 'BR_ERR_UNSUPPORTED_VERSION':
    case 'BR_ERR_BAD_VERSION':
    case 'BR_ERR_BAD_CIPHER_SUITE':
    case 'BR_ERR_BAD_COMPRESSION':
    case 'BR_ERR_INVALID_ALGORITHM':
      return { cause: 'protocol_mismatch', strength: STRENGTH.protocol };
    case 'BR_ERR_IO':
      return { cause: 'network', strength: STRENGTH.networkCut };
    case 'BR_ERR_NO_CLIENT_AUTH':
      return { cause: 'peer_rejected_client_cert', strength: STRENGTH.alert };
    case 'BR_ERR_OK':
    case 'BR_ERR_X509_OK':
      return undefined;
  }
  return { cause: 'other', strength: STRENGTH.generic + 5, detail: name };
}

const NAME = /\b(BR_ERR_[A-Z0-9_]+)\b/;
const NUMBER = /(?:ssl ?error|last ?ssl ?error|error|err)\s*(?:code)?\s*[:=(]?\s*(\d{1,3})\b/i;

function add(s: Scan, line: string, n: number, entry: CodeEntry, raw: string): void {
  addCode(s, { stack: 'bearssl', label: 'BearSSL', line, n }, entry, raw, meaningOf(entry.name));
}

/** Reads BearSSL codes by name, number (with alert offsets) and header text. */
export function detectBearssl(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  const table = bearsslTable();
  const name = has(m, K.brErr) ? NAME.exec(line)?.[1] : undefined;
  if (name) {
    const entry = table.byName.get(name);
    if (entry) add(s, line, n, entry, name);
    return;
  }
  const ours =
    (has(m, K.bssl) && (lower.includes('bssl') || lower.includes('bearssl'))) ||
    s.likelyStack() === 'bearssl';
  if (!ours) return;
  if (
    has(m, K.bearsslOom) &&
    (lower.includes('oom') || lower.includes('out of memory') || lower.includes('alloc'))
  )
    s.add(
      {
        cause: 'out_of_memory',
        detail: 'bearssl_buffers',
        strength: STRENGTH.memory,
        line: n,
        note: 'BearSSL could not allocate its buffers',
        stack: 'bearssl',
      },
      line,
    );
  // A text of the table is on the line only when its word is (K.bearsslText).
  if (has(m, K.bearsslText)) {
    const candidates = [
      /(?:error|err)\s*(?:string|text)?\s*[=:]\s*['"]?([^'"]{8,160})/i.exec(line)?.[1],
      /(?:^|[\s=:(])['"]([^'"]{8,160})['"]/.exec(line)?.[1],
      line.slice(line.lastIndexOf(': ') + 2),
    ];
    for (const candidate of candidates) {
      const byText = candidate ? table.byText.get(normaliseText(candidate)) : undefined;
      if (byText) {
        add(s, line, n, byText, `'${candidate?.trim()}'`);
        return;
      }
    }
  }
  const num = has(m, K.err) ? NUMBER.exec(line) : null;
  if (!num?.[1]) return;
  const value = Number(num[1]);
  if (value >= 512 && value < 768) alertFinding(s, line, n, value - 512, false, 'bearssl');
  else if (value >= 256) alertFinding(s, line, n, value - 256, true, 'bearssl');
  else {
    const entry = table.byValue.get(value);
    if (entry) add(s, line, n, entry, num[1]);
  }
}
