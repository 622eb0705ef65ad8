import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { runCli, schemaErrors, spawnCli, tempDir } from '../testing/cli.js';
import { simRig } from '../testing/fixtures.js';

const dir = tempDir();

describe('hubtrust demo (the npm start job)', () => {
  it('scenarios × bundles as mbedTLS 2.28, the simulated board, the report; --json matches its schema', async () => {
    const { rig, pty, locks } = simRig(dir, 'demo');
    const html = join(dir, 'demo.html');
    const r = await runCli([
      'demo',
      '--cloud',
      'azure',
      '--scenario',
      'current',
      'legacy-baltimore',
      'expired-leaf',
      'tls10-only',
      'tls13-only',
      '--rig',
      rig,
      '--html',
      html,
      '--json',
      '--at',
      '2026-06-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('demo', json)).toEqual([]);
    expect(json.report).toBe(html);
    expect(json.profile).toBe('mbedtls-2.28');
    const row = (scenario: string) => json.results.find((x: { scenario: string }) => x.scenario === scenario);
    const bundle = (scenario: string, id: string) =>
      row(scenario).bundles.find((b: { bundle: string }) => b.bundle === id);
    // The 2017 certs.c (Baltimore only) stops verifying today's Azure chain; the recommended set does.
    expect(bundle('current', 'azure-c-sdk-2017').verdict.code).toBe('UNKNOWN_ISSUER');
    expect(bundle('current', 'recommended').verdict.ok).toBe(true);
    expect(bundle('legacy-baltimore', 'azure-c-sdk-2017').verdict.ok).toBe(true);
    expect(bundle('current', 'recommended').withoutTwin).toEqual([]);
    expect(row('expired-leaf').correctDevice.cause).toBe('expired');
    expect(row('tls10-only').handshake.ok).toBe(false);
    // mbedTLS 2.28 has no TLS 1.3: a TLS 1.3-only hub is out of its reach (n/a against the modern expectation).
    expect(row('tls13-only')).toMatchObject({ correctDevice: { cause: 'protocol_mismatch' }, agrees: null });
    expect(row('tls13-only').handshake.tls12).toBe(false);
    expect(json.disagreements).toBe(0);
    // Readiness of the real bundles: the 2017 certs.c, followed from its release, stops at the
    // 2023 DigiCert G2 migration and needs G2; the recommended set verifies to the horizon.
    const ready = (id: string) => json.readiness.find((x: { bundle: string }) => x.bundle === id);
    expect(ready('azure-c-sdk-2017')).toMatchObject({
      cloud: 'azure',
      family: 'azure-iot-hub',
      code: 'UNKNOWN_ISSUER',
      add: ['digicert-global-root-g2'],
    });
    expect(ready('azure-c-sdk-2017').from.slice(0, 10)).toBe('2017-01-21');
    expect(ready('azure-c-sdk-2017').firstFailure.slice(0, 10)).toBe('2023-02-15');
    expect(ready('recommended')).toMatchObject({ firstFailure: null, add: [] });
    // The board: the selection of these scenarios with each bundle, every case's observers agreeing.
    expect(json.board.exitCode).toBe(0);
    const board = json.board.cases.map(
      (c: { bundle: string; scenario: string; board: { cause: string } }) => [
        c.bundle,
        c.scenario,
        c.board.cause,
      ],
    );
    expect(board).toEqual([
      ['azure-c-sdk-2017', 'current', 'unknown_ca'],
      ['recommended', 'current', 'handshake_success'],
      ['azure-c-sdk-2017', 'legacy-baltimore', 'handshake_success'],
      ['recommended', 'legacy-baltimore', 'unknown_ca'],
      ['recommended', 'expired-leaf', 'expired'],
      ['azure-c-sdk-2017', 'tls13-only', 'protocol_mismatch'],
      ['recommended', 'tls13-only', 'protocol_mismatch'],
    ]);
    expect(json.board.cases.every((c: { status: string }) => c.status === 'passed')).toBe(true);
    expect(r.stderr).toContain('[5/5] azure tls13-only');
    expect(r.stderr).toMatch(/\[7\/7\] azure\/\S+\/\S+: \w+/);
    expect(existsSync(pty)).toBe(false);
    expect(existsSync(join(locks, 'native-mbedtls-1.lock'))).toBe(false);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Azure IoT Hub: scenarios × device bundles');
    expect(page).toContain('The simulated board: mbedTLS 2.28 with each bundle');
    expect(page).toContain('class="hubtrust-timeline"');
    expect(page).toContain('MISSING ISSUER');
    expect(page).toContain('Readiness: Azure IoT C SDK certs.c (2017): Baltimore only on Azure IoT Hub');
    expect(page).toContain('fails from 2023-02-15');
  });

  it('prints the matrix, the board table and the timeline as text', async () => {
    const { rig } = simRig(dir, 'demo-text');
    const r = await runCli([
      'demo',
      '--cloud',
      'aws',
      '--scenario',
      'current',
      '--rig',
      rig,
      '--html',
      join(dir, 'aws.html'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /current +TLSv1\.[23], 4 certs +handshake_success +handshake_success +✓ +✗ UNKNOWN_ISSUER +✓ trusted/,
    );
    expect(r.stdout).toMatch(/Simulated board \(mbedTLS 2\.28, native, .*\): 2 cases in/);
    expect(r.stdout).toMatch(/^ {2}aws +current +✗ unknown_ca ✓ +✓ connected ✓/m);
    expect(r.stdout).toContain('Validity timeline, AWS IoT Core');
    expect(r.stdout).toContain('When will this firmware stop connecting?');
    expect(r.stdout).toMatch(
      /✗ Azure IoT C SDK certs\.c \(2017\): Baltimore only \(since 2017-01-21\): stops on 2018-05-01/,
    );
    expect(r.stdout).toContain(`HTML report: ${join(dir, 'aws.html')}`);
  });

  it('without a rig here: the board is skipped with a note; --no-board skips it silently', async () => {
    const skipped = await runCli(
      ['demo', '--cloud', 'aws', '--scenario', 'current', '--html', join(dir, 'a.html')],
      {
        cwd: dir,
      },
    );
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('no simulated rig (hil/rigs/sim.yaml) here: the board step is skipped');
    expect(skipped.stdout).not.toContain('Simulated board');
    const none = await runCli(
      [
        'demo',
        '--cloud',
        'aws',
        '--scenario',
        'current',
        '--no-board',
        '--json',
        '--html',
        join(dir, 'b.html'),
      ],
      {
        cwd: dir,
      },
    );
    expect(none.stderr).not.toContain('no simulated rig');
    expect(JSON.parse(none.stdout).board).toBeNull();
  });

  it('bad input: a bad --at, an unknown scenario, a missing --rig, exit 2', async () => {
    expect((await runCli(['demo', '--at', 'soon'])).code).toBe(2);
    const r = await runCli(['demo', '--scenario', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'nope' is invalid");
    const rig = await runCli(['demo', '--rig', join(dir, 'no-rig.yaml')]);
    expect(rig.code).toBe(2);
    expect(rig.stderr).toMatch(/--rig ".*no-rig\.yaml" does not exist/);
  });

  it('Ctrl-C in the scenario step: hub stopped, exit 130, no report written', async () => {
    const html = join(dir, 'interrupted.html');
    const child = spawnCli(['demo', '--no-board', '--html', html]);
    await child.waitFor(/\[1\/\d+\]/);
    child.signal('SIGINT');
    const r = await child.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted');
    expect(existsSync(html)).toBe(false);
  });

  it('Ctrl-C in the board step: the board, its pty and lock gone, exit 130', async () => {
    const { rig, pty, locks } = simRig(dir, 'demo-sigint');
    const controller = new AbortController();
    let stderr = '';
    const code = await main(
      [
        'demo',
        '--cloud',
        'azure',
        '--scenario',
        'current',
        'untrusted-root',
        '--rig',
        rig,
        '--html',
        join(dir, 'i.html'),
      ],
      {
        stdout: { write: () => true },
        // Ctrl-C as soon as the board finished its first case.
        stderr: {
          write: (text: string) => {
            stderr += text;
            if (/\[1\/4\] azure\//.test(text)) controller.abort();
            return true;
          },
        },
        env: {},
        signal: controller.signal,
        cwd: dir,
      },
    );
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('[1/4] azure/');
    expect(stderr).not.toContain('[2/4] azure/');
    expect(existsSync(pty)).toBe(false);
    expect(existsSync(join(locks, 'native-mbedtls-1.lock'))).toBe(false);
    expect(existsSync(join(dir, 'i.html'))).toBe(false);
  });
});
