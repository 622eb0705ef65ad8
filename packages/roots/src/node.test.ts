import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init } from '@hubtrust/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPem } from './formats/pem-reader.js';
import { readRootsFile, scanFile } from './node.js';
import { catalogPemUrl, dataBytes, dataUrl, rootPem } from './testing/data.js';

let dir: string;
beforeAll(async () => {
  await init();
  dir = mkdtempSync(join(tmpdir(), 'hubtrust-node-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => dataUrl(name).pathname;

/** Intel HEX of `bytes` at `base` (type 04 + 16-byte data records + EOF). */
function toHex(bytes: Uint8Array, base: number): string {
  const rec = (type: number, address: number, data: number[]) => {
    const all = [data.length, (address >> 8) & 0xff, address & 0xff, type, ...data];
    const sum = (0x100 - (all.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
    return `:${[...all, sum].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
  };
  const lines = [rec(4, 0, [base >>> 24, (base >>> 16) & 0xff])];
  for (let i = 0; i < bytes.length; i += 16)
    lines.push(rec(0, (base + i) & 0xffff, [...bytes.subarray(i, i + 16)]));
  lines.push(rec(1, 0, []));
  return `${lines.join('\r\n')}\r\n`;
}

describe('readRootsFile', () => {
  it('detects and reads each format', async () => {
    const certsC = await readRootsFile(file('device-bundles/azure-iot-sdk-c-2021-02-12-certs.c'));
    expect([certsC.format, certsC.certificates.length, certsC.errors.length]).toEqual(['c-source', 4, 0]);
    expect(certsC.file).toBe('azure-iot-sdk-c-2021-02-12-certs.c');
    const pem = await readRootsFile(catalogPemUrl('amazon-root-ca-1').pathname);
    expect([pem.format, pem.certificates.length]).toEqual(['pem', 1]);
    const der = await readRootsFile(file('esp-crt-bundle/baltimore.der'));
    expect([der.format, der.certificates.length]).toEqual(['der', 1]);
    for (const [name, esp] of [
      ['balt_old.bin', 'v4.2'],
      ['ent_new.bin', 'v5.4'],
    ]) {
      const r = await readRootsFile(file(`esp-crt-bundle/${name}`));
      expect([r.format, r.espFormat, r.anchors.length, r.errors]).toEqual(['esp-bundle', esp, 1, []]);
    }
    const sample = await readRootsFile(file('samples/arduino-mqtt.ino'));
    expect([sample.format, sample.certificates.length]).toEqual(['c-source', 2]);
  });

  it('reads an Intel HEX firmware file as an image, streamed', async () => {
    const der = dataBytes('esp-crt-bundle/baltimore.der');
    const image = new Uint8Array(4096);
    image.set(der, 1000);
    const path = join(dir, 'fw.hex');
    writeFileSync(path, toHex(image, 0x0800_0000));
    const r = await readRootsFile(path);
    expect(r.format).toBe('image');
    expect(r.imageFormat).toBe('ihex');
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.where.address, c.where.line])).toEqual([
      [0x0800_0000 + 1000, 2 + Math.floor(1000 / 16)],
    ]);
  });

  it('refuses a file above maxBytes with a typed error naming it', async () => {
    await expect(
      readRootsFile(catalogPemUrl('amazon-root-ca-1').pathname, { maxBytes: 100 }),
    ).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      file: catalogPemUrl('amazon-root-ca-1').pathname,
    });
  });
});

describe('scanFile', () => {
  it('streams a HEX file with a 64 MiB line: the line is reported, the records after it are scanned', async () => {
    const path = join(dir, 'hostile.hex');
    const out = createWriteStream(path);
    const chunk = Buffer.alloc(1 << 20, 0x41);
    out.write(':');
    for (let i = 0; i < 64; i++) out.write(chunk);
    out.write('\n');
    const der = readPem(rootPem('amazon-root-ca-3')).certificates[0]?.der as Uint8Array;
    out.write(toHex(der, 0x1000_0000));
    await new Promise((resolve) => out.end(resolve));
    const before = process.memoryUsage().rss;
    const r = await scanFile(path);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 << 20);
    expect(r.format).toBe('ihex');
    expect(r.errors.map((e) => [e.code, e.file, e.position.line])).toEqual([
      ['HEX_LINE_TOO_LONG', 'hostile.hex', 1],
    ]);
    expect(r.hits.map((h) => [h.where.address, h.sha256])).toEqual([
      [0x1000_0000, readPem(rootPem('amazon-root-ca-3')).certificates[0]?.sha256],
    ]);
  });
});
