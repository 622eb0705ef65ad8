import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, schemaErrors, spawnCli, tempDir } from '../testing/cli.js';

const dir = tempDir();

describe('hubtrust demo (the npm start job)', () => {
  it('checks scenarios × bundles, agrees with hub-sim, writes the report; --json matches its schema', async () => {
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
    expect(json.disagreements).toBe(0);
    expect(r.stderr).toContain('[4/4] azure tls10-only');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Azure IoT Hub: scenarios × device bundles');
    expect(page).toContain('class="hubtrust-timeline"');
    expect(page).toContain('MISSING ISSUER');
  });

  it('prints the matrix and the timeline as text', async () => {
    const r = await runCli([
      'demo',
      '--cloud',
      'aws',
      '--scenario',
      'current',
      '--html',
      join(dir, 'aws.html'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /current +TLSv1\.[23], 4 certs +handshake_success +handshake_success +✓ +✗ UNKNOWN_ISSUER +✓ trusted/,
    );
    expect(r.stdout).toContain('Validity timeline, AWS IoT Core');
    expect(r.stdout).toContain(`HTML report: ${join(dir, 'aws.html')}`);
  });

  it('bad input: a bad --at or an unknown scenario, exit 2', async () => {
    expect((await runCli(['demo', '--at', 'soon'])).code).toBe(2);
    const r = await runCli(['demo', '--scenario', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'nope' is invalid");
  });

  it('Ctrl-C mid-run: hub stopped, exit 130, no report written', async () => {
    const html = join(dir, 'interrupted.html');
    const child = spawnCli(['demo', '--html', html]);
    await child.waitFor(/\[1\/\d+\]/);
    child.signal('SIGINT');
    const r = await child.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted');
    expect(existsSync(html)).toBe(false);
  });
});
