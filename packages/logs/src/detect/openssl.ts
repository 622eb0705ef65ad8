// OpenSSL and its clients: curl, mosquitto_pub/sub, openssl s_client, Node.js, Python, the Azure
// IoT C SDK's tlsio_openssl. Reads
// - error queue lines "error:0A000086:SSL routines::certificate verify failed" (OpenSSL 3: lib in
//   bits 23..30, reason in bits 0..22) and "error:14090086:SSL routines:ssl3_get_server_certificate:
//   certificate verify failed" (1.x: lib in bits 24..31, reason in bits 0..11),
// - X509_verify_cert_error_string texts ("unable to get local issuer certificate") and numbers
//   ("verify error:num=20", "Verify return code: 10 (certificate has expired)"),
// - Node's codes (UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID),
// - received alerts ("sslv3 alert handshake failure", "tlsv1 alert unknown ca", "SSL alert number 48"),
// - curl's exit codes and messages, mosquitto's error lines.
// Tables: src/tables/openssl.generated.ts (x509_vfy.h, sslerr.h and libssl's own texts).

import {
  asDecoded,
  type CodeEntry,
  longestTextIn,
  normaliseText,
  opensslSslTable,
  opensslX509Table,
} from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';
import { alertFinding, alertNumberFromText } from './alerts.js';
import type { Meaning } from './meaning.js';

/** X509_V_ERR_* (names without the prefix) → cause. */
function x509Meaning(name: string): Meaning {
  switch (name) {
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_UNTRUSTED':
    case 'CERT_SIGNATURE_FAILURE':
    case 'UNABLE_TO_DECRYPT_CERT_SIGNATURE':
    case 'CERT_CHAIN_TOO_LONG':
      return { cause: 'unknown_ca', strength: STRENGTH.trust + 3 };
    case 'CERT_HAS_EXPIRED':
      return { cause: 'expired', strength: STRENGTH.specific + 2 };
    case 'CERT_NOT_YET_VALID':
      return { cause: 'not_yet_valid_clock', strength: STRENGTH.specific + 3 };
    case 'HOSTNAME_MISMATCH':
    case 'IP_ADDRESS_MISMATCH':
    case 'EMAIL_MISMATCH':
      return { cause: 'hostname_mismatch', strength: STRENGTH.specific };
    case 'EE_KEY_TOO_SMALL':
    case 'CA_KEY_TOO_SMALL':
    case 'CA_MD_TOO_WEAK':
      return { cause: 'other', strength: STRENGTH.specific + 1, detail: 'weak_key_rejected_by_profile' };
    case 'CERT_REVOKED':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_revoked' };
    case 'INVALID_CA':
    case 'INVALID_PURPOSE':
    case 'PATH_LENGTH_EXCEEDED':
    case 'KEYUSAGE_NO_CERTSIGN':
      return { cause: 'other', strength: STRENGTH.trust - 2, detail: 'certificate_usage_mismatch' };
    case 'OK':
      return { cause: 'handshake_success', strength: 0 };
    default:
      return { cause: 'other', strength: STRENGTH.verify, detail: `X509_V_ERR_${name}` };
  }
}

/** SSL_R_* (names without the prefix) that decide a cause on their own. */
function sslReasonMeaning(name: string): Meaning | undefined {
  switch (name) {
    case 'CERTIFICATE_VERIFY_FAILED':
      return { cause: 'unknown_ca', strength: STRENGTH.verify, kind: 'verify-generic' };
    case 'WRONG_VERSION_NUMBER':
    case 'HTTP_REQUEST':
    case 'UNKNOWN_PROTOCOL':
    case 'PACKET_LENGTH_TOO_LONG':
      return { cause: 'network', strength: STRENGTH.unresolvedAlert, detail: 'not_a_tls_endpoint' };
    case 'UNSUPPORTED_PROTOCOL':
    case 'NO_PROTOCOLS_AVAILABLE':
    case 'NO_SHARED_CIPHER':
    case 'NO_CIPHERS_AVAILABLE':
    case 'NO_SUITABLE_SIGNATURE_ALGORITHM':
    case 'NO_SHARED_SIGNATURE_ALGORITHMS':
    case 'UNSAFE_LEGACY_RENEGOTIATION_DISABLED':
    case 'WRONG_SSL_VERSION':
    case 'VERSION_TOO_LOW':
    case 'VERSION_TOO_HIGH':
    case 'DH_KEY_TOO_SMALL':
      return { cause: 'protocol_mismatch', strength: STRENGTH.protocol };
    case 'PEER_DID_NOT_RETURN_A_CERTIFICATE':
      return { cause: 'peer_rejected_client_cert', strength: STRENGTH.alert };
    case 'CA_MD_TOO_WEAK':
    case 'EE_KEY_TOO_SMALL':
    case 'CA_KEY_TOO_SMALL':
      return { cause: 'other', strength: STRENGTH.specific + 1, detail: 'weak_key_rejected_by_profile' };
    case 'UNEXPECTED_EOF_WHILE_READING':
      return { cause: 'network', strength: STRENGTH.networkCut };
    case 'RECORD_LENGTH_MISMATCH':
    case 'DATA_LENGTH_TOO_LONG':
    case 'ENCRYPTED_LENGTH_TOO_LONG':
      return { cause: 'other', strength: STRENGTH.parse, detail: 'record_too_large' };
  }
  return undefined;
}

const ERR_QUEUE = /error:([0-9a-f]{8}):([^:\n]*):([^:\n]*):([^\n]+)/i;
const VERIFY_NUM =
  /(?:verify error:num=|verify return code:\s*|verify_result[:=]\s*|x509_v_err(?:or)?[:=]\s*)(\d{1,3})\b/i;
const NODE_CODE =
  /\b(UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REVOKED|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)\b/;
const ALERT_TEXT =
  /\b(?:sslv3|tlsv1|tlsv13|tls) alert ([a-z ]+?)(?:\s*[:(,)]|\s*$)|ssl alert number (\d{1,3})/i;
const CURL_EXIT = /\bcurl: \((\d{1,2})\)/;
const HOSTNAME_TEXT =
  /host ?name verification failed|hostname mismatch|does not match (?:target )?host ?name|no alternative certificate subject name matches|certificate subject name .* does not match|doesn't match (?:common name|any of the subject alternative names)|hostname\/ip does not match/i;

/** The longest X509_verify_cert_error_string text (12+ characters) contained in a normalised line. */
function x509TextIn(normalisedLine: string): CodeEntry | undefined {
  return longestTextIn(opensslX509Table(), normalisedLine, 12);
}

function addX509(s: Scan, line: string, n: number, entry: CodeEntry, raw: string): void {
  const m = x509Meaning(entry.name);
  if (m.cause === 'handshake_success') return;
  s.add(
    {
      cause: m.cause,
      detail: m.detail ?? `X509_V_ERR_${entry.name}`,
      strength: m.strength,
      line: n,
      note: `OpenSSL verify error ${raw}: X509_V_ERR_${entry.name} (${entry.text})`,
      stack: 'openssl',
      code: asDecoded(raw, { ...entry, name: `X509_V_ERR_${entry.name}` }),
    },
    line,
  );
}

/** Reads OpenSSL-family lines. */
export function detectOpenssl(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  const queue = has(m, K.errorColon) ? ERR_QUEUE.exec(line) : null;
  if (queue?.[1]) {
    const packed = Number.parseInt(queue[1], 16);
    const v3 = packed >>> 23 === 20; // ERR_LIB_SSL in OpenSSL 3 packing
    const reason = v3 ? packed & 0x7fffff : packed & 0xfff;
    const lib = v3 ? packed >>> 23 : packed >>> 24;
    if (lib === 20) {
      const entry = opensslSslTable().byValue.get(reason);
      if (entry) opensslReason(s, line, n, entry, queue[1]);
    }
  } else if (has(m, K.alert) && lower.includes('alert')) {
    const a = ALERT_TEXT.exec(line);
    const alert = a ? (a[2] ? Number(a[2]) : alertNumberFromText(a[1] ?? '')) : undefined;
    if (alert !== undefined) alertFinding(s, line, n, alert, true, 'openssl');
  }

  // curl -v alert lines: "* TLSv1.3 (OUT), TLS alert, certificate expired (557):"
  const curlAlert = has(m, K.curlAlert) ? /\((in|out)\), tls alert, ([a-z ]+?) \((\d+)\)/i.exec(line) : null;
  if (curlAlert) {
    const alert = alertNumberFromText(curlAlert[2] ?? '') ?? Number(curlAlert[3]) & 0xff;
    if (alert !== 0) alertFinding(s, line, n, alert, curlAlert[1]?.toLowerCase() === 'in', 'openssl');
  }

  const num = has(m, K.verifyNum) ? VERIFY_NUM.exec(line) : null;
  if (num?.[1] && Number(num[1]) !== 0) {
    const entry = opensslX509Table().byValue.get(Number(num[1]));
    if (entry) addX509(s, line, n, entry, num[1]);
  } else {
    const node = has(m, K.nodeCode) ? NODE_CODE.exec(line) : null;
    if (node?.[1]) {
      const name = node[1] === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'HOSTNAME_MISMATCH' : node[1];
      const entry = opensslX509Table().byName.get(name);
      if (entry) addX509(s, line, n, entry, node[1]);
    } else if (
      (has(m, K.x509Context) || has(m, K.self)) &&
      /certificate|verify|issuer|self.signed|ssl|x509/i.test(line)
    ) {
      // "SSL certificate problem: certificate has expired", "verify error:... :unable to get local issuer certificate"
      // The reason may sit anywhere on the line (Python: "certificate verify failed: <reason> (_ssl.c:1129)").
      // Only a line holding two words of the texts can hold one (K.x509Text, K.x509Text2).
      const entry = has(m, K.x509Text) && has(m, K.x509Text2) ? x509TextIn(normaliseText(line)) : undefined;
      if (entry && entry.name !== 'OK') addX509(s, line, n, entry, `'${entry.text}'`);
      else if (has(m, K.certificateVerifyFailed) && lower.includes('certificate verify failed'))
        s.add(
          {
            cause: 'unknown_ca',
            detail: 'CERTIFICATE_VERIFY_FAILED',
            strength: STRENGTH.verify,
            line: n,
            note: 'OpenSSL: certificate verify failed (the reason is on another line, or not printed)',
            stack: 'openssl',
            kind: 'verify-generic',
          },
          line,
        );
    }
  }

  if (has(m, K.hostnameText) && HOSTNAME_TEXT.test(line))
    s.add(
      {
        cause: 'hostname_mismatch',
        detail: 'hostname_verification_failed',
        strength: STRENGTH.specific,
        line: n,
        note: 'the server certificate does not name the host the client asked for',
        stack: 'openssl',
      },
      line,
    );
  if (
    has(m, K.notTls) &&
    /wrong version number|first record does not look like a tls handshake|packet length too long|http request/i.test(
      line,
    ) &&
    !queue
  )
    s.add(
      {
        cause: 'network',
        detail: 'not_a_tls_endpoint',
        strength: STRENGTH.unresolvedAlert,
        line: n,
        note: 'the peer did not answer with TLS: wrong port, a plain-text listener or a proxy',
        stack: 'openssl',
      },
      line,
    );

  const curl = has(m, K.curlExit) ? CURL_EXIT.exec(line) : null;
  if (curl?.[1]) curlExit(s, line, n, Number(curl[1]));

  if (
    has(m, K.errorSpace) &&
    /^\s*error: (?:unknown error|a tls error occurred|protocol error|connection refused|lookup error)\.?\s*$/i.test(
      line,
    )
  ) {
    if (lower.includes('connection refused') || lower.includes('lookup error'))
      s.add(
        {
          cause: 'network',
          detail: 'connect_failed',
          strength: STRENGTH.networkBefore,
          line: n,
          note: 'the client could not reach the broker',
          stack: 'openssl',
        },
        line,
      );
    else
      s.add(
        {
          cause: 'other',
          detail: 'unexplained_tls_failure',
          strength: STRENGTH.generic,
          line: n,
          note: 'the client reports a failure without a reason',
          stack: 'openssl',
          kind: 'generic',
        },
        line,
      );
  }
}

function opensslReason(s: Scan, line: string, n: number, entry: CodeEntry, raw: string): void {
  // SSL_R_SSLV3_ALERT_* / TLSV1_ALERT_* / TLSV13_ALERT_* = 1000 + the alert received.
  if (entry.value >= 1000 && entry.value < 1256) {
    alertFinding(s, line, n, entry.value - 1000, true, 'openssl');
    return;
  }
  const m = sslReasonMeaning(entry.name);
  if (!m) return;
  s.add(
    {
      cause: m.cause,
      detail: m.detail ?? `SSL_R_${entry.name}`,
      strength: m.strength,
      line: n,
      note: `OpenSSL error ${raw}: SSL_R_${entry.name} (${entry.text})`,
      stack: 'openssl',
      code: asDecoded(raw, { ...entry, name: `SSL_R_${entry.name}` }),
      kind: m.kind,
    },
    line,
  );
}

/** curl's exit codes (libcurl-errors(3)) that name a TLS or network cause. */
function curlExit(s: Scan, line: string, n: number, code: number): void {
  const table: Record<number, Meaning> = {
    6: { cause: 'network', strength: STRENGTH.networkBefore, detail: 'dns_failed' },
    7: { cause: 'network', strength: STRENGTH.networkBefore, detail: 'connect_failed' },
    28: { cause: 'network', strength: STRENGTH.networkBefore, detail: 'timeout' },
    35: { cause: 'other', strength: STRENGTH.generic, detail: 'CURLE_SSL_CONNECT_ERROR' },
    51: { cause: 'hostname_mismatch', strength: STRENGTH.specific, detail: 'CURLE_PEER_FAILED_VERIFICATION' },
    56: { cause: 'network', strength: STRENGTH.networkCut, detail: 'recv_failed' },
    58: { cause: 'other', strength: STRENGTH.parse, detail: 'client_certificate_load_failed' },
    60: { cause: 'unknown_ca', strength: STRENGTH.verify, detail: 'CURLE_PEER_FAILED_VERIFICATION' },
    77: { cause: 'other', strength: STRENGTH.parse, detail: 'ca_bundle_load_failed' },
  };
  const m = table[code];
  if (!m) return;
  s.add(
    {
      cause: m.cause,
      detail: m.detail ?? `curl_${code}`,
      strength: m.strength,
      line: n,
      note: `curl exit code ${code}`,
      stack: 'openssl',
      kind: code === 35 ? 'generic' : 'plain',
    },
    line,
  );
}
