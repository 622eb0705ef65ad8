// Context that decides ambiguous findings and names things in remedies: the host the device
// dialled, the device clock, whether it presented a client certificate, how far the handshake got,
// which stack printed the log, and the lines that prove the handshake succeeded.

import { MBEDTLS_STATES } from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, Stage, type SuccessLevel } from '../scan.js';

const CLOUD_HOST =
  /\b([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:azure-devices\.net|azure-devices\.cn|azure-devices-provisioning\.net|azure-devices\.us|iot\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?))\b/i;
const URL_HOST =
  /\b(?:https?|mqtts?|wss?|ssl|tls|amqps?):\/\/(?:[^@/\s]+@)?([a-z0-9.-]+\.[a-z]{2,}|\[[0-9a-f:]+\]|\d{1,3}(?:\.\d{1,3}){3})/i;
const DIAL_HOST =
  /\b(?:connect(?:ing|ed)? to(?: host| server| broker)?|server_name=|host(?:name)?\s*[:=]|-h|sni[:=]?|endpoint[:=]?|broker)\s*['"(]?(?:tcp\/)?([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)/i;

const CLIENT_CERT =
  /client cert|device cert|--cert\b|\bcert(?:ificate)?\.pem\b|\bclient\.crt\b|certificate\.pem\.crt|loading (?:the )?(?:crt|client|device) cert|x509_device_crt|setcertificate|set_client_cert|client_cert|clientcert|certfile|--key\b|\bkey\.pem\b|private\.pem\.key|loading private key|mutual(?:ly)? auth|mtls\b|tls_mutual_auth/i;

const SERVER_SIDE =
  /new connection from \S+ on port \d+|client <unknown> disconnected|socket error on client <unknown>|opening ipv[46] listen socket|esp_https_server|ssl_alert\.erl|esockd/i;

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const CLOCK_LINE =
  /(?:current (?:date|time)|date\/time|system time|local time|time\s*(?:is|now|set)\b|\btime\s*:|now is|utc|setting time|time from|\bntp\b|\bsntp\b|epoch|gettimeofday|time\(\))/i;
const YEAR_IN_DATE = new RegExp(
  String.raw`\b(?:(19[6-9]\d|20\d\d)-\d\d-\d\d|(?:${MONTHS})[a-z]*\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+(?:[a-z]{3,4}\s+)?(19[6-9]\d|20\d\d)|\d{1,2}\s+(?:${MONTHS})[a-z]*\s+(19[6-9]\d|20\d\d))`,
  'i',
);
const CLOCK_UNSET =
  /time (?:is )?not (?:set|synced|synchroni[sz]ed)|waiting for (?:ntp|sntp|time)|dummy time|set_time\(\)|fixed (?:date|time)|clock (?:is )?not set|no time|time not valid|invalid time|year 1970|1970-01-01|jan\s+1\s+\d\d:\d\d:\d\d\s+1970/i;

/** Handshake progress as curl -v, OpenSSL's info callback, mbedTLS debug and common samples print it. */
function stageOf(lower: string): number | undefined {
  // curl -v: "* TLSv1.3 (OUT), TLS handshake, Client hello (1):"
  if (lower.includes('tls handshake,') || lower.includes('ssl handshake,')) {
    const out = lower.includes('(out)');
    if (lower.includes('client hello')) return Stage.helloSent;
    if (lower.includes('server hello')) return Stage.serverHello;
    if (lower.includes('request cert') || lower.includes('certificate request'))
      return Stage.certificateRequested;
    if (lower.includes('certificate (11)')) return out ? Stage.clientAuth : Stage.serverCertificate;
    if (lower.includes('client key exchange') || lower.includes('cert verify')) return Stage.clientAuth;
    if (lower.includes('finished')) return out ? Stage.clientAuth : Stage.finished;
  }
  // OpenSSL info callback: "SSL_connect:SSLv3/TLS write client hello"
  if (lower.includes('ssl_connect:')) {
    if (lower.includes('write client hello')) return Stage.helloSent;
    if (lower.includes('read server hello')) return Stage.serverHello;
    if (lower.includes('read server certificate')) return Stage.serverCertificate;
    if (lower.includes('certificate request')) return Stage.certificateRequested;
    if (lower.includes('write client certificate') || lower.includes('write client key exchange'))
      return Stage.clientAuth;
    if (lower.includes('read finished') || lower.includes('read server session ticket'))
      return Stage.finished;
  }
  // mbedTLS debug level 2: "=> parse server hello", "=> write certificate", "client state: 7"
  if (lower.includes('=> write client hello')) return Stage.helloSent;
  if (lower.includes('=> parse server hello')) return Stage.helloSent;
  if (lower.includes('<= parse server hello')) return Stage.serverHello;
  if (lower.includes('<= parse certificate request')) return Stage.certificateRequested;
  if (lower.includes('=> write certificate') || lower.includes('=> write client key exchange'))
    return Stage.clientAuth;
  const state = lower.includes('client state:') ? /client state:\s*(\d{1,2})\b/.exec(lower) : null;
  if (state) return mbedtlsStateStage(Number(state[1]));
  if (!lower.includes('mbedtls_ssl_')) return undefined;
  const named =
    /\bmbedtls_ssl_(hello_request|client_hello|server_hello|server_certificate|server_key_exchange|certificate_request|server_hello_done|client_certificate|client_key_exchange|certificate_verify|client_change_cipher_spec|client_finished|server_change_cipher_spec|server_finished|flush_buffers|handshake_wrapup|handshake_over)\b/g;
  let last: string | undefined;
  for (let m = named.exec(lower), i = 0; m && i < 8; m = named.exec(lower), i++) last = m[1];
  if (last) return mbedtlsStateStage(MBEDTLS_STATES.indexOf(`MBEDTLS_SSL_${last.toUpperCase()}`));
  return undefined;
}

/** mbedtls_ssl_states name the message the client waits for or writes next. */
function mbedtlsStateStage(state: number): number | undefined {
  const name = MBEDTLS_STATES[state];
  if (!name) return undefined;
  switch (name) {
    case 'MBEDTLS_SSL_HELLO_REQUEST':
    case 'MBEDTLS_SSL_CLIENT_HELLO':
    case 'MBEDTLS_SSL_SERVER_HELLO':
      return Stage.helloSent;
    case 'MBEDTLS_SSL_SERVER_CERTIFICATE':
      return Stage.serverHello;
    case 'MBEDTLS_SSL_SERVER_KEY_EXCHANGE':
    case 'MBEDTLS_SSL_CERTIFICATE_REQUEST':
    case 'MBEDTLS_SSL_SERVER_HELLO_DONE':
      return Stage.serverCertificate;
    case 'MBEDTLS_SSL_CLIENT_CERTIFICATE':
    case 'MBEDTLS_SSL_CLIENT_KEY_EXCHANGE':
    case 'MBEDTLS_SSL_CERTIFICATE_VERIFY':
    case 'MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC':
    case 'MBEDTLS_SSL_CLIENT_FINISHED':
      return Stage.clientAuth;
    default:
      return Stage.finished;
  }
}

/** Lines that prove the TLS session came up (and the device trusted the server). */
const SUCCESS: readonly [(m: Mask) => boolean, RegExp, string, SuccessLevel][] = [
  [
    (m) => has(m, K.handshakeWord) || has(m, K.protocolIs),
    /performing the ssl\/tls handshake\.*\s*ok|handshake\.*\s*ok\b|\[ protocol is tlsv/i,
    'the TLS handshake completed',
    'handshake',
  ],
  [
    (m) => has(m, K.successVerified),
    /verifying peer x\.509 certificate\.*\s*ok|certificate verified\.|ssl certificate verify ok|verify return code: 0 \(ok\)|verification: ok\b/i,
    'the device verified the server certificate',
    'verified',
  ],
  [
    (m) => has(m, K.successSession),
    /ssl connection using tls|new, tlsv1\.[0-3], cipher is|bssl:connected|tls connection established|established (?:a )?tls (?:connection|session)|tls session (?:established|negotiated)|ssl connection established/i,
    'a TLS session was established',
    'handshake',
  ],
  [
    (m) => has(m, K.successMqtt),
    /mqtt_event_connected|received connack \(0\)|connack[^\n]{0,40}(?:accepted|\(0\)|rc\s*[=:]\s*0\b|return code:?\s*0\b|session present)|connection accepted|mqtt connection (?:successfully )?established|connected to (?:the )?(?:mqtt )?broker|connected to aws iot|iothub_client_connection_authenticated|subscribe callback|received publish|suback/i,
    'the MQTT session over TLS came up',
    'app',
  ],
  [
    (m) => has(m, K.successHttp),
    /^\s*(?:[<*]\s*)?http\/[12](?:\.[01])? [1-5]\d\d\b|\+httpaction:\s*\d,\s*[1-5]\d\d,|http_event_on_connected|https? status\s*[=:]\s*[1-5]\d\d|status code:?\s*[1-5]\d\d\b/i,
    'the server answered over the connection',
    'app',
  ],
];

/** Words that tell which stack or client printed the log, each guarded by its key (keywords.ts). */
const STACK_HINTS: readonly [number, RegExp, Parameters<Scan['vote']>[0]][] = [
  [
    K.hintMbedtls,
    /mbedtls|mbed tls|esp-tls-mbedtls|ssl_client\.cpp|wificlientsecure|\bssl_tls\.c|ssl_cli\.c|ssl_tls12/i,
    'mbedtls',
  ],
  [K.hintWolfssl, /wolfssl|wolfcrypt/i, 'wolfssl'],
  [K.hintBearssl, /\bbssl:|bearssl|\bbr_ssl|\bbr_x509|print_br_error|\(sslclient\)/i, 'bearssl'],
  [K.hintAxtls, /axtls|ssl_display_error/i, 'axtls'],
  [K.hintOpenssl, /openssl|ssl routines|\bcurl\b|mosquitto|ssl_connect:|\bs_client/i, 'openssl'],
  [K.hintGo, /\bx509: |\btls: |remote error: tls|dial tcp/i, 'go'],
  [K.hintAzure, /tlsio_|iothub_client|azure iot|xio_|socketio_/i, 'azure-iot-c'],
  [K.hintAws, /aws_iot_|iot_tls_connect|aws iot sdk/i, 'aws-iot-c'],
  [K.hintCoremqtt, /coremqtt|mqtt_connect\(\)|transport_recv|mqttrecvfailed/i, 'coremqtt'],
  [K.hintEspTls, /esp-tls|esp_tls|transport_base|trans_ssl/i, 'esp-tls'],
];

/** Reads context from one line; returns nothing, fills the scan. */
export function detectContext(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  // Each block runs only when the line holds one of its keys (keywords.ts).
  if (s.totalVotes < MAX_HINT_VOTES)
    for (const [key, re, stack] of STACK_HINTS) if (has(m, key) && re.test(line)) s.vote(stack);

  if (
    s.mbedtlsVersion === undefined &&
    has(m, K.mbedtlsVersion) &&
    (lower.includes('tls') || lower.includes('idf') || lower.includes('ssl_'))
  ) {
    if (
      /mbed ?tls 3\.|ssl_tls13|ssl_tls12_client\.c|ssl_client\.c:\d|esp-idf v5|idf v5|\bv5\.\d+(?:\.\d+)?-/i.test(
        line,
      )
    )
      s.mbedtlsVersion = 3;
    else if (/mbed ?tls 2\.|ssl_cli\.c|esp-idf v[34]\.|idf v[34]\./i.test(line)) s.mbedtlsVersion = 2;
  }

  if (has(m, K.cloudHost) || has(m, K.urlHost) || has(m, K.dialHost)) {
    const cloud = has(m, K.cloudHost) ? CLOUD_HOST.exec(line) : null;
    const host =
      cloud?.[1] ??
      (has(m, K.urlHost) ? URL_HOST.exec(line)?.[1] : undefined) ??
      (has(m, K.dialHost) ? DIAL_HOST.exec(line)?.[1] : undefined);
    if (host && (cloud || !s.host || !isCloudHost(s.host))) {
      s.host = host.toLowerCase();
      s.note(n, line, `the device connects to ${s.host}`);
    }
  }

  if (!s.clientCert && has(m, K.clientCert) && CLIENT_CERT.test(line)) s.clientCert = true;
  // A broker's or server's own log (mosquitto, EMQX, esp_https_server): alerts it reports as
  // received were sent by the device, so they mean the device refused the server.
  if (!s.serverSide && has(m, K.serverSide) && SERVER_SIDE.test(line)) s.serverSide = true;

  if (has(m, K.stage)) {
    const stage = stageOf(lower);
    if (stage !== undefined) s.at(stage);
    if (
      stage === Stage.certificateRequested ||
      /certificate request|request cert|=> parse certificate request/i.test(line)
    )
      s.certificateRequested ||= !/no certificate request|skip parse certificate request/i.test(line);
  }

  if (has(m, K.clockUnset) && CLOCK_UNSET.test(line)) {
    s.clockUnset = true;
    s.note(n, line, 'the device clock is not set (or set to a fixed date)');
  }
  if (has(m, K.clockLine) && CLOCK_LINE.test(line)) {
    const date = YEAR_IN_DATE.exec(line);
    const year = date ? Number(date[1] ?? date[2] ?? date[3]) : undefined;
    if (year !== undefined) {
      s.clockYear = year;
      if (year < 2016) {
        s.clockUnset = true;
        s.note(n, line, `the device clock reads ${year}`);
      }
    }
  }

  for (const [gate, re, note, level] of SUCCESS) {
    if (gate(m) && re.test(line)) {
      s.success(n, line, note, level);
      break;
    }
  }
}

/** Stack hints are read until this many votes are in: enough to know the stack, bounded work. */
const MAX_HINT_VOTES = 500;
/** True for a host of a cloud hub the remedies know (Azure IoT Hub / DPS, AWS IoT Core). */
export function isCloudHost(host: string): boolean {
  return CLOUD_HOST.test(host);
}
