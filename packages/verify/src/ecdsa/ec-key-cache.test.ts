// The ECDSA key-table cache (assembly/crypto/ec-key-cache.ts) at the raw ABI level: a cached
// table must never serve another key, and the cache must really be used. Admission on the second
// sighting, keys that share all but their last byte or differ only in the compressed-form tag
// (both valid points, the negation of each other), invalid keys never cached, more keys than
// slots (LRU), one-off keys that must not evict warm tables, and flat memory over 100,000
// verifications with rotating keys.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CURVES,
  digestOf,
  type EcExports,
  fromBytes,
  P256,
  P384,
  toBytes,
  verifyRaw,
} from '../../test/ec-harness.js';
import { ERR } from '../../test/rsa-abi.js';
import { loadTestWasm } from '../../test/test-wasm.js';

const w = loadTestWasm<EcExports>();
const { OK, BAD_SIGNATURE, BAD_PUBLIC_KEY } = ERR;

interface Key {
  curve: number;
  privateKey: KeyObject;
  point: Uint8Array;
  x: Uint8Array;
  y: Uint8Array;
}
function newKey(curve: number): Key {
  const c = CURVES[curve] as (typeof CURVES)[number];
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: c.nodeName });
  const jwk = publicKey.export({ format: 'jwk' });
  const x = new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
  const y = new Uint8Array(Buffer.from(jwk.y as string, 'base64url'));
  return { curve, privateKey, point: Uint8Array.of(4, ...x, ...y), x, y };
}
const compressed = (k: Key, flipTag = false) =>
  Uint8Array.of(2 + (((k.y[k.y.length - 1] as number) & 1) ^ (flipTag ? 1 : 0)), ...k.x);

interface Signed {
  digest: Uint8Array;
  r: Uint8Array;
  s: Uint8Array;
}
const msg = new TextEncoder().encode('hubtrust ECDSA key cache test');
function signWith(k: Key, m = msg): Signed {
  const c = CURVES[k.curve] as (typeof CURVES)[number];
  const sig = new Uint8Array(sign(c.hash, m, { key: k.privateKey, dsaEncoding: 'ieee-p1363' }));
  return { digest: digestOf(c.hash, m), r: sig.subarray(0, c.bytes), s: sig.subarray(c.bytes) };
}
const verify = (curve: number, point: Uint8Array, s: Signed) =>
  verifyRaw(curve, point, s.digest, s.r, s.s, w);

function inIo<T>(bytes: Uint8Array, f: (p: number) => T): T {
  const p = w.ioReserve(bytes.length);
  new Uint8Array(w.memory.buffer).set(bytes, p);
  return f(p);
}
const slotOf = (curve: number, point: Uint8Array) =>
  inIo(point, (p) => w.ecKeyCacheSlotOf(curve, p, point.length));
const waiting = (curve: number, point: Uint8Array) =>
  inIo(point, (p) => w.ecKeyCacheCandidate(curve, p, point.length)) === 1;

const p256Keys = Array.from({ length: 8 }, () => newKey(P256));
const p384Keys = Array.from({ length: 2 }, () => newKey(P384));

describe('ECDSA key-table cache', () => {
  it('admits a key on its second sighting and keeps every verdict', () => {
    w.ecKeyCacheReset();
    for (const k of [p256Keys[0], p384Keys[0]] as Key[]) {
      const good = signWith(k);
      const bad = { ...good, digest: good.digest.map((b, i) => (i === 0 ? b ^ 1 : b)) };
      expect(verify(k.curve, k.point, good)).toBe(OK);
      expect(slotOf(k.curve, k.point)).toBe(-1);
      expect(waiting(k.curve, k.point)).toBe(true);
      expect(verify(k.curve, k.point, bad)).toBe(BAD_SIGNATURE); // second sighting: table built
      expect(waiting(k.curve, k.point)).toBe(false);
      const slot = slotOf(k.curve, k.point);
      expect(slot).toBeGreaterThanOrEqual(0);
      for (let i = 0; i < 3; i++) {
        expect(verify(k.curve, k.point, good)).toBe(OK);
        expect(verify(k.curve, k.point, bad)).toBe(BAD_SIGNATURE);
        expect(verify(k.curve, k.point, signWith(k, Uint8Array.of(i)))).toBe(OK);
      }
      expect(slotOf(k.curve, k.point)).toBe(slot);
    }
  });

  it('never serves a table to a key that differs in a byte, the tag, the form or the curve', () => {
    w.ecKeyCacheReset();
    const k = p256Keys[1] as Key;
    const p = CURVES[P256]?.p as bigint;
    const good = signWith(k);
    for (const form of [k.point, compressed(k)]) {
      verify(P256, form, good);
      expect(verify(P256, form, good)).toBe(OK);
      expect(slotOf(P256, form)).toBeGreaterThanOrEqual(0);
    }
    // -Q: the same X, the other Y (uncompressed: only the last 32 bytes differ; compressed: only
    // the tag). Both are valid keys under which the signature must fail, cached or not.
    const negY = toBytes(p - fromBytes(k.y), 32);
    const negated = [Uint8Array.of(4, ...k.x, ...negY), compressed(k, true)];
    for (const point of negated) {
      for (let i = 0; i < 3; i++) expect(verify(P256, point, good)).toBe(BAD_SIGNATURE);
      expect(slotOf(P256, point)).toBeGreaterThanOrEqual(0);
    }
    // One flipped bit in the first byte of X or the last byte of Y: not on the curve.
    for (const at of [1, 64]) {
      const flipped = k.point.slice();
      flipped[at] = (flipped[at] as number) ^ 1;
      for (let i = 0; i < 3; i++) expect(verify(P256, flipped, good)).toBe(BAD_PUBLIC_KEY);
      expect(slotOf(P256, flipped)).toBe(-1);
      expect(waiting(P256, flipped)).toBe(false);
    }
    // A prefix and a longer encoding of the cached key.
    expect(verify(P256, k.point.subarray(0, 64), good)).toBe(BAD_PUBLIC_KEY);
    expect(verify(P256, Uint8Array.of(...k.point, 0), good)).toBe(BAD_PUBLIC_KEY);
    // The same bytes as another curve: P-384 wants 97 or 49 bytes.
    expect(verify(P384, k.point, good)).toBe(BAD_PUBLIC_KEY);
    // The original still verifies from its table.
    expect(verify(P256, k.point, good)).toBe(OK);
    expect(slotOf(P256, k.point)).toBeGreaterThanOrEqual(0);
  });

  it('evicts the least recently used table, and one-off keys never evict a table', () => {
    w.ecKeyCacheReset();
    const slots = w.ecKeyCacheSlotCount();
    expect(slots).toBe(4);
    const hot = p256Keys.slice(0, slots) as Key[];
    const sigs = new Map(p256Keys.map((k) => [k, signWith(k)]));
    for (const k of hot)
      for (let i = 0; i < 2; i++) expect(verify(P256, k.point, sigs.get(k) as Signed)).toBe(OK);
    for (const k of hot) expect(slotOf(P256, k.point)).toBeGreaterThanOrEqual(0);
    // A stream of keys seen once each (fresh keys): they wait in the ring and leave it again.
    for (let i = 0; i < 6; i++) {
      const once = newKey(P256);
      expect(verify(P256, once.point, signWith(once))).toBe(OK);
      expect(slotOf(P256, once.point)).toBe(-1);
    }
    for (const k of hot) expect(slotOf(P256, k.point)).toBeGreaterThanOrEqual(0);
    // hot[0] used last; a new repeating key takes the least recently used slot (hot[1]'s).
    verify(P256, (hot[0] as Key).point, sigs.get(hot[0] as Key) as Signed);
    const newcomer = p256Keys[slots] as Key;
    const oldSlot = slotOf(P256, (hot[1] as Key).point);
    for (let i = 0; i < 2; i++) expect(verify(P256, newcomer.point, sigs.get(newcomer) as Signed)).toBe(OK);
    expect(slotOf(P256, newcomer.point)).toBe(oldSlot);
    expect(slotOf(P256, (hot[1] as Key).point)).toBe(-1);
    for (const k of [hot[0], hot[2], hot[3]] as Key[])
      expect(slotOf(P256, k.point)).toBeGreaterThanOrEqual(0);
    // The evicted key still verifies (uncached, then admitted again).
    for (let i = 0; i < 2; i++)
      expect(verify(P256, (hot[1] as Key).point, sigs.get(hot[1] as Key) as Signed)).toBe(OK);
    expect(slotOf(P256, (hot[1] as Key).point)).toBeGreaterThanOrEqual(0);
  });

  it('does not grow memory over 100,000 verifications with rotating keys', () => {
    w.ecKeyCacheReset();
    const hot = [p256Keys[0], p384Keys[1]] as Key[];
    // Five keys in rotation between the hot ones: each comes back after four others have entered
    // the four-entry ring, so it never gets a table (always the uncached path).
    const pool = p256Keys.slice(3, 8) as Key[];
    const all = [...hot, ...pool];
    const p = w.ioReserve(256 * all.length);
    const mem = new Uint8Array(w.memory.buffer);
    const calls = all.map((k, i) => {
      const s = signWith(k);
      const nb = (CURVES[k.curve] as (typeof CURVES)[number]).bytes;
      const [pk, pd, pr, ps] = [p + 256 * i, p + 256 * i + 100, p + 256 * i + 150, p + 256 * i + 200];
      mem.set(k.point, pk);
      mem.set(s.digest, pd);
      mem.set(s.r, pr);
      mem.set(s.s, ps);
      return () => w.ecdsaVerify(k.curve, pk, k.point.length, pd, s.digest.length, pr, nb, ps, nb);
    });
    const before = w.memory.buffer.byteLength;
    let ok = 0;
    for (let i = 0; i < 100_000; i++) {
      // The hot P-256 key on 8 calls of 10, the hot P-384 key on one, the pool on the tenth.
      const call = i % 10 === 9 ? calls[2 + (((i / 10) | 0) % pool.length)] : calls[i % 10 === 4 ? 1 : 0];
      if (call?.() === OK) ok++;
    }
    expect(ok).toBe(100_000);
    expect(w.memory.buffer.byteLength).toBe(before);
    for (const k of hot) expect(slotOf(k.curve, k.point)).toBeGreaterThanOrEqual(0);
    for (const k of pool) expect(slotOf(k.curve, k.point)).toBe(-1);
  }, 120_000);
});
