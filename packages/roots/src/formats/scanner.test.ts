import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { init } from '@hubtrust/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyInCatalog } from '../profile-use.js';
import { rootPem } from '../testing/data.js';
import { writeC } from './c-writer.js';
import { ErrorList } from './collect.js';
import type { FoundCertificate } from './found.js';
import { IntelHexDecoder } from './intel-hex.js';
import { readPem } from './pem-reader.js';
import { scanImage } from './scanner.js';

const SLUGS = [
  'amazon-root-ca-1',
  'amazon-root-ca-3',
  'baltimore-cybertrust-root',
  'isrg-root-x2',
  'digicert-global-root-g2',
];
let certs: FoundCertificate[];
let dir: string;
const NOW = new Date('2026-12-01');

beforeAll(async () => {
  await init();
  certs = SLUGS.map((s) => readPem(rootPem(s)).certificates[0] as FoundCertificate);
  dir = mkdtempSync(join(tmpdir(), 'hubtrust-scan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (pem: string) => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();

describe('scanImage on a real ELF: the Node binary running this test', () => {
  it("finds every certificate of Node's embedded root store, and nothing else", () => {
    const image = new Uint8Array(readFileSync(process.execPath));
    const r = scanImage(image, { file: 'node', now: NOW, verifySelfSignatures: true });
    expect(r.format).toBe('elf');
    expect(r.errors).toEqual([]);
    const store = new Set(rootCertificates.map(sha));
    const found = new Set(r.hits.map((h) => h.sha256));
    expect([...store].filter((s) => !found.has(s))).toEqual([]);
    expect(r.hits.filter((h) => !store.has(h.sha256))).toEqual([]);
    // Node's roots are all genuine: each self-signature verifies (or uses an algorithm the verifier lacks).
    expect(r.hits.filter((h) => h.selfSignature === 'invalid')).toEqual([]);
    expect(r.hits.filter((h) => h.selfSignature === 'valid').length).toBeGreaterThan(130);
    for (const h of r.hits) {
      expect(h.where.form).toBe('pem');
      expect(h.where.section).toBe('.rodata');
      const text = new TextDecoder('latin1').decode(image.subarray(h.where.offset, h.where.offset + 27));
      expect(text).toBe('-----BEGIN CERTIFICATE-----');
    }
  });
});

describe('scanImage on compiled firmware (gcc, arm-none-eabi-gcc, objcopy)', () => {
  function build(): { elf: Uint8Array; hex: Uint8Array; arm: Uint8Array } {
    const w = writeC(certs, { prefix: 'fw_roots', forms: ['der', 'pem'] });
    writeFileSync(join(dir, w.header.name), w.header.text);
    writeFileSync(join(dir, w.source.name), w.source.text);
    writeFileSync(
      join(dir, 'main.c'),
      '#include "fw_roots.h"\nint main(void) { return (int)fw_roots_count + fw_roots_pem[0] + fw_roots_der[0][0]; }\n',
    );
    const cc = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: 'pipe' });
    cc('gcc', ['-O1', '-o', 'fw-host', 'main.c', 'fw_roots.c']);
    cc('arm-none-eabi-gcc', [
      '-mcpu=cortex-m4',
      '-mthumb',
      '-Os',
      '-specs=nosys.specs',
      '-o',
      'fw.elf',
      'main.c',
      'fw_roots.c',
    ]);
    cc('arm-none-eabi-objcopy', ['-O', 'ihex', 'fw.elf', 'fw.hex']);
    const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
    return { elf: read('fw-host'), arm: read('fw.elf'), hex: read('fw.hex') };
  }

  it('finds the DER arrays and the PEM string with their sections, symbols and addresses, in ELF and Intel HEX', () => {
    const { elf, arm, hex } = build();
    for (const [name, image] of [
      ['host', elf],
      ['arm', arm],
    ] as const) {
      const r = scanImage(image, {
        file: name,
        now: NOW,
        verifySelfSignatures: true,
        identify: (s) => (s === certs[0]?.sha256 ? { slug: 'amazon-root-ca-1' } : undefined),
      });
      expect(r.format).toBe('elf');
      expect(r.errors).toEqual([]);
      const der = r.hits.filter((h) => h.where.form === 'der');
      const pem = r.hits.filter((h) => h.where.form === 'pem');
      // The linker orders the arrays as it likes: compare by symbol.
      const bySymbol = [...der].sort((x, y) => String(x.where.symbol).localeCompare(String(y.where.symbol)));
      expect(bySymbol.map((h) => h.where.symbol)).toEqual(certs.map((_, i) => `fw_roots_${i}`));
      expect(bySymbol.map((h) => h.sha256)).toEqual(certs.map((c) => c.sha256));
      expect(pem.map((h) => h.sha256)).toEqual(certs.map((c) => c.sha256));
      expect(new Set(pem.map((h) => h.where.symbol))).toEqual(new Set(['fw_roots_pem']));
      expect(new Set(r.hits.map((h) => h.where.section))).toEqual(new Set(['.rodata']));
      expect(r.hits.filter((h) => h.slug === 'amazon-root-ca-1').map((h) => h.sha256)).toEqual([
        certs[0]?.sha256,
        certs[0]?.sha256,
      ]);
      expect(r.hits.every((h) => h.selfSignature === 'valid')).toBe(true);
      expect(r.hits.filter((h) => h.expired).map((h) => h.certificate.subject.text)).toEqual([
        'CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE',
        'CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE',
      ]);
      if (name === 'arm') {
        const h = scanImage(hex, { file: 'fw.hex' });
        expect(h.format).toBe('ihex');
        expect(h.errors).toEqual([]);
        // By default the catalog names what it knows; `identify: false` names nothing.
        expect(h.hits.map((x) => x.slug)).toEqual(h.hits.map((x) => identifyInCatalog(x.sha256)?.slug));
        expect(new Set(h.hits.map((x) => x.slug))).toEqual(new Set(SLUGS));
        expect(scanImage(hex, { file: 'fw.hex', identify: false }).hits.some((x) => x.slug)).toBe(false);
        // Same certificates at the same load addresses as in the ELF.
        const key = (x: { sha256: string; where: { address?: number; form: string } }) =>
          `${x.where.form}:${x.sha256}@${x.where.address}`;
        expect(h.hits.map(key).sort()).toEqual(r.hits.map(key).sort());
        expect(h.hits.every((x) => typeof x.where.line === 'number')).toBe(true);
      }
    }
  });

  it('reports overlapping sections and a section table outside the file, and still finds the certificates', () => {
    const { arm } = build();
    const v = new DataView(arm.buffer, arm.byteOffset, arm.byteLength);
    const shoff = v.getUint32(32, true);
    const shnum = v.getUint16(48, true);
    // Make the last PROGBITS section with bytes start inside the previous one.
    const secs = Array.from({ length: shnum }, (_, i) => shoff + i * 40).filter(
      (p) => v.getUint32(p + 4, true) === 1 && v.getUint32(p + 20, true) > 0,
    );
    const [a, b] = [secs[0] as number, secs[1] as number];
    const copy = arm.slice();
    new DataView(copy.buffer).setUint32(b + 16, v.getUint32(a + 16, true) + 4, true);
    const r = scanImage(copy, { file: 'overlap.elf' });
    expect(r.errors.map((e) => e.code)).toContain('ELF_OVERLAPPING_SECTIONS');
    expect(r.errors[0]?.message).toMatch(/^overlap\.elf:offset \d+/);
    expect(r.hits).toHaveLength(10);
    const cut = arm.slice(0, shoff + 40 * 3);
    const t = scanImage(cut, { file: 'cut.elf' });
    expect(t.errors.map((e) => e.code)).toContain('ELF_MALFORMED');
    expect(t.hits).toHaveLength(10);
    expect(scanImage(arm.slice(0, 30), { file: 'x' }).errors.map((e) => e.code)).toEqual(['ELF_MALFORMED']);
  });
});

describe('scanImage on raw images', () => {
  it('finds certificates at their offsets among random bytes, DER and PEM, and nothing else', () => {
    const image = new Uint8Array(4 * 1024 * 1024);
    image.set(randomBytes(image.length));
    const offsets = [17, 100_003, 1_000_001, 3_000_000, 4 * 1024 * 1024 - (certs[4]?.der.length ?? 0)];
    for (const [i, c] of certs.entries()) image.set(c.der, offsets[i]);
    const pem = new TextEncoder().encode(rootPem('isrg-root-x2'));
    image.set(pem, 2_000_000);
    const expected = [
      ...certs.map((c, i) => ['der', offsets[i], c.sha256]),
      ['pem', 2_000_000, sha(rootPem('isrg-root-x2'))],
    ].sort((x, y) => (x[1] as number) - (y[1] as number));
    for (const portableSearch of [false, true]) {
      const r = scanImage(image, { format: 'raw', portableSearch });
      expect(r.errors).toEqual([]);
      expect(r.hits.map((h) => [h.where.form, h.where.offset, h.sha256])).toEqual(expected);
    }
  });

  it('reports no lookalikes: truncated, re-tagged and re-framed certificates are not hits', () => {
    const der = certs[0]?.der as Uint8Array;
    const parts: Uint8Array[] = [];
    const flipped = der.slice();
    expect(flipped[13]).toBe(0x02);
    flipped[13] = 0x05; // serial INTEGER → NULL: the outline is intact, the decoder must refuse it
    parts.push(flipped);
    const fake = Uint8Array.from([
      0x30, 0x82, 0x00, 0x10, 0x30, 0x82, 0x00, 0x04, 0x02, 0x01, 0x01, 0x00, 0x30, 0x00, 0x03, 0x01, 0x00,
      0x00, 0x00,
    ]);
    parts.push(fake);
    for (let k = 0; k < 1000; k++) parts.push(Uint8Array.of(0x30, 0x82, k >> 8, k & 0xff));
    parts.push(der.subarray(0, der.length - 1)); // truncated at the end of the image
    const image = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      image.set(p, o);
      o += p.length;
    }
    const r = scanImage(image, { format: 'raw' });
    expect(r.hits).toEqual([]);
    expect(r.stats.candidates).toBe(1); // the re-tagged one passed the shape check and was refused by the decoder
  });

  it('tells a damaged root from a genuine one: a changed signature byte still decodes, its self-signature fails', () => {
    const der = (certs[0] as FoundCertificate).der.slice();
    der[der.length - 5] = (der[der.length - 5] ?? 0) ^ 0x01;
    const image = Uint8Array.from([...randomBytes(100), ...der, ...(certs[1]?.der ?? [])]);
    expect(scanImage(image, { format: 'raw' }).hits.map((h) => h.selfSignature)).toEqual([
      undefined,
      undefined,
    ]);
    const r = scanImage(image, { format: 'raw', verifySelfSignatures: true });
    expect(r.hits.map((h) => [h.where.offset, h.selfSignature])).toEqual([
      [100, 'invalid'],
      [100 + der.length, 'valid'],
    ]);
  });
});

describe('Intel HEX decoding', () => {
  const errs = () => new ErrorList('x.hex');
  /** One record: `:LLAAAATT<data>CC` with a correct checksum. */
  const rec = (type: number, address: number, data: number[]): string => {
    const bytes = [data.length, address >> 8, address & 0xff, type, ...data];
    const sum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
    return `:${[...bytes, sum].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
  };

  it('reports bad checksums, bad records, overlaps and a missing EOF with line numbers', () => {
    const e = errs();
    const d = new IntelHexDecoder(e);
    const bad = `${rec(0, 4, [1, 2, 3, 4]).slice(0, -2)}00`;
    const lines = [
      rec(0, 0, [0x30, 0x82, 1, 2]),
      bad,
      ':XX',
      rec(4, 0, [0x00, 0xff]),
      rec(0, 0, [1, 2, 3, 4]),
      rec(0, 2, [9, 9]),
    ];
    d.push(new TextEncoder().encode(`${lines.join('\n')}\n`));
    const runs = d.end();
    expect(e.done().map((x) => [x.code, x.position.line])).toEqual([
      ['HEX_CHECKSUM', 2],
      ['HEX_BAD_RECORD', 3],
      ['TRUNCATED', 7],
      ['HEX_OVERLAP', 6],
    ]);
    expect(runs.map((r) => r.address)).toEqual([0, 0xff0000, 0xff0002]);
  });

  it('skips a 1 GiB line without buffering it, and reads the records after it', () => {
    const e = errs();
    const d = new IntelHexDecoder(e);
    const chunk = new Uint8Array(1 << 20).fill(0x41); // 'A', no newline
    const before = process.memoryUsage().arrayBuffers;
    d.push(new TextEncoder().encode(':'));
    for (let k = 0; k < 1024; k++) d.push(chunk); // 1 GiB in one line
    d.push(new TextEncoder().encode(`\n${rec(0, 0, [0x30, 0x82, 1, 2])}\n${rec(1, 0, [])}\n`));
    const runs = d.end();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
    expect(e.done().map((x) => [x.code, x.position.line, x.position.offset])).toEqual([
      ['HEX_LINE_TOO_LONG', 1, 0],
    ]);
    expect(runs.map((r) => [r.address, [...r.bytes]])).toEqual([[0, [0x30, 0x82, 0x01, 0x02]]]);
  });
});
