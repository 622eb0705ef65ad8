// Keeps the README honest: runs its worked example and checks the output it shows, and checks
// the bundle size table. `npm run sizes` (UPDATE_README=1) rewrites both from what the code does.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RecommendedSetId, recommendedRoots } from '../recommended.js';
import { dataUrl } from '../testing/data.js';
import { expectReadmeSection, runReadmeExample } from '../testing/readme.js';
import { writeC } from './c-writer.js';
import { readEspBundle } from './esp-bundle-reader.js';
import { writeEspBundle } from './esp-bundle-writer.js';
import { writeDer, writePem } from './pem-writer.js';

beforeAll(async () => {
  await init();
});

describe('README worked example', () => {
  it('runs on the real certs.c and prints what the README shows', async () => {
    const lines = await runReadmeExample(
      'worked-example',
      { 'certs.c': dataUrl('device-bundles/azure-iot-sdk-c-2021-02-12-certs.c') },
      (dir) => {
        // What it wrote is real: the bundle reads back with 4 anchors, the C compiles.
        const bundle = readEspBundle(new Uint8Array(readFileSync(join(dir, 'x509_crt_bundle'))));
        expect([bundle.format, bundle.anchors.length, bundle.errors]).toEqual(['v5.4', 4, []]);
        execFileSync('gcc', ['-std=c99', '-Wall', '-Werror', '-c', 'azure_roots.c'], {
          cwd: dir,
          stdio: 'pipe',
        });
      },
    );
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
    expectReadmeSection('worked-example-output', `\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`);
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
    expectReadmeSection('sizes', table);
  });
});
