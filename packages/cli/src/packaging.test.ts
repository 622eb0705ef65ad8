import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// scripts/pack-test.mjs: npm pack of every public package, one install into an empty project
// outside the monorepo, a Node ESM example, the installed binary, a Vite build run in Chromium
// (~40 s on this shared machine at a load average of 20; the limit is generous for worse).
describe('the packages as users get them', () => {
  it('pack, install from the tarballs, run in Node and in a Vite-built page', async () => {
    const script = fileURLToPath(new URL('../../../scripts/pack-test.mjs', import.meta.url));
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(process.execPath, [script], { timeout: 280_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err }),
      ),
    );
    const result = JSON.parse(stdout);
    expect(result.ok).toBe(true);
    expect(result.packages.map((p: { name: string }) => p.name)).toEqual([
      '@hubtrust/verify',
      '@hubtrust/roots',
      '@hubtrust/hub-sim',
      '@hubtrust/logs',
      '@hubtrust/hil',
      '@hubtrust/report',
      '@hubtrust/cli',
    ]);
    expect(stderr).toContain('the installed hubtrust binary ran (inspect, logs explain)');
    expect(stderr).toContain('Chromium ran the Vite bundle: verdict trusted, 2 certificate box(es)');
  }, 300_000);
});
