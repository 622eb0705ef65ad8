// The cross-runtime case file: one list of export calls on verify.wasm that Node, Chromium, wabt's
// interpreter (hosts/wabt-interp) and the wasm2c build (hosts/wasm2c) all run, each printing one
// result line per case. Identical lines in every runtime = identical verdicts.
//
// Browser-safe and self-contained (no imports): Chromium's test page loads it, transpiled by
// test/browser-host.ts.
// The binary format is documented in hosts/common/runner.h, which reads it in C.

/** An argument of an export call: a constant, or an offset into the case's IO area. */
export type RuntimeArg = { readonly value: number } | { readonly io: number };

/** One export call. */
export interface RuntimeStep {
  /** Export name, e.g. `hashDigest`. Every argument and the result are u32. */
  readonly call: string;
  readonly args: readonly RuntimeArg[];
  /** Print the return value (false for pointers whose value is not part of the verdict). */
  readonly report: boolean;
}

/** A memory range printed as hex after the steps ran. */
export interface RuntimeOutput {
  /** `'io'` for the IO area, or the index of the step whose return value is the base pointer. */
  readonly base: 'io' | number;
  readonly offset: number;
  readonly length: number;
}

/** One case: the bytes written at `ioReserve(input.length)`, then the steps, then the outputs. */
export interface RuntimeCase {
  /** Printable ASCII without spaces; unique within a file. */
  readonly name: string;
  readonly input: Uint8Array;
  readonly steps: readonly RuntimeStep[];
  readonly outputs: readonly RuntimeOutput[];
}

/**
 * A case with what an independent oracle says Node's result line must look like (Node's line
 * is checked against it; every other runtime is checked against Node's line).
 */
export interface CheckedCase extends RuntimeCase {
  readonly expect: RegExp;
}

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Expects exactly `tokens` after the case name (then the page count). */
export function expectTokens(name: string, ...tokens: (string | number)[]): RegExp {
  return new RegExp(`^${escapeRegExp([name, ...tokens].join(' '))} p\\d+$`);
}

/**
 * Expects the steps to run without a trap and the outputs to be printed, with each reported
 * return value matching `results` (one pattern for all, or one per reported step, in order;
 * e.g. `'0'` or `'[1-9]\\d*'`): the oracle for inputs whose only requirement is "a typed result,
 * never a trap".
 */
export function expectNoTrap(c: RuntimeCase, results: string | readonly string[] = '\\d+'): RegExp {
  let k = 0;
  const steps = c.steps.map((s) => {
    if (!s.report) return '-';
    const pattern = typeof results === 'string' ? results : results[k];
    k++;
    if (pattern === undefined) throw new Error(`${c.name}: no pattern for reported step ${k}`);
    return pattern;
  });
  const outputs = c.outputs.map(() => '[0-9a-f]*');
  return new RegExp(`^${escapeRegExp(c.name)} ${[...steps, ...outputs].join(' ')} p\\d+$`);
}

const MAGIC = [0x48, 0x54, 0x52, 0x43]; // "HTRC"
const VERSION = 1;
/** Limits of hosts/common/runner.h. */
const MAX_STEPS = 32;
const MAX_ARGS = 16;
const MAX_OUTPUTS = 16;

function checkCase(c: RuntimeCase): void {
  if (!/^[\x21-\x7e]{1,255}$/.test(c.name)) throw new Error(`bad case name ${JSON.stringify(c.name)}`);
  if (c.steps.length > MAX_STEPS || c.outputs.length > MAX_OUTPUTS) throw new Error(`${c.name}: too big`);
  for (const s of c.steps) {
    if (!/^[A-Za-z_$][\w$]{0,62}$/.test(s.call)) throw new Error(`${c.name}: bad export ${s.call}`);
    if (s.args.length > MAX_ARGS) throw new Error(`${c.name}: too many arguments`);
  }
  for (const o of c.outputs) {
    if (o.base !== 'io' && !(o.base >= 0 && o.base < c.steps.length)) {
      throw new Error(`${c.name}: output base ${o.base} names no step`);
    }
  }
}

/** Writes cases in the binary format of hosts/common/runner.h. */
export function encodeCases(cases: readonly RuntimeCase[]): Uint8Array {
  const parts: number[] = [];
  const u8 = (v: number) => parts.push(v & 0xff);
  const u16 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const ascii = (s: string) => {
    for (let i = 0; i < s.length; i++) parts.push(s.charCodeAt(i));
  };
  const names = new Set<string>();
  parts.push(...MAGIC);
  u32(VERSION);
  u32(cases.length);
  const chunks: Uint8Array[] = [];
  const flush = () => {
    chunks.push(Uint8Array.from(parts));
    parts.length = 0;
  };
  for (const c of cases) {
    checkCase(c);
    if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    names.add(c.name);
    u16(c.name.length);
    ascii(c.name);
    u32(c.input.length);
    flush();
    chunks.push(c.input);
    u8(c.steps.length);
    for (const s of c.steps) {
      u8(s.call.length);
      ascii(s.call);
      u8(s.args.length);
      for (const a of s.args) {
        u8('io' in a ? 1 : 0);
        u32('io' in a ? a.io : a.value);
      }
      u8(s.report ? 1 : 0);
    }
    u8(c.outputs.length);
    for (const o of c.outputs) {
      u8(o.base === 'io' ? 0 : o.base + 1);
      u32(o.offset);
      u32(o.length);
    }
  }
  flush();
  return concat(...chunks);
}

/** Reads a case file (the inverse of {@link encodeCases}). */
export function decodeCases(file: Uint8Array): RuntimeCase[] {
  let at = 0;
  const take = (n: number) => {
    if (at + n > file.length) throw new Error('case file: truncated');
    const s = file.subarray(at, at + n);
    at += n;
    return s;
  };
  const u8 = () => take(1)[0] as number;
  const u16 = () => u8() | (u8() << 8);
  const u32 = () => (u16() | (u16() << 16)) >>> 0;
  const ascii = (n: number) => String.fromCharCode(...take(n));
  if (ascii(4) !== 'HTRC' || u32() !== VERSION) throw new Error('case file: bad header');
  const count = u32();
  const cases: RuntimeCase[] = [];
  for (let i = 0; i < count; i++) {
    const name = ascii(u16());
    const input = take(u32());
    const steps: RuntimeStep[] = [];
    for (let n = u8(), s = 0; s < n; s++) {
      const call = ascii(u8());
      const args: RuntimeArg[] = [];
      for (let argc = u8(), a = 0; a < argc; a++) {
        const kind = u8();
        const v = u32();
        args.push(kind === 1 ? { io: v } : { value: v });
      }
      steps.push({ call, args, report: u8() === 1 });
    }
    const outputs: RuntimeOutput[] = [];
    for (let n = u8(), o = 0; o < n; o++) {
      const base = u8();
      outputs.push({ base: base === 0 ? 'io' : base - 1, offset: u32(), length: u32() });
    }
    cases.push({ name, input, steps, outputs });
  }
  if (at !== file.length) throw new Error('case file: trailing bytes');
  return cases;
}

type ExportFn = (...args: number[]) => number;

/**
 * Runs one case on an instance's exports and returns its result line, in the exact format the
 * native hosts print (hosts/common/runner.h).
 */
export function runCase(
  exports: WebAssembly.Exports,
  c: RuntimeCase,
  /** Called after the input is written, before the first step (memory probes paint here). */
  beforeSteps?: (memory: Uint8Array, io: number) => void,
): string {
  const memory = exports.memory as WebAssembly.Memory;
  const fn = (name: string): ExportFn | undefined => {
    const f = Object.hasOwn(exports, name) ? exports[name] : undefined;
    return typeof f === 'function' ? (f as ExportFn) : undefined;
  };
  const call = (name: string, args: number[]): number | '!trap' | '!noexport' => {
    const f = fn(name);
    if (!f || f.length !== args.length) return '!noexport';
    try {
      return f(...args) >>> 0;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) return '!trap';
      throw e;
    }
  };
  const pages = () => ` p${memory.buffer.byteLength >>> 16}`;
  const line = [c.name];
  const io = call('ioReserve', [c.input.length]);
  if (typeof io === 'string') return `${line.join(' ')} ${io}${pages()}`;
  if (io === 0 || io + c.input.length > memory.buffer.byteLength) return `${c.name} !io${pages()}`;
  new Uint8Array(memory.buffer).set(c.input, io);
  beforeSteps?.(new Uint8Array(memory.buffer), io);
  const rets: number[] = [];
  for (const s of c.steps) {
    const r = call(
      s.call,
      s.args.map((a) => ('io' in a ? (io + a.io) >>> 0 : a.value >>> 0)),
    );
    if (typeof r === 'string') return `${line.join(' ')} ${r}${pages()}`;
    rets.push(r);
    line.push(s.report ? String(r) : '-');
  }
  const mem = new Uint8Array(memory.buffer);
  for (const o of c.outputs) {
    const at = (o.base === 'io' ? io : (rets[o.base] as number)) + o.offset;
    if (at + o.length > mem.length) return `${line.join(' ')} !oob${pages()}`;
    line.push(toHex(mem.subarray(at, at + o.length)));
  }
  return `${line.join(' ')}${pages()}`;
}

/**
 * Returns a function that runs the case without printing anything (reserve, copy the input, call
 * the steps): what the native hosts time with --repeat, for side-by-side timings.
 * @throws Error when an export is missing
 */
export function caseRunner(exports: WebAssembly.Exports, c: RuntimeCase): () => void {
  const fns = c.steps.map((s) => {
    const f = exports[s.call];
    if (typeof f !== 'function') throw new Error(`no export ${s.call}`);
    return f as ExportFn;
  });
  const reserve = exports.ioReserve as ExportFn;
  const memory = exports.memory as WebAssembly.Memory;
  return () => {
    const io = reserve(c.input.length);
    new Uint8Array(memory.buffer).set(c.input, io);
    c.steps.forEach((s, i) => {
      (fns[i] as ExportFn)(...s.args.map((a) => ('io' in a ? (io + a.io) >>> 0 : a.value >>> 0)));
    });
  };
}

/**
 * Deals cases round-robin into `n` case files' worth of lists, so slow cases spread evenly and
 * the files can run in parallel. Each file runs on a fresh instance in every runtime (the page
 * count in a line depends on the cases before it in the same file).
 */
export function shardCases<T extends RuntimeCase>(cases: readonly T[], n: number): T[][] {
  const shards: T[][] = Array.from({ length: n }, () => []);
  cases.forEach((c, i) => {
    shards[i % n]?.push(c);
  });
  return shards;
}

/** Runs every case of a case file on one instance, in order; returns the result lines. */
export function runCaseFile(exports: WebAssembly.Exports, file: Uint8Array): string[] {
  return decodeCases(file).map((c) => runCase(exports, c));
}

// ---- public-API checks: the same calls through the package's JS API, in Node and in Chromium ----

/**
 * A call of a public API function. In `args`, `{ hex }` stands for a Uint8Array and `{ date }`
 * (ISO text) for a Date, at any depth, so checks travel as JSON to the browser.
 */
export interface ApiCheck {
  readonly name: string;
  readonly call: string;
  readonly args: readonly unknown[];
}

/** The outcome of an {@link ApiCheck}, as plain JSON (Uint8Array → `{ hex }`, Date → `{ date }`). */
export interface ApiResult {
  readonly name: string;
  readonly value?: unknown;
  readonly error?: string;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.hex === 'string' && Object.keys(o).length === 1) return hex(o.hex);
    if (typeof o.date === 'string' && Object.keys(o).length === 1) return new Date(o.date);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** Converts a result to JSON-safe data (the inverse of the `{ hex }` / `{ date }` encoding). */
export function toPlain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { hex: toHex(value) };
  if (value instanceof Date) return { date: value.toISOString() };
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/** Runs checks against a namespace of the package's API (after its `init()`). */
export function runApiChecks(api: Record<string, unknown>, checks: readonly ApiCheck[]): ApiResult[] {
  return checks.map((check) => {
    const fn = api[check.call];
    if (typeof fn !== 'function') return { name: check.name, error: `no API function ${check.call}` };
    try {
      return { name: check.name, value: toPlain(fn(...(revive(check.args) as unknown[]))) };
    } catch (e) {
      return { name: check.name, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  });
}

// ---- byte helpers (this file also runs in Chromium, served by browser-host.ts: no imports) ----

/** Concatenation of byte strings. */
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bytes of hex text (spaces allowed). */
function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
