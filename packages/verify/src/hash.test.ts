import { createHash as nodeHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestWasm } from '../test/test-wasm.js';
import {
  createHash,
  HASH_CHUNK,
  type HashAlgorithm,
  hash,
  hashAlgorithm,
  hashLength,
  sha1,
  sha256,
  sha384,
  sha512,
} from './hash.js';
import { VerifyError } from './verify-error.js';
import { init, type VerifyExports } from './wasm.js';

const ALGS: HashAlgorithm[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
const NODE_NAME: Record<HashAlgorithm, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const FILE_NAME: Record<HashAlgorithm, string> = {
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
};

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const reference = (alg: HashAlgorithm, data: Uint8Array) =>
  hex(nodeHash(NODE_NAME[alg]).update(data).digest());

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
function bytes(n: number, seed = n + 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

interface Vector {
  msg: Uint8Array;
  md: string;
}

function readRsp(name: string): { digestLength: number; vectors: Vector[] } {
  const text = gunzipSync(readFileSync(new URL(`../test-data/sha/${name}.rsp.gz`, import.meta.url)))
    .toString('latin1')
    .replace(/\r/g, '');
  const digestLength = Number(/\[L = (\d+)\]/.exec(text)?.[1]);
  const vectors: Vector[] = [];
  for (const m of text.matchAll(/Len = (\d+)\nMsg = ([0-9a-f]*)\nMD = ([0-9a-f]+)/g)) {
    const bits = Number(m[1]);
    const msg = Uint8Array.from(Buffer.from(m[2] ?? '', 'hex')).subarray(0, bits / 8);
    expect(msg.length * 8).toBe(bits);
    vectors.push({ msg, md: m[3] ?? '' });
  }
  return { digestLength, vectors };
}

beforeAll(async () => {
  await init();
});

describe('NIST CAVP SHA vectors', () => {
  const counts: Record<string, number> = {
    SHA1ShortMsg: 65,
    SHA1LongMsg: 64,
    SHA256ShortMsg: 65,
    SHA256LongMsg: 64,
    SHA384ShortMsg: 129,
    SHA384LongMsg: 128,
    SHA512ShortMsg: 129,
    SHA512LongMsg: 128,
  };
  for (const alg of ALGS) {
    for (const kind of ['ShortMsg', 'LongMsg']) {
      const name = `${FILE_NAME[alg]}${kind}`;
      it(`${name}: every record, one-shot and streamed in odd chunks`, () => {
        const { digestLength, vectors } = readRsp(name);
        expect(digestLength).toBe(hashLength(alg));
        expect(vectors.length).toBe(counts[name]);
        for (const [i, v] of vectors.entries()) {
          expect(hex(hash(alg, v.msg)), `${name} #${i}`).toBe(v.md);
          const h = createHash(alg);
          const step = (i % 13) + 1;
          for (let off = 0; off < v.msg.length; off += step) h.update(v.msg.subarray(off, off + step));
          expect(hex(h.digest()), `${name} #${i} streamed`).toBe(v.md);
        }
      });
    }
  }
});

describe('hash lengths and block boundaries', () => {
  const lengths = [
    0,
    1,
    3,
    55,
    56,
    57,
    63,
    64,
    65,
    111,
    112,
    113,
    119,
    120,
    127,
    128,
    129,
    191,
    192,
    255,
    256,
    257,
    1000,
    4095,
    4096,
    HASH_CHUNK - 1,
    HASH_CHUNK,
    HASH_CHUNK + 1,
    3 * HASH_CHUNK + 77,
  ];
  for (const alg of ALGS) {
    it(`${alg} agrees with node:crypto at every boundary length`, () => {
      for (const n of lengths) {
        const data = bytes(n);
        const want = reference(alg, data);
        expect(hex(hash(alg, data)), `${alg} len ${n}`).toBe(want);
        expect(hex(createHash(alg).update(data).digest()), `${alg} len ${n} streamed`).toBe(want);
      }
    });
  }

  it('named helpers give the FIPS 180-4 example digests', () => {
    const abc = new TextEncoder().encode('abc');
    expect(hex(sha1(abc))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha256(abc))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha384(abc))).toBe(
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    );
    expect(hex(sha512(abc))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect(hex(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes a view into a larger buffer, not the whole buffer', () => {
    const big = bytes(300);
    const view = big.subarray(17, 17 + 100);
    expect(hex(sha256(view))).toBe(reference('SHA-256', big.slice(17, 117)));
    expect(hex(sha512(Buffer.from(view)))).toBe(reference('SHA-512', big.slice(17, 117)));
  });
});

describe('streaming', () => {
  it('random chunk boundaries: streaming == one-shot == node:crypto (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGS),
        fc.uint8Array({ maxLength: 1200 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 12 }),
        (alg, data, cuts) => {
          const h = createHash(alg);
          let off = 0;
          for (const c of cuts) {
            h.update(data.subarray(off, off + c));
            off = Math.min(data.length, off + c);
          }
          h.update(data.subarray(off));
          const streamed = hex(h.digest());
          return streamed === hex(hash(alg, data)) && streamed === reference(alg, data);
        },
      ),
      { numRuns: 400, seed: 0x5eed },
    );
  });

  it('keeps interleaved hashes apart', () => {
    const a = createHash('SHA-256');
    const b = createHash('SHA-512');
    const c = createHash('SHA-256');
    const x = bytes(500, 7);
    const y = bytes(700, 9);
    for (let i = 0; i < 500; i += 50) {
      a.update(x.subarray(i, i + 50));
      b.update(y.subarray(i, i + 50));
      c.update(y.subarray(i, i + 50));
      sha1(x); // one-shot calls in between must not disturb the streams
    }
    b.update(y.subarray(500));
    c.update(y.subarray(500));
    expect(hex(a.digest())).toBe(reference('SHA-256', x));
    expect(hex(b.digest())).toBe(reference('SHA-512', y));
    expect(hex(c.digest())).toBe(reference('SHA-256', y));
  });

  it('reports algorithm and length, chains update, and refuses use after digest', () => {
    const h = createHash('sha-384' as HashAlgorithm);
    expect(h.algorithm).toBe('SHA-384');
    expect(h.length).toBe(48);
    expect(h.update(new Uint8Array([1])).update(new Uint8Array([2]))).toBe(h);
    expect(hex(h.digest())).toBe(reference('SHA-384', new Uint8Array([1, 2])));
    expect(() => h.digest()).toThrow(VerifyError);
    expect(() => h.update(new Uint8Array(1))).toThrow(VerifyError);
  });
});

describe('argument validation', () => {
  it('rejects unknown algorithms with a typed error', () => {
    for (const bad of ['SHA-224', 'MD5', 'sha256', '', null, undefined, 2, {}]) {
      expect(() => hash(bad as unknown as HashAlgorithm, new Uint8Array())).toThrow(VerifyError);
      expect(() => createHash(bad as unknown as HashAlgorithm)).toThrow(VerifyError);
    }
    expect(hashAlgorithm('Sha-512')).toBe('SHA-512');
    let caught: unknown;
    try {
      createHash('MD5' as HashAlgorithm);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(VerifyError);
    expect((caught as VerifyError).code).toBe('INVALID_ARGUMENT');
    expect((caught as VerifyError).message).toMatch(/MD5/);
  });

  it('rejects non-bytes input with a typed error', () => {
    for (const bad of ['abc', null, undefined, 5, [1, 2], new ArrayBuffer(4), new Uint16Array(2)]) {
      expect(() => sha256(bad as unknown as Uint8Array)).toThrow(VerifyError);
      expect(() => createHash('SHA-1').update(bad as unknown as Uint8Array)).toThrow(VerifyError);
    }
  });
});

describe('raw wasm ABI (test build)', () => {
  type HashAbi = Pick<
    VerifyExports,
    'ioReserve' | 'hashLen' | 'hashCtxSize' | 'hashDigest' | 'hashInit' | 'hashUpdate' | 'hashFinal'
  >;

  it('reports lengths and the context size', () => {
    const w = loadTestWasm<HashAbi>();
    expect([0, 1, 2, 3, 4, 5, -1].map((a) => w.hashLen(a))).toEqual([0, 20, 32, 48, 64, 0, 0]);
    expect(w.hashCtxSize()).toBe(208);
  });

  it('never traps or grows memory on garbage pointers, lengths, ids and contexts', () => {
    const w = loadTestWasm<HashAbi>();
    const base = w.ioReserve(4096);
    const pages = w.memory.buffer.byteLength;
    const words = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.integer({ min: base - 64, max: base + 8192 }),
      fc.constantFrom(0, 1, 2, 3, 4, 5, 64, 208, pages - 1, pages, 2 ** 31 - 1, -1),
    );
    fc.assert(
      fc.property(
        fc.tuple(words, words, words, words),
        fc.uint8Array({ minLength: 208, maxLength: 208 }),
        ([a, b, c, d], ctxBytes) => {
          w.ioReserve(4096);
          const mem = new Uint8Array(w.memory.buffer);
          mem.set(ctxBytes, base); // a corrupt context at the start of the IO area
          const r1 = w.hashDigest(a, b, c, d);
          const r2 = w.hashUpdate(base, base + 208, c & 0x7ff);
          const r3 = w.hashUpdate(a, b, c);
          const r4 = w.hashFinal(base, base + 1024);
          const r5 = w.hashFinal(a, b);
          const r6 = w.hashInit(a, b);
          return (
            [0, 20, 32, 48, 64].includes(r1) &&
            [0, 1].includes(r2) &&
            [0, 1].includes(r3) &&
            [0, 20, 32, 48, 64].includes(r4) &&
            [0, 20, 32, 48, 64].includes(r5) &&
            [0, 20, 32, 48, 64].includes(r6)
          );
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
    expect(w.memory.buffer.byteLength).toBe(pages);
  });

  it('refuses pointers outside the IO area and unknown ids', () => {
    const w = loadTestWasm<HashAbi>();
    const p = w.ioReserve(1024);
    const end = w.memory.buffer.byteLength;
    expect(w.hashDigest(2, p, 10, p + 100)).toBe(32);
    expect(w.hashDigest(9, p, 10, p + 100)).toBe(0);
    expect(w.hashDigest(2, 0, 10, p + 100)).toBe(0); // static data is not the IO area
    expect(w.hashDigest(2, p, 10, 8)).toBe(0);
    expect(w.hashDigest(2, end - 5, 10, p)).toBe(0);
    expect(w.hashDigest(2, p, 10, end - 31)).toBe(0);
    expect(w.hashDigest(2, p, 0xffffffff, p)).toBe(0);
    expect(w.hashInit(p, 0)).toBe(0);
    expect(w.hashInit(end - 100, 2)).toBe(0);
    // a finalised context refuses further use
    expect(w.hashInit(p, 4)).toBe(64);
    expect(w.hashUpdate(p, p + 300, 5)).toBe(1);
    expect(w.hashUpdate(p, p + 100, 5)).toBe(0); // data overlapping the context
    expect(w.hashFinal(p, p + 512)).toBe(64);
    expect(w.hashFinal(p, p + 512)).toBe(0);
    expect(w.hashUpdate(p, p + 300, 5)).toBe(0);
  });
});
