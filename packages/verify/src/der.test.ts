import { hex } from '@hubtrust/test-pki';
import { describe, expect, it } from 'vitest';
import { loadTestWasm } from '../test/test-wasm.js';
import { TLV_LAYOUT, TLV_SIZE } from './abi.generated.js';

interface DerExports {
  ioReserve(len: number): number;
  derRead(tlv: number, pos: number, end: number): number;
  derCheckTree(ptr: number, len: number): number;
  derIntegerOk(val: number, len: number): number;
  derUnsigned(tlv: number): number;
  derBitString(tlv: number): number;
  derBoolean(val: number, len: number): number;
  derOidOk(val: number, len: number): number;
  derTime(tag: number, val: number, len: number): bigint;
}

const w = loadTestWasm<DerExports>();
const OK = 0;
const MALFORMED = 1;
/** derTime's answer for a Time that breaks the profile. */
const TIME_INVALID = -(2n ** 63n);

/**
 * Writes bytes into the IO area; returns their address and that of a Tlv record (the DER reader's
 * result record, abi.json layouts.Tlv) placed after them.
 */
function put(bytes: Uint8Array): number {
  const p = w.ioReserve(bytes.length + 16 + TLV_SIZE);
  new Uint8Array(w.memory.buffer).set(bytes, p);
  return p;
}
const tlvOf = (p: number, bytes: Uint8Array) => p + ((bytes.length + 19) & ~3);

/** The fields of the Tlv record at `t`, pointers relative to `base`. */
function tlvFields(t: number, base: number) {
  const dv = new DataView(w.memory.buffer);
  const f = (name: keyof typeof TLV_LAYOUT) => dv.getUint32(t + TLV_LAYOUT[name][0], true);
  return {
    tag: f('tag'),
    start: f('start') - base,
    val: f('val') - base,
    len: f('len'),
    end: f('end') - base,
  };
}

function read(h: string, containerLen?: number) {
  const b = hex(h);
  const p = put(b);
  const t = tlvOf(p, b);
  const e = w.derRead(t, p, p + (containerLen ?? b.length));
  if (e !== OK) return { e };
  const f = tlvFields(t, p);
  expect([f.start, f.end]).toEqual([0, f.val + f.len]);
  return { e, tag: f.tag, off: f.val, len: f.len };
}

describe('DER reader: tag and length rules (X.690 §8.1, §10.1)', () => {
  it.each([
    ['short form', '04 03 61 62 63', { tag: 4, off: 2, len: 3 }],
    ['long form, 1 octet', `04 81 80 ${'00'.repeat(128)}`, { tag: 4, off: 3, len: 128 }],
    ['long form, 2 octets', `04 82 01 00 ${'00'.repeat(256)}`, { tag: 4, off: 4, len: 256 }],
    ['empty contents', '05 00', { tag: 5, off: 2, len: 0 }],
    ['context tag 30 (largest low-form number)', 'be 00', { tag: 0xbe, off: 2, len: 0 }],
  ])('accepts %s', (_n, h, want) => {
    expect(read(h)).toEqual({ e: OK, ...want });
  });

  it.each([
    ['indefinite length (BER)', '30 80 05 00 00 00'],
    ['long form for a short length', '04 81 03 61 62 63'],
    ['long form with a leading zero octet', `04 82 00 80 ${'00'.repeat(128)}`],
    ['five length octets', '04 85 00 00 00 00 01 00'],
    ['length beyond the container', '04 05 61 62'],
    ['length octets cut off', '04 82 01'],
    ['header cut off', '04'],
    ['empty input', ''],
    ['high-tag-number form', '1f 81 00 00'],
    ['context high-tag-number form', 'bf 1f 00'],
    ['tag 0 (end-of-contents)', '00 00'],
  ])('rejects %s', (_n, h) => {
    expect(read(h).e).toBe(MALFORMED);
  });

  it('checks the length against the container, not the buffer', () => {
    // 04 03 abc inside a container that ends after 4 bytes.
    expect(read('04 03 61 62 63', 4).e).toBe(MALFORMED);
  });

  it('reports a 4-octet length and still refuses what does not fit', () => {
    expect(read('04 84 01 00 00 00 00').e).toBe(MALFORMED);
  });

  it('bounds nesting depth in derCheckTree at 32 levels', () => {
    const nest = (n: number) => {
      let b = hex('05 00');
      for (let i = 0; i < n; i++) b = Uint8Array.of(0x30, b.length, ...b);
      return b;
    };
    const ok = nest(32);
    expect(w.derCheckTree(put(ok), ok.length)).toBe(OK);
    const deep = nest(33);
    expect(w.derCheckTree(put(deep), deep.length)).toBe(MALFORMED);
  });

  it('derCheckTree rejects a bad TLV nested inside and trailing garbage', () => {
    const bad = hex('30 04 04 03 61 62');
    expect(w.derCheckTree(put(bad), bad.length)).toBe(MALFORMED);
    const ok = hex('30 03 02 01 05 04 00');
    expect(w.derCheckTree(put(ok), ok.length)).toBe(OK);
    expect(w.derCheckTree(put(ok), ok.length - 1)).toBe(MALFORMED);
  });
});

describe('DER primitives', () => {
  const contents = (h: string) => {
    const b = hex(h);
    return [put(b), b.length] as const;
  };
  /** A Tlv record holding contents `h` (as derRead leaves it), for the narrowing primitives. */
  const record = (h: string) => {
    const b = hex(h);
    const p = put(b);
    const t = tlvOf(p, b);
    const dv = new DataView(w.memory.buffer);
    dv.setUint32(t + TLV_LAYOUT.val[0], p, true);
    dv.setUint32(t + TLV_LAYOUT.len[0], b.length, true);
    return { p, t };
  };

  it.each([
    ['00', true],
    ['7f', true],
    ['80', true],
    ['00 80', true],
    ['ff 7f', true],
    ['01 00', true],
    ['', false],
    ['00 7f', false],
    ['00 00', false],
    ['ff 80', false],
    ['ff ff', false],
  ])('INTEGER %s minimal: %s', (h, ok) => {
    expect(w.derIntegerOk(...contents(h))).toBe(ok ? 1 : 0);
  });

  it('derUnsigned narrows the record to the magnitude and rejects negatives', () => {
    const a = record('00 80 01');
    expect(w.derUnsigned(a.t)).toBe(OK);
    expect(tlvFields(a.t, a.p)).toMatchObject({ val: 1, len: 2 });
    const n = record('80 01');
    expect(w.derUnsigned(n.t)).toBe(MALFORMED);
    expect(tlvFields(n.t, n.p)).toMatchObject({ val: 0, len: 2 });
    const z = record('00');
    expect(w.derUnsigned(z.t)).toBe(OK);
    expect(tlvFields(z.t, z.p)).toMatchObject({ val: 0, len: 1 });
  });

  it.each([
    ['00', 0],
    ['00 ff', 0],
    ['07 80', 7],
    ['01 fe', 1],
    ['', -1],
    ['08 00', -1],
    ['01', -1],
    ['01 ff', -1],
    ['03 0c', -1],
  ])('BIT STRING %s -> unused bits %s, the record narrowed to the data octets', (h, want) => {
    const r = record(h);
    expect(w.derBitString(r.t)).toBe(want);
    const len = hex(h).length;
    expect(tlvFields(r.t, r.p)).toMatchObject(want < 0 ? { val: 0, len } : { val: 1, len: len - 1 });
  });

  it.each([
    ['ff', 1],
    ['00', 0],
    ['01', -1],
    ['fe', -1],
    ['ff 00', -1],
    ['', -1],
  ])('BOOLEAN %s -> %s', (h, want) => {
    expect(w.derBoolean(...contents(h))).toBe(want);
  });

  it.each([
    ['2a 86 48 86 f7 0d 01 01 0b', true],
    ['55 1d 13', true],
    ['00', true],
    ['', false],
    ['2a 80 01', false],
    ['80 01', false],
    ['2a 86', false],
  ])('OID %s valid: %s', (h, ok) => {
    expect(w.derOidOk(...contents(h))).toBe(ok ? 1 : 0);
  });
});

describe('Time (RFC 5280 §4.1.2.5)', () => {
  const UTC = 0x17;
  const GEN = 0x18;
  function time(tag: number, text: string): number | null {
    const b = new TextEncoder().encode(text);
    const t = w.derTime(tag, put(b), b.length);
    return t === TIME_INVALID ? null : Number(t);
  }
  const secs = (iso: string) => Date.parse(iso) / 1000;

  it.each([
    [UTC, '700101000000Z', '1970-01-01T00:00:00Z'],
    [UTC, '491231235959Z', '2049-12-31T23:59:59Z'],
    [UTC, '500101000000Z', '1950-01-01T00:00:00Z'],
    [UTC, '000229120000Z', '2000-02-29T12:00:00Z'],
    [UTC, '240229000000Z', '2024-02-29T00:00:00Z'],
    [GEN, '20500101000000Z', '2050-01-01T00:00:00Z'],
    [GEN, '99991231235959Z', '9999-12-31T23:59:59Z'],
    [GEN, '19691231235959Z', '1969-12-31T23:59:59Z'],
    [GEN, '16000229000000Z', '1600-02-29T00:00:00Z'],
    [GEN, '20240301000000Z', '2024-03-01T00:00:00Z'],
  ])('decodes %s %s', (tag, text, iso) => {
    expect(time(tag, text)).toBe(secs(iso));
  });

  it.each([
    [UTC, '7001010000Z', 'no seconds'],
    [UTC, '700101000000+0000', 'offset instead of Z'],
    [UTC, '700101000000z', 'lower-case z'],
    [UTC, '700101000000', 'no Z'],
    [UTC, '701301000000Z', 'month 13'],
    [UTC, '700100000000Z', 'day 0'],
    [UTC, '230229000000Z', 'Feb 29 in a common year'],
    [UTC, '700431000000Z', 'April 31'],
    [UTC, '700101240000Z', 'hour 24'],
    [UTC, '700101006000Z', 'minute 60'],
    [UTC, '700101000060Z', 'leap second'],
    [UTC, '7001010000 0Z', 'space'],
    [UTC, '-70101000000Z', 'sign'],
    [GEN, '20500101000000.5Z', 'fractional seconds'],
    [GEN, '205001010000Z', 'no seconds'],
    [GEN, '21000229000000Z', 'Feb 29 2100'],
    [GEN, '20500101000000', 'local time'],
    [0x04, '700101000000Z', 'wrong tag'],
  ])('rejects %s %s (%s)', (tag, text) => {
    expect(time(tag, text)).toBeNull();
  });
});
