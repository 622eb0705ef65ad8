// One worked example per stack, written from each stack's documented messages (its headers and
// the strings of its sources), not copied from a device log. The tests run them; README.md shows
// them. Test-only: excluded from the build and the published files.

import type { HandshakeCause } from '@hubtrust/roots';
import type { StackId } from '../explanation.js';

export interface WorkedExample {
  readonly stack: StackId;
  readonly title: string;
  readonly log: string;
  readonly cause: HandshakeCause;
  readonly detail?: string;
  readonly remedyMentions?: readonly string[];
}

export const WORKED_EXAMPLES: readonly WorkedExample[] = [
  {
    stack: 'mbedtls',
    title: 'ESP-IDF esp-tls, Azure IoT Hub, root missing',
    log: [
      'I (5120) MQTT_CLIENT: connecting to mqtts://contoso-hub.azure-devices.net:8883',
      'E (5432) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700',
      'I (5433) esp-tls-mbedtls: Failed to verify peer certificate!',
      'E (5434) esp-tls-mbedtls: verification info:   ! The certificate is not correctly signed by the trusted CA',
      'E (5440) esp-tls: Failed to open new connection',
    ].join('\n'),
    cause: 'unknown_ca',
    detail: 'MBEDTLS_X509_BADCERT_NOT_TRUSTED',
    remedyMentions: ['DigiCert Global Root G2', 'esp_crt_bundle'],
  },
  {
    stack: 'wolfssl',
    title: 'wolfSSL client, unset clock',
    log: [
      'I (800) app: Connecting to broker.example.com:8883',
      'E (1520) app: wolfSSL_connect error -150, ASN_BEFORE_DATE_E',
    ].join('\n'),
    cause: 'not_yet_valid_clock',
    detail: 'ASN_BEFORE_DATE_E',
    remedyMentions: ['SNTP'],
  },
  {
    stack: 'bearssl',
    title: 'ESP8266 BearSSL::WiFiClientSecure, wrong trust anchor',
    log: [
      '[HTTPS] begin... https://api.example.org/v1/ping',
      'BSSL:_wait_for_handshake: failed',
      "BSSL:Couldn't connect. Error = 'Chain could not be linked to a trust anchor.'",
    ].join('\n'),
    cause: 'unknown_ca',
    detail: 'BR_ERR_X509_NOT_TRUSTED',
    remedyMentions: ['X509List'],
  },
  {
    stack: 'axtls',
    title: 'ESP8266 axTLS, server wants a cipher axTLS lacks',
    log: ['connected. starting TLS session...', 'Error: SSL error 40', 'ssl handshake failed: -266'].join(
      '\n',
    ),
    cause: 'protocol_mismatch',
  },
  {
    stack: 'openssl',
    title: 'curl, server chain from a private CA',
    log: [
      '* Connected to gateway.example.net (203.0.113.7) port 443 (#0)',
      '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
      '* TLSv1.3 (IN), TLS handshake, Certificate (11):',
      '* TLSv1.3 (OUT), TLS alert, unknown CA (560):',
      '* SSL certificate problem: unable to get local issuer certificate',
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    ].join('\n'),
    cause: 'unknown_ca',
    detail: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  },
  {
    stack: 'go',
    title: 'Go client (paho.mqtt.golang), name mismatch',
    log: 'mqtt connect: x509: certificate is valid for broker.internal, not broker.example.com',
    cause: 'hostname_mismatch',
  },
  {
    stack: 'azure-iot-c',
    title: 'Azure IoT C SDK, device credentials refused',
    log: [
      'Info: IoT Hub connecting to contoso-hub.azure-devices.net',
      'The device client is disconnected: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL',
    ].join('\n'),
    cause: 'peer_rejected_client_cert',
  },
  {
    stack: 'aws-iot-c',
    title: 'AWS IoT Device SDK for Embedded C v3, endpoint does not resolve',
    log: [
      'AWS IoT SDK Version 3.0.1-',
      'Connecting...',
      'ERROR: aws_iot_mqtt_connect L#310 Error(-23) connecting to xxxxx-ats.iot.us-east-1.amazonaws.com:8883',
    ].join('\n'),
    cause: 'network',
    detail: 'NETWORK_ERR_NET_UNKNOWN_HOST',
  },
  {
    stack: 'coremqtt',
    title: 'coreMQTT on AWS IoT, policy does not allow the client id',
    log: [
      '[INFO] Establishing a TLS session to d1234-ats.iot.eu-central-1.amazonaws.com:8883.',
      '[INFO] TLS connection established',
      '[ERROR] CONNACK recv failed with status = MQTTRecvFailed.',
      '[ERROR] Connection with MQTT broker failed with status MQTTRecvFailed.',
    ].join('\n'),
    cause: 'peer_rejected_client_cert',
    detail: 'closed_after_mqtt_connect',
  },
  {
    stack: 'esp-tls',
    title: 'ESP-IDF esp-mqtt, broker unreachable',
    log: [
      'E (12010) esp-tls: [sock=54] select() timeout',
      'E (12011) TRANSPORT_BASE: Failed to open a new connection: 32774',
      'E (12012) MQTT_CLIENT: Error transport connect',
      'I (12013) MQTT_CLIENT: Last error code reported from esp-tls: 0x8006',
    ].join('\n'),
    cause: 'network',
    detail: 'ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT',
  },
];
