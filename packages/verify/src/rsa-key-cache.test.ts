// The RSA key cache (assembly/crypto/rsa-key-cache.ts) at the raw ABI level: a cached context or
// PKCS#1 constant must never serve another key. Alternating keys, more keys than slots, one
// modulus with two exponents, moduli that differ in one byte, share a prefix or differ in length,
// leading zero bytes, hashes alternating on one key, keys too large to cache, and flat memory over
// 100,000 verifications with rotating keys. The probes (slot of a modulus, hash of its stored
// constants) check that the cache is really used, so a cache that silently never hits fails too.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  digestOf,
  ERR,
  HASH_IDS,
  loadTestKeys,
  NODE_HASH,
  type RsaAbi,
  type RsaCacheProbes,
  type RsaRequest,
  rsaVerifyRaw,
  type TestKey,
} from '../test/rsa-abi.js';
import { loadTestWasm } from '../test/test-wasm.js';

type Wasm = RsaAbi & RsaCacheProbes;
const keys = loadTestKeys();
const keyOf = (bits: number, e = 65537) => keys.find((k) => k.bits === bits && k.e === e) as TestKey;
const msg = new TextEncoder().encode('hubtrust RSA key cache test');

interface Signed {
  n: Uint8Array;
  e: Uint8Array;
  hash: string;
  sig: Uint8Array;
}
const sign = (key: TestKey, hash = 'SHA-256', m = msg): Signed => ({
  n: key.nBytes,
  e: key.eBytes,
  hash,
  sig: new Uint8Array(crypto.sign(NODE_HASH[hash] ?? '', m, key.privateKey)),
});
const request = (s: Signed, m = msg): RsaRequest => ({
  n: s.n,
  e: s.e,
  hash: HASH_IDS[s.hash] ?? 0,
  digest: digestOf(s.hash, m),
  sig: s.sig,
});
const verify = (w: Wasm, s: Signed, m = msg) => rsaVerifyRaw(w, request(s, m));

/** Slot of modulus n (leading zero bytes stripped), or -1. */
function slotOf(w: Wasm, n: Uint8Array): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  const p = w.ioReserve(n.length);
  new Uint8Array(w.memory.buffer).set(n.subarray(i), p);
  return w.keyCacheSlotOf(p, n.length - i);
}
/** The hash id of the PKCS#1 constants cached for modulus n (0: none; -1: not cached). */
function constantsOf(w: Wasm, n: Uint8Array): number {
  const s = slotOf(w, n);
  return s < 0 ? -1 : w.keyCacheConstantsHash(s);
}
const flip = (b: Uint8Array, i: number, mask = 1) => {
  const c = b.slice();
  c[i] = (c[i] ?? 0) ^ mask;
  return c;
};

/** The same modulus as `key` with another public exponent (and its private key), by BigInt. */
function sameModulusOtherExponent(key: TestKey): { e: number; privateKey: crypto.KeyObject } {
  const jwk = key.privateKey.export({ format: 'jwk' });
  const big = (s: string | undefined) => BigInt(`0x${Buffer.from(s ?? '', 'base64url').toString('hex')}`);
  const b64 = (x: bigint) =>
    Buffer.from(
      x
        .toString(16)
        .padStart(2, '0')
        .replace(/^(.(..)*)$/, '0$1'),
      'hex',
    );
  const [p, q] = [big(jwk.p), big(jwk.q)];
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const inverse = (a: bigint, m: bigint) => {
    let [r0, r1, s0, s1] = [m, a % m, 0n, 1n];
    while (r1 !== 0n) {
      const t = r0 / r1;
      [r0, r1, s0, s1] = [r1, r0 - t * r1, s1, s0 - t * s1];
    }
    return ((s0 % m) + m) % m;
  };
  const e = [3, 5, 17, 257].find((c) => c !== key.e && gcd(BigInt(c), lambda) === 1n) as number;
  const d = inverse(BigInt(e), lambda);
  const privateKey = crypto.createPrivateKey({
    key: {
      kty: 'RSA',
      n: jwk.n,
      e: b64(BigInt(e)).toString('base64url'),
      d: b64(d).toString('base64url'),
      p: jwk.p,
      q: jwk.q,
      dp: b64(d % (p - 1n)).toString('base64url'),
      dq: b64(d % (q - 1n)).toString('base64url'),
      qi: b64(inverse(q, p)).toString('base64url'),
    },
    format: 'jwk',
  });
  return { e, privateKey };
}

describe('RSA key cache', () => {
  const w = loadTestWasm<Wasm>();
  const SLOTS = w.keyCacheSlotCount();
  const small = [keyOf(1024), keyOf(1024, 3), keyOf(1025), keyOf(2048), keyOf(2048, 3), keyOf(2049)];

  it('has a few slots (fewer than the keys used below)', () => {
    expect(SLOTS).toBeGreaterThanOrEqual(2);
    expect(SLOTS).toBeLessThan(small.length);
  });

  it('serves alternating keys, each with its own context and constants', () => {
    w.keyCacheReset();
    const [a, b] = [sign(keyOf(2048)), sign(keyOf(2048, 3))];
    // Same length, so each signature also reaches the arithmetic under the other modulus.
    const crossAB: Signed = { ...a, sig: b.sig };
    const crossBA: Signed = { ...b, sig: a.sig };
    for (let round = 0; round < 8; round++) {
      expect(verify(w, a)).toBe(ERR.OK);
      expect(verify(w, b)).toBe(ERR.OK);
      expect(verify(w, crossAB)).toBe(ERR.BAD_SIGNATURE);
      expect(verify(w, crossBA)).toBe(ERR.BAD_SIGNATURE);
      expect(verify(w, { ...a, sig: flip(a.sig, 200) })).toBe(ERR.BAD_SIGNATURE);
      expect(verify(w, a, flip(msg, 3))).toBe(ERR.BAD_SIGNATURE);
    }
    // Both are cached with their SHA-256 constants, in different slots.
    expect(slotOf(w, a.n)).toBeGreaterThanOrEqual(0);
    expect(slotOf(w, b.n)).toBeGreaterThanOrEqual(0);
    expect(slotOf(w, a.n)).not.toBe(slotOf(w, b.n));
    expect(constantsOf(w, a.n)).toBe(HASH_IDS['SHA-256']);
    expect(constantsOf(w, b.n)).toBe(HASH_IDS['SHA-256']);
    expect(w.keyCacheConstantsE(slotOf(w, b.n))).toBe(3n);
  });

  it('churns through more keys than slots (LRU), with the right verdict every time', () => {
    w.keyCacheReset();
    const signed = small.map((k) => sign(k, k.bits > 2000 ? 'SHA-384' : 'SHA-1'));
    const hot = signed[3] as Signed; // used between every other key: must stay cached
    const used: Signed[] = [];
    for (let i = 0; i < 60; i++) {
      const s = signed[(i * 7) % signed.length] as Signed;
      for (const x of [s, hot]) {
        expect(verify(w, x)).toBe(ERR.OK);
        expect(verify(w, { ...x, sig: flip(x.sig, i % x.sig.length, 0x10) })).toBe(ERR.BAD_SIGNATURE);
        used.push(x);
      }
      // The SLOTS most recently used distinct keys are cached; older ones have been evicted.
      const recent = [...new Set(used.slice().reverse())];
      for (const [j, x] of recent.entries()) expect(slotOf(w, x.n) >= 0).toBe(j < SLOTS);
    }
    expect(constantsOf(w, hot.n)).toBe(HASH_IDS['SHA-384']);
  });

  it('keeps the constants of one modulus apart for two exponents', () => {
    w.keyCacheReset();
    const key = keyOf(2048);
    const other = sameModulusOtherExponent(key);
    const eBytes = new Uint8Array([other.e >> 8, other.e & 255].filter((v, i) => i === 1 || v));
    const a = sign(key);
    const b: Signed = {
      n: key.nBytes,
      e: eBytes,
      hash: 'SHA-256',
      sig: new Uint8Array(crypto.sign('sha256', msg, other.privateKey)),
    };
    expect(crypto.verify('sha256', msg, crypto.createPublicKey(other.privateKey), b.sig)).toBe(true);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) expect(verify(w, a)).toBe(ERR.OK);
      expect(w.keyCacheConstantsE(slotOf(w, key.nBytes))).toBe(65537n);
      for (let i = 0; i < 3; i++) expect(verify(w, b)).toBe(ERR.OK);
      expect(w.keyCacheConstantsE(slotOf(w, key.nBytes))).toBe(BigInt(other.e));
      expect(verify(w, { ...a, sig: b.sig })).toBe(ERR.BAD_SIGNATURE);
      expect(verify(w, { ...b, sig: a.sig })).toBe(ERR.BAD_SIGNATURE);
    }
  });

  it('never lets a modulus that differs in one byte, shares a prefix or differs in length hit', () => {
    w.keyCacheReset();
    const a = sign(keyOf(2048));
    const k = a.n.length;
    /** a.n with byte i increased by d (no carry: a larger modulus, so a's signature is below it). */
    const bump = (i: number, d: number) => {
      const c = a.n.slice();
      c[i] = (c[i] ?? 0) + d;
      expect(c[i]).toBeLessThan(256);
      return c;
    };
    const variants: [string, Uint8Array, Uint8Array][] = [
      ['the first byte', bump(0, 1), a.sig],
      ['one byte in the middle', bump(k >> 1, 1), a.sig],
      ['the last byte', bump(k - 1, 2), a.sig],
      // Its first k - 1 bytes (made odd), with a's signature without its last byte (< it).
      [
        'a prefix',
        Uint8Array.from([...a.n.subarray(0, k - 1)], (v, i) => (i === k - 2 ? v | 1 : v)),
        a.sig.subarray(0, k - 1),
      ],
      ['one byte longer', Uint8Array.from([...a.n, 0x55]), Uint8Array.from([0, ...a.sig])],
    ];
    for (let i = 0; i < 3; i++) expect(verify(w, a)).toBe(ERR.OK); // a warm, with its constants
    expect(constantsOf(w, a.n)).toBe(HASH_IDS['SHA-256']);
    for (const [what, n, sig] of variants) {
      // Three calls: a miss, then the constants for this modulus, then warm. All reject.
      for (let i = 0; i < 3; i++) expect(verify(w, { ...a, n, sig }), what).toBe(ERR.BAD_SIGNATURE);
      expect(slotOf(w, n), what).toBeGreaterThanOrEqual(0); // it went through the cache ...
      expect(slotOf(w, n), what).not.toBe(slotOf(w, a.n)); // ... in a slot of its own
      expect(constantsOf(w, n), what).toBe(HASH_IDS['SHA-256']);
      expect(verify(w, a), what).toBe(ERR.OK);
    }
  });

  it('treats leading zero bytes of the modulus as the same key', () => {
    w.keyCacheReset();
    const a = sign(keyOf(1024));
    for (const zeros of [0, 1, 2, 7]) {
      const n = Uint8Array.from([...new Uint8Array(zeros), ...a.n]);
      expect(verify(w, { ...a, n })).toBe(ERR.OK);
      expect(slotOf(w, n)).toBe(slotOf(w, a.n));
    }
    expect(constantsOf(w, a.n)).toBe(HASH_IDS['SHA-256']);
  });

  it('verifies hashes alternating on one key; constants follow a request repeated without them', () => {
    w.keyCacheReset();
    const key = keyOf(3072);
    const by = Object.fromEntries(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'].map((h) => [h, sign(key, h)]));
    // [hash, hash of the constants after the call]: they are computed when a request the stored
    // constants do not serve repeats the previous such request (same key, exponent and hash).
    const steps: [string, string | undefined][] = [
      ['SHA-256', undefined], // miss
      ['SHA-1', undefined],
      ['SHA-256', undefined],
      ['SHA-256', 'SHA-256'], // repeated: computed
      ['SHA-1', 'SHA-256'],
      ['SHA-256', 'SHA-256'], // served
      ['SHA-1', 'SHA-1'], // repeats the last unserved request
      ['SHA-512', 'SHA-1'],
      ['SHA-384', 'SHA-1'],
      ['SHA-384', 'SHA-384'],
    ];
    for (const [h, after] of steps) {
      const s = by[h] as Signed;
      expect(verify(w, s), h).toBe(ERR.OK);
      expect(constantsOf(w, key.nBytes), h).toBe(after === undefined ? 0 : HASH_IDS[after]);
    }
    // A signature made for another hash never verifies, with or without constants.
    for (const h of ['SHA-384', 'SHA-1', 'SHA-1', 'SHA-384']) {
      const other = by[h === 'SHA-1' ? 'SHA-384' : 'SHA-1'] as Signed;
      expect(verify(w, { ...(by[h] as Signed), sig: other.sig }), h).toBe(ERR.BAD_SIGNATURE);
    }
  });

  it('verifies keys too large to cache uncached', () => {
    w.keyCacheReset();
    const a = sign(keyOf(8192));
    for (let i = 0; i < 3; i++) expect(verify(w, a)).toBe(ERR.OK);
    expect(verify(w, { ...a, sig: flip(a.sig, 9) })).toBe(ERR.BAD_SIGNATURE);
    expect(slotOf(w, a.n)).toBe(-1);
  });

  it('never caches a rejected key', () => {
    w.keyCacheReset();
    const a = sign(keyOf(2048));
    const even = flip(a.n, a.n.length - 1, 1);
    expect(verify(w, { ...a, n: even })).toBe(ERR.BAD_PUBLIC_KEY);
    expect(verify(w, { ...a, e: Uint8Array.of(1, 0, 0) })).toBe(ERR.BAD_PUBLIC_KEY);
    expect(slotOf(w, even)).toBe(-1);
    expect(slotOf(w, a.n)).toBe(-1);
  });

  it('does not grow memory over 100,000 verifications with rotating keys', () => {
    w.keyCacheReset();
    const hot = [sign(keyOf(512), 'SHA-1'), sign(keyOf(1024), 'SHA-1')];
    const pool = [keyOf(1024, 3), keyOf(1025), keyOf(2048, 3)].map((k) => sign(k));
    const all = [...hot, ...pool];
    // One request area for all calls (rsaVerifyRaw would reserve one per call).
    const p = w.ioReserve(1024 * all.length);
    const mem = new Uint8Array(w.memory.buffer);
    const calls = all.map((s, i) => {
      const r = request(s);
      const [pn, pe, pd, ps] = [p + 1024 * i, p + 1024 * i + 260, p + 1024 * i + 270, p + 1024 * i + 340];
      mem.set(r.n, pn);
      mem.set(r.e, pe);
      mem.set(r.digest, pd);
      mem.set(r.sig, ps);
      return () => w.rsaVerifyPkcs1v15(pn, r.n.length, pe, r.e.length, r.hash, pd, ps, r.sig.length);
    });
    const before = w.memory.buffer.byteLength;
    let ok = 0;
    for (let i = 0; i < 100_000; i++) {
      // The hot keys every other call (cached, warm); the pool in rotation in between: three keys
      // for the slots the hot ones leave, so each is evicted before it comes back (always cold).
      const call = i % 2 === 0 ? calls[(i >> 1) % 2] : calls[2 + ((i >> 1) % 3)];
      if (call?.() === ERR.OK) ok++;
    }
    expect(ok).toBe(100_000);
    expect(w.memory.buffer.byteLength).toBe(before);
    for (const s of hot) expect(constantsOf(w, s.n)).toBe(HASH_IDS['SHA-1']);
    expect(pool.filter((s) => constantsOf(w, s.n) > 0)).toEqual([]);
  }, 60_000);
});
