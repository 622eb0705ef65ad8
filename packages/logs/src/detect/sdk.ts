// The IoT SDKs and MQTT clients on top of the TLS stacks: ESP-IDF esp-tls / esp-mqtt, the AWS IoT
// Device SDK for Embedded C v3 (IoT_Error_t), coreMQTT (MQTTStatus_t), the Azure IoT C SDK
// (tlsio_*, IOTHUB_CLIENT_CONNECTION_*), PubSubClient and the MQTT CONNACK return codes of
// MQTT 3.1.1 §3.2.2.3 (1 protocol version, 2 identifier rejected, 3 server unavailable, 4 bad user
// name or password, 5 not authorized). AWS IoT Core closes the connection instead of answering
// CONNECT when the certificate's policy does not allow it (documented in the AWS IoT developer
// guide, "Troubleshooting"), so a connection closed right after CONNECT is a rejection of the
// device identity, decided after TLS-level failures.

import { asDecoded, awsIotTable, espTlsTable, parseCodeNumber } from '../codes.js';
import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';

const AWS_ERROR = /(?:error|returned(?: error)?)\s*[(:]?\s*:?\s*(-\d{1,2})\b/i;
const ESP_TLS_CODE =
  /(?:esp-tls|esp_tls|connection|last error code)[^\n]*?(?:0x(80[0-3][0-9a-f])|\b(3276[89]|327[7-9]\d|3280\d|3281\d|3282[0-4]))\b/i;
const CONNACK_RC =
  /connack[^\n]{0,60}?(?:rc|return code|reason|code|status)\s*[=:]?\s*\(?(\d{1,3})\)?|connection refused?,?\s*(?:reason|return) code:?\s*\(?(\d{1,3})\)?|connection refused:?\s*(?:not authori[sz]ed|bad user ?name or password|identifier rejected|unacceptable protocol version|server unavailable)|refused, not authori[sz]ed|mqtt_connect_unauthorized|not authori[sz]ed|bad user ?name or password/i;

/** Reads SDK-level codes and MQTT session outcomes. */
export function detectSdk(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  // ESP-IDF esp-tls error codes (0x8001.. or decimal 32769..).
  if (
    (has(m, K.espTlsContext) || has(m, K.failedToVerify)) &&
    (lower.includes('esp') ||
      lower.includes('tls') ||
      lower.includes('transport') ||
      lower.includes('error code'))
  ) {
    const code = has(m, K.espTlsContext) && has(m, K.espTlsNumber) ? ESP_TLS_CODE.exec(line) : null;
    if (code) {
      const value = code[1] ? parseCodeNumber(`0x${code[1]}`) : Number(code[2]);
      const entry = espTlsTable().byValue.get(value);
      if (entry) {
        const cause =
          entry.name.includes('RESOLVE_HOSTNAME') ||
          entry.name.includes('FAILED_CONNECT') ||
          entry.name.includes('CANNOT_CREATE_SOCKET')
            ? 'network'
            : entry.name.includes('CONNECTION_TIMEOUT') || entry.name.includes('TCP_CLOSED')
              ? 'network'
              : 'other';
        const strength =
          cause === 'network'
            ? STRENGTH.networkBefore
            : entry.name.includes('PARSE')
              ? STRENGTH.parse
              : STRENGTH.generic;
        s.add(
          {
            cause,
            detail: entry.name,
            strength,
            line: n,
            note: `esp-tls 0x${value.toString(16)} = ${entry.name}: ${entry.text}`,
            stack: 'esp-tls',
            code: asDecoded(code[0], entry),
            kind: cause === 'other' && strength === STRENGTH.generic ? 'generic' : 'plain',
          },
          line,
        );
      }
    }
    if (has(m, K.failedToVerify) && /failed to verify (?:peer |server )?certificate/.test(lower))
      s.add(
        {
          cause: 'unknown_ca',
          detail: 'esp_tls_verify_failed',
          strength: STRENGTH.verify - 2,
          line: n,
          note: 'esp-tls: the server certificate did not verify',
          stack: 'esp-tls',
          kind: 'verify-generic',
        },
        line,
      );
  }

  // AWS IoT Device SDK for Embedded C v3.
  if (
    has(m, K.awsError) &&
    (/aws|iot_tls|shadow|jobs|subscribe_publish|mqtt/i.test(line) || s.likelyStack() === 'aws-iot-c')
  ) {
    const r = AWS_ERROR.exec(line);
    if (r?.[1]) {
      const entry = awsIotTable().byValue.get(Number(r[1]));
      if (entry) awsMeaning(s, line, n, entry.name, entry.text, r[1], asDecoded(r[1], entry));
    }
  }

  // coreMQTT and other MQTT clients: the session after the TLS handshake.
  if (
    has(m, K.mqttWords) &&
    (lower.includes('connack') ||
      lower.includes('mqtt') ||
      lower.includes('authori') ||
      lower.includes('password'))
  ) {
    const rc = CONNACK_RC.exec(line);
    if (rc) {
      const num = rc[1] ?? rc[2];
      connack(s, line, n, num !== undefined ? Number(num) : rc[0].toLowerCase());
    } else if (
      /connack recv failed|mqttrecvfailed|failed to receive connack|connack not received|no connack|mqtt_connect\(\) failed.*recv|closed[^\n]{0,30}after[^\n]{0,10}connect/i.test(
        line,
      )
    )
      s.add(
        {
          cause: 'peer_rejected_client_cert',
          detail: 'closed_after_mqtt_connect',
          strength: STRENGTH.afterConnect,
          line: n,
          note: 'the broker closed the connection instead of answering MQTT CONNECT (AWS IoT does this when the certificate or its policy is not allowed)',
          stack: 'coremqtt',
          kind: 'after-connect',
        },
        line,
      );
    else if (/mqttnomemory|mqtt[^\n]{0,40}buffer too (?:small|short)/i.test(line))
      s.add(
        {
          cause: 'other',
          detail: 'mqtt_buffer_too_small',
          strength: STRENGTH.parse,
          line: n,
          note: 'the MQTT packet buffer is too small',
          stack: 'coremqtt',
        },
        line,
      );
    else if (/mqttbadresponse|malformed (?:packet|connack)|invalid connack/i.test(line))
      s.add(
        {
          cause: 'other',
          detail: 'mqtt_protocol_error',
          strength: STRENGTH.parse,
          line: n,
          note: 'the broker answered with a malformed MQTT packet (or not MQTT)',
          stack: 'coremqtt',
        },
        line,
      );
  }

  // PubSubClient (Arduino): "failed, rc=N" with the client states of PubSubClient.h: -4 no CONNACK
  // in time (AWS IoT's answer to a refused certificate or policy), -2 the network client could not
  // connect (TCP or TLS, no reason given), 1..5 the CONNACK return codes.
  const pubsub = has(m, K.failed) ? /failed,?\s*rc\s*=\s*(-?\d)\b/i.exec(line) : null;
  if (pubsub?.[1] && /mqtt|connect/i.test(line)) pubSubClient(s, line, n, Number(pubsub[1]));

  // Azure IoT C SDK connection status callback.
  if (has(m, K.iothubConnection) && lower.includes('iothub_client_connection')) {
    if (/bad_credential|unauthenticated|device_disabled/i.test(line))
      s.add(
        {
          cause: 'peer_rejected_client_cert',
          detail: 'iothub_bad_credential',
          strength: STRENGTH.alert - 5,
          line: n,
          note: 'IoT Hub refused the device credentials',
          stack: 'azure-iot-c',
        },
        line,
      );
    else if (/no_network|communication_error/i.test(line))
      s.add(
        {
          cause: 'network',
          detail: 'iothub_no_network',
          strength: STRENGTH.networkCut,
          line: n,
          note: 'the Azure IoT SDK reports no network',
          stack: 'azure-iot-c',
        },
        line,
      );
    else if (/expired_sas_token/i.test(line))
      s.add(
        {
          cause: 'other',
          detail: 'expired_sas_token',
          strength: STRENGTH.parse,
          line: n,
          note: 'the SAS token expired (check the device clock and the token lifetime)',
          stack: 'azure-iot-c',
        },
        line,
      );
  }
  if (
    has(m, K.tlsio) &&
    /tlsio_\w+[^\n]*(?:failed|error)|xio_open failed|failure opening connection to endpoint/i.test(line) &&
    !/certificate verify|x509/i.test(line)
  )
    s.add(
      {
        cause: 'other',
        detail: 'tlsio_open_failed',
        strength: STRENGTH.generic,
        line: n,
        note: 'the Azure IoT SDK could not open its TLS connection',
        stack: 'azure-iot-c',
        kind: 'generic',
      },
      line,
    );
}

function awsMeaning(
  s: Scan,
  line: string,
  n: number,
  name: string,
  text: string,
  raw: string,
  code: ReturnType<typeof asDecoded>,
): void {
  const note = `AWS IoT SDK ${raw} = ${name}: ${text}`;
  const base = { line: n, note, stack: 'aws-iot-c' as const, code, detail: name };
  switch (name) {
    case 'NETWORK_ERR_NET_UNKNOWN_HOST':
    case 'NETWORK_ERR_NET_CONNECT_FAILED':
    case 'NETWORK_ERR_NET_SOCKET_FAILED':
    case 'TCP_CONNECTION_ERROR':
    case 'TCP_SETUP_ERROR':
      s.add({ ...base, cause: 'network', strength: STRENGTH.networkBefore }, line);
      return;
    case 'NETWORK_SSL_CONNECT_TIMEOUT_ERROR':
    case 'NETWORK_SSL_READ_TIMEOUT_ERROR':
    case 'NETWORK_DISCONNECTED_ERROR':
    case 'NETWORK_PHYSICAL_LAYER_DISCONNECTED':
      s.add({ ...base, cause: 'network', strength: STRENGTH.networkCut }, line);
      return;
    case 'NETWORK_X509_ROOT_CRT_PARSE_ERROR':
    case 'NETWORK_X509_DEVICE_CRT_PARSE_ERROR':
    case 'NETWORK_PK_PRIVATE_KEY_PARSE_ERROR':
    case 'NETWORK_SSL_CERT_ERROR':
      s.add(
        { ...base, cause: 'other', detail: 'certificate_or_key_parse_error', strength: STRENGTH.parse },
        line,
      );
      return;
    case 'MQTT_CONNACK_NOT_AUTHORIZED_ERROR':
    case 'MQTT_CONNACK_BAD_USERDATA_ERROR':
    case 'MQTT_CONNACK_IDENTIFIER_REJECTED_ERROR':
      s.add({ ...base, cause: 'peer_rejected_client_cert', strength: STRENGTH.alert - 5 }, line);
      return;
    case 'MQTT_CONNACK_UNACCEPTABLE_PROTOCOL_VERSION_ERROR':
      s.add(
        { ...base, cause: 'other', detail: 'mqtt_protocol_version_refused', strength: STRENGTH.parse },
        line,
      );
      return;
    case 'SSL_CONNECTION_ERROR':
    case 'NETWORK_SSL_INIT_ERROR':
    case 'NETWORK_SSL_UNKNOWN_ERROR':
    case 'MQTT_CONNECTION_ERROR':
    case 'FAILURE':
      s.add(
        {
          ...base,
          cause: 'other',
          detail: 'tls_connect_failed',
          strength: STRENGTH.generic,
          kind: 'generic',
        },
        line,
      );
      return;
    case 'MQTT_CONNECT_TIMEOUT_ERROR':
    case 'MQTT_REQUEST_TIMEOUT_ERROR':
      s.add(
        {
          ...base,
          cause: 'peer_rejected_client_cert',
          detail: 'no_connack',
          strength: STRENGTH.afterConnect - 5,
          kind: 'after-connect',
        },
        line,
      );
      return;
  }
}

function connack(s: Scan, line: string, n: number, rc: number | string): void {
  const text = typeof rc === 'string' ? rc : '';
  const code =
    typeof rc === 'number'
      ? rc
      : /protocol version/.test(text)
        ? 1
        : /identifier/.test(text)
          ? 2
          : /unavailable/.test(text)
            ? 3
            : /password|user ?name/.test(text)
              ? 4
              : 5;
  const base = { line: n, stack: 'unknown' as const };
  if (code === 0) return;
  if (code === 4 || code === 5 || code === 2 || code === 134 || code === 135 || code === 133)
    s.add(
      {
        ...base,
        cause: 'peer_rejected_client_cert',
        detail: `connack_refused_${code}`,
        strength: STRENGTH.alert - 5,
        note: `the broker refused MQTT CONNECT (return code ${code}: ${code === 2 || code === 133 ? 'identifier rejected' : code === 4 || code === 134 ? 'bad user name or password' : 'not authorized'})`,
        kind: 'after-connect',
      },
      line,
    );
  else if (code === 1 || code === 132)
    s.add(
      {
        ...base,
        cause: 'other',
        detail: 'mqtt_protocol_version_refused',
        strength: STRENGTH.parse,
        note: 'the broker refused the MQTT protocol version',
      },
      line,
    );
  else if (code === 3 || code === 136)
    s.add(
      {
        ...base,
        cause: 'other',
        detail: 'mqtt_server_unavailable',
        strength: STRENGTH.parse,
        note: 'the broker answered CONNACK "server unavailable"',
      },
      line,
    );
}

function pubSubClient(s: Scan, line: string, n: number, rc: number): void {
  if (rc >= 1) {
    connack(s, line, n, rc);
    return;
  }
  const base = { line: n, stack: 'unknown' as const };
  if (rc === -4)
    s.add(
      {
        ...base,
        cause: 'peer_rejected_client_cert',
        detail: 'no_connack',
        strength: STRENGTH.afterConnect - 5,
        note: 'PubSubClient: no CONNACK came back (MQTT_CONNECTION_TIMEOUT); AWS IoT stays silent this way when the certificate or its policy is refused',
        kind: 'after-connect',
      },
      line,
    );
  else if (rc === -2)
    s.add(
      {
        ...base,
        cause: 'other',
        detail: 'mqtt_transport_connect_failed',
        strength: STRENGTH.generic,
        note: 'PubSubClient: the network client could not connect (MQTT_CONNECT_FAILED: TCP or TLS, no reason given)',
        kind: 'generic',
      },
      line,
    );
  else if (rc === -3)
    s.add(
      {
        ...base,
        cause: 'network',
        detail: 'connection_lost',
        strength: STRENGTH.networkCut,
        note: 'PubSubClient: the connection was lost (MQTT_CONNECTION_LOST)',
      },
      line,
    );
}
