// Test access to the name matchers of assembly/names/ through verify.test.wasm: writes strings into
// the IO area and calls the exported internals. Node only; not part of the published API.
import { loadTestWasm } from './test-wasm.js';

interface NamesExports {
  memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  dnsNameValid(p: number, len: number, role: number): number;
  dnsMatches(p: number, pl: number, r: number, rl: number): number;
  dnsWithin(n: number, nl: number, c: number, cl: number): number;
  dnsWildcardMayEnter(n: number, nl: number, c: number, cl: number): number;
  parseIp(p: number, len: number, out: number): number;
  formatIp(p: number, len: number, out: number): number;
  ipConstraintValid(c: number, cl: number): number;
  ipWithin(ip: number, il: number, c: number, cl: number): number;
  mailboxSplit(p: number, len: number): number;
  emailConstraintValid(c: number, cl: number): number;
  emailWithin(e: number, el: number, at: number, c: number, cl: number): number;
  uriHost(p: number, len: number): bigint;
  uriConstraintValid(c: number, cl: number): number;
  uriHostWithin(h: number, hl: number, c: number, cl: number): number;
  stackHostMatches(wildcard: number, p: number, pl: number, h: number, hl: number): number;
  dnEquals(mode: number, a: number, al: number, b: number, bl: number): number;
  dnWithin(n: number, nl: number, b: number, bl: number): number;
}

/** DNS name roles, as assembly/names/dns.ts numbers them. */
export const DnsRole = { Presented: 0, Reference: 1, Constraint: 2 } as const;

type Input = string | Uint8Array | readonly number[];

function bytesOf(x: Input): Uint8Array {
  if (typeof x === 'string') return new TextEncoder().encode(x);
  return x instanceof Uint8Array ? x : Uint8Array.from(x);
}

/** The name matchers with string/byte arguments. One wasm instance per call of this factory. */
export function namesWasm() {
  const w = loadTestWasm<NamesExports>();
  /** Writes the inputs back to back (plus 64 bytes of output room) and returns [ptr, len] pairs and the output pointer. */
  const put = (...xs: Input[]) => {
    const bs = xs.map(bytesOf);
    const total = bs.reduce((n, b) => n + b.length, 0) + 64;
    let p = w.ioReserve(total);
    const mem = new Uint8Array(w.memory.buffer);
    const out: [number, number][] = [];
    for (const b of bs) {
      mem.set(b, p);
      out.push([p, b.length]);
      p += b.length;
    }
    return { args: out, out: p };
  };
  const read = (p: number, len: number) => new Uint8Array(w.memory.buffer, p, len).slice();
  return {
    dnsNameValid(name: Input, role: number): boolean {
      const { args } = put(name);
      const [a] = args as [[number, number]];
      return w.dnsNameValid(a[0], a[1], role) === 1;
    },
    dnsMatches(presented: Input, reference: Input): boolean {
      const { args } = put(presented, reference);
      const [a, b] = args as [[number, number], [number, number]];
      return w.dnsMatches(a[0], a[1], b[0], b[1]) === 1;
    },
    /** names/host-rule.ts: a presented name against a host under a HostWildcard id. */
    stackHostMatches(wildcard: number, presented: Input, host: Input): boolean {
      const { args } = put(presented, host);
      const [a, b] = args as [[number, number], [number, number]];
      return w.stackHostMatches(wildcard, a[0], a[1], b[0], b[1]) === 1;
    },
    /** names/dn.ts: two Name TLVs under a NameChaining id. */
    dnEquals(mode: number, a: Input, b: Input): boolean {
      const { args } = put(a, b);
      const [x, y] = args as [[number, number], [number, number]];
      return w.dnEquals(mode, x[0], x[1], y[0], y[1]) === 1;
    },
    /** names/dn.ts: whether Name `name` lies in the subtree of Name `base`. */
    dnWithin(name: Input, base: Input): boolean {
      const { args } = put(name, base);
      const [x, y] = args as [[number, number], [number, number]];
      return w.dnWithin(x[0], x[1], y[0], y[1]) === 1;
    },
    dnsWithin(name: Input, constraint: Input): boolean {
      const { args } = put(name, constraint);
      const [a, b] = args as [[number, number], [number, number]];
      return w.dnsWithin(a[0], a[1], b[0], b[1]) === 1;
    },
    dnsWildcardMayEnter(name: Input, constraint: Input): boolean {
      const { args } = put(name, constraint);
      const [a, b] = args as [[number, number], [number, number]];
      return w.dnsWildcardMayEnter(a[0], a[1], b[0], b[1]) === 1;
    },
    /** The address bytes, or undefined when the text is not an IP literal. */
    parseIp(text: Input): number[] | undefined {
      const { args, out } = put(text);
      const [a] = args as [[number, number]];
      const n = w.parseIp(a[0], a[1], out);
      return n === 0 ? undefined : [...read(out, n)];
    },
    formatIp(bytes: Input): string {
      const { args, out } = put(bytes);
      const [a] = args as [[number, number]];
      const n = w.formatIp(a[0], a[1], out);
      return new TextDecoder().decode(read(out, n));
    },
    ipConstraintValid(c: Input): boolean {
      const { args } = put(c);
      const [a] = args as [[number, number]];
      return w.ipConstraintValid(a[0], a[1]) === 1;
    },
    ipWithin(ip: Input, c: Input): number {
      const { args } = put(ip, c);
      const [a, b] = args as [[number, number], [number, number]];
      return w.ipWithin(a[0], a[1], b[0], b[1]);
    },
    mailboxSplit(email: Input): number {
      const { args } = put(email);
      const [a] = args as [[number, number]];
      return w.mailboxSplit(a[0], a[1]);
    },
    emailConstraintValid(c: Input): boolean {
      const { args } = put(c);
      const [a] = args as [[number, number]];
      return w.emailConstraintValid(a[0], a[1]) === 1;
    },
    /** Whether a mailbox lies in a constraint; throws if the mailbox is malformed. */
    emailWithin(email: Input, c: Input): boolean {
      const { args } = put(email, c);
      const [a, b] = args as [[number, number], [number, number]];
      const at = w.mailboxSplit(a[0], a[1]);
      if (at < 0) throw new Error(`malformed mailbox ${String(email)}`);
      return w.emailWithin(a[0], a[1], at, b[0], b[1]) === 1;
    },
    /** The host of a URI, or undefined when it has none usable for constraints. */
    uriHost(uri: Input): string | undefined {
      const { args } = put(uri);
      const [a] = args as [[number, number]];
      const r = w.uriHost(a[0], a[1]);
      if (r < 0n) return undefined;
      const start = Number(r >> 32n);
      const len = Number(r & 0xffffffffn);
      return new TextDecoder().decode(read(a[0] + start, len));
    },
    uriConstraintValid(c: Input): boolean {
      const { args } = put(c);
      const [a] = args as [[number, number]];
      return w.uriConstraintValid(a[0], a[1]) === 1;
    },
    uriHostWithin(host: Input, c: Input): boolean {
      const { args } = put(host, c);
      const [a, b] = args as [[number, number], [number, number]];
      return w.uriHostWithin(a[0], a[1], b[0], b[1]) === 1;
    },
  };
}
