// The one ABI description (abi.json) and its three generated views: the AssemblyScript the module
// is compiled from, the TypeScript the host reads with, the C header native hosts include. The
// views are checked against each other through what each language really computes (the compiled
// module's layout and hash, a C program built with gcc), not by reading source text.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTestWasm } from '../test/test-wasm.js';
import {
  ABI_HASH,
  ABI_VERSION,
  BUILD_TARGETS,
  CERT_LAYOUT,
  CERT_SIZE,
  CERT_STRIDE,
  ERROR_CODES,
  MAX_CERTS,
  PATH_DETAIL_BASE,
  PATH_DETAILS,
  REQUEST_LAYOUT,
  REQUEST_SIZE,
  RESULT_LAYOUT,
  RESULT_SIZE,
  X509_DETAILS,
} from './abi.generated.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hubtrust-abi-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface AbiExports {
  abiVersion(): number;
  abiHash(): number;
  abiLayoutCheck(): number;
  x509CertSize(): number;
  x509CertStride(): number;
  x509MaxCerts(): number;
}

describe('abi.json and its generated views', () => {
  it('the committed views are what scripts/gen-abi.mjs writes from abi.json', () => {
    const r = spawnSync(process.execPath, [join(pkg, 'scripts/gen-abi.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('error codes keep their numbers: the table only grows', () => {
    // The wire numbers as first published (errors.json, 2026): a renumbering fails here.
    const published = [
      'OK',
      'MALFORMED',
      'UNSUPPORTED_ALGORITHM',
      'BAD_SIGNATURE',
      'UNKNOWN_ISSUER',
      'EXPIRED',
      'NOT_YET_VALID',
      'NAME_MISMATCH',
      'NOT_A_CA',
      'PATH_TOO_LONG',
      'NAME_CONSTRAINT_VIOLATION',
      'BAD_EKU',
      'BAD_KEY_USAGE',
      'BUDGET_EXCEEDED',
      'UNKNOWN_CRITICAL_EXTENSION',
      'DUPLICATE_EXTENSION',
      'WEAK_KEY',
      'WEAK_SIGNATURE_ALGORITHM',
      'BAD_PUBLIC_KEY',
      'INPUT_TOO_LARGE',
      'ALGORITHM_MISMATCH',
      'CHAIN_ORDER',
      'INVALID_ARGUMENT',
      'KEY_ALGORITHM_MISMATCH',
      'CA_AS_LEAF',
      'INTERNAL',
    ];
    expect(ERROR_CODES.slice(0, published.length)).toEqual(published);
    expect(X509_DETAILS[45]?.[0]).toBe('SERIAL_ZERO');
    expect(PATH_DETAILS[236 - PATH_DETAIL_BASE]?.[0]).toBe('NAME_NOT_IN_SAN');
  });

  it('the compiled module has the layouts, hash and constants of the TypeScript view', () => {
    const w = loadTestWasm<AbiExports>();
    expect(w.abiLayoutCheck()).toBe(1);
    expect(w.abiVersion()).toBe(ABI_VERSION);
    expect(w.abiHash() >>> 0).toBe(ABI_HASH);
    expect(w.x509CertSize()).toBe(CERT_SIZE);
    expect(w.x509CertStride()).toBe(CERT_STRIDE);
    expect(w.x509MaxCerts()).toBe(MAX_CERTS);
    const release = loadTestWasm<AbiExports>('verify.wasm');
    expect(release.abiHash() >>> 0).toBe(ABI_HASH);
    expect(ABI_HASH).toBe(BUILD_TARGETS.portable.abiHash);
  });

  it('the C header compiles as C99 and C++17 and agrees with the TypeScript view', () => {
    const header = join(pkg, 'include/verify_abi.generated.h');
    const src = join(tmp, 'probe.c');
    writeFileSync(
      src,
      `#include <stdio.h>
#include "verify_abi.generated.h"
int main(void) {
  uint8_t b[8] = {1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff};
  printf("%u %u %u %u %u %u %u\\n", VERIFY_ABI_HASH, VERIFY_MAX_CERTS, VERIFY_CERT_SIZE, VERIFY_CERT_KEY_DATA,
         VERIFY_REQ_TIME, VERIFY_RES_PATH, VERIFY_RES_SIZE);
  printf("%s %s %s %u\\n", verify_error_name(VERIFY_NAME_MISMATCH), verify_error_name(250),
         verify_detail_name(VERIFY_DETAIL_PATH_NAME_NOT_IN_SAN), verify_error_rank(VERIFY_BUDGET_EXCEEDED));
  printf("%u %lld\\n", verify_u32(b), (long long)verify_i64(b));
  return 0;
}
`,
    );
    const run = (compiler: string, std: string, lang: string[]) => {
      const exe = join(tmp, `probe-${compiler}`);
      execFileSync(compiler, [
        ...lang,
        std,
        '-Wall',
        '-Wextra',
        '-Werror',
        `-I${join(pkg, 'include')}`,
        src,
        '-o',
        exe,
      ]);
      return execFileSync(exe, { encoding: 'utf8' });
    };
    const want = [
      `${ABI_HASH} ${MAX_CERTS} ${CERT_SIZE} ${CERT_LAYOUT.keyData[0]} ${REQUEST_LAYOUT.time[0]} ${RESULT_LAYOUT.path[0]} ${RESULT_SIZE}`,
      `NAME_MISMATCH INTERNAL NAME_NOT_IN_SAN 100`,
      `1 -4294967295`,
      '',
    ].join('\n');
    expect(run('gcc', '-std=c99', [])).toBe(want);
    expect(run('g++', '-std=c++17', ['-x', 'c++'])).toBe(want);
    expect(REQUEST_SIZE).toBe(124); // 88 + stack options (16) + publicSuffixLabels (4) + policies (16), issue 12
    expect(readFileSync(header, 'utf8')).toContain('#define VERIFY_BUILD_TARGET "portable"');
  });

  it('a second build target changes the per-build constants in every view', async () => {
    const target = BUILD_TARGETS.embedded;
    expect(target.MAX_CERTS).toBeLessThan(MAX_CERTS);
    // C: the header of that target.
    const header = join(tmp, 'embedded.h');
    execFileSync(process.execPath, [join(pkg, 'scripts/gen-abi.mjs'), '--c-header', 'embedded', header]);
    const text = readFileSync(header, 'utf8');
    expect(text).toContain(`#define VERIFY_MAX_CERTS ${target.MAX_CERTS}u`);
    expect(text).toContain(`#define VERIFY_ABI_HASH 0x${target.abiHash.toString(16).padStart(8, '0')}u`);
    // AssemblyScript: the same sources compiled with that target's asc flags.
    const flags = execFileSync(
      process.execPath,
      [join(pkg, 'scripts/gen-abi.mjs'), '--asc-flags', 'embedded'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split(' ');
    copyFileSync(join(pkg, 'assembly/abi.generated.ts'), join(tmp, 'abi.generated.ts'));
    writeFileSync(
      join(tmp, 'probe.ts'),
      `import { ABI_HASH, MAX_CERTS, MAX_IO } from './abi.generated';
export function abiHash(): u32 { return ABI_HASH; }
export function maxCerts(): u32 { return MAX_CERTS; }
export function maxIo(): u32 { return MAX_IO; }
`,
    );
    // The compiler in this process (its start-up is most of a small compile's cost).
    const asc = await import('assemblyscript/asc');
    const compile = async (extra: string[]) => {
      let out = '';
      const sink = {
        write(t: string | Uint8Array): boolean {
          out += String(t);
          return true;
        },
      };
      const r = await asc.main(
        ['probe.ts', '--runtime', 'stub', '--baseDir', tmp, '-o', 'probe.wasm', ...extra],
        {
          stdout: sink as never,
          stderr: sink as never,
        },
      );
      return { status: r.error ? 1 : 0, output: out };
    };
    expect(await compile(flags)).toEqual({ status: 0, output: '' });
    const e = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(tmp, 'probe.wasm'))))
      .exports as Record<string, () => number>;
    expect([(e.abiHash?.() ?? 0) >>> 0, e.maxCerts?.(), e.maxIo?.()]).toEqual([
      target.abiHash,
      target.MAX_CERTS,
      target.MAX_IO,
    ]);
    const unknown = await compile(['--use', 'HUBTRUST_TARGET=99']);
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/unknown HUBTRUST_TARGET/);
  }, 60_000);
});
