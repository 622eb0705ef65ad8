// Name chaining rules (names/dn.ts) and device stacks' host-name rules (names/host-rule.ts), called
// directly through verify.test.wasm.
import { oid, printable, seq, set, tlv, utf8 } from '@hubtrust/test-pki';
import { describe, expect, it } from 'vitest';
import { namesWasm } from '../../test/names-wasm.js';
import { HostWildcard, NameChaining } from '../abi.generated.js';

const n = namesWasm();
const CN = '2.5.4.3';
const O = '2.5.4.10';
const C = '2.5.4.6';
type Value = Uint8Array;
const atv = (type: string, v: Value) => seq(oid(type), v);
/** A Name of single-valued RDNs. */
const dn = (...attrs: [string, Value][]) => seq(...attrs.map(([t, v]) => set(atv(t, v))));
const teletex = (s: string) => tlv(0x14, new TextEncoder().encode(s));
const bmp = (s: string) => tlv(0x1e, Uint8Array.from([...s].flatMap((ch) => [0, ch.charCodeAt(0)])));
const base = dn([C, printable('US')], [O, utf8('Hubtrust Test')], [CN, utf8('Test Intermediate 1')]);

describe('issuer/subject name chaining (RFC 5280 §7.1, names/dn.ts)', () => {
  const { RFC5280, EXACT, ASCII_CASE } = NameChaining;
  // [what, other encoding, rfc5280, exact, ascii-case (mbedTLS)]
  const cases: [string, Uint8Array, boolean, boolean, boolean][] = [
    ['byte-identical', base, true, true, true],
    [
      'CN upper case',
      dn([C, printable('US')], [O, utf8('Hubtrust Test')], [CN, utf8('TEST INTERMEDIATE 1')]),
      true,
      false,
      true,
    ],
    [
      'PrintableString instead of UTF8String',
      dn([C, printable('US')], [O, printable('Hubtrust Test')], [CN, printable('Test Intermediate 1')]),
      true,
      false,
      true,
    ],
    [
      'UTF8String country, lower-case organisation',
      dn([C, utf8('us')], [O, utf8('hubtrust test')], [CN, utf8('Test Intermediate 1')]),
      true,
      false,
      true,
    ],
    [
      'inner run of spaces',
      dn([C, printable('US')], [O, utf8('Hubtrust   Test')], [CN, utf8('Test Intermediate 1')]),
      true,
      false,
      false,
    ],
    [
      'leading and trailing spaces, a TAB inside',
      dn([C, printable('US')], [O, utf8(' Hubtrust\tTest ')], [CN, utf8('Test Intermediate 1 ')]),
      true,
      false,
      false,
    ],
    [
      'TeletexString with the same text',
      dn([C, printable('US')], [O, utf8('Hubtrust Test')], [CN, teletex('Test Intermediate 1')]),
      true,
      false,
      false,
    ],
    [
      'BMPString with the same text (compared byte for byte: a documented gap)',
      dn([C, printable('US')], [O, utf8('Hubtrust Test')], [CN, bmp('Test Intermediate 1')]),
      false,
      false,
      false,
    ],
    [
      'another CN',
      dn([C, printable('US')], [O, utf8('Hubtrust Test')], [CN, utf8('Test Intermediate 2')]),
      false,
      false,
      false,
    ],
    [
      'space inside a word',
      dn([C, printable('US')], [O, utf8('Hub trust Test')], [CN, utf8('Test Intermediate 1')]),
      false,
      false,
      false,
    ],
    ['one RDN fewer', dn([C, printable('US')], [O, utf8('Hubtrust Test')]), false, false, false],
    [
      'RDNs in another order',
      dn([CN, utf8('Test Intermediate 1')], [O, utf8('Hubtrust Test')], [C, printable('US')]),
      false,
      false,
      false,
    ],
    [
      'another attribute type with the same value',
      dn([C, printable('US')], [O, utf8('Hubtrust Test')], ['2.5.4.11', utf8('Test Intermediate 1')]),
      false,
      false,
      false,
    ],
  ];
  it.each(cases)('%s: rfc5280=%s exact=%s ascii-case=%s', (_, other, rfc, exact, ascii) => {
    expect(n.dnEquals(RFC5280, base, other)).toBe(rfc);
    expect(n.dnEquals(RFC5280, other, base)).toBe(rfc);
    expect(n.dnEquals(EXACT, base, other)).toBe(exact);
    expect(n.dnEquals(ASCII_CASE, base, other)).toBe(ascii);
  });

  it('matches multi-valued RDNs as sets (RFC 5280), in order only for mbedTLS', () => {
    const a = seq(set(atv(O, utf8('Hubtrust')), atv(CN, utf8('Device CA'))));
    const b = seq(set(atv(CN, utf8('device ca')), atv(O, utf8('HUBTRUST'))));
    const c = seq(set(atv(O, utf8('hubtrust')), atv(CN, utf8('DEVICE CA'))));
    expect(n.dnEquals(RFC5280, a, b)).toBe(true);
    expect(n.dnEquals(ASCII_CASE, a, b)).toBe(false);
    expect(n.dnEquals(ASCII_CASE, a, c)).toBe(true);
    expect(n.dnEquals(RFC5280, a, seq(set(atv(O, utf8('Hubtrust')))))).toBe(false);
  });

  it('bounds the set matching: an RDN of more than 16 attributes compares byte for byte', () => {
    const attrs = (k: number) => Array.from({ length: k }, (_, i) => atv(`2.5.4.${100 + i}`, utf8(`v${i}`)));
    for (const [k, matches] of [
      [16, true],
      [17, false],
    ] as const) {
      const forward = seq(set(...attrs(k)));
      const backward = seq(set(...attrs(k).reverse()));
      expect(n.dnEquals(RFC5280, forward, backward)).toBe(matches);
    }
  });

  it('never matches malformed names', () => {
    expect(n.dnEquals(RFC5280, base, base.slice(0, base.length - 1))).toBe(false);
    expect(n.dnEquals(RFC5280, Uint8Array.of(0x31, 0), Uint8Array.of(0x30, 0))).toBe(false);
  });

  it('applies the same comparison to directoryName subtrees (prefix of RDNs)', () => {
    const sub = dn([C, utf8('us')], [O, printable('HUBTRUST  TEST')]);
    expect(n.dnWithin(base, sub)).toBe(true);
    expect(n.dnWithin(base, dn([C, utf8('us')], [O, utf8('Other')]))).toBe(false);
  });
});

describe('device stacks host-name rules (names/host-rule.ts)', () => {
  const { ANY_FIRST_LABEL: ANY, PARTIAL_FIRST_LABEL: PARTIAL, GLOB_PER_LABEL: GLOB } = HostWildcard;
  // [pattern, host, mbedTLS/BearSSL, OpenSSL, wolfSSL]
  const cases: [string, string, boolean, boolean, boolean][] = [
    ['device.example.com', 'DEVICE.example.COM', true, true, true],
    ['*.example.com', 'device.example.com', true, true, true],
    ['*.example.com', 'a.device.example.com', false, false, false],
    ['*.example.com', 'example.com', false, false, false],
    ['*.com', 'example.com', true, false, true],
    ['dev*.example.com', 'device.example.com', false, true, true],
    ['*ice.example.com', 'device.example.com', false, true, true],
    ['d*e.example.com', 'device.example.com', false, false, false], // wolfSSL: no backtracking
    ['device.*.com', 'device.example.com', false, false, true],
    ['*', 'localhost', false, false, true],
    ['*.*.com', 'a.b.com', false, false, true],
    ['*.example.com', 'xn--bcher-kva.example.com', true, true, true],
    ['x*.example.com', 'xn--bcher-kva.example.com', false, false, true],
    ['*.xn--bcher-kva.example', 'a.xn--bcher-kva.example', true, true, true],
    ['xn--b*.example.com', 'xn--bcher-kva.example.com', false, false, true],
    ['_svc.example.com', '_svc.example.com', true, true, true],
    ['*._svc.example.com', 'a._svc.example.com', true, false, true],
    ['device.example.com', 'device.example.com.', false, false, false],
    ['device.example.com.', 'device.example.com.', true, true, true],
    ['*.example.com', '.example.com', false, false, true],
    ['dev*.example.com', 'dev.example.com', false, true, true],
  ];
  it.each(cases)('%j vs %j: any-first-label=%s partial=%s glob=%s', (pattern, host, any, partial, glob) => {
    expect(n.stackHostMatches(ANY, pattern, host)).toBe(any);
    expect(n.stackHostMatches(PARTIAL, pattern, host)).toBe(partial);
    expect(n.stackHostMatches(GLOB, pattern, host)).toBe(glob);
  });

  it('lets an OpenSSL wildcard match a literal "*" label', () => {
    expect(n.stackHostMatches(PARTIAL, '*.example.com', '*.example.com')).toBe(true);
  });
});
