// The keyword gate: one pass over a line finds which rules have anything to look at. Every rule of
// detect/* is guarded by a key, and a key's stems are literals that any match of the rule contains
// (its regular expression's literal alternatives, or for table look-ups one word of every text the
// table holds), so skipping a rule whose key is absent never changes a result — `gate.test.ts`
// checks that the gated classifier answers exactly as the ungated one. The stems of all keys form
// one Aho-Corasick automaton (Aho & Corasick, "Efficient string matching", CACM 18(6), 1975),
// completed into a DFA over a compact alphabet: a line costs one table step per character whatever
// the number of stems, lines that hold no stem are never copied, lower-cased or matched, and the
// regular expressions meet only the few lines that may matter. Stems compare ASCII
// case-insensitively; characters outside ASCII reset the walk (no stem contains them).

import { normaliseText } from './codes.js';
import type { StackId } from './explanation.js';
import { AXTLS_X509_ERRORS } from './tables/axtls.generated.js';
import { BEARSSL_ERRORS } from './tables/bearssl.generated.js';
import { MBEDTLS_X509_FLAGS } from './tables/mbedtls.generated.js';
import { OPENSSL_X509_V_ERRORS } from './tables/openssl.generated.js';
import { WOLFSSL_ERRORS } from './tables/wolfssl.generated.js';

/**
 * Static keys: name → stems (lower case). A comment names the rule each key guards; "AND" keys
 * (`secondary`) only narrow a rule that also needs a primary key, and never open the gate alone.
 */
const STATIC = {
  // detect/context.ts — STACK_HINTS, one key per stack (the alternatives of its pattern)
  hintMbedtls: [
    'mbedtls',
    'mbed tls',
    'ssl_client.cpp',
    'wificlientsecure',
    'ssl_tls.c',
    'ssl_cli.c',
    'ssl_tls12',
  ],
  hintWolfssl: ['wolfssl', 'wolfcrypt'],
  hintBearssl: ['bssl:', 'bearssl', 'br_ssl', 'br_x509', 'print_br_error', '(sslclient)'],
  hintAxtls: ['axtls', 'ssl_display_error'],
  hintOpenssl: ['openssl', 'ssl routines', 'curl', 'mosquitto', 'ssl_connect:', 's_client'],
  hintGo: ['x509: ', 'tls: ', 'dial tcp'],
  hintAzure: ['tlsio_', 'iothub_client', 'azure iot', 'xio_', 'socketio_'],
  hintAws: ['aws_iot_', 'iot_tls_connect', 'aws iot sdk'],
  hintCoremqtt: ['coremqtt', 'mqtt_connect()', 'transport_recv', 'mqttrecvfailed'],
  hintEspTls: ['esp-tls', 'esp_tls', 'transport_base', 'trans_ssl'],
  // context.ts — the mbedTLS major version
  mbedtlsVersion: [
    'mbedtls 2.',
    'mbedtls 3.',
    'mbed tls 2.',
    'mbed tls 3.',
    'ssl_tls13',
    'ssl_tls12_client.c',
    'ssl_client.c:',
    'ssl_cli.c',
    'idf v3.',
    'idf v4.',
    'idf v5',
    'v5.',
  ],
  // context.ts — CLOUD_HOST, URL_HOST, DIAL_HOST
  cloudHost: ['azure-devices', 'amazonaws'],
  urlHost: ['://'],
  dialHost: [
    'connect to',
    'connecting to',
    'connected to',
    'server_name=',
    'host',
    '-h',
    'sni',
    'endpoint',
    'broker',
  ],
  // context.ts — CLIENT_CERT
  clientCert: [
    'client cert',
    'device cert',
    '--cert',
    'cert.pem',
    'certificate.pem',
    'client.crt',
    'crt cert',
    'x509_device_crt',
    'setcertificate',
    'set_client_cert',
    'client_cert',
    'clientcert',
    'certfile',
    '--key',
    'key.pem',
    'private.pem.key',
    'private key',
    'mutual',
    'mtls',
  ],
  // context.ts — SERVER_SIDE
  serverSide: [
    'new connection from',
    'client <unknown>',
    'listen socket',
    'esp_https_server',
    'ssl_alert.erl',
    'esockd',
  ],
  // context.ts — stageOf() and the certificate-request check
  stage: [
    'tls handshake,',
    'ssl handshake,',
    'ssl_connect:',
    '=> write client hello',
    '=> parse server hello',
    '<= parse server hello',
    '<= parse certificate request',
    '=> write certificate',
    '=> write client key exchange',
    'client state:',
    'mbedtls_ssl_',
    'certificate request',
    'request cert',
  ],
  // context.ts — CLOCK_UNSET and CLOCK_LINE
  clockUnset: [
    'time not',
    'time is not',
    'waiting for ',
    'dummy time',
    'set_time()',
    'fixed date',
    'fixed time',
    'clock not set',
    'clock is not set',
    'no time',
    'invalid time',
    '1970',
  ],
  clockLine: ['time', 'current date', 'now is', 'utc', 'ntp', 'epoch'],
  // context.ts — SUCCESS, one key per pattern
  handshakeWord: ['handshake'],
  protocolIs: ['[ protocol is tlsv'],
  successVerified: [
    'verifying peer x.509 certificate',
    'certificate verified.',
    'ssl certificate verify ok',
    'verify return code: 0 (ok)',
    'verification: ok',
  ],
  successSession: [
    'ssl connection using tls',
    'new, tlsv1.',
    'bssl:connected',
    'tls connection established',
    'established tls',
    'established a tls',
    'tls session established',
    'tls session negotiated',
    'ssl connection established',
  ],
  successMqtt: [
    'mqtt_event_connected',
    'connack',
    'connection accepted',
    'mqtt connection',
    'connected to',
    'iothub_client_connection_authenticated',
    'subscribe callback',
    'received publish',
    'suback',
  ],
  successHttp: [
    'http/',
    '+httpaction:',
    'http_event_on_connected',
    'http status',
    'https status',
    'status code',
  ],
  // detect/mbedtls.ts
  tlsWord: ['ssl', 'tls', 'x509', 'handshake', 'cert'],
  sslOrX509: ['mbedtls', 'ssl', 'x509'],
  minus0x: ['-0x'],
  twos: ['0xffff'],
  parenMinus: ['(-'],
  spaceDash: [' - '],
  codeWord: ['ret', 'err', 'failed', 'code', 'result', 'status'],
  flagWord: ['flag', 'verify'],
  certOrCrl: ['certificate', 'crl'],
  fatalAlertMessage: ['is a fatal alert message (msg '],
  alertMessage: ['got an alert message', 'send alert message'],
  fragmentation: ['handshake fragmentation not supported'],
  mbedtlsRecord: ['bad message length', 'record too large', 'content_len'],
  // detect/wolfssl.ts — names and numbers
  wolf: ['wolf'],
  minusDigit: ['-1', '-2', '-3', '-4', '-5'],
  // detect/axtls.ts
  axtlsRecord: ['tls buffer overflow', 'record size'],
  axtlsGrow: ['failed to grow', 'need_bytes'],
  alertColon: ['alert:'],
  sslErrorN: ['ssl error '],
  axtlsCode: ['-25', '-26', '-27', '-51', '-52'],
  axtlsContext: ['ssl', 'tls', 'handshake', 'axtls', 'connect'],
  errorColonOrVerify: ['error:', 'verify'],
  // detect/bearssl.ts
  brErr: ['br_err_'],
  bssl: ['bssl', 'bearssl'],
  bearsslOom: ['oom', 'out of memory', 'alloc'],
  err: ['err'],
  // detect/openssl.ts
  errorColon: ['error:'],
  alert: ['alert'],
  curlAlert: ['), tls alert, '],
  verifyNum: ['verify error:num=', 'verify return code:', 'verify_result', 'x509_v_err'],
  nodeCode: [
    'unable_to_get_issuer_cert',
    'unable_to_verify_leaf_signature',
    'self_signed_cert_in_chain',
    'depth_zero_self_signed_cert',
    'cert_has_expired',
    'cert_not_yet_valid',
    'cert_untrusted',
    'cert_revoked',
    'hostname_mismatch',
    'err_tls_cert_altname_invalid',
  ],
  x509Context: ['certificate', 'verify', 'issuer', 'ssl', 'x509'],
  self: ['self'],
  certificateVerifyFailed: ['certificate verify failed'],
  hostnameText: [
    'name verification failed',
    'hostname mismatch',
    'does not match',
    'no alternative certificate subject name matches',
    "doesn't match",
  ],
  notTls: [
    'wrong version number',
    'first record does not look like a tls handshake',
    'packet length too long',
    'http request',
  ],
  curlExit: ['curl: ('],
  errorSpace: ['error: '],
  // detect/go.ts
  goX509: ['x509: '],
  goTls: ['tls: '],
  // detect/sdk.ts
  espTlsContext: ['esp-tls', 'esp_tls', 'connection', 'last error code'],
  espTlsNumber: ['0x80', '327', '328'],
  failedToVerify: ['failed to verify'],
  awsError: ['error', 'returned'],
  mqttWords: ['connack', 'mqtt', 'authori', 'password'],
  failed: ['failed'],
  iothubConnection: ['iothub_client_connection'],
  tlsio: ['tlsio_', 'xio_open failed', 'failure opening connection to endpoint'],
  // detect/generic.ts — one key per rule
  memory: ['memory', 'oom', 'heap', 'alloc', 'enomem'],
  dns: [
    'dns',
    'resolv',
    'getaddrinfo',
    'name or service',
    'no such host',
    'enotfound',
    'eai_',
    'host not found',
    'hostname not found',
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
  timeout: ['timed out', 'timedout', 'timeout', 'time out'],
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

/**
 * Keys that open the gate only while the log's likely stack is the one named: the text look-ups
 * they guard read any line once the log is known to be that stack's (a line elsewhere needs the
 * stack's name on it, which its hint key finds).
 */
const STACK_KEYS = { wolfsslText: 'wolfssl', bearsslText: 'bearssl' } as const satisfies Partial<
  Record<keyof typeof FROM_TABLES, StackId>
>;

/** Keys whose stems come from a stack's table: one word of every text (or every name) it holds. */
const FROM_TABLES = {
  /** detect/bearssl.ts — texts of bearssl_ssl.h / bearssl_x509.h. */
  bearsslText: () => textWords(BEARSSL_ERRORS.map((row) => normaliseText(row[2]))),
  /** detect/wolfssl.ts — wolfSSL's texts (header comment and library string). */
  wolfsslText: () =>
    textWords(WOLFSSL_ERRORS.flatMap((row) => [normaliseText(row[2]), normaliseText(row[3])])),
  /** detect/wolfssl.ts — wolfSSL's error names by their last two parts (signer_e of ASN_NO_SIGNER_E). */
  wolfsslName: () => [
    ...new Set(WOLFSSL_ERRORS.map((row) => row[1].toLowerCase().split('_').slice(-2).join('_'))),
  ],
  /**
   * detect/openssl.ts — X509_verify_cert_error_string texts, by their best and their second-best
   * word: a line holding one of the texts holds both keys (secondary: x509Context guards the rule).
   */
  x509Text: () => textWords(OPENSSL_X509_V_ERRORS.map((row) => normaliseText(row[2]))),
  x509Text2: () =>
    textWords(
      OPENSSL_X509_V_ERRORS.map((row) => normaliseText(row[2])),
      1,
    ),
  /** detect/axtls.ts — axTLS X.509 texts (secondary: errorColonOrVerify guards the rule). */
  axtlsText: () => textWords(AXTLS_X509_ERRORS.map((row) => normaliseText(row[2]))),
  /** detect/mbedtls.ts — mbedtls_x509_crt_verify_info texts (secondary: certOrCrl guards the rule). */
  flagText: () => textWords(MBEDTLS_X509_FLAGS.map((row) => normaliseText(row[2]))),
} as const;

/** Keys that only narrow a rule guarded by another key: they never open the gate on their own. */
const SECONDARY: readonly KeyName[] = [
  'minusDigit',
  'axtlsContext',
  'espTlsNumber',
  'x509Text',
  'x509Text2',
  'flagText',
  'axtlsText',
  ...(Object.keys(STACK_KEYS) as KeyName[]),
];

/** A key's name. */
export type KeyName = keyof typeof STATIC | keyof typeof FROM_TABLES;

const NAMES = [...Object.keys(STATIC), ...Object.keys(FROM_TABLES)] as KeyName[];

/** Index of each key: the bit a line's mask has when one of its stems occurs. */
export const K: Readonly<Record<KeyName, number>> = Object.freeze(
  Object.fromEntries(NAMES.map((name, i) => [name, i])) as Record<KeyName, number>,
);

/** 32-bit words of a mask: room for 128 keys (Gate.scan keeps the words in four locals). */
export const MASK_WORDS = 4;
if (NAMES.length > MASK_WORDS * 32)
  throw new Error(`keywords: ${NAMES.length} keys, room for ${MASK_WORDS * 32}`);

/** A line's key mask (MASK_WORDS 32-bit words). */
export type Mask = Int32Array;

/** True when the mask holds key `k`. */
export function has(m: Mask, k: number): boolean {
  return ((m[k >>> 5] as number) & (1 << (k & 31))) !== 0;
}

/** A mask with every key set: the ungated reference the gate test compares with. */
export function fullMask(): Mask {
  return new Int32Array(MASK_WORDS).fill(-1);
}

/**
 * Words common on any device log line: never chosen as a text's stem while the text has another
 * word (choosing them would still be correct, only slower: more lines would hold the key).
 */
const COMMON_WORDS = new Set([
  'bad',
  'buffer',
  'cannot',
  'certificate',
  'client',
  'connect',
  'connection',
  'data',
  'error',
  'failed',
  'failure',
  'handshake',
  'input',
  'invalid',
  'length',
  'memory',
  'message',
  'missing',
  'output',
  'parse',
  'peer',
  'private',
  'public',
  'record',
  'server',
  'signature',
  'socket',
  'state',
  'status',
  'timeout',
  'unable',
  'unknown',
  'value',
  'verification',
  'verify',
  'version',
  'wrong',
]);

/**
 * One word of every text of a table: a text present in a line puts each of its words there, so any
 * one word per text is a necessary stem. Texts are normalised (normaliseText: lower case, hyphens as
 * spaces), so a word never holds a space or hyphen and appears in the raw line as it is. The word
 * chosen is the one least likely on unrelated lines: not a COMMON_WORDS word, of 5+ letters and
 * shared by at most 3 texts of the table, the longest such; failing that the longest. `rank` 1
 * takes each text's second choice (its only word when it has one), for a second key that a line
 * holding the text also holds.
 */
function textWords(texts: readonly string[], rank: 0 | 1 = 0): string[] {
  const all = texts.map((t) => [...new Set(t.split(' ').filter((w) => w.length > 0))]);
  const freq = new Map<string, number>();
  for (const words of all) for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  const plain = (w: string) =>
    Number(COMMON_WORDS.has(w.replace(/[^a-z]/g, ''))) + Number(w.length < 5 || (freq.get(w) ?? 0) > 3);
  const order = (a: string, b: string) =>
    plain(a) - plain(b) || b.length - a.length || (freq.get(a) ?? 0) - (freq.get(b) ?? 0);
  const out = new Set<string>();
  for (const words of all) {
    const sorted = [...words].sort(order);
    const w = sorted[Math.min(rank, sorted.length - 1)];
    if (w) out.add(w);
  }
  return [...out];
}

const ASCII = 128;
/** Next-state entries pack the target row offset (low 20 bits) and its output set (bits 20..30). */
const ROW_BITS = 20;
const ROW_MASK = (1 << ROW_BITS) - 1;

/** The automaton, completed into a DFA whose states are row offsets into `next`. */
interface Automaton {
  /** ASCII code (lower-cased) → alphabet index; 0 = a character no stem uses. */
  readonly classOf: Uint8Array;
  /** (row offset + class) → packed target: row offset | (output set index << ROW_BITS). */
  readonly next: Int32Array;
  /** Output set i is outputs[i * MASK_WORDS .. + MASK_WORDS]. */
  readonly outputs: Int32Array;
  /** Keys that open the gate. */
  readonly primary: Int32Array;
}

function build(): Automaton {
  const stemsOf: [number, readonly string[]][] = NAMES.map((name, i) => [
    i,
    name in STATIC ? STATIC[name as keyof typeof STATIC] : FROM_TABLES[name as keyof typeof FROM_TABLES](),
  ]);
  // A compact alphabet keeps the table small enough to stay in cache; class 0 is "no stem uses it".
  const classOf = new Uint8Array(ASCII);
  let width = 1;
  let chars = 1;
  for (const [, stems] of stemsOf) {
    for (const stem of stems) {
      chars += stem.length;
      for (let i = 0; i < stem.length; i++) {
        const c = stem.charCodeAt(i);
        if (c >= ASCII) throw new Error(`keywords: stem ${JSON.stringify(stem)} is not ASCII`);
        if (c >= 65 && c <= 90) throw new Error(`keywords: stem ${JSON.stringify(stem)} is not lower case`);
        if (classOf[c] === 0) classOf[c] = width++;
      }
    }
  }
  for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32] as number;

  // The trie: goto[state * width + class] (-1 = none), each state's children as a linked list
  // (first child, next sibling, class of the edge into it) so the passes below visit edges, not
  // the whole alphabet; outputs[state * MASK_WORDS + word].
  let goto = new Int32Array(chars * width).fill(-1);
  let outs = new Int32Array(chars * MASK_WORDS);
  const firstChild = new Int32Array(chars).fill(-1);
  const sibling = new Int32Array(chars).fill(-1);
  const edgeClass = new Uint8Array(chars);
  let n = 1;
  for (const [key, stems] of stemsOf) {
    for (const stem of stems) {
      let state = 0;
      for (let i = 0; i < stem.length; i++) {
        const c = classOf[stem.charCodeAt(i)] as number;
        const at = state * width + c;
        let to = goto[at] as number;
        if (to < 0) {
          to = n++;
          goto[at] = to;
          edgeClass[to] = c;
          sibling[to] = firstChild[state] as number;
          firstChild[state] = to;
        }
        state = to;
      }
      const w = state * MASK_WORDS + (key >>> 5);
      outs[w] = (outs[w] as number) | (1 << (key & 31));
    }
  }
  goto = goto.subarray(0, n * width);
  outs = outs.subarray(0, n * MASK_WORDS);

  // Breadth-first: failure links (Aho & Corasick's algorithm 3), outputs inherited along them.
  const fail = new Int32Array(n);
  const order = new Int32Array(n);
  let tail = 0;
  for (let t = firstChild[0] as number; t >= 0; t = sibling[t] as number) order[tail++] = t;
  for (let head = 0; head < tail; head++) {
    const s = order[head] as number;
    for (let to = firstChild[s] as number; to >= 0; to = sibling[to] as number) {
      const c = edgeClass[to] as number;
      order[tail++] = to;
      let f = fail[s] as number;
      while (f !== 0 && (goto[f * width + c] as number) < 0) f = fail[f] as number;
      const g = goto[f * width + c] as number;
      const link = g > 0 && g !== to ? g : 0;
      fail[to] = link;
      for (let w = 0; w < MASK_WORDS; w++)
        outs[to * MASK_WORDS + w] =
          (outs[to * MASK_WORDS + w] as number) | (outs[link * MASK_WORDS + w] as number);
    }
  }

  // Distinct output sets, numbered from 1 (0 = none).
  const setIndex = new Map<string, number>();
  const sets: number[] = new Array(MASK_WORDS).fill(0);
  const outOf = new Int32Array(n);
  for (let s = 1; s < n; s++) {
    let k = '';
    let any = false;
    for (let w = 0; w < MASK_WORDS; w++) {
      const v = outs[s * MASK_WORDS + w] as number;
      any ||= v !== 0;
      k += `${v},`;
    }
    if (!any) continue;
    let i = setIndex.get(k);
    if (i === undefined) {
      i = sets.length / MASK_WORDS;
      setIndex.set(k, i);
      for (let w = 0; w < MASK_WORDS; w++) sets.push(outs[s * MASK_WORDS + w] as number);
    }
    outOf[s] = i;
  }
  const setCount = sets.length / MASK_WORDS;
  if (n * width > ROW_MASK || setCount >= 1 << (31 - ROW_BITS))
    throw new Error(`keywords: automaton too large (${n} states, ${setCount} output sets)`);

  // The DFA, row by row in breadth-first order: a state's row is its failure state's row (already
  // built, failure states are shallower) with its own children written over it; class 0 and
  // characters without a transition lead to the root (entry 0).
  const next = new Int32Array(n * width);
  const packed = (to: number) => to * width + ((outOf[to] as number) << ROW_BITS);
  for (let t = firstChild[0] as number; t >= 0; t = sibling[t] as number)
    next[edgeClass[t] as number] = packed(t);
  for (let i = 0; i < tail; i++) {
    const s = order[i] as number;
    const f = fail[s] as number;
    next.copyWithin(s * width, f * width, (f + 1) * width);
    for (let t = firstChild[s] as number; t >= 0; t = sibling[t] as number)
      next[s * width + (edgeClass[t] as number)] = packed(t);
  }
  const primary = new Int32Array(MASK_WORDS);
  for (let k = 0; k < NAMES.length; k++)
    if (!SECONDARY.includes(NAMES[k] as KeyName))
      primary[k >>> 5] = (primary[k >>> 5] as number) | (1 << (k & 31));
  return { classOf, next, outputs: Int32Array.from(sets), primary };
}

let automaton: Automaton | undefined;

/**
 * Finds the keys of one line at a time into a reusable mask; one Gate per classifier (the mask is
 * its only state).
 * @example
 * const g = new Gate();
 * const line = 'E (1) esp-tls: mbedtls_ssl_handshake returned -0x2700';
 * g.scan(line, 0, line.length) && has(g.mask, K.minus0x); // true
 */
export class Gate {
  /** The keys found by the last scan(). */
  readonly mask: Mask = new Int32Array(MASK_WORDS);
  private readonly a: Automaton;

  constructor() {
    automaton ??= build();
    this.a = automaton;
  }

  /**
   * Walks `text[start, end)` and fills `mask`. Returns true when a key that opens the gate was
   * found (the line has something a rule may read), `stack` being the log's likely stack so far.
   */
  scan(text: string, start: number, end: number, stack: StackId = 'unknown'): boolean {
    const { classOf, next, outputs, primary } = this.a;
    let row = 0;
    let found = false;
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      const t = next[row + (code < ASCII ? (classOf[code] as number) : 0)] as number;
      row = t & ROW_MASK;
      const set = t >>> ROW_BITS;
      if (set !== 0) {
        found = true;
        const at = set * MASK_WORDS;
        m0 |= outputs[at] as number;
        m1 |= outputs[at + 1] as number;
        m2 |= outputs[at + 2] as number;
        m3 |= outputs[at + 3] as number;
      }
    }
    const m = this.mask;
    m[0] = m0;
    m[1] = m1;
    m[2] = m2;
    m[3] = m3;
    if (!found) return false;
    if (
      ((m0 & (primary[0] as number)) |
        (m1 & (primary[1] as number)) |
        (m2 & (primary[2] as number)) |
        (m3 & (primary[3] as number))) !==
      0
    )
      return true;
    for (const [key, keyStack] of Object.entries(STACK_KEYS))
      if (stack === keyStack && has(m, K[key as KeyName])) return true;
    return false;
  }
}
