import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataBytes, dataText, rootPem } from '../testing/data.js';
import { unsignedWrapper } from './anchor.js';
import { type SubjectAndKey, subjectAndKey } from './der.js';
import { readDer } from './der-reader.js';
import { readEspBundle } from './esp-bundle-reader.js';
import { convertEspBundle, writeEspBundle } from './esp-bundle-writer.js';
import type { FoundCertificate } from './found.js';
import { readPem } from './pem-reader.js';

const at = (a: Uint8Array, i: number): number => a[i] ?? 0;

beforeAll(async () => {
  await init();
});

const baltimore = () => readDer(dataBytes('esp-crt-bundle/baltimore.der')).certificates;
const entrust = () => readPem(dataText('esp-crt-bundle/entrust.pem')).certificates;

describe("ESP-IDF x509_crt_bundle: ESP-IDF's official test bundles", () => {
  const cases = [
    ['balt_old.bin', 'v4.2', baltimore],
    ['balt_new.bin', 'v5.4', baltimore],
    ['ent_old.bin', 'v4.2', entrust],
    ['ent_new.bin', 'v5.4', entrust],
  ] as const;

  for (const [file, format, certs] of cases) {
    it(`writes ${file} byte for byte (${format})`, () => {
      const written = writeEspBundle(certs(), { format, now: new Date('2026-12-01') });
      expect(Buffer.from(written.bytes).equals(Buffer.from(dataBytes(`esp-crt-bundle/${file}`)))).toBe(true);
      expect(written.size.fileBytes).toBe(dataBytes(`esp-crt-bundle/${file}`).length);
    });

    it(`reads ${file}: detects ${format}, one anchor matching the source certificate`, () => {
      const r = readEspBundle(dataBytes(`esp-crt-bundle/${file}`), { file });
      expect(r.errors).toEqual([]);
      expect(r.format).toBe(format);
      const cert = certs()[0];
      expect(r.anchors).toHaveLength(1);
      expect(r.anchors[0]?.subject.text).toBe(cert?.certificate.subject.text);
      expect(r.anchors[0]?.key.spkiSha256).toBe(cert?.certificate.key.spkiSha256);
      expect(r.anchors[0]?.offset).toBe(format === 'v4.2' ? 2 : 4);
    });
  }

  it('converts between the layouts byte for byte (convertEspBundle)', () => {
    for (const name of ['balt', 'ent']) {
      const old = dataBytes(`esp-crt-bundle/${name}_old.bin`);
      const cur = dataBytes(`esp-crt-bundle/${name}_new.bin`);
      expect(Buffer.from(convertEspBundle(old, 'v5.4')).equals(Buffer.from(cur))).toBe(true);
      expect(Buffer.from(convertEspBundle(cur, 'v4.2')).equals(Buffer.from(old))).toBe(true);
    }
    const broken = dataBytes('esp-crt-bundle/balt_old.bin').slice(0, 100);
    expect(() => convertEspBundle(broken, 'v5.4', 'broken.bin')).toThrow(
      expect.objectContaining({ file: 'broken.bin' }),
    );
  });

  it('round-trips several roots in both layouts, sorted by subject bytes as ESP-IDF requires', () => {
    const slugs = [
      'microsoft-rsa-root-ca-2017',
      'amazon-root-ca-1',
      'digicert-global-root-g2',
      'amazon-root-ca-3',
      'isrg-root-x1',
    ];
    const certs = slugs.map((s) => readPem(rootPem(s)).certificates[0] as FoundCertificate);
    for (const format of ['v4.2', 'v5.4'] as const) {
      const w = writeEspBundle(certs, { format });
      const r = readEspBundle(w.bytes);
      expect(r.errors).toEqual([]);
      expect(r.format).toBe(format);
      expect(new Set(r.anchors.map((a) => a.key.spkiSha256))).toEqual(
        new Set(certs.map((c) => c.certificate.key.spkiSha256)),
      );
      const subjects = r.anchors.map((a) => Buffer.from(a.subjectDer));
      expect(subjects).toEqual([...subjects].sort(Buffer.compare));
    }
  });
});

describe('readEspBundle on hostile bundles', () => {
  const good = () =>
    writeEspBundle(
      ['amazon-root-ca-1', 'amazon-root-ca-3', 'isrg-root-x2'].map((s) => rootPem(s)),
      { format: 'v4.2' },
    ).bytes;
  const goodNew = () =>
    writeEspBundle(
      ['amazon-root-ca-1', 'amazon-root-ca-3', 'isrg-root-x2'].map((s) => rootPem(s)),
      { format: 'v5.4' },
    ).bytes;

  it('a v4.2 count larger than the data: the entries read, and ESP_BAD_COUNT', () => {
    const b = good();
    b[0] = 0xff;
    b[1] = 0xff;
    const r = readEspBundle(b, { file: 'lying.bin', format: 'v4.2' });
    expect(r.anchors).toHaveLength(3);
    expect(r.errors.map((e) => [e.code, e.position.offset])).toEqual([['ESP_BAD_COUNT', 0]]);
    expect(r.errors[0]?.message).toMatch(
      /^lying\.bin:offset 0 .*counts 65535 entries but the data ends after 3/,
    );
  });

  it('a v4.2 count smaller than the data: TRAILING_BYTES', () => {
    const b = good();
    b[1] = 2;
    const r = readEspBundle(b, { format: 'v4.2' });
    expect(r.anchors).toHaveLength(2);
    expect(r.errors.map((e) => e.code)).toEqual(['TRAILING_BYTES']);
  });

  it('an entry length past the end: ESP_BAD_LENGTH at that entry, earlier entries kept', () => {
    const b = good();
    const second = 2 + 4 + ((at(b, 2) << 8) | at(b, 3)) + ((at(b, 4) << 8) | at(b, 5));
    b[second + 2] = 0x7f; // key length of entry 1
    const r = readEspBundle(b, { format: 'v4.2' });
    expect(r.anchors).toHaveLength(1);
    expect(r.errors.map((e) => [e.code, e.position.offset, e.position.index])).toEqual([
      ['ESP_BAD_LENGTH', second, 1],
    ]);
  });

  it('a v5.4 offset that does not follow the previous entry: ESP_BAD_OFFSET, entries still read', () => {
    const b = goodNew();
    b[4] = at(b, 4) ^ 0x01;
    const r = readEspBundle(b, { format: 'v5.4' });
    expect(r.anchors).toHaveLength(3);
    expect(r.errors.map((e) => [e.code, e.position.offset, e.position.index])).toEqual([
      ['ESP_BAD_OFFSET', 4, 1],
    ]);
  });

  it('a v5.4 first offset claiming more entries than fit, or zero', () => {
    const b = goodNew();
    b.set([0x00, 0x10, 0x00, 0x00], 0);
    expect(readEspBundle(b, { format: 'v5.4' }).errors.map((e) => e.code)).toEqual(['ESP_BAD_COUNT']);
    b.set([0, 0, 0, 0], 0);
    expect(readEspBundle(b, { format: 'v5.4' }).errors.map((e) => e.code)).toEqual(['ESP_BAD_COUNT']);
  });

  it('a name that is not DER and unsorted entries are reported', () => {
    const b = good();
    b[6] = 0x31; // first entry's Name tag: SET instead of SEQUENCE
    expect(readEspBundle(b, { format: 'v4.2' }).errors.map((e) => [e.code, e.position.index])).toEqual([
      ['ESP_BAD_ENTRY', 0],
    ]);
    // Swap two entries of a v4.2 bundle (count + entries).
    const g = good();
    const len = (p: number) =>
      4 + ((at(g, p + 2) << 8) | at(g, p + 3)) + ((at(g, p + 4) << 8) | at(g, p + 5));
    const e0 = g.subarray(2, 2 + len(0));
    const e1 = g.subarray(2 + e0.length, 2 + e0.length + len(e0.length));
    const swapped = Uint8Array.from([
      ...g.subarray(0, 2),
      ...e1,
      ...e0,
      ...g.subarray(2 + e0.length + e1.length),
    ]);
    expect(readEspBundle(swapped, { format: 'v4.2' }).errors.map((e) => e.code)).toEqual(['ESP_UNSORTED']);
  });

  it('detects the layout, and says when neither fits', () => {
    expect(readEspBundle(good()).format).toBe('v4.2');
    expect(readEspBundle(goodNew()).format).toBe('v5.4');
    const r = readEspBundle(new TextEncoder().encode('not a bundle at all'), { file: 'x' });
    expect(r.format).toBeUndefined();
    expect(r.anchors).toEqual([]);
    expect(r.errors[0]?.code).toBe('ESP_UNKNOWN_FORMAT');
    expect(readEspBundle(new Uint8Array(0)).errors[0]?.code).toBe('ESP_UNKNOWN_FORMAT');
  });

  it('every truncation of a bundle gives errors, never a throw (both layouts)', () => {
    for (const b of [good(), goodNew()]) {
      for (let n = 0; n < b.length; n++) {
        const r = readEspBundle(b.subarray(0, n));
        expect(r.errors.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('writeEspBundle warnings', () => {
  it('warns that expiry is ignored, names expired roots, shadowed subjects and what the format drops', () => {
    const w = writeEspBundle([rootPem('baltimore-cybertrust-root'), rootPem('amazon-root-ca-1')], {
      format: 'v5.4',
      now: new Date('2026-12-01'),
    });
    const codes = w.warnings.map((x) => x.code);
    expect(codes).toEqual(['EXPIRED', 'ESP_IGNORES_EXPIRY', 'DROPS_INFORMATION']);
    expect(w.warnings[1]?.message).toMatch(/keeps trusting CN=Baltimore CyberTrust Root/);
  });

  it('a cross-signed twin (same subject, same key) is a duplicate subject but not shadowed', () => {
    const w = writeEspBundle(
      [rootPem('microsoft-tls-rsa-root-g2'), rootPem('microsoft-tls-rsa-root-g2-xsign')],
      {
        format: 'v4.2',
        now: new Date('2026-12-01'),
      },
    );
    expect(w.warnings.map((x) => x.code)).toEqual([
      'DUPLICATE_SUBJECT',
      'ESP_IGNORES_EXPIRY',
      'DROPS_INFORMATION',
    ]);
  });

  it('two roots with one subject and different keys: the device finds only one (ESP_SUBJECT_SHADOWED)', () => {
    const a = readPem(rootPem('amazon-root-ca-1')).certificates[0] as FoundCertificate;
    const b = readPem(rootPem('amazon-root-ca-2')).certificates[0] as FoundCertificate;
    const keyB = (subjectAndKey(b.der) as SubjectAndKey).spki;
    const impostor = unsignedWrapper((subjectAndKey(a.der) as SubjectAndKey).subject, keyB);
    const w = writeEspBundle([a, impostor], { format: 'v5.4', now: new Date('2026-12-01') });
    expect(w.warnings.map((x) => x.code)).toContain('ESP_SUBJECT_SHADOWED');
    expect(w.warnings.map((x) => x.code)).toContain('DUPLICATE_SUBJECT');
  });
});
