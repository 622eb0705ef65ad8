import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namesWasm } from '../../test/names-wasm.js';

const n = namesWasm();

describe('IP literal parsing', () => {
  const cases: [string, number[] | undefined][] = [
    ['192.168.1.1', [192, 168, 1, 1]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['256.1.1.1', undefined],
    ['192.168.001.001', undefined], // leading zeros (limbo webpki::cn::ipv4-leading-zeros-mismatch)
    ['0xC0A80101', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.5', undefined],
    ['1..2.3', undefined],
    ['1.2.3.4.', undefined],
    ['example.com', undefined],
    ['::', new Array(16).fill(0)],
    ['::1', [...new Array(15).fill(0), 1]],
    ['2001:db8::1', [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]],
    [
      '2001:DB8::8A2E:370:7334',
      [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x34],
    ],
    ['1:2:3:4:5:6:7:8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['1:2:3:4:5:6:7::', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]],
    ['::ffff:192.0.2.1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]],
    ['1:2:3:4:5:6:7', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1::2::3', undefined],
    ['12345::1', undefined],
    [':1::', undefined],
    ['1:', undefined],
    ['fe80::1%eth0', undefined],
    ['g::1', undefined],
  ];
  it.each(cases)('%j -> %j', (text, bytes) => {
    expect(n.parseIp(text)).toEqual(bytes);
  });

  it('agrees with node:net on random IPv6 text', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const bytes = n.parseIp(text);
        expect(isIP(text)).toBe(6);
        expect(bytes).toHaveLength(16);
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonical IP text (dotted decimal; RFC 5952 §4)', () => {
  const cases: [string, string][] = [
    ['192.168.1.1', '192.168.1.1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:DB8::8A2E:370:7334', '2001:db8::8a2e:370:7334'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not shortened
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
  ];
  it.each(cases)('%j -> %j', (text, canonical) => {
    const bytes = n.parseIp(text);
    if (!bytes) throw new Error(`not parsed: ${text}`);
    expect(n.formatIp(bytes)).toBe(canonical);
  });

  it('round-trips random addresses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = n.formatIp(bytes);
        expect(n.parseIp(text)).toEqual([...bytes]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('iPAddress constraints (RFC 5280 §4.2.1.10)', () => {
  const v4 = (...b: number[]) => Uint8Array.from(b);
  it('checks the mask', () => {
    expect(n.ipConstraintValid(v4(192, 168, 0, 0, 255, 255, 0, 0))).toBe(true);
    expect(n.ipConstraintValid(v4(192, 168, 0, 0, 255, 255, 240, 0))).toBe(true);
    expect(n.ipConstraintValid(v4(0, 0, 0, 0, 0, 0, 0, 0))).toBe(true);
    expect(n.ipConstraintValid(v4(192, 168, 0, 0, 255, 0, 255, 0))).toBe(false); // not contiguous
    expect(n.ipConstraintValid(v4(192, 168, 0, 0, 255, 255, 241, 0))).toBe(false);
    expect(n.ipConstraintValid(v4(192, 168, 0, 0, 255))).toBe(false); // bad length
    expect(n.ipConstraintValid(new Uint8Array(32).fill(255))).toBe(true);
    expect(n.ipConstraintValid(new Uint8Array(16))).toBe(false);
  });
  it('matches addresses of the same family under the mask', () => {
    const c = v4(192, 168, 0, 0, 255, 255, 0, 0);
    expect(n.ipWithin(v4(192, 168, 7, 9), c)).toBe(1);
    expect(n.ipWithin(v4(192, 169, 7, 9), c)).toBe(0);
    expect(n.ipWithin(new Uint8Array(16), c)).toBe(0); // IPv6 never matches an IPv4 constraint
    expect(n.ipWithin(v4(1, 2, 3, 4), v4(0, 0, 0, 0, 0, 0, 0, 0))).toBe(1);
    expect(n.ipWithin(v4(1, 2, 3, 4), v4(0, 0, 0, 0, 0, 255, 0, 0))).toBe(-1);
    const v6 = n.parseIp('2001:db8::');
    const mask = n.parseIp('ffff:ffff::');
    if (!v6 || !mask) throw new Error('parse');
    const c6 = Uint8Array.from([...v6, ...mask]);
    expect(n.ipWithin(Uint8Array.from(n.parseIp('2001:db8:1::5') ?? []), c6)).toBe(1);
    expect(n.ipWithin(Uint8Array.from(n.parseIp('2001:db9::5') ?? []), c6)).toBe(0);
  });
});
