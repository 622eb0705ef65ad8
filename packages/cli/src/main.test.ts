import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { derToPem } from '@hubtrust/verify';
import { describe, expect, it } from 'vitest';
import { cliVersion } from './commands.js';
import { main } from './main.js';

describe('hubtrust CLI', () => {
  it('prints version and every command by default', async () => {
    const { stdout, exitCode } = await main([]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`hubtrust ${cliVersion()}`);
    for (const name of ['help', 'version', 'pem']) expect(stdout).toContain(`hubtrust ${name}`);
  });

  it('rejects unknown commands with exit code 2', async () => {
    expect(await main(['frobnicate'])).toMatchObject({
      exitCode: 2,
      stdout: expect.stringContaining('unknown command'),
    });
  });

  it('lists the certificates of a PEM file and reports a typed error for a file without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubtrust-cli-'));
    const good = join(dir, 'two.pem');
    writeFileSync(good, derToPem(new Uint8Array([1, 2, 3])) + derToPem(new Uint8Array(70)));
    expect(await main(['pem', good])).toEqual({
      exitCode: 0,
      stdout: `2 certificate(s) in ${good}\n  #0: 3 bytes DER\n  #1: 70 bytes DER\n`,
    });
    const bad = join(dir, 'none.pem');
    writeFileSync(bad, 'hello');
    expect(await main(['pem', bad])).toMatchObject({
      exitCode: 1,
      stdout: expect.stringContaining('PemError'),
    });
  });

  it('runs as a real binary from the build', () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toBe(
      `${cliVersion()}\n`,
    );
  });
});
