// Messages every platform prints around TLS, whatever the stack: memory exhaustion (heap, malloc,
// "Memory allocation failed"), name resolution, TCP connect, timeouts and resets (POSIX errno
// names and texts, lwIP, Node, Go's net package), and generic "handshake failed" lines that name
// no reason (kept as 'generic' findings: the lowest strength, resolved from context).

import { has, K, type Mask } from '../keywords.js';
import { type Finding, type Scan, STRENGTH } from '../scan.js';

const MEMORY =
  /\b(?:out of memory|oom\b|not enough (?:memory|heap)|insufficient (?:memory|heap)|memory allocation failed|failed to allocate|alloc(?:ation)? failed|malloc(?:\(\))? failed|heap_caps_malloc failed|no (?:free )?memory|cannot allocate memory|enomem\b|mem_alloc failed|memory exhausted|heap exhausted)/i;
const DNS =
  /\b(?:dns (?:lookup |resolution )?fail\w*|dns_gethostbyname|getaddrinfo(?:\(\))? (?:failed|error|returns?)|name or service not known|temporary failure in name resolution|no such host|could not resolve host|couldn't resolve host|can't resolve|unable to resolve|failed to resolve|enotfound|eai_\w+|host(?:name)? not found|unknown host|hostbyname failed)/i;
const REFUSED =
  /\b(?:connection refused|econnrefused|connect(?:ion)? failed(?: with)? errno|ehostunreach|enetunreach|network is unreachable|no route to host|socket connect failed|failed to connect to host|tcp connect(?:ion)? failed|unable to connect to (?:the )?(?:server|host|broker))/i;
const TIMEOUT =
  /\b(?:etimedout|connection timed out|connect timed out|operation timed out|i\/o timeout|timeout (?:while|waiting for) (?:connect|handshake)|handshake timed? ?out|connect(?:ion)? timeout)/i;
const RESET =
  /\b(?:connection reset(?: by peer)?|econnreset|broken pipe|epipe\b|connection (?:was )?(?:closed|aborted) by (?:the )?(?:peer|remote|server)|unexpected eof|eof occurred in violation of protocol|socket (?:closed|hang up))/i;
const GENERIC =
  /\b(?:(?:ssl|tls)(?:\/tls)? handshake (?:failed|error|failure)|handshake failed|ssl_connect(?:\(\))? (?:failed|error|returned)|tls (?:connect|connection|setup) failed|ssl connect(?:ion)? (?:failed|error)|failed to (?:establish|open) (?:a )?(?:new )?(?:tls|ssl|secure) (?:connection|session)|couldn't connect|tls_connect failed|secure connection failed|start_ssl_client: -?\d+)/i;

/** One platform-level failure: the key that gates it, its pattern and what it means. */
interface Rule {
  readonly key: number;
  readonly test: (line: string, lower: string) => boolean;
  readonly finding: Omit<Finding, 'line' | 'text' | 'stage' | 'count' | 'stack'>;
}

const RULES: readonly Rule[] = [
  {
    key: K.memory,
    test: (line) => MEMORY.test(line) && !/\bno memory leak|free memory:|memory: ok/i.test(line),
    finding: {
      cause: 'out_of_memory',
      detail: 'allocation_failed',
      strength: STRENGTH.memory - 2,
      note: 'an allocation failed: not enough (contiguous) heap',
      kind: 'plain',
    },
  },
  {
    key: K.dns,
    test: (line) => DNS.test(line),
    finding: {
      cause: 'network',
      detail: 'dns_failed',
      strength: STRENGTH.networkBefore,
      note: 'the host name did not resolve',
      kind: 'plain',
    },
  },
  {
    key: K.unreachable,
    test: (line) => REFUSED.test(line),
    finding: {
      cause: 'network',
      detail: 'connect_failed',
      strength: STRENGTH.networkBefore,
      note: 'the TCP connection could not be opened',
      kind: 'plain',
    },
  },
  {
    key: K.timeout,
    test: (line) => TIMEOUT.test(line),
    finding: {
      cause: 'network',
      detail: 'timeout',
      strength: STRENGTH.networkBefore - 2,
      note: 'the connection timed out',
      kind: 'plain',
    },
  },
  {
    key: K.reset,
    test: (line) => RESET.test(line),
    finding: {
      cause: 'network',
      detail: 'connection_reset',
      strength: STRENGTH.networkCut,
      note: 'the peer closed or reset the connection',
      kind: 'plain',
    },
  },
  {
    key: K.handshakeFailed,
    test: (line, lower) =>
      GENERIC.test(line) || (lower.includes('_wait_for_handshake') && lower.includes('failed')),
    finding: {
      cause: 'other',
      detail: 'handshake_failed',
      strength: STRENGTH.generic,
      note: 'the handshake failed (this line gives no reason)',
      kind: 'generic',
    },
  },
];

/** Reads platform-level failures: the first rule that matches the line decides. */
export function detectGeneric(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  if (
    has(m, K.memory) &&
    /largest (?:free|available) (?:heap )?block|free heap|heap[:=]|min(?:imum)? free/i.test(line)
  )
    s.note(n, line, 'heap at that moment');
  for (const rule of RULES) {
    if (has(m, rule.key) && rule.test(line, lower)) {
      const f = rule.finding;
      s.add(
        {
          cause: f.cause,
          detail: f.detail,
          strength: f.strength,
          note: f.note,
          kind: f.kind,
          line: n,
          stack: 'unknown',
        },
        line,
      );
      return;
    }
  }
}
