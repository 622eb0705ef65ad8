// The same verify.wasm in four runtimes: Node, Chromium (the package's browser build, which loads
// verify.simd.wasm there, so the SIMD build runs the same cases), wabt's interpreter
// (hosts/wabt-interp, C++ on libwabt) and wasm2c + gcc (hosts/wasm2c). One list of
// cases (runtime-cases.ts), dealt into case files that run in parallel, drives them all; every
// runtime must print exactly the line Node prints for every case (return values = verdicts and
// error codes, output bytes, memory pages), and Node's lines are checked against independent
// oracles (node:crypto, Wycheproof, the certificates' own validity).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABI_HASH, ABI_VERSION, CERT_SIZE, CERT_STRIDE, MAX_CERTS } from '../src/abi.generated.js';
import * as api from '../src/index.js';
import { runInChromium } from './browser-host.js';
import { chainApiChecks, chainCases } from './chain-cases.js';
import { ed25519Cases } from './ed25519-cases.js';
import { hashApiChecks, hashCases } from './hash-cases.js';
import { buildHosts, type HostBuild, NATIVE_HOSTS, runHost } from './native-hosts.js';
import {
  type CheckedCase,
  decodeCases,
  encodeCases,
  runApiChecks,
  runCaseFile,
  shardCases,
} from './runtime-cases.js';
import { x509Cases } from './x509-cases.js';

const WASM_PATH = fileURLToPath(new URL('../build/verify.wasm', import.meta.url));
const SIMD_WASM_PATH = fileURLToPath(new URL('../build/verify.simd.wasm', import.meta.url));
/** Case files run side by side (the CI machine has 2 cores). */
const SHARDS = 2;

const wasmBytes = readFileSync(WASM_PATH);
const wasmModule = new WebAssembly.Module(wasmBytes);
const wasmSha256 = createHash('sha256').update(wasmBytes).digest('hex');
const simdSha256 = createHash('sha256').update(readFileSync(SIMD_WASM_PATH)).digest('hex');

/** Every case, in a fixed order; sizes the cases need are read from the module itself. */
function allCases(): CheckedCase[] {
  const wasm = new WebAssembly.Instance(wasmModule, {}).exports as Record<string, () => number>;
  const certSize = (wasm.x509CertSize as () => number)();
  return [...hashCases(), ...ed25519Cases(), ...x509Cases(certSize), ...chainCases()];
}

const shards = shardCases(allCases(), SHARDS);
const files = shards.map(encodeCases);
const hashChecks = hashApiChecks();
const checks = [...hashChecks, ...chainApiChecks()];

/** The first differences between two runs' lines (empty when identical). */
function differences(actual: readonly string[][], expected: readonly string[][], limit = 10): string[] {
  const out: string[] = [];
  if (actual.length !== expected.length) out.push(`${actual.length} case files, expected ${expected.length}`);
  expected.forEach((want, f) => {
    const got = actual[f] ?? [];
    if (got.length !== want.length) out.push(`file ${f}: ${got.length} lines, expected ${want.length}`);
    for (let i = 0; i < Math.min(got.length, want.length) && out.length < limit; i++) {
      if (got[i] !== want[i]) out.push(`got  ${got[i]}\nwant ${want[i]}`);
    }
  });
  return out;
}

describe('verify.wasm in every runtime', () => {
  let dir: string;
  let paths: string[];
  let build: HostBuild;
  let node: string[][];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hubtrust-runtimes-'));
    paths = files.map((f, i) => {
      const path = join(dir, `cases-${i}.bin`);
      writeFileSync(path, f);
      return path;
    });
    node = files.map((f) => runCaseFile(new WebAssembly.Instance(wasmModule, {}).exports, f));
    build = buildHosts(WASM_PATH);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes case files that read back to the same cases', () => {
    files.forEach((file, i) => {
      const back = decodeCases(file);
      expect(back.map((c) => c.name)).toEqual(shards[i]?.map((c) => c.name));
      expect(Buffer.compare(encodeCases(back), file)).toBe(0);
      expect(() => decodeCases(file.subarray(0, file.length - 1))).toThrow(/truncated/);
    });
  });

  it('covers every kind of case, chains of both verdicts included', () => {
    const count = (re: RegExp) => shards.flat().filter((c) => re.test(c.name)).length;
    expect(count(/^(hash|stream|reject)-/)).toBeGreaterThan(1000);
    expect(count(/^ed25519-/)).toBeGreaterThan(100);
    expect(count(/^x509-/)).toBeGreaterThan(300);
    expect(count(/^chain-.*-all-roots$/)).toBe(35);
    expect(count(/^chain-.*-other-roots$/)).toBe(35);
    const limbo = (code: string) =>
      node.flat().filter((l) => l.startsWith('limbo-') && (l.split(' ')[1] === '0') === (code === '0'))
        .length;
    expect(limbo('0')).toBeGreaterThanOrEqual(120);
    expect(limbo('other')).toBeGreaterThanOrEqual(110);
  });

  it('tests the modules the JS build embeds, byte for byte', () => {
    expect(createHash('sha256').update(api.wasmBytes()).digest('hex')).toBe(wasmSha256);
    expect(createHash('sha256').update(api.wasmBytes('simd')).digest('hex')).toBe(simdSha256);
    expect(build.wasmSha256).toBe(wasmSha256);
  });

  it('runs the hosts built in this checkout', () => {
    const own = fileURLToPath(new URL('../build/hosts/', import.meta.url));
    for (const path of [build.dir, build.wasm, ...Object.values(build.hosts)]) {
      expect(path.startsWith(own), path).toBe(true);
    }
  });

  it('Node agrees with the independent oracles on every case', () => {
    const wrong: string[] = [];
    shards.forEach((cases, f) => {
      expect(node[f]).toHaveLength(cases.length);
      cases.forEach((c, i) => {
        const line = node[f]?.[i] ?? '';
        if (!c.expect.test(line))
          wrong.push(`got  ${line.slice(0, 200)}\nwant ${c.expect.source.slice(0, 200)}`);
      });
    });
    expect(wrong).toEqual([]);
  });

  it.each(NATIVE_HOSTS)('%s checks the module against the generated C ABI header', (host) => {
    const line = execFileSync(build.hosts[host], [build.wasm, paths[0] as string, '--abi'], {
      encoding: 'utf8',
    });
    expect(line).toBe(`abi ${ABI_VERSION} ${ABI_HASH} ${CERT_SIZE} ${CERT_STRIDE} ${MAX_CERTS} portable\n`);
  });

  it.each(NATIVE_HOSTS)(
    '%s prints the line Node prints for every case',
    async (host) => {
      const lines = await Promise.all(paths.map((path) => runHost(build, host, path)));
      expect(differences(lines, node)).toEqual([]);
    },
    180_000,
  );

  it('Chromium runs the browser build on verify.simd.wasm: same lines, same API results as Node', async () => {
    await api.init();
    const expectedApi = runApiChecks(api as unknown as Record<string, unknown>, checks);
    // Node's own results: digests as node:crypto computes them; the expired chain rejected.
    expect(expectedApi.slice(0, hashChecks.length)).toEqual(
      hashChecks.map((c) => ({ name: c.name, value: c.expected })),
    );
    const byName = new Map(expectedApi.map((r) => [r.name, r]));
    expect(byName.get('api-verify-azure-2016')?.value).toMatchObject({ ok: true });
    expect(byName.get('api-verify-azure-2018')?.value).toMatchObject({
      ok: false,
      error: { code: 'EXPIRED' },
    });
    expect(byName.get('api-parse-azure-leaf')?.error).toBeUndefined();
    const browser = await runInChromium(files, checks);
    expect(browser.userAgent).toMatch(/Chrome\/\d+/);
    expect(browser.variant).toBe('simd');
    expect(browser.wasmSha256).toBe(simdSha256);
    expect(browser.api).toEqual(expectedApi);
    expect(differences(browser.lines, node)).toEqual([]);
  }, 180_000);
});
