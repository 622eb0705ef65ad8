import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHub } from '@hubtrust/hub-sim';
import { pemToDer, splitPem } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, schemaErrors, tempDir } from '../testing/cli.js';

const dir = tempDir();
let image: string;
let damaged: string;
let offsets: number[];

beforeAll(async () => {
  const hub = await startHub({ scenario: 'current' });
  const ica = splitPem(hub.chainPem)[1] as Uint8Array;
  const root = pemToDer(hub.roots['digicert-global-root-g2'] as string);
  await hub.stop();
  const pad = (n: number, v: number) => Buffer.alloc(n, v);
  offsets = [1000, 1000 + ica.length + 333];
  const bytes = Buffer.concat([pad(1000, 0xff), ica, pad(333, 0), root, pad(2048, 0x5a)]);
  image = join(dir, 'firmware.bin');
  writeFileSync(image, bytes);
  const broken = Buffer.from(bytes);
  const rootAt = offsets[1] as number;
  broken[rootAt + root.length - 20] = (broken[rootAt + root.length - 20] as number) ^ 0x01; // inside the signature: still parses
  damaged = join(dir, 'damaged.bin');
  writeFileSync(damaged, broken);
});

describe('hubtrust scan <image>', () => {
  it('finds every embedded certificate with its offset; all valid to the horizon: exit 0', async () => {
    const r = await runCli(['scan', image, '--at', '2026-06-01', '--horizon', '2030-01-01', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('scan', json)).toEqual([]);
    expect(json.format).toBe('raw');
    expect(json.certificates.map((c: { offset: number }) => c.offset)).toEqual(offsets);
    expect(json.ok).toBe(true);
  });

  it('a certificate that expires before the horizon fails the gate: exit 1', async () => {
    const r = await runCli(['scan', image, '--at', '2026-06-01', '--horizon', '2038-01-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('expires before the horizon 2038-01-01');
    expect(r.stdout).toMatch(/✗ 1 certificate\(s\) expired, expiring before 2038-01-01 or damaged/);
  });

  it('--verify-self-signatures finds a damaged root', async () => {
    const r = await runCli(['scan', damaged, '--at', '2026-06-01', '--verify-self-signatures', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.certificates[1].selfSignature).toBe('invalid');
    expect(json.certificates[0].selfSignature).toBeUndefined(); // not self-issued
  });

  it('bad input: missing image, a directory, a bad date: exit 2', async () => {
    const missing = await runCli(['scan', join(dir, 'none.bin')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    expect((await runCli(['scan', dir])).stderr).toContain('is not a regular file');
    expect((await runCli(['scan', image, '--horizon', 'later'])).code).toBe(2);
  });
});
