// One pass over a lower-cased line finds which detectors have anything to look at: an Aho-Corasick
// automaton over the stems every detector's patterns need (Aho & Corasick, "Efficient string
// matching", CACM 18(6), 1975). A line costs one walk of its characters whatever the number of
// stems, so the ~220k lines of a 10 MiB console log are sorted in a few hundred milliseconds and
// only the few that matter meet the regular expressions. Characters outside ASCII reset the walk
// (no stem contains them).

/** Stem groups; a line's mask has the bit of every group one of whose stems it contains. */
export const GROUPS = {
  hints: [
    'mbedtls',
    'mbed tls',
    'esp-tls',
    'ssl_client',
    'wificlientsecure',
    'ssl_tls',
    'ssl_cli',
    'wolfssl',
    'wolfcrypt',
    'bssl:',
    'bearssl',
    'br_ssl',
    'br_x509',
    'print_br_error',
    '(sslclient)',
    'axtls',
    'ssl_display_error',
    'openssl',
    'ssl routines',
    'curl',
    'mosquitto',
    'ssl_connect:',
    's_client',
    'x509: ',
    'tls: ',
    'dial tcp',
    'tlsio_',
    'iothub_client',
    'azure iot',
    'xio_',
    'socketio_',
    'aws_iot_',
    'iot_tls_connect',
    'aws iot sdk',
    'coremqtt',
    'mqtt_connect()',
    'transport_recv',
    'mqttrecvfailed',
    'esp_tls',
    'transport_base',
    'trans_ssl',
    'idf v',
    'esp-idf',
  ],
  host: [
    '://',
    'connecting to',
    'connected to',
    'connect to',
    'server_name=',
    'host:',
    'host=',
    'host ',
    'hostname',
    '-h ',
    'sni',
    'endpoint',
    'broker',
    'azure-devices',
    'amazonaws',
  ],
  cert: [
    'client cert',
    'device cert',
    '--cert',
    'cert.pem',
    'client.crt',
    '.pem.crt',
    'crt cert',
    'x509_device',
    'setcertificate',
    'set_client_cert',
    'client_cert',
    'clientcert',
    'certfile',
    '--key',
    'key.pem',
    '.pem.key',
    'private key',
    'mutual',
    'mtls',
  ],
  server: ['new connection from', 'client <unknown>', 'listen socket', 'https_server', 'ssl_alert', 'esockd'],
  stage: [
    'hello',
    'client state',
    'mbedtls_ssl_',
    'tls handshake,',
    'ssl handshake,',
    'ssl_connect:',
    '=> parse',
    '<= parse',
    '=> write',
    'certificate request',
    'request cert',
    'cert verify',
    'key exchange',
    'finished',
  ],
  clock: [
    'current date',
    'current time',
    'date/time',
    'system time',
    'local time',
    'time is',
    'time now',
    'time set',
    'time:',
    'now is',
    'utc',
    'setting time',
    'time from',
    'ntp',
    'epoch',
    'gettimeofday',
    'time()',
    '1970',
    'dummy time',
    'set_time',
    'fixed date',
    'fixed time',
    'clock',
    'no time',
    'time not',
    'invalid time',
    'waiting for',
  ],
  success: [
    'handshake',
    'protocol is',
    'verified',
    'verify ok',
    'verify return code',
    'verification:',
    'ssl connection',
    'cipher is',
    'bssl:connected',
    'established',
    'negotiated',
    'mqtt_event_connected',
    'connack',
    'accepted',
    'connected to',
    'authenticated',
    'subscribe callback',
    'received publish',
    'suback',
    'http/',
    '+httpaction',
    'http_event',
    'status',
  ],
  mbedtls: [
    '-0x',
    '0xffff',
    ' - ',
    'flag',
    'verif',
    '! the certificate',
    'the crl',
    'alert',
    'fragmentation',
    'message length',
    'record too large',
    'content_len',
    'mbedtls',
    'x509',
    'ssl',
    'returned 0x',
  ],
  wolfssl: [
    'wolf',
    '_e',
    '_error',
    'mismatch',
    'asn ',
    'error -',
    'err -',
    'err=-',
    'error=-',
    'ret -',
    'ret=-',
    'ret = -',
    'load -',
    'returned -',
    'failed -',
    'code -',
  ],
  bearssl: ['br_', 'bssl', 'bearssl', 'sslclient'],
  axtls: [
    'alert',
    'ssl error',
    'buffer overflow',
    'record size',
    'grow',
    'need_bytes',
    'error:',
    'verify',
    ' -2',
    ' -5',
    '(-2',
    '(-5',
    ':( -',
  ],
  openssl: [
    'error:',
    'alert',
    'verify',
    'certificate',
    'issuer',
    'self signed',
    'self-signed',
    'x509',
    'curl: (',
    'host name',
    'hostname',
    'wrong version',
    'unable_to',
    'cert_',
    'err_tls',
    'record does not',
    'packet length',
    'http request',
    'error: ',
  ],
  go: ['x509: ', 'tls: '],
  sdk: [
    '0x80',
    '327',
    '328',
    'esp-tls',
    'failed to verify',
    'error(',
    'error -',
    'error : -',
    'returned error',
    'connack',
    'mqtt',
    'authori',
    'password',
    'iothub_client_connection',
    'tlsio_',
    'xio_',
    'failure opening',
    'last error code',
  ],
  memory: ['memory', 'alloc', 'oom', 'heap', 'enomem', 'exhausted'],
  dns: [
    'dns',
    'resolv',
    'getaddrinfo',
    'name or service',
    'no such host',
    'enotfound',
    'eai_',
    'host not found',
    'unknown host',
    'hostbyname',
    'name resolution',
  ],
  unreachable: [
    'refused',
    'unreach',
    'no route',
    'failed to connect',
    'unable to connect',
    'tcp connect',
    'socket connect',
    'connect failed',
    'connection failed',
  ],
  timeout: ['timed out', 'timeout', 'etimedout'],
  reset: ['reset', 'broken pipe', 'epipe', 'eof', 'closed by', 'aborted by', 'hang up', 'socket closed'],
  handshakeFailed: [
    'handshake',
    'ssl_connect',
    'tls connect',
    'tls connection',
    'tls setup',
    'ssl connect',
    'secure connection',
    "couldn't connect",
    'tls_connect',
    'start_ssl_client',
    'failed to establish',
    'failed to open',
  ],
} as const;

/** A group name. */
export type Group = keyof typeof GROUPS;

/** Bit of each group in a line's mask. */
export const BIT: Readonly<Record<Group, number>> = Object.fromEntries(
  Object.keys(GROUPS).map((g, i) => [g, 1 << i]),
) as Record<Group, number>;

const ASCII = 128;

/** The automaton: goto table over a compact alphabet (the characters stems use, plus "other"). */
interface Automaton {
  /** ASCII code (lower-cased) → alphabet index; 0 = a character no stem uses. */
  readonly classOf: Uint8Array;
  readonly width: number;
  readonly next: Int32Array;
  readonly out: Int32Array;
}

function build(): Automaton {
  // A compact alphabet keeps the table small enough to stay in cache.
  const classOf = new Uint8Array(ASCII);
  let width = 1;
  for (const stems of Object.values(GROUPS)) {
    for (const stem of stems) {
      for (let i = 0; i < stem.length; i++) {
        const c = stem.charCodeAt(i);
        if (classOf[c] === 0) classOf[c] = width++;
      }
    }
  }
  for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32] as number;
  const ALPHABET = width;
  const gotoRows: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
  const outs: number[] = [0];
  for (const [group, stems] of Object.entries(GROUPS)) {
    const bit = BIT[group as Group];
    for (const stem of stems) {
      let state = 0;
      for (let i = 0; i < stem.length; i++) {
        const c = classOf[stem.charCodeAt(i)] as number;
        const row = gotoRows[state] as Int32Array;
        let to = row[c] as number;
        if (to < 0) {
          to = gotoRows.length;
          row[c] = to;
          gotoRows.push(new Int32Array(ALPHABET).fill(-1));
          outs.push(0);
        }
        state = to;
      }
      outs[state] = (outs[state] ?? 0) | bit;
    }
  }
  // Breadth-first: failure links, and the goto function completed into a DFA.
  const n = gotoRows.length;
  const next = new Int32Array(n * ALPHABET);
  const out = Int32Array.from(outs);
  const fail = new Int32Array(n);
  const queue: number[] = [];
  const root = gotoRows[0] as Int32Array;
  for (let c = 0; c < ALPHABET; c++) {
    const to = root[c] as number;
    if (to > 0) {
      fail[to] = 0;
      next[c] = to;
      queue.push(to);
    } else next[c] = 0;
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as number;
    out[s] = (out[s] as number) | (out[fail[s] as number] as number);
    const row = gotoRows[s] as Int32Array;
    for (let c = 0; c < ALPHABET; c++) {
      const to = row[c] as number;
      if (to >= 0) {
        fail[to] = next[(fail[s] as number) * ALPHABET + c] as number;
        next[s * ALPHABET + c] = to;
        queue.push(to);
      } else next[s * ALPHABET + c] = next[(fail[s] as number) * ALPHABET + c] as number;
    }
  }
  // The "other" class always leads back to the root: no stem contains it.
  for (let st = 0; st < n; st++) next[st * ALPHABET] = 0;
  return { classOf, width: ALPHABET, next, out };
}

let automaton: Automaton | undefined;

/**
 * The groups whose stems occur in `text` (compared case-insensitively for ASCII), as a bit mask.
 * @example (groupsOf('E (1) esp-tls: mbedtls_ssl_handshake returned -0x2700') & BIT.mbedtls) !== 0 // true
 */
export function groupsOf(text: string): number {
  automaton ??= build();
  const { classOf, width, next, out } = automaton;
  let state = 0;
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c = code < ASCII ? (classOf[code] as number) : 0;
    state = next[state * width + c] as number;
    mask |= out[state] as number;
  }
  return mask;
}
