// Hash cases for the cross-runtime case file (runtime-cases.ts): one-shot and streaming digests
// of deterministic pseudo-random inputs at every length around the block and padding boundaries,
// plus the ABI's rejections (bad algorithm ids, ranges outside the IO area). Each case carries the
// result line Node's node:crypto predicts, so the JavaScript run is checked against an
// independent implementation and every other runtime against that run.
import { createHash } from 'node:crypto';
import { type ApiCheck, type CheckedCase, expectTokens } from './runtime-cases.js';

const ALGS = [
  { id: 1, name: 'sha1', len: 20 },
  { id: 2, name: 'sha256', len: 32 },
  { id: 3, name: 'sha384', len: 48 },
  { id: 4, name: 'sha512', len: 64 },
] as const;

/** Bytes of a streaming context (hashCtxSize() of the ABI; assembly/crypto/hash.ts). */
const CTX = 208;
/** Filler around outputs: bytes the module must leave untouched. */
const FILL = 0xee;

/** Deterministic bytes (xorshift32), so every runtime and every run hashes the same input. */
export function prngBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function digest(name: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(name).update(data).digest());
}

/** Lengths that exercise every padding path (0..2 blocks of SHA-512) and a few long inputs. */
function lengths(): number[] {
  const out: number[] = [];
  for (let n = 0; n <= 260; n++) out.push(n);
  out.push(511, 512, 513, 1000, 4095, 4096, 65_535, 65_536, 100_003);
  return out;
}

/** One-shot digests: [out: 64 bytes of filler][data]; hashDigest(alg, data, len, out). */
function oneShot(): CheckedCase[] {
  const cases: CheckedCase[] = [];
  for (const alg of ALGS) {
    for (const n of lengths()) {
      const data = prngBytes(n * 7 + alg.id, n);
      const input = new Uint8Array(64 + n).fill(FILL, 0, 64);
      input.set(data, 64);
      const tail = hex(new Uint8Array(64 - alg.len).fill(FILL));
      cases.push({
        name: `hash-${alg.name}-${n}`,
        input,
        steps: [
          {
            call: 'hashDigest',
            args: [{ value: alg.id }, { io: 64 }, { value: n }, { io: 0 }],
            report: true,
          },
        ],
        outputs: [{ base: 'io', offset: 0, length: 64 }],
        expect: expectTokens(`hash-${alg.name}-${n}`, alg.len, `${hex(digest(alg.name, data))}${tail}`),
      });
    }
  }
  return cases;
}

/**
 * Streaming digests: [ctx][data][out]; hashInit, then hashUpdate over pieces whose sizes cycle
 * through 1, 63, 64, 65, 127, 128, 129 bytes and 0 (so partial-block buffering is exercised at
 * every offset), then hashFinal.
 */
function streaming(): CheckedCase[] {
  const pieces = [1, 63, 64, 65, 0, 127, 128, 129, 3, 200];
  const cases: CheckedCase[] = [];
  for (const alg of ALGS) {
    for (const total of [0, 1, 300, 1000, 2049]) {
      const data = prngBytes(total * 13 + alg.id + 100, total);
      const input = new Uint8Array(CTX + total + 64).fill(FILL);
      input.set(data, CTX);
      const steps: CheckedCase['steps'][number][] = [
        { call: 'hashInit', args: [{ io: 0 }, { value: alg.id }], report: true },
      ];
      const expectSteps: number[] = [alg.len];
      for (let at = 0, k = 0; at < total && steps.length < 30; k++) {
        const n = Math.min(pieces[k % pieces.length] as number, total - at);
        steps.push({ call: 'hashUpdate', args: [{ io: 0 }, { io: CTX + at }, { value: n }], report: true });
        expectSteps.push(1);
        at += n;
        if (steps.length === 30 && at < total) {
          // Absorb the rest in one call so the digest covers the whole input.
          steps.push({
            call: 'hashUpdate',
            args: [{ io: 0 }, { io: CTX + at }, { value: total - at }],
            report: true,
          });
          expectSteps.push(1);
          at = total;
        }
      }
      steps.push({ call: 'hashFinal', args: [{ io: 0 }, { io: CTX + total }], report: true });
      const tail = hex(new Uint8Array(64 - alg.len).fill(FILL));
      cases.push({
        name: `stream-${alg.name}-${total}`,
        input,
        steps,
        outputs: [{ base: 'io', offset: CTX + total, length: 64 }],
        expect: expectTokens(
          `stream-${alg.name}-${total}`,
          ...expectSteps,
          alg.len,
          `${hex(digest(alg.name, data))}${tail}`,
        ),
      });
    }
  }
  return cases;
}

/** Requests the ABI must refuse with 0 (and leave memory alone): the "error codes" of hashes. */
function rejections(): CheckedCase[] {
  const input = new Uint8Array(64 + 16).fill(FILL);
  const untouched = hex(input.subarray(0, 64));
  const reject = (name: string, call: string, args: CheckedCase['steps'][number]['args']): CheckedCase => ({
    name: `reject-${name}`,
    input,
    steps: [{ call, args, report: true }],
    outputs: [{ base: 'io', offset: 0, length: 64 }],
    expect: expectTokens(`reject-${name}`, 0, untouched),
  });
  return [
    reject('alg0', 'hashDigest', [{ value: 0 }, { io: 64 }, { value: 16 }, { io: 0 }]),
    reject('alg5', 'hashDigest', [{ value: 5 }, { io: 64 }, { value: 16 }, { io: 0 }]),
    reject('alg-max', 'hashDigest', [{ value: 0xffffffff }, { io: 64 }, { value: 16 }, { io: 0 }]),
    reject('data-below-heap', 'hashDigest', [{ value: 2 }, { value: 0 }, { value: 16 }, { io: 0 }]),
    reject('data-past-memory', 'hashDigest', [{ value: 2 }, { io: 64 }, { value: 0x7fffffff }, { io: 0 }]),
    reject('len-wraps', 'hashDigest', [{ value: 2 }, { io: 64 }, { value: 0xffffffff }, { io: 0 }]),
    reject('out-below-heap', 'hashDigest', [{ value: 2 }, { io: 64 }, { value: 16 }, { value: 8 }]),
    reject('out-wraps', 'hashDigest', [{ value: 2 }, { io: 64 }, { value: 16 }, { value: 0xfffffff0 }]),
    reject('init-alg0', 'hashInit', [{ io: 0 }, { value: 0 }]),
    reject('init-ctx-low', 'hashInit', [{ value: 0 }, { value: 2 }]),
    reject('update-overlap', 'hashUpdate', [{ io: 0 }, { io: 16 }, { value: 16 }]),
    reject('final-uninit', 'hashFinal', [{ value: 4 }, { io: 0 }]),
  ];
}

/** Scalar exports every host must see alike. */
function scalars(): CheckedCase[] {
  const none = new Uint8Array(0);
  const one = (name: string, call: string, args: number[], expected: number): CheckedCase => ({
    name,
    input: none,
    steps: [{ call, args: args.map((value) => ({ value })), report: true }],
    outputs: [],
    expect: expectTokens(name, expected),
  });
  return [
    one('abi-version', 'abiVersion', [], 1),
    one('hash-ctx-size', 'hashCtxSize', [], CTX),
    ...[0, 1, 2, 3, 4, 5].map((alg) =>
      one(`hash-len-${alg}`, 'hashLen', [alg], [0, 20, 32, 48, 64, 0][alg] as number),
    ),
    // The hosts' own error paths must agree too: a missing export, a wrong argument count.
    {
      ...one('host-no-such-export', 'noSuchExport', [], 0),
      expect: expectTokens('host-no-such-export', '!noexport'),
    },
    {
      ...one('host-wrong-arity', 'hashLen', [2, 2], 0),
      expect: expectTokens('host-wrong-arity', '!noexport'),
    },
  ];
}

/** Every hash case, in a fixed order. */
export function hashCases(): CheckedCase[] {
  return [...scalars(), ...oneShot(), ...streaming(), ...rejections()];
}

/** An API check with the value node:crypto predicts. */
export interface CheckedApiCheck extends ApiCheck {
  readonly expected: unknown;
}

/**
 * Hash calls through the public API (src/hash.ts), including an input above HASH_CHUNK that
 * streams through the module in chunks.
 */
export function hashApiChecks(): CheckedApiCheck[] {
  const inputs = [0, 3, 64, 1000, 200_000].map((n) => prngBytes(n + 17, n));
  const checks: CheckedApiCheck[] = [];
  for (const data of inputs) {
    for (const alg of ALGS) {
      checks.push({
        name: `api-${alg.name}-${data.length}`,
        call: alg.name,
        args: [{ hex: hex(data) }],
        expected: { hex: hex(digest(alg.name, data)) },
      });
    }
  }
  return checks;
}
