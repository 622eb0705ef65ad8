import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, schemaErrors, tempDir } from '../testing/cli.js';

const dir = tempDir();

describe('hubtrust bundle build', () => {
  it('writes the Azure recommended set as a certs.c that inspect reads back, with the catalog slugs', async () => {
    const out = join(dir, 'certs.c');
    const r = await runCli([
      'bundle',
      'build',
      '--set',
      'azure-rsa',
      '--format',
      'c-pem',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('bundle-build', json)).toEqual([]);
    expect(json.files).toEqual([out, join(dir, 'certs.h')]);
    const back = JSON.parse((await runCli(['inspect', out, '--json'])).stdout);
    expect(back.source.format).toBe('c-source');
    expect(back.certificates.map((c: { slug: string }) => c.slug)).toEqual([
      'digicert-global-root-g2',
      'microsoft-rsa-root-ca-2017',
    ]);
    expect(back.certificates.map((c: { sha256: string }) => c.sha256)).toEqual(
      json.certificates.map((c: { sha256: string }) => c.sha256),
    );
  });

  it('writes an ESP-IDF bundle for two sets (each root once) and DER files', async () => {
    const esp = join(dir, 'x509_crt_bundle');
    const r = await runCli([
      'bundle',
      'build',
      '--set',
      'azure-rsa',
      '--set',
      'azure-all',
      '--format',
      'esp-v5.4',
      '--out',
      esp,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('esp-v5.4 bundle: 4 root(s)');
    const back = JSON.parse((await runCli(['inspect', esp, '--json'])).stdout);
    expect(back.anchors).toHaveLength(4);
    const der = join(dir, 'der');
    expect(
      (await runCli(['bundle', 'build', '--slug', 'amazon-root-ca-1', '--format', 'der', '--out', der])).code,
    ).toBe(0);
    expect(readdirSync(der)).toHaveLength(1);
  });

  it('bad input: unknown set or slug, nothing chosen, no --out: exit 2', async () => {
    expect((await runCli(['bundle', 'build', '--set', 'gcp', '--out', join(dir, 'x')])).code).toBe(2);
    const slug = await runCli(['bundle', 'build', '--slug', 'no-such-root', '--out', join(dir, 'x')]);
    expect(slug.code).toBe(2);
    expect(slug.stderr).toContain('unknown catalog slug "no-such-root"');
    expect((await runCli(['bundle', 'build', '--out', join(dir, 'x')])).stderr).toContain('nothing to write');
    expect((await runCli(['bundle', 'build', '--set', 'aws'])).stderr).toContain(
      "required option '--out <path>'",
    );
    const unwritable = await runCli([
      'bundle',
      'build',
      '--set',
      'aws',
      '--out',
      join(dir, 'no', 'dir', 'x.pem'),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('cannot write the bundle');
  });
});
