import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { type Hub, startHub } from '@hubtrust/hub-sim';
import { getCertificate, writeC, writeEspBundle } from '@hubtrust/roots';
import { init, pemToDer, splitPem } from '@hubtrust/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, schemaErrors, tempDir } from '../testing/cli.js';

// hub-sim's hubs sign with test twins of the real roots, so the device bundles here are the
// twins of what devices carry: the 2017 Azure IoT C SDK certs.c (Baltimore only) as C source,
// and the hub's own CA bundle (a correct device). The twins are also the --candidates: the
// catalog's real roots never anchor a twin chain.
const dir = tempDir();
let current: Hub;
let expired: Hub;
let files: { certsC: string; correct: string; twins: string; expiredCa: string };

beforeAll(async () => {
  await init();
  [current, expired] = await Promise.all([
    startHub({ scenario: 'current' }),
    startHub({ scenario: 'expired-leaf' }),
  ]);
  const baltimore = current.roots['baltimore-cybertrust-root'] as string;
  files = {
    certsC: join(dir, 'certs.c'),
    correct: join(dir, 'correct.pem'),
    twins: join(dir, 'twins.pem'),
    expiredCa: join(dir, 'expired-ca.pem'),
  };
  writeFileSync(files.certsC, writeC([pemToDer(baltimore)], { forms: ['pem'], prefix: 'certs' }).source.text);
  writeFileSync(files.correct, current.caPem);
  writeFileSync(files.twins, Object.values(current.roots).join(''));
  writeFileSync(files.expiredCa, expired.caPem);
});
afterAll(async () => {
  await Promise.all([current?.stop(), expired?.stop()]);
});

const at = (hub: Hub) => [`127.0.0.1:${hub.port}`, '--servername', hub.hostname];

describe('probe <host:port> --bundle <device bundle>', () => {
  it('a device with the 2017 certs.c (Baltimore only): refused under every profile; the root to add, the recommended set', async () => {
    const r = await runCli([
      'probe',
      ...at(current),
      '--bundle',
      files.certsC,
      '--candidates',
      files.twins,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('probe', json)).toEqual([]);
    expect(json.bundle).toMatchObject({ format: 'c-source', file: files.certsC });
    expect(json.bundle.roots[0].subject).toContain('Baltimore CyberTrust Root');
    expect(json.hostname).toBe(current.hostname);
    const verdicts = json.profiles.filter((p: { kind: string }) => p.kind === 'verdict');
    expect(verdicts.map((p: { profile: string }) => p.profile)).toEqual([
      'mbedtls-2.28',
      'mbedtls-3.6',
      'esp-crt-bundle',
      'wolfssl-5.5',
      'bearssl-0.6',
      'openssl-3.0',
      'webpki',
      'strict',
    ]);
    for (const p of verdicts) {
      expect(p, p.profile).toMatchObject({ ok: false, code: 'UNKNOWN_ISSUER' });
      expect(
        p.add.map((c: { subject: string }) => c.subject),
        p.profile,
      ).toEqual([expect.stringContaining('CN=hubtrust TEST DigiCert Global Root G2')]);
    }
    const predictions = json.profiles.filter((p: { kind: string }) => p.kind === 'prediction');
    expect(predictions.map((p: { profile: string }) => p.profile)).toContain('esp-crt-bundle-no-clock');
    expect(json.recommendedSets.map((s: { id: string }) => s.id)).toContain('azure-rsa');
    expect(json.recommendedSets[0].missing).toEqual([
      'digicert-global-root-g2',
      'microsoft-rsa-root-ca-2017',
    ]);
    expect(json.ok).toBe(false);
  });

  it('the same as text: a row per profile, predictions labelled, what to add', async () => {
    const r = await runCli(['probe', ...at(current), '--bundle', files.certsC, '--candidates', files.twins]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^ {2}mbedtls-2\.28 +mbedTLS 2\.28 +✗ UNKNOWN_ISSUER {2}add: hubtrust TEST DigiCert Global Root G2$/m,
    );
    expect(r.stdout).toMatch(/^ {2}esp-crt-bundle-no-clock +.*prediction: would refuse \(UNKNOWN_ISSUER\)/m);
    expect(r.stdout).toContain('to fix: add hubtrust TEST DigiCert Global Root G2, valid until');
    expect(r.stdout).toContain('it makes 8 verdict profiles');
    expect(r.stdout).toMatch(
      /recommended for azure-iot-hub: set azure-rsa \(digicert-global-root-g2, microsoft-rsa-root-ca-2017\)/,
    );
    // Without the twins as candidates: the catalog's real roots cannot anchor a test chain.
    const real = await runCli(['probe', ...at(current), '--bundle', files.certsC]);
    expect(real.stdout).toContain('no known root anchors this chain for 8 verdict profiles');
  });

  it("a correct device (the hub's CA bundle): trusted under every verdict profile, exit 0", async () => {
    const r = await runCli(['probe', ...at(current), '--bundle', files.correct]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('✓ the device trusts this chain under every verdict profile checked');
    expect(r.stdout).not.toContain('✗');
    // BearSSL without a clock refuses every chain whatever the roots: said, not counted.
    expect(r.stdout).toMatch(/bearssl-0\.6-no-clock +BearSSL 0\.6 +prediction: would refuse \(no clock\)/);
    expect(r.stdout).toContain('bearssl-0.6-no-clock (prediction): no root added alone makes it connect');
  });

  it('--profile with a no-clock id: the clocked verdict counts (EXPIRED, exit 1), the prediction connects', async () => {
    const r = await runCli([
      'probe',
      ...at(expired),
      '--bundle',
      files.expiredCa,
      '--profile',
      'mbedtls-2.28-no-clock',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('probe', json)).toEqual([]);
    expect(json.profiles).toMatchObject([
      { profile: 'mbedtls-2.28', kind: 'verdict', ok: false, code: 'EXPIRED', add: [] },
      { profile: 'mbedtls-2.28-no-clock', kind: 'prediction', ok: true, exact: true },
    ]);
    const text = await runCli([
      'probe',
      ...at(expired),
      '--bundle',
      files.expiredCa,
      '--profile',
      'mbedtls-2.28-no-clock',
    ]);
    expect(text.stdout).toContain('mbedtls-2.28: adding roots does not help: EXPIRED');
    expect(text.stdout).toContain('prediction: would connect');
  });

  it("an ESP-IDF bundle: its anchors (subject and key) checked as the catalog's roots; --html", async () => {
    const esp = join(dir, 'x509_crt_bundle');
    writeFileSync(
      esp,
      writeEspBundle([getCertificate('digicert-global-root-g2').der], { format: 'v5.4' }).bytes,
    );
    const html = join(dir, 'probe.html');
    const r = await runCli([
      'probe',
      ...at(current),
      '--bundle',
      esp,
      '--profile',
      'esp-crt-bundle',
      '--json',
      '--html',
      html,
    ]);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('probe', json)).toEqual([]);
    expect(json.bundle.format).toBe('esp-bundle');
    expect(json.bundle.fromCatalog).toEqual([
      {
        index: 0,
        subject: expect.stringContaining('DigiCert Global Root G2'),
        slug: 'digicert-global-root-g2',
      },
    ]);
    // The real G2 does not anchor the twin chain: refused, as a device with the real bundle would be by hub-sim.
    expect(json.profiles[0]).toMatchObject({ profile: 'esp-crt-bundle', ok: false, code: 'UNKNOWN_ISSUER' });
    expect(json.report).toBe(html);
  });
});

describe('probe: bad input', () => {
  it('exit 2 with a message: no --bundle, a file instead of a server, a refused port, an unknown profile', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const cases: [string[], RegExp][] = [
      [['probe', ...at(current)], /--bundle is required/],
      [
        ['probe', files.correct, '--bundle', files.correct],
        /is not host:port.*\n.*fix: probe connects to a server/,
      ],
      [['probe', `127.0.0.1:${port}`, '--bundle', files.correct], /refused the connection/],
      [
        ['probe', ...at(current), '--bundle', files.correct, '--profile', 'esp8266'],
        /argument 'esp8266' is invalid/,
      ],
      [
        ['probe', ...at(current), '--bundle', join(dir, 'none.pem')],
        /--bundle file ".*none\.pem" does not exist/,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it('a server that accepts and never answers: exit 3 at --timeout', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const r = await runCli(['probe', `127.0.0.1:${port}`, '--bundle', files.correct, '--timeout', '300ms']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('did not complete a TLS handshake within 300 ms');
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });

  it('an ESP-IDF bundle of roots the catalog does not know: nothing to check, exit 2', async () => {
    const esp = join(dir, 'twins_bundle');
    writeFileSync(esp, writeEspBundle(splitPem(current.caPem), { format: 'v5.4' }).bytes);
    const r = await runCli(['probe', ...at(current), '--bundle', esp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds no root hubtrust can check');
  });
});
