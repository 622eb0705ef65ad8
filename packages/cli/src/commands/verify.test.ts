import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Hub, startHub } from '@hubtrust/hub-sim';
import { derToPem } from '@hubtrust/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, schemaErrors, tempDir } from '../testing/cli.js';
import { type ChainFiles, rootDer, scenarioFiles } from '../testing/fixtures.js';
import { verifyOptionsFrom } from './verify.js';

const dir = tempDir();
let current: ChainFiles;
let expired: ChainFiles;
let sha1: ChainFiles;
let baltimoreOnly: string;
let hub: Hub;

beforeAll(async () => {
  current = await scenarioFiles(dir, 'current');
  expired = await scenarioFiles(dir, 'expired-leaf');
  sha1 = await scenarioFiles(dir, 'sha1-signed');
  hub = await startHub({ scenario: 'wrong-host' });
  baltimoreOnly = join(dir, 'baltimore.der');
  writeFileSync(baltimoreOnly, rootDer(hub, 'baltimore-cybertrust-root'));
});
afterAll(() => hub?.stop());

describe('verify <file> --roots <bundle>', () => {
  it('a good chain: exit 0, the path from leaf to the device root', async () => {
    const r = await runCli([
      'verify',
      current.chain,
      '--roots',
      current.roots,
      '--host',
      current.hostname,
      '--at',
      '2026-06-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ trusted');
    expect(r.stdout).toContain('└ issued by hubtrust TEST DigiCert Global Root G2 (anchor, device bundle #0');
    const json = JSON.parse(
      (await runCli(['verify', current.chain, '--roots', current.roots, '--json'])).stdout,
    );
    expect(schemaErrors('verify', json)).toEqual([]);
    expect(json.verdict).toEqual({ ok: true });
    expect(json.path.map((p: { role: string }) => p.role)).toEqual(['leaf', 'intermediate', 'anchor']);
    expect(json.roots).toHaveLength(3);
  });

  it('a device with only Baltimore: UNKNOWN_ISSUER, exit 1, the missing root named', async () => {
    const r = await runCli(['verify', current.chain, '--roots', baltimoreOnly, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('verify', json)).toEqual([]);
    expect(json.verdict.code).toBe('UNKNOWN_ISSUER');
    expect(json.missingIssuer).toContain('CN=hubtrust TEST DigiCert Global Root G2');
    expect(json.verdict.hint).toContain('add that root to the trust store');
    const text = await runCli(['verify', current.chain, '--roots', baltimoreOnly]);
    expect(text.stdout).toContain('✗ not trusted: UNKNOWN_ISSUER');
    expect(text.stdout).toMatch(
      /└ issued by "CN=hubtrust TEST DigiCert Global Root G2.*": not in the device bundle, not sent/,
    );
  });

  it('an expired leaf: EXPIRED on certificate 0, the failing link marked', async () => {
    const r = await runCli(['verify', expired.chain, '--roots', expired.roots]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ not trusted: EXPIRED');
    expect(r.stdout).toMatch(/✗ \*\.azure-devices\.net \(leaf.*← failing link/);
  });

  it('--at moves the clock: the same good chain fails in 2040', async () => {
    const json = JSON.parse(
      (await runCli(['verify', current.chain, '--roots', current.roots, '--at', '2040-01-01', '--json']))
        .stdout,
    );
    expect(json.verdict.code).toBe('EXPIRED');
    expect(json.options.time).toBe('2040-01-01T00:00:00Z');
    expect(json.path.filter((p: { failing: boolean }) => p.failing)).toHaveLength(1);
  });

  it('--host checks the name; the hint lists the names the leaf is valid for', async () => {
    const r = await runCli(['verify', current.chain, '--roots', current.roots, '--host', 'example.com']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NAME_MISMATCH');
    expect(r.stdout).toContain('hint: the leaf is valid for *.azure-devices.net');
  });

  it('--html writes the chain diagram and the timeline', async () => {
    const out = join(dir, 'verify.html');
    const r = await runCli([
      'verify',
      current.chain,
      '--roots',
      baltimoreOnly,
      '--html',
      out,
      '--horizon',
      '2031-01-01',
    ]);
    expect(r.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('class="hubtrust-chain"');
    expect(html).toContain('MISSING ISSUER');
    expect(html).toContain('horizon 2031-01-01');
    expect(html).toContain('✗ Not trusted: UNKNOWN_ISSUER');
  });

  it('every verifyChain option has a flag', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const options = verifyOptionsFrom(
      {
        purpose: 'clientAuth',
        email: 'dev@example.com',
        maxDepth: '3',
        minRsaBits: '1024',
        allowSha1: true,
        ignoreAnchorExpiry: true,
        requireOrderedChain: true,
        nameConstraints: 'reject-if-critical',
        lenientProfile: true,
        maxSignatureChecks: '10',
        maxBuildCalls: '20',
        maxNameConstraintComparisons: '30',
        timeout: '1s',
      },
      at,
      undefined,
    );
    expect(options).toEqual({
      time: at,
      purpose: 'clientAuth',
      email: 'dev@example.com',
      maxDepth: 3,
      minRsaBits: 1024,
      allowSha1: true,
      enforceAnchorExpiry: false,
      requireOrderedChain: true,
      nameConstraints: 'reject-if-critical',
      strictProfile: false,
      budget: { signatureChecks: 10, buildCalls: 20, nameConstraintComparisons: 30 },
    });
  });

  it('flags reach the verifier: --require-ordered-chain rejects a reversed chain the default accepts', async () => {
    const root = readFileSync(current.roots, 'utf8');
    const [leaf, ica] = current.chainDer as [Uint8Array, Uint8Array];
    const decoy = join(dir, 'with-extra.pem');
    writeFileSync(
      decoy,
      derToPem(leaf) +
        root.split('-----END CERTIFICATE-----')[0] +
        '-----END CERTIFICATE-----\n' +
        derToPem(ica),
    );
    expect((await runCli(['verify', decoy, '--roots', current.roots])).code).toBe(0);
    const ordered = await runCli([
      'verify',
      decoy,
      '--roots',
      current.roots,
      '--require-ordered-chain',
      '--json',
    ]);
    expect(ordered.code).toBe(1);
    expect(JSON.parse(ordered.stdout).options.requireOrderedChain).toBe(true);
  });
});

describe('verify --profile <device profile>', () => {
  it('the same SHA-1 signed chain: refused as mbedTLS 2.28, accepted as wolfSSL 5.5 and BearSSL 0.6', async () => {
    const as = (profile: string) =>
      runCli(['verify', sha1.chain, '--roots', sha1.roots, '--profile', profile, '--json']);
    const [mbedtls, wolfssl, bearssl] = await Promise.all(
      ['mbedtls-2.28', 'wolfssl-5.5', 'bearssl-0.6'].map(as),
    );
    const json = JSON.parse(mbedtls?.stdout ?? '');
    expect(schemaErrors('verify', json)).toEqual([]);
    expect(mbedtls?.code).toBe(1);
    expect(json.profile).toBe('mbedtls-2.28');
    expect(json.verdict.code).toBe('WEAK_SIGNATURE_ALGORITHM');
    // The profile's options are the ones used: lenient, SHA-1 off, name constraints rejected if critical.
    expect(json.options).toMatchObject({
      allowSha1: false,
      strictProfile: false,
      nameConstraints: 'reject-if-critical',
    });
    expect(json.prediction).toBeNull();
    expect([wolfssl?.code, bearssl?.code]).toEqual([0, 0]);
    expect(JSON.parse(bearssl?.stdout ?? '').options.purpose).toBe('any');
    const text = await runCli(['verify', sha1.chain, '--roots', sha1.roots, '--profile', 'wolfssl-5.5']);
    expect(text.stdout).toContain(', as wolfssl-5.5 (wolfSSL 5.5.4)');
    expect(text.stdout).toContain('✓ trusted');
  });

  it('a flag given overrides the profile: --allow-sha1 with mbedtls-2.28 accepts', async () => {
    const r = await runCli([
      'verify',
      sha1.chain,
      '--roots',
      sha1.roots,
      '--profile',
      'mbedtls-2.28',
      '--allow-sha1',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).options.allowSha1).toBe(true);
  });

  it('a no-clock profile: the clocked verdict sets the exit code, the device prediction is labelled', async () => {
    const r = await runCli([
      'verify',
      expired.chain,
      '--roots',
      expired.roots,
      '--profile',
      'mbedtls-2.28-no-clock',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('as mbedtls-2.28 (mbedTLS 2.28)');
    expect(r.stdout).toContain('✗ not trusted: EXPIRED');
    expect(r.stdout).toMatch(
      /prediction, not a verdict — mbedtls-2.28-no-clock .*: a device without a clock would connect/,
    );
    expect(r.stdout).not.toContain('✓ trusted');
    const json = JSON.parse(
      (
        await runCli([
          'verify',
          expired.chain,
          '--roots',
          expired.roots,
          '--profile',
          'mbedtls-2.28-no-clock',
          '--json',
        ])
      ).stdout,
    );
    expect(schemaErrors('verify', json)).toEqual([]);
    expect(json.profile).toBe('mbedtls-2.28');
    expect(json.verdict.ok).toBe(false);
    expect(json.prediction).toMatchObject({
      prediction: true,
      profile: 'mbedtls-2.28-no-clock',
      accepts: true,
    });
    expect(json.prediction.notes[0]).toContain('no trusted clock');
  });

  it("--profile strict refuses a wildcard over a multi-label public suffix (the PSL's co.uk), the default accepts it", async () => {
    const data = (f: string) => fileURLToPath(new URL(`../../test-data/limbo/${f}`, import.meta.url));
    const args = [
      'verify',
      data('public-suffix-multi-label-wildcard-san.chain.pem'),
      '--roots',
      data('public-suffix-multi-label-wildcard-san.roots.pem'),
      '--host',
      'example.co.uk',
      '--at',
      '2030-01-01T00:00:00Z',
      '--json',
    ];
    const strict = await runCli([...args, '--profile', 'strict']);
    const json = JSON.parse(strict.stdout);
    expect(schemaErrors('verify', json)).toEqual([]);
    expect(strict.code).toBe(1);
    expect(json.verdict.code).toBe('NAME_MISMATCH');
    expect((await runCli(args)).code).toBe(0);
  });

  it('--help lists every profile id; an unknown one is refused (exit 2)', async () => {
    const help = await runCli(['verify', '--help']);
    for (const id of [
      'mbedtls-2.28',
      'esp-crt-bundle',
      'wolfssl-5.5',
      'bearssl-0.6',
      'openssl-3.0',
      'webpki',
      'strict',
      'esp-crt-bundle-no-clock',
    ])
      expect(help.stdout).toMatch(new RegExp(`^ {2}${id} +\\S`, 'm'));
    const bad = await runCli(['verify', sha1.chain, '--roots', sha1.roots, '--profile', 'mbedtls-1.0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'mbedtls-1.0' is invalid");
  });
});

describe('verify <host:port>', () => {
  it('checks the chain a hub sends against its server name (wrong-host: NAME_MISMATCH)', async () => {
    const caFile = join(dir, 'wrong-host-ca.pem');
    writeFileSync(caFile, hub.caPem);
    const r = await runCli([
      'verify',
      `127.0.0.1:${hub.port}`,
      '--servername',
      hub.hostname,
      '--roots',
      caFile,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('verify', json)).toEqual([]);
    expect(json.options.hostname).toBe(hub.hostname);
    expect(json.verdict.code).toBe('NAME_MISMATCH');
    expect(json.source).toMatchObject({ kind: 'server', chainFrom: 'wire' });
  });
});

describe('verify: bad input, exit 2 with a message', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['no --roots', () => ['verify', current.chain], /--roots is required/],
    [
      'a missing roots file',
      () => ['verify', current.chain, '--roots', join(dir, 'none.pem')],
      /--roots file ".*none.pem" does not exist/,
    ],
    [
      'a missing chain file',
      () => ['verify', join(dir, 'none.pem'), '--roots', current.roots],
      /file ".*none.pem" does not exist/,
    ],
    [
      'a bad --max-depth',
      () => ['verify', current.chain, '--roots', current.roots, '--max-depth', 'deep'],
      /--max-depth "deep" is not a whole number/,
    ],
    [
      'a bad --purpose',
      () => ['verify', current.chain, '--roots', current.roots, '--purpose', 'codeSigning'],
      /Allowed choices are serverAuth, clientAuth, any/,
    ],
    [
      '--host with --email',
      () => ['verify', current.chain, '--roots', current.roots, '--host', 'a', '--email', 'b@c'],
      /exclude each other/,
    ],
    [
      'a bad --horizon',
      () => ['verify', current.chain, '--roots', current.roots, '--horizon', '31/12/2030'],
      /--horizon "31\/12\/2030" is not a date/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await runCli(args());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }
});
