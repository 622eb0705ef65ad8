// Keeps the README honest: runs its worked example and checks the output it shows, and checks
// the bundle size table. `npm run sizes` (UPDATE_README=1) rewrites both from what the code does.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type RecommendedSetId, recommendedRoots } from '../recommended.js';
import { dataUrl } from '../testing/data.js';
import { writeC } from './c-writer.js';
import { readEspBundle } from './esp-bundle-reader.js';
import { writeEspBundle } from './esp-bundle-writer.js';
import { writeDer, writePem } from './pem-writer.js';

const README = new URL('../../README.md', import.meta.url);
const update = process.env.UPDATE_README === '1';

beforeAll(async () => {
  await init();
});

function section(text: string, name: string): { start: number; end: number; body: string } {
  const open = `<!-- ${name}:begin -->\n`;
  const close = `<!-- ${name}:end -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README has no ${name} section`);
  return { start: start + open.length, end, body: text.slice(start + open.length, end) };
}

function replaceSection(name: string, body: string): void {
  const text = readFileSync(README, 'utf8');
  const s = section(text, name);
  writeFileSync(README, `${text.slice(0, s.start)}${body}${text.slice(s.end)}`);
}

/** Markdown table cells trimmed and separator dashes collapsed (the formatter aligns columns). */
function normalize(body: string): string {
  return body
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+(:?)$/, '---$1'))
            .join('|')
        : line,
    )
    .join('\n');
}

/** Checks a README section against `body`, or rewrites it under UPDATE_README=1. */
function expectSection(name: string, body: string): void {
  if (update) replaceSection(name, body);
  expect(normalize(section(readFileSync(README, 'utf8'), name).body)).toBe(normalize(body));
}

describe('README worked example', () => {
  it('runs on the real certs.c and prints what the README shows', async () => {
    const block = section(readFileSync(README, 'utf8'), 'worked-example').body;
    const code = /^```ts\n([\s\S]*)```\n$/.exec(block)?.[1];
    expect(code).toBeDefined();
    const src = (code as string)
      .replace("'@hubtrust/roots'", JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url))))
      .replace(
        "'@hubtrust/verify'",
        JSON.stringify(fileURLToPath(new URL('../../../verify/dist/index.js', import.meta.url))),
      );
    const dir = mkdtempSync(join(tmpdir(), 'hubtrust-readme-'));
    const cwd = process.cwd();
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    try {
      copyFileSync(dataUrl('device-bundles/azure-iot-sdk-c-2021-02-12-certs.c'), join(dir, 'certs.c'));
      writeFileSync(join(dir, 'example.ts'), src);
      process.chdir(dir);
      await import(/* @vite-ignore */ join(dir, 'example.ts'));
      process.chdir(cwd);
      // What it wrote is real: the bundle reads back with 4 anchors, the C compiles.
      const bundle = readEspBundle(new Uint8Array(readFileSync(join(dir, 'x509_crt_bundle'))));
      expect([bundle.format, bundle.anchors.length, bundle.errors]).toEqual(['v5.4', 4, []]);
      execFileSync('gcc', ['-std=c99', '-Wall', '-Werror', '-c', 'azure_roots.c'], {
        cwd: dir,
        stdio: 'pipe',
      });
    } finally {
      process.chdir(cwd);
      log.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines.slice(0, 4)).toEqual([
      'certs.c:26 defined(USE_BALTIMORE_CERT): CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE until 2025-05-12 EXPIRED',
      expect.stringMatching(
        /^certs\.c:\d+ defined\(USE_DIGICERT_G3_CERT\): CN=DigiCert Global Root G3,.* until 2038-01-15 valid$/,
      ),
      expect.stringMatching(
        /^certs\.c:\d+ defined\(USE_MICROSOFTAZURE_DE_CERT\): CN=D-TRUST Root Class 3 CA 2 2009,.* until 2029-11-05 valid$/,
      ),
      expect.stringMatching(
        /^certs\.c:\d+ defined\(USE_PORTAL_AZURE_CN_CERT\): CN=DigiCert Global Root CA,.* until 2031-11-10 valid$/,
      ),
    ]);
    expect(
      lines.some((l) =>
        l.startsWith(
          'ESP_IGNORES_EXPIRY: the bundle stores no validity: ESP-IDF keeps trusting CN=Baltimore',
        ),
      ),
    ).toBe(true);
    expectSection('worked-example-output', `\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`);
  });
});

describe('README size table', () => {
  // The catalog's recommended sets (src/recommended.ts), written from the catalog's certificates.
  const SETS: Record<string, RecommendedSetId> = {
    'Azure IoT Hub (recommended)': 'azure-all',
    'AWS IoT Core (recommended)': 'aws',
  };

  it('matches what the writers produce', () => {
    const rows = Object.entries(SETS).map(([name, id]) => {
      const pems = recommendedRoots(id).map((c) => c.pem);
      const n = (v: number) => v.toLocaleString('en-US');
      const cDer = writeC(pems, { forms: ['der'] }).size.flashBytes;
      const cPem = writeC(pems, { forms: ['pem'] }).size.flashBytes;
      return `| ${name} | ${pems.length} | ${n(writePem(pems, { comments: false }).size.fileBytes)} | ${n(writeDer(pems).size.fileBytes)} | ${n(cDer)} | ${n(cPem)} | ${n(writeEspBundle(pems, { format: 'v4.2' }).size.fileBytes)} | ${n(writeEspBundle(pems, { format: 'v5.4' }).size.fileBytes)} |`;
    });
    const table = [
      '| set | roots | PEM bundle | DER files (sum) | C DER arrays (flash) | C PEM string (flash) | ESP bundle v4.2 | ESP bundle v5.4+ |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    expectSection('sizes', table);
  });
});
