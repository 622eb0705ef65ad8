// verifyUpdate (verify.wasm's update verifier) on the committed vectors of test-data/updates/ and
// on mutations of them. The vectors carry their expected results (made and checked with the
// independent reference verifier of @hubtrust/roots, whose tests also compare it with this
// verifier case by case); verify's tests need nothing from roots.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { init } from '../src/index.js';
import { UPDATE_RESULT_CODES } from '../src/update/abi.generated.js';
import { type DeviceUpdateState, verifyUpdate } from '../src/update/verify-update.js';
import { VerifyError } from '../src/verify-error.js';
import { encodeUpdate, field, pointOf, type TestKey } from './update-encoder.js';
import {
  byName,
  deviceState,
  flipMutants,
  singleByteMutants,
  stateJson,
  updateVectors,
  vectorBytes,
} from './update-vectors.js';

beforeAll(async () => {
  await init();
});

const { vectors, keys } = updateVectors();
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const exhaustive = process.env.HUBTRUST_EXHAUSTIVE === '1';
/** The exhaustive runs take minutes on a loaded machine; the default runs keep the 60 s default. */
const LONG = exhaustive ? 900_000 : 60_000;

describe('verifyUpdate: the committed vectors', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_, v) => {
    const r = verifyUpdate(vectorBytes(v.file), deviceState(v.state), v.now);
    if (!v.expect.ok) {
      expect(r).toEqual({ ok: false, error: v.expect.error });
      return;
    }
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.sequence).toBe(v.expect.sequence);
    expect(r.roots.map(hex)).toEqual(v.expect.roots);
    expect(stateJson(r.state)).toEqual(v.expect.state);
  });

  it('are read through the generated views of update-abi.json, which are up to date', () => {
    const script = new URL('../scripts/gen-update-abi.mjs', import.meta.url);
    expect(() =>
      execFileSync(process.execPath, [script.pathname, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('give every rejection reason of FORMAT.md but INVALID_STATE a vector, each with its own error', () => {
    const reasons = new Set(vectors.flatMap((v) => (v.expect.ok ? [] : [v.expect.error])));
    expect([...reasons].sort()).toEqual(
      UPDATE_RESULT_CODES.filter((c) => c !== 'OK' && c !== 'INVALID_STATE').sort(),
    );
  });

  it('never change the state passed in, and chain: an installed update is a replay', () => {
    const v = byName(vectors, 'valid-rotation');
    const state = deviceState(v.state);
    const before = stateJson(state);
    const r = verifyUpdate(vectorBytes(v.file), state, v.now);
    expect(stateJson(state)).toEqual(before);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // k1 is now revoked and replaced by k2: the same update again is KEY_REVOKED (signed by k1)
    expect(verifyUpdate(vectorBytes(v.file), r.state, v.now)).toEqual({ ok: false, error: 'KEY_REVOKED' });
    // and an update by k1 to a device that only knows k2 is refused as revoked before anything else
    const small = byName(vectors, 'valid-small');
    expect(verifyUpdate(vectorBytes(small.file), r.state, small.now)).toEqual({
      ok: false,
      error: 'KEY_REVOKED',
    });
  });

  it('take the time as a Date too, with both window bounds inclusive', () => {
    const v = byName(vectors, 'valid-small');
    const u = vectorBytes(v.file);
    const dv = new DataView(u.buffer, u.byteOffset);
    const notBefore = Number(dv.getBigUint64(16));
    const notAfter = Number(dv.getBigUint64(24));
    const state = deviceState(v.state);
    expect(verifyUpdate(u, state, new Date(notBefore * 1000)).ok).toBe(true);
    expect(verifyUpdate(u, state, notAfter).ok).toBe(true);
    expect(verifyUpdate(u, state, notBefore - 1)).toEqual({ ok: false, error: 'NOT_YET_VALID' });
    expect(verifyUpdate(u, state, notAfter + 1)).toEqual({ ok: false, error: 'EXPIRED' });
    expect(verifyUpdate(u, state, -1)).toEqual({ ok: false, error: 'NOT_YET_VALID' });
  });
});

describe('verifyUpdate: device state and arguments', () => {
  const v = byName(vectors, 'valid-small');
  const u = vectorBytes(v.file);
  const good = (): DeviceUpdateState => deviceState(v.state);
  const k = (n: string) => Uint8Array.from(Buffer.from(keys[n]?.publicKey as string, 'hex'));

  it.each<[string, (s: DeviceUpdateState) => void]>([
    [
      'no trusted key',
      (s) => {
        s.trustedKeys = [];
      },
    ],
    [
      'five trusted keys',
      (s) => {
        s.trustedKeys = [k('k1'), k('k2'), k('k3'), k('k2'), k('k3')];
      },
    ],
    [
      'a key off the curve',
      (s) => {
        const key = s.trustedKeys[0] as Uint8Array;
        key[64] = (key[64] as number) ^ 1;
      },
    ],
    [
      'a compressed key',
      (s) => {
        s.trustedKeys = [k('k1').subarray(0, 33)];
        (s.trustedKeys[0] as Uint8Array)[0] = 2;
      },
    ],
    [
      '65 revoked ids',
      (s) => {
        s.revokedKeyIds = Array.from({ length: 65 }, (_, i) => new Uint8Array(32).fill(i));
      },
    ],
    [
      'a revoked id of 31 bytes',
      (s) => {
        s.revokedKeyIds = [new Uint8Array(31)];
      },
    ],
    [
      'an empty fleet id',
      (s) => {
        s.fleetId = new Uint8Array(0);
      },
    ],
    [
      'a fleet id of 65 bytes',
      (s) => {
        s.fleetId = new Uint8Array(65).fill(0x41);
      },
    ],
    [
      'an empty device id',
      (s) => {
        s.deviceId = new Uint8Array(0);
      },
    ],
    [
      'a device id of 129 bytes',
      (s) => {
        s.deviceId = new Uint8Array(129).fill(0x41);
      },
    ],
    [
      'a negative last sequence',
      (s) => {
        s.lastSequence = -1;
      },
    ],
    [
      'a last sequence above 2^32 - 1',
      (s) => {
        s.lastSequence = 2 ** 32;
      },
    ],
  ])('%s is INVALID_STATE, before any check of the update', (_, spoil) => {
    const s = good();
    spoil(s);
    expect(verifyUpdate(u, s, v.now)).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(verifyUpdate(new Uint8Array(3), s, v.now)).toEqual({ ok: false, error: 'INVALID_STATE' });
  });

  it('accepts the largest state (4 keys, 64 revoked ids, 64-byte fleet id, 128-byte device id)', () => {
    const s = good();
    s.trustedKeys = [k('k2'), k('k3'), k('k1')];
    s.revokedKeyIds = Array.from({ length: 64 }, (_, i) => new Uint8Array(32).fill(i + 1));
    s.deviceId = new Uint8Array(128).fill(0x7e);
    const r = verifyUpdate(u, s, v.now);
    expect(r.ok).toBe(true);
    if (r.ok) expect(stateJson(r.state).revokedKeyIds).toHaveLength(64);
    s.fleetId = new Uint8Array(64).fill(0x41);
    expect(verifyUpdate(u, s, v.now)).toEqual({ ok: false, error: 'WRONG_FLEET' });
  });

  it('says TOO_LARGE for any update over 32 KiB without copying it all', () => {
    expect(verifyUpdate(new Uint8Array(1 << 20), good(), v.now)).toEqual({ ok: false, error: 'TOO_LARGE' });
    expect(verifyUpdate(new Uint8Array(0), good(), v.now)).toEqual({ ok: false, error: 'TRUNCATED' });
  });

  it.each<[string, () => unknown]>([
    ['update not bytes', () => verifyUpdate([1, 2] as unknown as Uint8Array, good(), v.now)],
    ['state not an object', () => verifyUpdate(u, null as unknown as DeviceUpdateState, v.now)],
    ['trustedKeys not an array', () => verifyUpdate(u, { ...good(), trustedKeys: 'k' as never }, v.now)],
    ['a key not bytes', () => verifyUpdate(u, { ...good(), trustedKeys: ['04'] as never }, v.now)],
    ['fleetId a string', () => verifyUpdate(u, { ...good(), fleetId: 'fleet' as never }, v.now)],
    ['lastSequence a string', () => verifyUpdate(u, { ...good(), lastSequence: '6' as never }, v.now)],
    ['now fractional', () => verifyUpdate(u, good(), 1.5)],
    ['now an invalid Date', () => verifyUpdate(u, good(), new Date(Number.NaN))],
  ])('throws INVALID_ARGUMENT for %s', (_, call) => {
    expect(call).toThrow(VerifyError);
    try {
      call();
    } catch (e) {
      expect((e as VerifyError).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('verifyUpdate: the limits of FORMAT.md, on updates made here', () => {
  const keyFile = JSON.parse(
    readFileSync(new URL('../test-data/updates/keys.json', import.meta.url), 'utf8'),
  ) as { keys: Record<string, { privateJwk: TestKey }> };
  const key = (n: string) => keyFile.keys[n]?.privateJwk as TestKey;
  const id = (k: TestKey) => new Uint8Array(createHash('sha256').update(pointOf(k)).digest());
  const fleet = field(1, new TextEncoder().encode('fleet'));
  /** `n` minimal DER SEQUENCEs of `size` bytes in increasing order (verifiers check the outer SEQUENCE only). */
  const entries = (n: number, size = 5) =>
    Array.from({ length: n }, (_, i) => {
      const body = size - (size - 2 < 0x80 ? 2 : size - 3 < 0x100 ? 3 : 4);
      const head =
        body < 0x80 ? [0x30, body] : body < 0x100 ? [0x30, 0x81, body] : [0x30, 0x82, body >> 8, body & 0xff];
      const e = new Uint8Array(size);
      e.set(head);
      e[size - 1] = i;
      e[size - 2] = i >> 8;
      return e;
    });
  const roots = (list: Uint8Array[]) => field(5, new Uint8Array(Buffer.concat(list)));
  const device = (over: Partial<DeviceUpdateState> = {}): DeviceUpdateState => ({
    fleetId: new TextEncoder().encode('fleet'),
    trustedKeys: [pointOf(key('k1'))],
    revokedKeyIds: [],
    lastSequence: 0,
    ...over,
  });
  const verify = (u: Uint8Array, state = device()) => {
    const r = verifyUpdate(u, state, 1_800_000_000);
    return r.ok ? `OK ${r.roots.length}` : r.error;
  };
  const signed = (fields: Uint8Array[], more: Partial<Parameters<typeof encodeUpdate>[0]> = {}) =>
    encodeUpdate({ signer: key('k1'), fields, ...more });

  it('takes 64 roots and refuses 65; an entry of 4,096 bytes and not 4,097', () => {
    expect(verify(signed([fleet, roots(entries(64))]))).toBe('OK 64');
    expect(verify(signed([fleet, roots(entries(65))]))).toBe('MALFORMED_FIELD');
    expect(verify(signed([fleet, roots(entries(1, 4096))]))).toBe('OK 1');
    expect(verify(signed([fleet, roots(entries(1, 4097))]))).toBe('MALFORMED_FIELD');
  });

  it('refuses DER lengths that are not minimal, duplicates and entries that do not fill the value', () => {
    expect(verify(signed([fleet, roots([Uint8Array.of(0x30, 0x81, 0x03, 1, 2, 3)])]))).toBe(
      'MALFORMED_FIELD',
    );
    const [a] = entries(1);
    expect(verify(signed([fleet, roots([a as Uint8Array, a as Uint8Array])]))).toBe('MALFORMED_FIELD');
    expect(verify(signed([fleet, roots([Uint8Array.of(0x30, 0x03, 1, 2, 3, 0)])]))).toBe('MALFORMED_FIELD');
  });

  it('takes 16 revocations, refuses 17 and unsorted ones, and a device that cannot remember them', () => {
    const ids = (n: number, from = 1) =>
      Array.from({ length: n }, (_, i) => new Uint8Array(32).fill(from + i));
    const revoke = (list: Uint8Array[]) => field(4, new Uint8Array(Buffer.concat(list)));
    expect(verify(signed([fleet, revoke(ids(16)), roots(entries(1))]))).toBe('OK 1');
    expect(verify(signed([fleet, revoke(ids(17)), roots(entries(1))]))).toBe('FIELD_SIZE');
    expect(verify(signed([fleet, revoke(ids(2).reverse()), roots(entries(1))]))).toBe('MALFORMED_FIELD');
    const u = signed([fleet, revoke(ids(5, 100)), roots(entries(1))]);
    expect(verify(u, device({ revokedKeyIds: ids(59, 1) }))).toBe('OK 1');
    expect(verify(u, device({ revokedKeyIds: ids(60, 1) }))).toBe('REVOKED_LIST_FULL');
    // ids the device already keeps are not counted twice
    expect(verify(u, device({ revokedKeyIds: [...ids(59, 1), ...ids(5, 100)] }))).toBe('OK 1');
  });

  it('refuses the high-s twin of a valid signature, and r or s out of range', () => {
    const u = signed([fleet, roots(entries(1))]);
    expect(verify(u)).toBe('OK 1');
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const at = u.length - 32;
    const s = BigInt(`0x${Buffer.from(u.subarray(at)).toString('hex')}`);
    const put = (v: bigint, off: number) => {
      const m = new Uint8Array(u);
      m.set(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'), off);
      return m;
    };
    expect(verify(put(n - s, at))).toBe('BAD_SIGNATURE');
    expect(verify(put(0n, at - 32))).toBe('BAD_SIGNATURE');
    expect(verify(put(n, at - 32))).toBe('BAD_SIGNATURE');
    expect(verify(put(0n, at))).toBe('BAD_SIGNATURE');
  });

  it('binds DEVICE_ID of 1 - 128 bytes, and refuses rotations that would reuse or lose keys', () => {
    const dev = (n: number) => field(2, new Uint8Array(n).fill(0x61));
    expect(
      verify(
        signed([fleet, dev(128), roots(entries(1))]),
        device({ deviceId: new Uint8Array(128).fill(0x61) }),
      ),
    ).toBe('OK 1');
    expect(verify(signed([fleet, dev(129), roots(entries(1))]))).toBe('FIELD_SIZE');
    expect(verify(signed([fleet, dev(4), roots(entries(1))]))).toBe('WRONG_DEVICE');
    const next = (k: TestKey) => field(3, pointOf(k));
    const both = device({ trustedKeys: [pointOf(key('k1')), pointOf(key('k2'))] });
    // rotating to a key the device already trusts, or to the signing key itself
    expect(verify(signed([fleet, next(key('k2')), roots(entries(1))], { nextSigner: key('k2') }), both)).toBe(
      'INVALID_ROTATION',
    );
    expect(verify(signed([fleet, next(key('k1')), roots(entries(1))], { nextSigner: key('k1') }))).toBe(
      'INVALID_ROTATION',
    );
    // revoking every key the device would keep
    const revokeAll = field(
      4,
      new Uint8Array(Buffer.concat([id(key('k1')), id(key('k2'))].sort(Buffer.compare))),
    );
    expect(verify(signed([fleet, revokeAll, roots(entries(1))]), both)).toBe('INVALID_ROTATION');
    // a valid rotation k1 -> k3 with k2 kept: keys k3, k2 in that order
    const r = verifyUpdate(
      signed([fleet, next(key('k3')), roots(entries(1))], { nextSigner: key('k3') }),
      both,
      1_800_000_000,
    );
    expect(r.ok && r.state.trustedKeys).toEqual([pointOf(key('k3')), pointOf(key('k2'))]);
  });
});

describe('verifyUpdate: bad input', () => {
  // Every offset with HUBTRUST_EXHAUSTIVE=1 (npm run test:exhaustive: 151,725 verifications); by
  // default a seeded sample of 10,000 single-byte changes. @hubtrust/roots' tests compare each
  // verdict with the reference verifier's.
  const single = exhaustive ? undefined : 10_000;
  it(`rejects ${single ? `${single.toLocaleString('en-US')} seeded` : 'all'} single-byte changes of the ≤ 1 KiB vector`, {
    timeout: LONG,
  }, () => {
    const v = byName(vectors, 'valid-small');
    const good = vectorBytes(v.file);
    expect(good.length).toBeLessThanOrEqual(1024);
    const state = deviceState(v.state);
    const seen = new Map<string, number>();
    let tried = 0;
    for (const m of singleByteMutants(good, single)) {
      const r = verifyUpdate(m, state, v.now);
      expect(r.ok).toBe(false);
      if (!r.ok) seen.set(r.error, (seen.get(r.error) ?? 0) + 1);
      tried++;
    }
    expect(tried).toBe(single ?? good.length * 255);
    // the changes reach the header checks, the fields and the signature
    for (const e of [
      'BAD_MAGIC',
      'MALFORMED_HEADER',
      'UNKNOWN_FIELD',
      'FIELD_SIZE',
      'MALFORMED_FIELD',
      'BAD_SIGNATURE',
    ])
      expect(seen.get(e), e).toBeGreaterThan(0);
  });

  const flips = exhaustive ? 100_000 : 10_000;
  it(`rejects ${flips.toLocaleString('en-US')} random byte and bit flips of the full-size vector`, {
    timeout: LONG,
  }, () => {
    const v = byName(vectors, 'valid-azure-all');
    const good = vectorBytes(v.file);
    const state = deviceState(v.state);
    let tried = 0;
    for (const m of flipMutants(good, flips)) {
      expect(verifyUpdate(m, state, v.now).ok).toBe(false);
      tried++;
    }
    expect(tried).toBe(flips);
  });
});
