// What to do, per cause, naming what the log lets us name: the roots for the hub the device dialled
// and the format its stack loads them in, the SNTP step, the buffer sizes. Never "turn off
// verification": every remedy keeps the check and fixes its input.
//
// Buffer facts: a TLS record carries up to 2^14 bytes of plaintext (RFC 8446 §5.1, RFC 5246
// §6.2.1); mbedTLS sizes its input buffer with MBEDTLS_SSL_IN_CONTENT_LEN (default 16384) and its
// output buffer with MBEDTLS_SSL_OUT_CONTENT_LEN; a server only sends smaller records if the client
// negotiates max_fragment_length (RFC 6066 §4, MBEDTLS_SSL_MAX_FRAGMENT_LENGTH), which many cloud
// endpoints ignore — so the input buffer can only shrink when the server is known to honour it.

import type { HandshakeCause } from '@hubtrust/roots';
import type { StackId } from './explanation.js';
import { recommendedRootsForHost } from './remedy-roots.js';

/** What the remedy can use from the log. */
export interface RemedyInput {
  readonly cause: HandshakeCause;
  readonly detail: string;
  readonly stack: StackId;
  readonly host: string | null;
  readonly heapNote?: string;
}

/** The format each stack loads trust anchors in. */
function rootFormat(stack: StackId): string {
  switch (stack) {
    case 'mbedtls':
      return 'as one NUL-terminated PEM string with the roots concatenated, parsed with mbedtls_x509_crt_parse (Arduino WiFiClientSecure: setCACert; ESP-IDF: cacert_buf, or the certificate bundle esp_crt_bundle with these roots)';
    case 'esp-tls':
      return "in ESP-IDF's certificate bundle (esp_crt_bundle_attach; custom bundle with these roots) or as one concatenated PEM string in cacert_buf";
    case 'wolfssl':
      return 'as PEM (or DER) loaded with wolfSSL_CTX_load_verify_buffer, the roots concatenated in one PEM buffer';
    case 'bearssl':
      return 'as BearSSL trust anchors: BearSSL::X509List built from the PEMs (ESP8266 Arduino) or br_x509_trust_anchor structs generated with `brssl ta`';
    case 'axtls':
      return 'as DER loaded with ssl_obj_memory_load(SSL_OBJ_X509_CACERT) — but axTLS lacks the suites and key sizes current hubs use; moving to BearSSL or mbedTLS is the lasting fix';
    case 'openssl':
      return 'as a PEM CA file (CAfile / --cafile / SSL_CTX_load_verify_locations) containing the roots';
    case 'go':
      return 'in an x509.CertPool built from the PEMs (tls.Config.RootCAs)';
    case 'azure-iot-c':
      return 'in certs.c as one PEM string set with IoTHubDeviceClient_LL_SetOption(OPTION_TRUSTED_CERT)';
    case 'aws-iot-c':
    case 'coremqtt':
      return "as the root CA PEM given to the TLS transport (pRootCaPath / the rootCA file, or the PEM string of the platform's network credentials)";
    default:
      return 'as PEM, the roots concatenated, in the trust store the TLS stack loads';
  }
}

function rootsSentence(host: string | null, stack: StackId): string {
  const roots = host ? recommendedRootsForHost(host) : undefined;
  if (!host || !roots) {
    return `Add the root CA that issues the server's chain to the device's trust store ${rootFormat(stack)}; \`hubtrust\` (or \`openssl s_client -showcerts -connect HOST:PORT\`) shows which root the server's chain leads to.`;
  }
  const list = roots.names.map((n, i) => `${n} (${roots.slugs[i]})`).join(', ');
  if (roots.deprecated) {
    return `${host} is a deprecated endpoint (${roots.familyName}): ${roots.deprecated} Carry ${list}, ${rootFormat(stack)}.`;
  }
  return `For ${host} (${roots.familyName}) the device should carry, today: ${list} — ${rootFormat(stack)}. Carrying all of them keeps the device working through the hub's announced root migrations.`;
}

function clockSentence(stack: StackId): string {
  const how =
    stack === 'bearssl'
      ? 'on the ESP8266 Arduino core: configTime(0, 0, "pool.ntp.org") and wait until time(nullptr) passes a recent date before connect() (or setX509Time)'
      : stack === 'wolfssl'
        ? 'keep the RTC right (SNTP) before wolfSSL_connect, or provide XTIME/USER_TIME from a synced clock'
        : 'ESP-IDF: esp_sntp_init() (esp_netif_sntp_init) and wait for SNTP_SYNC_STATUS_COMPLETED; Arduino: configTime(...) and wait until time(nullptr) passes a recent date; Mbed OS/Zephyr: set the RTC from NTP';
  return `Set the device clock before the TLS handshake: run SNTP and wait for the first sync (${how}). Certificates are checked against the device time; with a clock at 1970 (or a hard-coded date) every current certificate is "not yet valid". Do not disable the date check.`;
}

function memorySentence(stack: StackId, heapNote?: string): string {
  const heap = heapNote ? ` The log shows: "${heapNote}".` : '';
  if (stack === 'axtls' || stack === 'bearssl') {
    return `The TLS buffers did not fit in the free heap.${heap} A TLS client needs a receive buffer for a full 16 KiB record (RFC 8446 §5.1) plus the chain: free heap before connecting (close other connections, allocate large buffers after the handshake), ${stack === 'bearssl' ? 'or use BearSSL::WiFiClientSecure::setBufferSizes(16384, 512) only with servers that honour max_fragment_length (probeMaxFragmentLength)' : 'and prefer BearSSL, which needs less heap than axTLS'}.`;
  }
  return `The TLS stack could not allocate its buffers or the chain.${heap} mbedTLS needs MBEDTLS_SSL_IN_CONTENT_LEN (16384, a full TLS record) + MBEDTLS_SSL_OUT_CONTENT_LEN + about 10-20 KiB for the handshake and the certificates, in contiguous blocks: lower MBEDTLS_SSL_OUT_CONTENT_LEN to 4096 (the device sends small records), enable dynamic buffers on ESP-IDF (CONFIG_MBEDTLS_DYNAMIC_BUFFER, CONFIG_MBEDTLS_DYNAMIC_FREE_CA_CERT), shrink MBEDTLS_SSL_IN_CONTENT_LEN only if the server honours max_fragment_length (MBEDTLS_SSL_MAX_FRAGMENT_LENGTH, mbedtls_ssl_conf_max_frag_len), and connect before allocating other large buffers (fragmentation: the largest free block is what counts).`;
}

/** The remedy text for an explanation. */
export function remedyFor(input: RemedyInput): string {
  const { cause, detail, stack, host } = input;
  switch (cause) {
    case 'handshake_success':
      return 'The TLS handshake completed and the device trusted the server: nothing to fix in TLS. If the application still fails, look above TLS (MQTT CONNECT, HTTP status, topics, policies).';
    case 'unknown_ca':
      return `The device does not trust the root the server's chain leads to (or the chain is incomplete). ${rootsSentence(host, stack)}`;
    case 'expired':
      return "A certificate of the server chain is past its notAfter while the device clock is right: renew it on the server (or, if it is the device's own root that expired, ship the successor root). If the device clock may be ahead, check its time source first.";
    case 'not_yet_valid_clock':
      return clockSentence(stack);
    case 'hostname_mismatch':
      return `Connect with the exact host name the server certificate names${host ? ` (${host})` : ''}, not an IP address or an alias, and pass it to the TLS stack for SNI and the name check (mbedtls_ssl_set_hostname, WiFiClientSecure connect(host, port), wolfSSL_check_domain_name / UseSNI). For Azure IoT Hub use <hub>.azure-devices.net; for AWS IoT Core the account's "-ats" endpoint.`;
    case 'protocol_mismatch':
      return "Client and server share no TLS version, cipher suite, curve or signature algorithm. Enable TLS 1.2 (required by Azure IoT Hub and AWS IoT Core; TLS 1.3 where the stack has it), ECDHE key exchange with AES-GCM suites, the P-256/P-384 curves and SHA-256/384 signatures (mbedTLS: MBEDTLS_SSL_PROTO_TLS1_2, MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED, MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED, MBEDTLS_ECP_DP_SECP256R1_ENABLED, MBEDTLS_ECP_DP_SECP384R1_ENABLED, MBEDTLS_GCM_C; LTE modules: select TLS 1.2 in the modem's SSL configuration).";
    case 'out_of_memory':
      return memorySentence(stack, input.heapNote);
    case 'network':
      return networkRemedy(detail, host);
    case 'peer_rejected_client_cert':
      return "The server refused the device's identity. Check that the client certificate and its private key are loaded and match, are not expired, and are registered and active on the hub: AWS IoT Core — certificate ACTIVE, attached to the thing, with a policy allowing iot:Connect for this client id (AWS closes the connection after MQTT CONNECT otherwise); Azure IoT Hub — the device's X.509 thumbprint or its CA registered and the device ID equal to the certificate CN; other brokers — the broker's CA must trust the device certificate's issuer.";
    default:
      return otherRemedy(detail, stack, input.heapNote);
  }
}

function networkRemedy(detail: string, host: string | null): string {
  const target = host ? ` (${host})` : '';
  if (detail.includes('dns') || detail.includes('UNKNOWN_HOST') || detail.includes('RESOLVE'))
    return `The host name${target} did not resolve before any TLS: check the configured endpoint string (an empty or mistyped host is common), DNS servers of the network, and that the network is up.`;
  if (detail === 'not_a_tls_endpoint')
    return `The server did not answer with TLS: the device dialled a plain-text port (MQTT 1883, HTTP 80) or a proxy. Use the TLS port of the service${target} (MQTT over TLS 8883, HTTPS and MQTT-over-WebSockets 443).`;
  return `The connection failed below TLS${target}: check the port (MQTT over TLS is 8883, HTTPS 443), that the network allows outbound connections to it (guest and corporate networks often block 8883), and the signal; retry with backoff.`;
}

function otherRemedy(detail: string, stack: StackId, heapNote?: string): string {
  if (detail === 'record_too_large' || detail === 'handshake_message_too_large')
    return `A TLS record or handshake message is larger than the device's input buffer. A TLS record may carry 16384 bytes (RFC 8446 §5.1): set MBEDTLS_SSL_IN_CONTENT_LEN to 16384 (or the stack's equivalent receive buffer), or negotiate a smaller maximum fragment length (RFC 6066; MBEDTLS_SSL_MAX_FRAGMENT_LENGTH) with a server known to honour it.${heapNote ? ` The log shows: "${heapNote}".` : ''}`;
  if (detail.endsWith('_rejected_by_profile'))
    return "The server's chain uses a key or hash the device's X.509 profile refuses (for example an RSA-1024 or SHA-1 CA). Connect to an endpoint with a current chain (RSA ≥ 2048 with SHA-256, or ECDSA P-256/P-384); do not weaken the device's profile.";
  if (detail === 'certificate_or_key_parse_error')
    return 'A certificate or key the device loads did not parse: check it is complete PEM (BEGIN/END lines, NUL-terminated for mbedTLS, newlines kept in C strings) or DER as the API expects, and that the key matches the certificate.';
  if (detail === 'entropy_source_failed')
    return 'The random generator could not be seeded: provide an entropy source (hardware RNG, mbedtls_entropy_add_source) before the handshake.';
  if (detail.startsWith('mqtt_'))
    return 'TLS worked; the MQTT session failed: check the MQTT protocol version, buffer sizes and that the endpoint is an MQTT broker.';
  if (detail === 'no_tls_evidence')
    return "The log shows no TLS outcome. Capture the connection attempt with the stack's debug output (ESP-IDF: CONFIG_MBEDTLS_DEBUG with level 2 for esp-tls; mbedTLS: mbedtls_debug_set_threshold(2); wolfSSL: wolfSSL_Debugging_ON; curl -v; openssl s_client) and run this again.";
  return `The failure is outside the causes hubtrust names (${detail}${stack !== 'unknown' ? `, ${stack}` : ''}); the evidence lines show what the stack reported.`;
}
