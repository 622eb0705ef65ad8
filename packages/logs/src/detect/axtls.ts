// axTLS (ESP8266 Arduino core before 2.5, MicroPython's ussl on ESP8266, esp-open-rtos): return
// codes of ssl.h (-256..-274), X509 codes offset by SSL_X509_OFFSET (-512) and alerts the server
// sent, which ssl_display_error() prints as "SSL error N" (N = the alert number, codes -1..-255)
// and DISPLAY_ALERT as "Alert: <name>". The ESP8266 port (axtls-8266) grows its buffers on demand;
// "failed to grow plain buffer" is that allocation failing, while "TLS buffer overflow, record
// size" is a record larger than the fixed buffer.

import { axtlsSslTable, axtlsX509Table, type CodeEntry, normaliseText } from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';
import { alertFinding, alertNumberFromText } from './alerts.js';
import { addCode, type Meaning } from './meaning.js';

function meaningOf(name: string): Meaning | undefined {
  switch (name) {
    case 'SSL_ERROR_INVALID_PROT_MSG':
    case 'SSL_ERROR_INVALID_HANDSHAKE':
      return { cause: 'protocol_mismatch', strength: STRENGTH.unresolvedAlert + 5 };
    case 'SSL_ERROR_INVALID_VERSION':
    case 'SSL_ERROR_NO_CIPHER':
    case 'SSL_ERROR_UNSUPPORTED_EXTENSION':
    case 'SSL_ERROR_INVALID_CERT_HASH_ALG':
    case 'SSL_ERROR_NOT_SUPPORTED':
      return { cause: 'protocol_mismatch', strength: STRENGTH.protocol };
    case 'SSL_ERROR_RECORD_OVERFLOW':
      return { cause: 'other', strength: STRENGTH.specific, detail: 'record_too_large' };
    case 'SSL_ERROR_CONN_LOST':
    case 'SSL_ERROR_DEAD':
      return { cause: 'network', strength: STRENGTH.networkCut };
    case 'SSL_ERROR_NO_CERT_DEFINED':
      return { cause: 'peer_rejected_client_cert', strength: STRENGTH.alert - 5 };
    case 'SSL_ERROR_BAD_CERTIFICATE':
      return { cause: 'unknown_ca', strength: STRENGTH.verify - 5 };
    case 'X509_VFY_ERROR_NO_TRUSTED_CERT':
    case 'X509_VFY_ERROR_SELF_SIGNED':
      return { cause: 'unknown_ca', strength: STRENGTH.trust };
    case 'X509_VFY_ERROR_INVALID_CHAIN':
    case 'X509_VFY_ERROR_BAD_SIGNATURE':
    case 'X509_NOT_OK':
      return { cause: 'unknown_ca', strength: STRENGTH.verify };
    case 'X509_VFY_ERROR_NOT_YET_VALID':
      return { cause: 'not_yet_valid_clock', strength: STRENGTH.specific };
    case 'X509_VFY_ERROR_EXPIRED':
      return { cause: 'expired', strength: STRENGTH.specific };
    case 'X509_VFY_ERROR_UNSUPPORTED_DIGEST':
      return { cause: 'other', strength: STRENGTH.specific, detail: 'weak_hash_rejected_by_profile' };
    case 'X509_VFY_ERROR_BASIC_CONSTRAINT':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_usage_mismatch' };
    case 'SSL_NOT_OK':
    case 'SSL_CLOSE_NOTIFY':
      return undefined;
  }
  return { cause: 'other', strength: STRENGTH.generic, detail: name };
}

function add(s: Scan, line: string, n: number, entry: CodeEntry, raw: string): void {
  addCode(s, { stack: 'axtls', label: 'axTLS', line, n }, entry, raw, meaningOf(entry.name));
}

const CODE = /(?:^|[^\w.-])(-(?:2[5-7]\d|5[12]\d))\b/;
const SSL_ERROR_N = /\bssl error (\d{1,3})\b/i;
const ALERT_LINE = /^\s*alert:\s*(.+?)\s*$/i;

/** Reads axTLS codes, "SSL error N" alerts, DISPLAY_ALERT lines and the ESP8266 buffer messages. */
export function detectAxtls(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  if (
    has(m, K.axtlsRecord) &&
    (lower.includes('tls buffer overflow') || (lower.includes('record size') && lower.includes('overflow')))
  ) {
    s.add(
      {
        cause: 'other',
        detail: 'record_too_large',
        strength: STRENGTH.specific,
        line: n,
        note: 'a TLS record is larger than the axTLS receive buffer',
        stack: 'axtls',
      },
      line,
    );
    return;
  }
  if (
    has(m, K.axtlsGrow) &&
    (lower.includes('failed to grow') || /need_bytes\s*=\s*\d+\s*>\s*\d+/.test(lower))
  ) {
    s.add(
      {
        cause: 'out_of_memory',
        detail: 'tls_buffer_allocation',
        strength: STRENGTH.memory,
        line: n,
        note: 'the TLS buffer could not grow: not enough free heap',
        stack: 'axtls',
      },
      line,
    );
    return;
  }
  const alertLine = has(m, K.alertColon) ? ALERT_LINE.exec(line) : null;
  if (alertLine?.[1]) {
    const text = alertLine[1].replace(/^alert - /i, '');
    const unknown = /\(unknown (\d{1,3})\)/i.exec(text);
    const alert = unknown ? Number(unknown[1]) : alertNumberFromText(text);
    if (alert !== undefined && alert !== 0) alertFinding(s, line, n, alert, true, 'axtls');
    return;
  }
  const sslError = has(m, K.sslErrorN) ? SSL_ERROR_N.exec(line) : null;
  if (sslError?.[1] && !lower.includes('bssl') && s.likelyStack() !== 'bearssl') {
    const v = Number(sslError[1]);
    if (v > 0 && v < 256) alertFinding(s, line, n, v, true, 'axtls');
    return;
  }
  const code = has(m, K.axtlsCode) && has(m, K.axtlsContext) ? CODE.exec(line) : null;
  if (code?.[1] && /ssl|tls|handshake|axtls|connect/i.test(line)) {
    const value = Number(code[1]);
    const entry =
      value <= -512 ? axtlsX509Table().byValue.get(value + 512) : axtlsSslTable().byValue.get(value);
    if (entry) add(s, line, n, entry, code[1]);
    return;
  }
  if (
    has(m, K.errorColonOrVerify) &&
    has(m, K.axtlsText) &&
    (lower.includes('error:') || lower.includes('verify'))
  ) {
    const tail = normaliseText(line.replace(/^.*?(?:error|verify)[^:]*:\s*/i, ''));
    const entry = axtlsX509Table().byText.get(tail);
    if (entry) add(s, line, n, entry, `'${entry.text}'`);
  }
}
