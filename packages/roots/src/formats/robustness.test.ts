// Property tests on hostile input: mutated real files never make a reader throw, hang or return
// something that is not a certificate, and what the mutation did not touch is still found.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init } from '@hubtrust/verify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataBytes, dataText, rootPem } from '../testing/data.js';
import { readCSource } from './c-reader.js';
import { ErrorList } from './collect.js';
import { readEspBundle } from './esp-bundle-reader.js';
import type { FoundCertificate } from './found.js';
import { IntelHexDecoder } from './intel-hex.js';
import { readPem } from './pem-reader.js';
import { scanImage } from './scanner.js';

let dir: string;
beforeAll(async () => {
  await init();
  dir = mkdtempSync(join(tmpdir(), 'hubtrust-robust-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const genuine = (c: FoundCertificate) => expect(sha(c.der)).toBe(c.sha256);

describe('mutated inputs (fast-check)', () => {
  it('readCSource on mutated certs.c and DER arrays: no throw, every result a decodable certificate', () => {
    const certsC = dataText('device-bundles/azure-iot-sdk-c-2021-02-12-certs.c');
    const arrays = dataText('samples/azure-rtos-demo_config.h');
    const pieces = [
      '"',
      '\\',
      '\n',
      '#endif',
      '#if X',
      '/*',
      '*/',
      '{',
      '}',
      ',',
      '0x1ff',
      'R"(',
      ')"',
      "'",
      '0x30, 0x82,',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(certsC, arrays),
        fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom(...pieces)), { maxLength: 5 }),
        (base, edits) => {
          let text = base;
          for (const [at, del, ins] of edits) {
            const p = at % text.length;
            text = `${text.slice(0, p)}${ins}${text.slice(p + del)}`;
          }
          const r = readCSource(text, { file: 'm.c' });
          r.certificates.forEach(genuine);
          for (const e of r.errors) expect(e.message.startsWith('m.c')).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('readEspBundle on mutated bundles: no throw; an untouched bundle prefix keeps its anchors', () => {
    const bundles = ['balt_old.bin', 'balt_new.bin', 'ent_old.bin', 'ent_new.bin'].map((f) =>
      dataBytes(`esp-crt-bundle/${f}`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...bundles),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.nat(600),
        (base, flips, cut) => {
          const b = base.slice(0, Math.max(0, base.length - (cut % 50)));
          for (const [at, v] of flips) if (b.length > 0) b[at % b.length] = v;
          const r = readEspBundle(b, { file: 'b.bin' });
          expect(r.anchors.length).toBeLessThanOrEqual(b.length);
          for (const a of r.anchors) expect(a.key.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
          if (r.errors.length === 0) expect(r.anchors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('Intel HEX: any chunking of the input decodes the same as one push', () => {
    const der = readPem(rootPem('amazon-root-ca-3')).certificates[0]?.der as Uint8Array;
    const lines: string[] = [':020000040800F2'];
    for (let i = 0; i < der.length; i += 16) {
      const data = [...der.subarray(i, i + 16)];
      const bytes = [data.length, (i >> 8) & 0xff, i & 0xff, 0, ...data];
      const sum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
      lines.push(`:${[...bytes, sum].map((x) => x.toString(16).padStart(2, '0')).join('')}`);
    }
    lines.push(':00000001FF');
    const file = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
    const decode = (cuts: number[]) => {
      const errors = new ErrorList('x.hex');
      const d = new IntelHexDecoder(errors);
      let last = 0;
      for (const c of [...cuts].sort((a, b) => a - b)) {
        d.push(file.subarray(last, c));
        last = c;
      }
      d.push(file.subarray(last));
      return { runs: d.end().map((r) => [r.address, sha(r.bytes)]), errors: errors.done().length };
    };
    const whole = decode([]);
    expect(whole).toEqual({ runs: [[0x0800_0000, sha(der)]], errors: 0 });
    fc.assert(
      fc.property(fc.array(fc.nat(file.length), { maxLength: 30 }), (cuts) => {
        expect(decode(cuts)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('ELF with mutated headers: no throw, and the embedded certificate is always still found', () => {
    const der = readPem(rootPem('isrg-root-x2')).certificates[0]?.der as Uint8Array;
    writeFileSync(join(dir, 'one.c'), `const unsigned char root_der[] = { ${[...der].join(', ')} };\n`);
    execFileSync('arm-none-eabi-gcc', ['-mcpu=cortex-m0', '-mthumb', '-c', 'one.c', '-o', 'one.o'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const elf = new Uint8Array(readFileSync(join(dir, 'one.o')));
    const clean = scanImage(elf, { file: 'one.o' });
    expect(clean.errors).toEqual([]);
    expect(clean.hits.map((h) => [h.where.section, h.where.symbol])).toEqual([['.rodata', 'root_der']]);
    const certAt = clean.hits[0]?.where.offset as number;
    const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
    const shoff = view.getUint32(32, true);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (flips) => {
          const b = elf.slice();
          for (const [header, at, v] of flips) {
            // the ELF header or the section header table, never the certificate bytes
            const p = header ? at % 52 : shoff + (at % (b.length - shoff));
            if (p < certAt || p >= certAt + der.length) b[p] = v;
          }
          const r = scanImage(b, { file: 'm.o', format: 'elf' });
          expect(r.hits.map((h) => h.sha256)).toContain(sha(der));
        },
      ),
      { numRuns: 300 },
    );
  });
});
