// The same verify.wasm in four runtimes: Node, Chromium (the package's browser build), wabt's
// interpreter (hosts/wabt-interp, C++ on libwabt) and wasm2c + gcc (hosts/wasm2c). One case file
// (runtime-cases.ts) drives them all; every runtime must print exactly the line Node prints for
// every case (return values = verdicts and error codes, output bytes, memory pages), and Node's
// lines are checked against independent oracles (node:crypto for digests).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../index.js';
import { runInChromium } from './browser-host.js';
import { hashApiChecks, hashCases } from './hash-cases.js';
import { buildHosts, type HostBuild, NATIVE_HOSTS, runHost } from './native-hosts.js';
import { decodeCases, encodeCases, runApiChecks, runCaseFile } from './runtime-cases.js';

const WASM_PATH = fileURLToPath(new URL('../../build/verify.wasm', import.meta.url));
const cases = hashCases();
const checks = hashApiChecks();
const file = encodeCases(cases);

/** The first differences between two runs' lines (empty when identical). */
function differences(actual: readonly string[], expected: readonly string[], limit = 10): string[] {
  const out: string[] = [];
  if (actual.length !== expected.length) out.push(`${actual.length} lines, expected ${expected.length}`);
  for (let i = 0; i < Math.min(actual.length, expected.length) && out.length < limit; i++) {
    if (actual[i] !== expected[i]) out.push(`got  ${actual[i]}\nwant ${expected[i]}`);
  }
  return out;
}

describe('verify.wasm in every runtime', () => {
  let dir: string;
  let casesPath: string;
  let build: HostBuild;
  let node: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hubtrust-runtimes-'));
    casesPath = join(dir, 'cases.bin');
    writeFileSync(casesPath, file);
    const wasm = readFileSync(WASM_PATH);
    node = runCaseFile(new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports, file);
    build = buildHosts(WASM_PATH);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a case file that reads back to the same cases', () => {
    const back = decodeCases(file);
    expect(back.map((c) => c.name)).toEqual(cases.map((c) => c.name));
    expect(Buffer.compare(encodeCases(back), file)).toBe(0);
    expect(() => decodeCases(file.subarray(0, file.length - 1))).toThrow(/truncated/);
  });

  it('tests the module the JS build embeds, byte for byte', () => {
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(api.wasmBytes())).toBe(sha(readFileSync(WASM_PATH)));
    expect(build.wasmSha256).toBe(sha(readFileSync(WASM_PATH)));
  });

  it('Node agrees with the independent oracles on every case', () => {
    expect(node).toHaveLength(cases.length);
    const wrong = cases
      .map((c, i) => ({ c, line: node[i] as string }))
      .filter(({ c, line }) => c.expected !== undefined && !new RegExp(`^${c.expected} p\\d+$`).test(line))
      .map(({ c, line }) => `got  ${line}\nwant ${c.expected} p<n>`);
    expect(wrong).toEqual([]);
    expect(cases.filter((c) => c.expected === undefined).map((c) => c.name)).toEqual([]);
  });

  it.each(NATIVE_HOSTS)(
    '%s prints the line Node prints for every case',
    (host) => {
      const lines = runHost(build, host, casesPath);
      expect(differences(lines, node)).toEqual([]);
    },
    120_000,
  );

  it('Chromium runs the browser build: same lines, same API results as Node', async () => {
    await api.init();
    const expectedApi = runApiChecks(api as unknown as Record<string, unknown>, checks);
    expect(expectedApi).toEqual(checks.map((c) => ({ name: c.name, value: c.expected })));
    const browser = await runInChromium(file, checks);
    expect(browser.userAgent).toMatch(/Chrome\/\d+/);
    expect(browser.wasmSha256).toBe(createHash('sha256').update(readFileSync(WASM_PATH)).digest('hex'));
    expect(browser.api).toEqual(expectedApi);
    expect(differences(browser.lines, node)).toEqual([]);
  }, 180_000);
});
