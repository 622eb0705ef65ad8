import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin, runCli, schemaErrors, tempDir } from '../testing/cli.js';

const dir = tempDir();
/** The Azure IoT C SDK's certs.c of 2017-01-21 (Baltimore only), rebuilt from the real PEM by @hubtrust/roots. */
const CERTS_2017 = fileURLToPath(
  new URL('../../../roots/test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c', import.meta.url),
);
const WINDOW = ['--from', '2017-01-21', '--until', '2032-01-21'];

interface Endpoint {
  family: string;
  firstFailure?: string;
  code?: string;
}

describe('hubtrust bundle check', () => {
  it('the 2017 Baltimore-only certs.c: Azure IoT Hub breaks at the 2023 DigiCert G2 migration, exit 1, add G2', async () => {
    const r = await runBin(['bundle', 'check', CERTS_2017, ...WINDOW, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('bundle-check', json)).toEqual([]);
    expect(json.ok).toBe(false);
    expect(json.familiesInferred).toBe(true);
    expect(json.families).toContain('azure-iot-hub');
    expect(json.families.some((f: string) => f.startsWith('aws'))).toBe(false);
    const [mbed] = json.profiles;
    expect(mbed.profile).toBe('mbedtls-2.28');
    const hub = mbed.endpoints.find((e: Endpoint) => e.family === 'azure-iot-hub');
    expect(hub.firstFailure.slice(0, 10)).toBe('2023-02-15');
    expect(hub.code).toBe('UNKNOWN_ISSUER');
    expect(mbed.add.map((a: { slug: string }) => a.slug)).toEqual(['digicert-global-root-g2']);
    // The sha256 joins with bundle build's output for the same root.
    const built = JSON.parse(
      (
        await runCli([
          'bundle',
          'build',
          '--slug',
          'digicert-global-root-g2',
          '--out',
          join(dir, 'g2.pem'),
          '--json',
        ])
      ).stdout,
    );
    expect(mbed.add[0].sha256).toBe(built.certificates[0].sha256);
    // The bytes per format come with it.
    const sizes = mbed.readiness.recommendation.sizes;
    expect(sizes.map((s: { format: string }) => s.format)).toContain('c-pem');
    expect(sizes.every((s: { grows: number }) => s.grows > 0)).toBe(true);
  });

  it('text: the day each endpoint breaks and the root to add; the fixed bundle passes (exit 0)', async () => {
    const r = await runCli(['bundle', 'check', CERTS_2017, ...WINDOW, '--cloud', 'azure-iot-hub']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('azure-iot-hub stops verifying on 2023-02-15 (UNKNOWN_ISSUER)');
    expect(r.stdout).toContain('add digicert-global-root-g2');
    expect(r.stdout).not.toContain('endpoints inferred');
    // Apply the recommendation: Baltimore (the catalog's copy of the firmware's root) plus G2.
    const fixed = join(dir, 'fixed.c');
    const build = await runCli(
      ['bundle', 'build', '--slug', 'baltimore-cybertrust-root', '--slug', 'digicert-global-root-g2'].concat([
        '--format',
        'c-pem',
        '--out',
        fixed,
      ]),
    );
    expect(build.code, build.stderr).toBe(0);
    const after = await runCli(['bundle', 'check', fixed, ...WINDOW, '--cloud', 'azure-iot-hub']);
    expect(after.stdout).toContain('root 1: digicert-global-root-g2');
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('✓ mbedtls-2.28: azure-iot-hub verifies until 2032-01-21');
  });

  it('one report per --profile; a cloud name selects its device endpoints', async () => {
    const r = await runCli([
      'bundle',
      'check',
      CERTS_2017,
      ...WINDOW,
      '--cloud',
      'azure',
      '--profile',
      'bearssl-0.6',
      '--profile',
      'mbedtls-2.28',
      '--json',
    ]);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('bundle-check', json)).toEqual([]);
    expect(json.profiles.map((p: { profile: string }) => p.profile)).toEqual(['bearssl-0.6', 'mbedtls-2.28']);
    expect(json.families).toEqual(['azure-iot-hub', 'azure-dps-global', 'azure-iot-hub-ecc']);
    expect(json.familiesInferred).toBe(false);
  });

  it('--html writes the timeline and the change', async () => {
    const html = join(dir, 'check.html');
    const r = await runCli([
      'bundle',
      'check',
      CERTS_2017,
      ...WINDOW,
      '--cloud',
      'azure-iot-hub',
      '--html',
      html,
    ]);
    expect(r.code).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('fails from 2023-02-15');
    expect(page).toContain('add <strong>digicert-global-root-g2</strong>');
  });

  it('bad input: exit 2 with what was wrong', async () => {
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'no certificates in here\n');
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nMIIBroken!!\n-----END CERTIFICATE-----\n');
    const cases: [string[], RegExp][] = [
      [[empty], /holds no certificate, so the device trusts nothing/],
      [[broken], /no certificate could be read|no readable certificate/],
      [[join(dir, 'missing.c')], /does not exist/],
      [[CERTS_2017, '--until', '2032-02-30'], /--until "2032-02-30" is not a date/],
      [[CERTS_2017, '--from', '2030-01-01', '--until', '2029-01-01'], /is not after --from/],
      [[CERTS_2017, '--cloud', 'gcp'], /--cloud "gcp" is neither a cloud nor an endpoint family/],
      [[CERTS_2017, '--profile', 'mbedtls-1.0'], /--profile "mbedtls-1.0" is not a device profile/],
      [[CERTS_2017, '--client-ca', CERTS_2017], /--client-ca needs --client-cert/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['bundle', 'check', ...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('a bundle of roots no cloud profile uses: says it cannot infer the clouds (exit 2), works with --cloud', async () => {
    const isrg = join(dir, 'isrg.pem');
    await runCli(['bundle', 'build', '--slug', 'gts-root-r1', '--out', isrg]);
    const r = await runCli(['bundle', 'check', isrg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be inferred/);
    const named = await runCli(['bundle', 'check', isrg, '--cloud', 'aws-iot-core-ats-rsa']);
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('add amazon-root-ca-1');
  });

  it('--client-cert/--client-ca: a device certificate that expires inside the window fails the check (exit 1)', async () => {
    // A device CA and a device certificate from it, made by OpenSSL (X.509 device authentication).
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-subj',
      '/CN=fleet CA',
    ]);
    openssl(['req', ...ec, '-keyout', 'dev.key', '-out', 'dev.csr', '-subj', '/CN=thermostat-0042']);
    const ext = join(dir, 'client.ext');
    writeFileSync(ext, 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n');
    openssl(
      ['x509', '-req', '-in', 'dev.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
        '-out',
        'dev.pem',
        '-days',
        '400',
        '-extfile',
        ext,
      ]),
    );
    const args = ['bundle', 'check', join(dir, 'fixed.c'), '--cloud', 'azure-iot-hub', '--json'];
    const client = ['--client-cert', join(dir, 'dev.pem'), '--client-ca', join(dir, 'ca.pem')];
    const r = await runCli([...args, ...client]);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('bundle-check', json)).toEqual([]);
    const timeline = json.profiles[0].readiness.client.timeline;
    expect(timeline[0].status).toBe('verifies');
    expect(timeline.at(-1)).toMatchObject({ status: 'fails', code: 'EXPIRED' });
    // The same server side without the client certificate passes: the client's expiry decided.
    expect((await runCli(args)).code).toBe(0);
    // A client certificate file that is not one: exit 2.
    const bad = await runCli([...args, '--client-cert', join(dir, 'client.ext')]);
    expect(bad.code).toBe(2);
  });
});
