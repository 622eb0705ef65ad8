// Keeps the README's readiness section honest: runs the worked example (the 2017 Baltimore-only
// certs.c → timeline → roots to add → C → signed update), checks what it prints and writes, and
// generates the cloud profile × device profile table. UPDATE_README=1 rewrites the sections.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCertificate } from '../catalog.js';
import { readCSource } from '../formats/c-reader.js';
import { cloudProfiles } from '../profiles.js';
import { expectReadmeSection, runReadmeExample } from '../testing/readme.js';
import { referenceVerify } from '../testing/update-reference-verifier.js';
import { analyzeReadiness } from './analyze.js';
import { DEVICE_PROFILE_IDS } from './device.js';
import type { ReadinessReport } from './report.js';

beforeAll(async () => {
  await init();
});

const certs2017 = new URL('../../test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c', import.meta.url);

describe('README readiness worked example', () => {
  it('runs on the 2017 certs.c and prints what the README shows; the C compiles and the update verifies', async () => {
    const lines = await runReadmeExample('readiness-example', { 'certs.c': certs2017 }, (dir) => {
      execFileSync('gcc', ['-std=c99', '-Wall', '-Werror', '-c', 'azure_roots.c'], {
        cwd: dir,
        stdio: 'pipe',
      });
      const report = JSON.parse(readFileSync(join(dir, 'readiness.json'), 'utf8')) as ReadinessReport;
      expect(report.recommendation.add.map((a) => a.slug)).toEqual(['digicert-global-root-g2']);
      // the signed update installs on a device of the fleet that pins the written public key
      const update = new Uint8Array(readFileSync(join(dir, 'roots.htbu')));
      const key = new Uint8Array(readFileSync(join(dir, 'update-key.pub')));
      const r = referenceVerify(
        update,
        {
          fleetId: new TextEncoder().encode('contoso-thermostats'),
          trustedKeys: [key],
          revokedKeyIds: [],
          lastSequence: 0,
        },
        Date.parse('2026-12-15T00:00:00Z') / 1000,
      );
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok)
        expect(r.roots.map((x) => Buffer.from(x).toString('base64'))).toEqual(
          ['baltimore-cybertrust-root', 'digicert-global-root-g2']
            .map((s) => getCertificate(s).der)
            .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
            .map((x) => Buffer.from(x).toString('base64')),
        );
    });
    expect(lines[0]).toMatch(/^Readiness of certs\.c \(1 root\) for device profile mbedtls-2\.28/);
    expect(lines.join('\n')).toContain('add digicert-global-root-g2 (until 2038-01-15) for azure-iot-hub');
    expectReadmeSection('readiness-example-output', `\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`);
  });
});

/** One cell: when the endpoint first fails (and why), else until when the profile says it verifies. */
function cell(r: ReadinessReport, family: string): string {
  const e = r.endpoints.find((x) => x.family === family);
  if (!e) return '?';
  const modelled = e.timeline.some((i) => i.basis === 'modelled') ? ' (m)' : '';
  if (e.firstFailure) {
    const i = e.timeline.find((x) => x.from === e.firstFailure);
    return `✗ ${e.firstFailure.slice(0, 10)} ${i?.failures[0]?.code ?? ''}${modelled}`;
  }
  const claimed = e.timeline.filter((i) => i.status !== 'unknown');
  const last = claimed.at(-1);
  return last ? `✓ to ${last.to.slice(0, 10)}${modelled}` : '— no claim';
}

function matrix(
  title: string,
  bundle: Parameters<typeof analyzeReadiness>[0]['bundle'],
  from: string,
  to: string,
): string {
  const reports = DEVICE_PROFILE_IDS.map((device) =>
    analyzeReadiness({
      bundle,
      families: cloudProfiles.map((f) => f.id),
      device,
      from: new Date(from),
      to: new Date(to),
    }),
  );
  return [
    `**${title}**, ${from.slice(0, 10)} → ${to.slice(0, 10)}:`,
    '',
    `| family | ${DEVICE_PROFILE_IDS.map((d) => `\`${d}\``).join(' | ')} |`,
    `| --- | ${DEVICE_PROFILE_IDS.map(() => '---').join(' | ')} |`,
    ...cloudProfiles.map((f) => `| \`${f.id}\` | ${reports.map((r) => cell(r, f.id)).join(' | ')} |`),
    '',
  ].join('\n');
}

describe('README readiness table', () => {
  it('shows every cloud profile × every device profile for two real bundles', () => {
    const c2021 = readCSource(
      readFileSync(
        new URL('../../test-data/formats/device-bundles/azure-iot-sdk-c-2021-02-12-certs.c', import.meta.url),
        'utf8',
      ),
      { file: 'certs.c' },
    );
    const sets = [
      'digicert-global-root-g2',
      'microsoft-rsa-root-ca-2017',
      'digicert-global-root-g3',
      'microsoft-ecc-root-ca-2017',
      'amazon-root-ca-1',
      'amazon-root-ca-3',
      'starfield-services-root-g2',
    ];
    const body = [
      matrix(
        'Azure IoT C SDK certs.c of 2021-02-12 (Baltimore, DigiCert G3, D-TRUST 2009, DigiCert Global Root CA)',
        c2021,
        '2021-02-12T00:00:00Z',
        '2036-02-12T00:00:00Z',
      ),
      matrix(
        'The azure-all and aws recommended sets (7 roots)',
        { text: sets.map((s) => getCertificate(s).pem).join('') },
        '2026-12-01T00:00:00Z',
        '2041-12-01T00:00:00Z',
      ),
    ].join('\n');
    expect(body).toContain('✗ 2023-02-15 UNKNOWN_ISSUER');
    expectReadmeSection('readiness-matrix', body);
  });
});
