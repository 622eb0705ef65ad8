// verify.compact.wasm: the same source as verify.wasm compiled for size (asconfig.json `compact`,
// Binaryen shrinkLevel 2: little inlining), for hosts that carry the module inside their own
// bundle and verify a chain now and then, the web page first (its weight budget, packages/web).
// It must be the same verifier: the same ABI, zero imports, and the same verdict and error code as
// the portable build on every x509-limbo case. Its speed is the cost (bench/size.bench.mjs; the
// API's embedded copies stay the speed-built ones).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadLimbo } from '../test/limbo.js';

const KiB = 1024;
const build = (name: string) => new Uint8Array(readFileSync(new URL(`../build/${name}`, import.meta.url)));

beforeEach(() => {
  vi.resetModules();
});

/** Every limbo case's code ('OK' or the error code) under the module the API runs now. */
async function limboCodes(): Promise<Map<string, string>> {
  const { runLimboCase } = await import('../test/limbo-harness.js');
  const codes = new Map<string, string>();
  for (const tc of loadLimbo()) {
    const { result } = runLimboCase(tc);
    codes.set(tc.id, result.ok ? 'OK' : result.error.code);
  }
  return codes;
}

describe('verify.compact.wasm', () => {
  it('has the portable build’s exports, no import, and is smaller', () => {
    const compact = new WebAssembly.Module(build('verify.compact.wasm'));
    const portable = new WebAssembly.Module(build('verify.wasm'));
    const names = (m: WebAssembly.Module) => WebAssembly.Module.exports(m).map((e) => `${e.kind} ${e.name}`);
    expect(names(compact)).toEqual(names(portable));
    expect(WebAssembly.Module.imports(compact)).toEqual([]);
    expect(build('verify.compact.wasm').length).toBeLessThan(build('verify.wasm').length);
    // The web page's share of its 250 KiB budget (packages/web e2e).
    expect(build('verify.compact.wasm').length).toBeLessThanOrEqual(80 * KiB);
  });

  it('passes the gateway’s ABI check and gives the portable build’s code on every x509-limbo case', async () => {
    const wasm = await import('./wasm.js');
    await wasm.initFromBytes(build('verify.wasm'), 'portable');
    const portable = await limboCodes();
    vi.resetModules();
    const again = await import('./wasm.js');
    await again.initFromBytes(build('verify.compact.wasm'), 'portable');
    const compact = await limboCodes();
    expect(compact.size).toBe(portable.size);
    expect(compact.size).toBeGreaterThan(9_000);
    const differing = [...portable].filter(([id, code]) => compact.get(id) !== code);
    expect(differing).toEqual([]);
    // Two limbo runs (about 4 s of CPU each); the margin is for a loaded CI machine.
  }, 240_000);
});
