import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, runCli, schemaErrors, tempDir } from '../testing/cli.js';

const dir = tempDir();
const path = (name: string) => join(dir, name);

/** A fresh P-256 key pair as PEM files: PKCS#8 (or SEC1) private key and SPKI public key. */
function keyFiles(name: string, type: 'pkcs8' | 'sec1' = 'pkcs8'): { key: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(path(`${name}.pem`), privateKey.export({ format: 'pem', type }));
  writeFileSync(path(`${name}.pub.pem`), publicKey.export({ format: 'pem', type: 'spki' }));
  return { key: path(`${name}.pem`), pub: path(`${name}.pub.pem`) };
}

const AT = '2026-12-01T00:00:00Z';
const SIGN_WINDOW = ['--not-before', '2026-11-01', '--not-after', '2027-03-01'];
let k1: { key: string; pub: string };
let k2: { key: string; pub: string };
let update: string;
let signed: { bytes: number; signerKeyId: string; roots: { slug?: string; sha256: string }[] };

beforeAll(async () => {
  k1 = keyFiles('k1');
  k2 = keyFiles('k2', 'sec1');
  const roots = path('azure.pem');
  expect((await runCli(['bundle', 'build', '--set', 'azure-all', '--out', roots])).code).toBe(0);
  update = path('azure.htbu');
  const r = await runCli([
    'bundle',
    'sign',
    roots,
    '--key',
    k1.key,
    '--fleet',
    'contoso-thermostats',
    '--sequence',
    '5',
    ...SIGN_WINDOW,
    '--out',
    update,
    '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  signed = JSON.parse(r.stdout);
  expect(schemaErrors('bundle-sign', signed)).toEqual([]);
});

/** `bundle verify <file>` as a device of the fleet that trusts k1 and installed update 4. */
const deviceArgs = (file: string) => [
  'bundle',
  'verify',
  file,
  '--trusted-key',
  k1.pub,
  '--fleet',
  'contoso-thermostats',
  '--last-sequence',
  '4',
  '--at',
  AT,
];
const verify = (file: string, extra: string[] = []) => runCli([...deviceArgs(file), '--json', ...extra]);

const rejection = async (file: string, extra: string[] = []) => {
  const r = await verify(file, extra);
  const json = JSON.parse(r.stdout);
  expect(schemaErrors('bundle-verify', json)).toEqual([]);
  expect(r.code).toBe(json.accepted ? 0 : 1);
  return json.accepted ? 'ACCEPTED' : json.rejection.code;
};

describe('hubtrust bundle sign / bundle verify', () => {
  it('signs the Azure-all set (4 roots, under 8 KiB) and a device of the fleet accepts it (built bin)', async () => {
    expect(signed.roots.map((r) => r.slug).sort()).toEqual(
      [
        'digicert-global-root-g2',
        'digicert-global-root-g3',
        'microsoft-ecc-root-ca-2017',
        'microsoft-rsa-root-ca-2017',
      ].sort(),
    );
    expect(signed.bytes).toBe(readFileSync(update).length);
    expect(signed.bytes).toBeLessThanOrEqual(8 * 1024);
    const out = path('installed.pem');
    const r = await runBin([...deviceArgs(update), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('accepted: sequence 5, 4 root(s)');
    // The roots written are the ones signed: inspect reads them back with the same sha256.
    const back = JSON.parse((await runCli(['inspect', out, '--json'])).stdout);
    expect(back.certificates.map((c: { sha256: string }) => c.sha256).sort()).toEqual(
      signed.roots.map((r) => r.sha256).sort(),
    );
    const json = JSON.parse((await verify(update)).stdout);
    expect(schemaErrors('bundle-verify', json)).toEqual([]);
    expect(json.state).toEqual({ lastSequence: 5, trustedKeyIds: [signed.signerKeyId], revokedKeyIds: [] });
  });

  it('a tampered update is refused with a typed error and exit 1 (built bin, text)', async () => {
    const bytes = readFileSync(update);
    const tampered = path('tampered.htbu');
    // One bit of a root's DER, inside the signed body: the signature no longer verifies.
    const copy = Buffer.from(bytes);
    copy[signed.bytes - 64 - 200] = (copy[signed.bytes - 64 - 200] as number) ^ 0x01;
    writeFileSync(tampered, copy);
    const r = await runBin([
      'bundle',
      'verify',
      tampered,
      '--trusted-key',
      k1.pub,
      '--fleet',
      'contoso-thermostats',
      '--at',
      AT,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/tampered\.htbu rejected: BAD_SIGNATURE \(16\)/);
    expect(r.stderr).toMatch(/fix: never install it/);
  });

  it('every single-bit flip at a spread of offsets, truncation and a trailing byte: all refused', async () => {
    const bytes = readFileSync(update);
    const file = path('mutant.htbu');
    const codes = new Set<string>();
    // Every offset of the header and signature, every 7th of the body: about 650 runs.
    const offsets = [...bytes.keys()].filter((i) => i < 64 || i >= bytes.length - 64 || i % 7 === 0);
    for (const offset of offsets) {
      const copy = Buffer.from(bytes);
      copy[offset] = (copy[offset] as number) ^ (1 << (offset % 8));
      writeFileSync(file, copy);
      const code = await rejection(file);
      expect(code, `offset ${offset}`).not.toBe('ACCEPTED');
      codes.add(code);
    }
    expect([...codes]).toEqual(expect.arrayContaining(['BAD_MAGIC', 'BAD_SIGNATURE', 'UNKNOWN_KEY']));
    writeFileSync(file, bytes.subarray(0, bytes.length - 1));
    expect(await rejection(file)).toBe('TRUNCATED');
    writeFileSync(file, Buffer.concat([bytes, Buffer.from([0])]));
    expect(await rejection(file)).toBe('TRAILING_BYTES');
    // About 650 in-process CLI runs (parse, verify, JSON schema check each): seconds on a quiet
    // machine, over the 60 s default on a 2-core CI machine at load 15 (seen once).
  }, 240_000);

  it('distinct typed errors: wrong key, foreign fleet or device, rollback, expired, revoked key', async () => {
    expect(await rejection(update, ['--trusted-key', k2.pub])).toBe('ACCEPTED'); // k1 still trusted
    const onlyK2 = await runCli([
      'bundle',
      'verify',
      update,
      '--trusted-key',
      k2.pub,
      '--fleet',
      'contoso-thermostats',
      '--at',
      AT,
      '--json',
    ]);
    expect(JSON.parse(onlyK2.stdout).rejection.code).toBe('UNKNOWN_KEY');
    const other = await runCli([
      'bundle',
      'verify',
      update,
      '--trusted-key',
      k1.key,
      '--fleet',
      'fabrikam',
      '--at',
      AT,
      '--json',
    ]);
    expect(JSON.parse(other.stdout).rejection).toMatchObject({ code: 'WRONG_FLEET', number: 18 });
    expect(await rejection(update, ['--last-sequence', '5'])).toBe('ROLLBACK');
    expect(await rejection(update, ['--at', '2027-03-02'])).toBe('EXPIRED');
    expect(await rejection(update, ['--at', '2026-10-31'])).toBe('NOT_YET_VALID');
    expect(await rejection(update, ['--revoked', k1.pub])).toBe('KEY_REVOKED');
    // An update for one device: another device of the fleet refuses it.
    const single = path('one-device.htbu');
    const s = await runCli([
      'bundle',
      'sign',
      path('azure.pem'),
      '--key',
      k1.key,
      '--fleet',
      'contoso-thermostats',
      '--device',
      'thermostat-0042',
      '--sequence',
      '6',
      ...SIGN_WINDOW,
      '--out',
      single,
    ]);
    expect(s.code, s.stderr).toBe(0);
    expect(await rejection(single, ['--device', 'thermostat-0042'])).toBe('ACCEPTED');
    expect(await rejection(single, ['--device', 'thermostat-0043'])).toBe('WRONG_DEVICE');
  });

  it('rotates k1 → k2 (SEC1 key file); the device then trusts k2 only', async () => {
    const rotated = path('rotate.htbu');
    const r = await runCli([
      'bundle',
      'sign',
      path('azure.pem'),
      '--key',
      k1.key,
      '--next-key',
      k2.key,
      '--fleet',
      'contoso-thermostats',
      '--sequence',
      '7',
      ...SIGN_WINDOW,
      '--out',
      rotated,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('bundle-sign', json)).toEqual([]);
    const v = JSON.parse((await verify(rotated)).stdout);
    expect(v.state.trustedKeyIds).toEqual([json.nextKeyId]);
  });

  it('bad input: exit 2 naming the problem, and no update file left behind', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path('rsa.pem'), rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const esp = path('bundle.esp');
    await runCli(['bundle', 'build', '--set', 'aws', '--format', 'esp-v5.4', '--out', esp]);
    const base = (roots: string, key: string, extra: string[] = []) => [
      'bundle',
      'sign',
      roots,
      '--key',
      key,
      '--fleet',
      'f',
      '--sequence',
      '1',
      '--out',
      path('never.htbu'),
      ...extra,
    ];
    const cases: [string[], RegExp][] = [
      [base(path('azure.pem'), path('rsa.pem')), /is not a P-256 private key \(it holds an RSA key\)/],
      [base(path('azure.pem'), k1.pub), /is not a private key PEM/],
      [base(path('azure.pem'), path('missing.pem')), /does not exist/],
      [base(esp, k1.key), /ESP-IDF bundle keeps only the subject and key/],
      [base(path('azure.pem'), k1.key, ['--sequence', '0']), /--sequence 0 is not 1/],
      [base(path('azure.pem'), k1.key, ['--fleet', 'two words']), /fleetId: 1–64 visible ASCII/],
      [base(path('azure.pem'), k1.key, ['--not-after', '2020-01-01']), /cannot build the update/],
      [
        ['bundle', 'verify', update, '--trusted-key', path('azure.pem'), '--fleet', 'f'],
        /is not a P-256 public key/,
      ],
      [
        ['bundle', 'verify', update, '--trusted-key', k1.pub, '--fleet', 'f', '--at', 'soon'],
        /--at "soon" is not a date/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(() => readFileSync(path('never.htbu'))).toThrow();
  });
});
