// scripts/refresh-catalog.mjs against a copy of the committed data laid out as a roots-data
// snapshot: always with --dry-run, so the committed files are never touched.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const script = join(pkg, 'scripts', 'refresh-catalog.mjs');
const dirs: string[] = [];

function snapshot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roots-data-'));
  dirs.push(dir);
  for (const f of readdirSync(join(pkg, 'data', 'certs')))
    copyFileSync(join(pkg, 'data', 'certs', f), join(dir, f));
  copyFileSync(join(pkg, 'data', 'catalog.json'), join(dir, 'catalog.json'));
  copyFileSync(join(pkg, 'data', 'roots-data.md'), join(dir, 'README.md'));
  return dir;
}

function run(dir: string): { code: number; out: string } {
  try {
    return {
      code: 0,
      out: execFileSync(process.execPath, [script, dir, '--dry-run'], { encoding: 'utf8', stdio: 'pipe' }),
    };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

function editCatalog(
  dir: string,
  edit: (c: { generated: string; certificates: Record<string, unknown>[] }) => void,
) {
  const path = join(dir, 'catalog.json');
  const c = JSON.parse(readFileSync(path, 'utf8'));
  edit(c);
  writeFileSync(path, JSON.stringify(c));
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('scripts/refresh-catalog.mjs', () => {
  it('re-verifies the committed snapshot and finds no difference', () => {
    const r = run(snapshot());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verified 64 certificates and 44 issuer links/);
    expect(r.out).toMatch(/no difference against the committed data/);
  });

  it('prints what changed: a new snapshot date, a removed certificate, a changed fact', () => {
    const dir = snapshot();
    rmSync(join(dir, 'gts-ltsr.pem'));
    editCatalog(dir, (c) => {
      c.generated = '2027-06-01';
      c.certificates = c.certificates.filter((x) => x.slug !== 'gts-ltsr');
      const x = c.certificates.find((y) => y.slug === 'isrg-root-x1') as { notes: string };
      x.notes = 'changed';
    });
    const r = run(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('snapshot date: 2026-11-29 → 2027-06-01');
    expect(r.out).toContain('- gts-ltsr');
    expect(r.out).toContain('~ isrg-root-x1.notes changed');
  });

  it('refuses a snapshot whose facts disagree with its certificates, naming slug and field', () => {
    const dir = snapshot();
    editCatalog(dir, (c) => {
      const x = c.certificates.find((y) => y.slug === 'baltimore-cybertrust-root') as { not_after: string };
      x.not_after = '2035-05-12T23:59:00Z';
      const y = c.certificates.find((z) => z.slug === 'microsoft-it-tls-ca-1') as { chains_to: string[] };
      y.chains_to = ['digicert-global-root-g2'];
    });
    copyFileSync(join(dir, 'isrg-root-x2.pem'), join(dir, 'isrg-root-x1.pem'));
    const r = run(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('nothing written');
    expect(r.out).toMatch(/baltimore-cybertrust-root: not_after/);
    expect(r.out).toMatch(
      /microsoft-it-tls-ca-1: chains_to: signature by digicert-global-root-g2 does not verify/,
    );
    expect(r.out).toMatch(/isrg-root-x1: sha256_der/);
  });
});
