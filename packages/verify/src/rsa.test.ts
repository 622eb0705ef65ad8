// RSA verification (assembly/crypto/rsa.ts) at the raw ABI level: known answers for every test
// key size (512..8192 bits), PSS with modBits = 8k + 1 and with an MGF1 hash that differs from
// the message hash, the DigestInfo NULL rule, key and signature rules, and garbage input (typed
// errors, never a trap, a hang or memory growth).
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILD_VARIANTS,
  digestOf,
  ERR,
  HASH_IDS,
  loadTestKeys,
  loadTestWasmSimd,
  type RsaAbi,
  type RsaRequest,
  rsaVerifyRaw,
  type TestKey,
} from '../test/rsa-abi.js';
import { loadTestWasm } from '../test/test-wasm.js';

const w = loadTestWasm<RsaAbi>();
const keys = loadTestKeys();
const keyOf = (bits: number, e = 65537) => keys.find((k) => k.bits === bits && k.e === e) as TestKey;
const NODE: Record<string, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const H_LEN: Record<string, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const msg = new TextEncoder().encode('hubtrust RSA test message');

function pkcs1Request(key: TestKey, hash: string, sig: Uint8Array, m = msg): RsaRequest {
  return { n: key.nBytes, e: key.eBytes, hash: HASH_IDS[hash] ?? 0, digest: digestOf(hash, m), sig };
}
function pssRequest(key: TestKey, hash: string, sig: Uint8Array, saltLen: number, mgf1 = hash): RsaRequest {
  return { ...pkcs1Request(key, hash, sig), pss: { mgf1Hash: HASH_IDS[mgf1] ?? 0, saltLen } };
}
const signPkcs1 = (key: TestKey, hash: string, m = msg) =>
  new Uint8Array(crypto.sign(NODE[hash] ?? '', m, key.privateKey));
const signPss = (key: TestKey, hash: string, saltLength: number) =>
  new Uint8Array(
    crypto.sign(NODE[hash] ?? '', msg, {
      key: key.privateKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength,
    }),
  );
/** The raw RSA private operation on a k-byte encoded message (to build chosen encodings). */
const rawSign = (key: TestKey, em: Uint8Array) =>
  new Uint8Array(
    crypto.privateEncrypt({ key: key.privateKey, padding: crypto.constants.RSA_NO_PADDING }, em),
  );
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const withByte = (b: Uint8Array, i: number, v: number) => {
  const c = b.slice();
  c[i] = v;
  return c;
};

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) in JS, with any MGF1 hash, padded to k bytes. */
function pssEncode(hash: string, mgf1: string, salt: Uint8Array, modBits: number, k: number): Uint8Array {
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = H_LEN[hash] ?? 0;
  const h = digestOf(hash, concat(new Uint8Array(8), digestOf(hash, msg), salt));
  const db = concat(new Uint8Array(emLen - salt.length - hLen - 2), Uint8Array.of(1), salt);
  const mask = new Uint8Array(db.length);
  for (let c = 0, off = 0; off < db.length; c++, off += H_LEN[mgf1] ?? 1) {
    const block = digestOf(
      mgf1,
      concat(h, Uint8Array.of(c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255)),
    );
    mask.set(block.subarray(0, Math.min(block.length, db.length - off)), off);
  }
  const masked = db.map((v, i) => v ^ (mask[i] ?? 0));
  masked[0] = (masked[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  return concat(new Uint8Array(k - emLen), masked, h, Uint8Array.of(0xbc));
}

describe.each(BUILD_VARIANTS)('RSA: known answers for every key size (%s build)', (variant) => {
  const w = variant === 'simd' ? loadTestWasmSimd<RsaAbi>() : loadTestWasm<RsaAbi>();
  for (const key of keys) {
    it(`${key.bits}-bit, e = ${key.e}`, () => {
      for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
        const hLen = H_LEN[hash] ?? 0;
        const k = key.nBytes.length;
        if (k >= hLen + (hash === 'SHA-1' ? 15 : 19) + 11) {
          const sig = signPkcs1(key, hash);
          expect(rsaVerifyRaw(w, pkcs1Request(key, hash, sig))).toBe(ERR.OK);
          expect(rsaVerifyRaw(w, pkcs1Request(key, hash, sig, msg.subarray(1)))).toBe(ERR.BAD_SIGNATURE);
          expect(rsaVerifyRaw(w, pkcs1Request(key, hash, withByte(sig, k - 1, (sig[k - 1] ?? 0) ^ 1)))).toBe(
            ERR.BAD_SIGNATURE,
          );
        } else {
          // RFC 8017 §9.2 step 3: the block cannot hold the DigestInfo: never valid.
          expect(rsaVerifyRaw(w, pkcs1Request(key, hash, new Uint8Array(k).fill(1)))).toBe(ERR.BAD_SIGNATURE);
        }
        const emLen = Math.ceil((key.bits - 1) / 8);
        const saltLen = Math.min(hLen, emLen - hLen - 2);
        if (saltLen < 0) {
          // §9.1.2 step 3: emLen < hLen + sLen + 2 for every salt: never valid.
          expect(rsaVerifyRaw(w, pssRequest(key, hash, new Uint8Array(k).fill(1), 0))).toBe(
            ERR.BAD_SIGNATURE,
          );
          continue;
        }
        const pss = signPss(key, hash, saltLen);
        expect(rsaVerifyRaw(w, pssRequest(key, hash, pss, saltLen))).toBe(ERR.OK);
        expect(rsaVerifyRaw(w, pssRequest(key, hash, pss, saltLen === 0 ? 1 : saltLen - 1))).toBe(
          ERR.BAD_SIGNATURE,
        );
        expect(rsaVerifyRaw(w, pkcs1Request(key, hash, pss))).toBe(ERR.BAD_SIGNATURE);
      }
    });
  }
});

describe('RSA-PSS encodings', () => {
  it('verifies MGF1 over a different hash than the message hash, and only with that MGF1 hash', () => {
    const key = keyOf(2049);
    const salt = crypto.randomBytes(20);
    for (const [hash, mgf1] of [
      ['SHA-256', 'SHA-1'],
      ['SHA-384', 'SHA-256'],
      ['SHA-1', 'SHA-512'],
      ['SHA-512', 'SHA-384'],
    ] as const) {
      const sig = rawSign(key, pssEncode(hash, mgf1, salt, key.bits, key.nBytes.length));
      expect(rsaVerifyRaw(w, pssRequest(key, hash, sig, 20, mgf1))).toBe(ERR.OK);
      expect(rsaVerifyRaw(w, pssRequest(key, hash, sig, 20, hash))).toBe(ERR.BAD_SIGNATURE);
    }
  });

  it('rejects a wrong trailer, set leftmost bits, a bad PS/0x01 separator, and m >= 256^emLen', () => {
    const key = keyOf(2048);
    const k = key.nBytes.length;
    const salt = new Uint8Array(32).fill(7);
    const good = pssEncode('SHA-256', 'SHA-256', salt, key.bits, k);
    expect(rsaVerifyRaw(w, pssRequest(key, 'SHA-256', rawSign(key, good), 32))).toBe(ERR.OK);
    const bad = [
      withByte(good, k - 1, 0xbd), // trailer field other than 0xbc
      withByte(good, 0, (good[0] ?? 0) | 0x80), // leftmost 8 emLen - emBits bits not zero
      withByte(good, 10, (good[10] ?? 0) ^ 1), // PS (after unmasking) not all zero
      withByte(good, k - 32 - 32 - 2, (good[k - 32 - 32 - 2] ?? 0) ^ 1), // the 0x01 separator
    ];
    for (const em of bad)
      expect(rsaVerifyRaw(w, pssRequest(key, 'SHA-256', rawSign(key, em), 32))).toBe(ERR.BAD_SIGNATURE);
    // modBits = 8k + 1: emLen = k - 1, so the top byte of s^e must be zero.
    const odd = keyOf(2049);
    const ok = pssEncode('SHA-256', 'SHA-256', salt, odd.bits, odd.nBytes.length);
    expect(ok[0]).toBe(0);
    expect(rsaVerifyRaw(w, pssRequest(odd, 'SHA-256', rawSign(odd, ok), 32))).toBe(ERR.OK);
    expect(rsaVerifyRaw(w, pssRequest(odd, 'SHA-256', rawSign(odd, withByte(ok, 0, 1)), 32))).toBe(
      ERR.BAD_SIGNATURE,
    );
  });

  it('handles salt lengths 0 and the largest that fits, and rejects one that cannot fit', () => {
    const key = keyOf(1024);
    const maxSalt = Math.ceil((key.bits - 1) / 8) - 64 - 2;
    for (const saltLen of [0, maxSalt]) {
      expect(rsaVerifyRaw(w, pssRequest(key, 'SHA-512', signPss(key, 'SHA-512', saltLen), saltLen))).toBe(
        ERR.OK,
      );
    }
    const sig = signPss(key, 'SHA-512', 0);
    for (const saltLen of [maxSalt + 1, 1 << 20, 0x7fffffff]) {
      expect(rsaVerifyRaw(w, pssRequest(key, 'SHA-512', sig, saltLen))).toBe(ERR.BAD_SIGNATURE);
    }
    expect(rsaVerifyRaw(w, pssRequest(key, 'SHA-512', sig, -1))).toBe(ERR.INVALID_ARGUMENT);
  });
});

describe('RSA PKCS#1 v1.5 encodings', () => {
  const key = keyOf(2048);
  const k = key.nBytes.length;
  const di = Buffer.from('3031300d060960864801650304020105000420', 'hex');
  const diNoNull = Buffer.from('302f300b0609608648016503040201' + '0420', 'hex');
  const block = (t: Uint8Array, psLen = k - t.length - 3) =>
    concat(
      Uint8Array.of(0, 1),
      new Uint8Array(psLen).fill(0xff),
      Uint8Array.of(0),
      t,
      new Uint8Array(k - t.length - 3 - psLen),
    );

  it('accepts exactly the RFC 8017 block with DigestInfo NULL parameters; rejects the MissingNull variant', () => {
    const h = digestOf('SHA-256', msg);
    expect(rsaVerifyRaw(w, pkcs1Request(key, 'SHA-256', rawSign(key, block(concat(di, h)))))).toBe(ERR.OK);
    expect(rsaVerifyRaw(w, pkcs1Request(key, 'SHA-256', rawSign(key, block(concat(diNoNull, h)))))).toBe(
      ERR.BAD_SIGNATURE,
    );
  });

  it('rejects every single-byte change of the block, and short padding', () => {
    const good = block(concat(di, digestOf('SHA-256', msg)));
    for (let i = 0; i < k; i += i < 12 || i > k - 60 ? 1 : 17) {
      const sig = rawSign(key, withByte(good, i, (good[i] ?? 0) ^ 0x41));
      expect(rsaVerifyRaw(w, pkcs1Request(key, 'SHA-256', sig))).toBe(ERR.BAD_SIGNATURE);
    }
    // Digest moved left with trailing garbage, i.e. padding shorter than the modulus allows.
    const t = concat(di, digestOf('SHA-256', msg));
    expect(rsaVerifyRaw(w, pkcs1Request(key, 'SHA-256', rawSign(key, block(t, k - t.length - 3 - 4))))).toBe(
      ERR.BAD_SIGNATURE,
    );
  });
});

describe('RSA: key and signature rules', () => {
  const key = keyOf(2048);
  const k = key.nBytes.length;
  const sig = signPkcs1(key, 'SHA-256');
  const verify = (patch: Partial<RsaRequest>) =>
    rsaVerifyRaw(w, { ...pkcs1Request(key, 'SHA-256', sig), ...patch });
  const n = BigInt(`0x${Buffer.from(key.nBytes).toString('hex')}`);
  const be = (x: bigint, len: number) =>
    new Uint8Array(Buffer.from(x.toString(16).padStart(2 * len, '0'), 'hex'));

  it('accepts leading zero bytes on n and e', () => {
    expect(
      verify({ n: concat(new Uint8Array(3), key.nBytes), e: concat(new Uint8Array(5), key.eBytes) }),
    ).toBe(ERR.OK);
  });

  it('rejects a signature that is not exactly k bytes, or not below n', () => {
    expect(verify({ sig: sig.subarray(1) })).toBe(ERR.BAD_SIGNATURE);
    expect(verify({ sig: concat(Uint8Array.of(0), sig) })).toBe(ERR.BAD_SIGNATURE);
    expect(verify({ sig: new Uint8Array(0) })).toBe(ERR.BAD_SIGNATURE);
    for (const s of [0n, 1n, n - 1n, n, n + 1n, (1n << BigInt(8 * k)) - 1n]) {
      expect(verify({ sig: be(s, k) })).toBe(ERR.BAD_SIGNATURE);
    }
    // s + n has the same residue as a valid s: must not be reduced and accepted.
    const s = BigInt(`0x${Buffer.from(sig).toString('hex')}`);
    if (s + n < 1n << BigInt(8 * k)) expect(verify({ sig: be(s + n, k) })).toBe(ERR.BAD_SIGNATURE);
  });

  it('rejects even, tiny and oversized moduli', () => {
    const even = withByte(key.nBytes, k - 1, (key.nBytes[k - 1] ?? 0) & 0xfe);
    expect(verify({ n: even })).toBe(ERR.BAD_PUBLIC_KEY);
    for (const bytes of [0, 1, 8, 63]) {
      expect(verify({ n: new Uint8Array(bytes).fill(0xff), sig: new Uint8Array(bytes) })).toBe(
        ERR.BAD_PUBLIC_KEY,
      );
    }
    expect(verify({ n: concat(Uint8Array.of(1), new Uint8Array(1023), Uint8Array.of(1)) })).toBe(
      ERR.BAD_PUBLIC_KEY,
    );
    expect(verify({ n: new Uint8Array(64).fill(0x7f) })).toBe(ERR.BAD_PUBLIC_KEY); // 511 bits
    expect(verify({ n: new Uint8Array(4096).fill(0xff) })).toBe(ERR.BAD_PUBLIC_KEY);
  });

  it('rejects e = 0, 1, even e and e over 64 bits; accepts any odd 3 <= e < 2^64', () => {
    for (const e of [[], [0], [1], [0, 1], [2], [1, 0, 0], [0xff, 0xfe], [1, 0, 0, 0, 0, 0, 0, 0, 1]]) {
      expect(verify({ e: Uint8Array.from(e) })).toBe(ERR.BAD_PUBLIC_KEY);
    }
    expect(verify({ e: new Uint8Array(1024).fill(0xff) })).toBe(ERR.BAD_PUBLIC_KEY);
    expect(verify({ e: Uint8Array.of(3) })).toBe(ERR.BAD_SIGNATURE);
    expect(verify({ e: new Uint8Array(8).fill(0xff) })).toBe(ERR.BAD_SIGNATURE);
  });

  it('bounds the work: an 8192-bit modulus with a 64-bit exponent still finishes', () => {
    const big = keyOf(8192);
    const s = new Uint8Array(big.nBytes.length).fill(0x11);
    const r = rsaVerifyRaw(w, { ...pkcs1Request(big, 'SHA-512', s), e: new Uint8Array(8).fill(0xff) });
    expect(r).toBe(ERR.BAD_SIGNATURE);
  });

  it('reports unknown hash ids as UNSUPPORTED_ALGORITHM', () => {
    for (const id of [0, 5, -1, 224]) {
      expect(verify({ hash: id })).toBe(ERR.UNSUPPORTED_ALGORITHM);
      expect(
        rsaVerifyRaw(w, {
          ...pkcs1Request(key, 'SHA-256', sig),
          pss: { mgf1Hash: 2, saltLen: 32 },
          hash: id,
        }),
      ).toBe(ERR.UNSUPPORTED_ALGORITHM);
      expect(
        rsaVerifyRaw(w, { ...pkcs1Request(key, 'SHA-256', sig), pss: { mgf1Hash: id, saltLen: 32 } }),
      ).toBe(ERR.UNSUPPORTED_ALGORITHM);
    }
  });
});

describe('RSA: the ABI never traps', () => {
  it('rejects ranges outside the IO area and negative lengths with INVALID_ARGUMENT', () => {
    const p = w.ioReserve(1024);
    const end = w.memory.buffer.byteLength;
    const cases: [number, number][] = [
      [0, 256],
      [end - 10, 256],
      [p, -1],
      [0xffffff00, 512],
    ];
    for (const [ptr, len] of cases) {
      expect(w.rsaVerifyPkcs1v15(ptr, len, p, 3, 2, p, p, 256)).toBe(ERR.INVALID_ARGUMENT);
      expect(w.rsaVerifyPkcs1v15(p, 256, p, 3, 2, p, ptr, len)).toBe(ERR.INVALID_ARGUMENT);
      expect(w.rsaVerifyPss(p, 256, ptr, len, 2, 2, 32, p, p, 256)).toBe(ERR.INVALID_ARGUMENT);
    }
    expect(w.rsaVerifyPkcs1v15(p, 256, p, 3, 2, end - 8, p, 256)).toBe(ERR.INVALID_ARGUMENT); // digest
  });

  it('answers garbage with a typed error and no memory growth', () => {
    const pages = w.memory.buffer.byteLength;
    const allowed = new Set([
      ERR.OK,
      ERR.BAD_SIGNATURE,
      ERR.BAD_PUBLIC_KEY,
      ERR.UNSUPPORTED_ALGORITHM,
      ERR.INVALID_ARGUMENT,
    ]);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.uint8Array({ maxLength: 12 }),
        fc.uint8Array({ maxLength: 600 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.integer({ min: -2, max: 6 }),
        fc.integer({ min: -2, max: 6 }),
        fc.integer({ min: -5, max: 600 }),
        fc.boolean(),
        (n, e, sig, digest, hash, mgf1, saltLen, pss) => {
          // Odd n, so most cases get past the key checks and into the arithmetic.
          if (n.length > 0) n[n.length - 1] = (n[n.length - 1] ?? 0) | 1;
          const r = rsaVerifyRaw(w, {
            n,
            e,
            sig,
            digest,
            hash,
            ...(pss ? { pss: { mgf1Hash: mgf1, saltLen } } : {}),
          });
          expect(allowed.has(r)).toBe(true);
          expect(r).not.toBe(ERR.OK);
        },
      ),
      { numRuns: 1500 },
    );
    expect(w.memory.buffer.byteLength).toBe(pages);
  });
});
