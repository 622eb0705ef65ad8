import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTestWasm } from './test-wasm.js';

const compile = (file: string) =>
  new WebAssembly.Module(readFileSync(new URL(`../build/${file}`, import.meta.url)));
const exportsOf = (module: WebAssembly.Module) =>
  WebAssembly.Module.exports(module).map((e) => `${e.kind} ${e.name}`);

describe('verify.test.wasm and verify.test.simd.wasm', () => {
  it('export everything the release builds do, with zero imports', () => {
    for (const [file, releaseFile] of [
      ['verify.test.wasm', 'verify.wasm'],
      ['verify.test.simd.wasm', 'verify.simd.wasm'],
    ] as const) {
      const test = compile(file);
      expect(WebAssembly.Module.imports(test)).toEqual([]);
      const release = exportsOf(compile(releaseFile));
      expect(release.length).toBeGreaterThan(1);
      expect(exportsOf(test)).toEqual(expect.arrayContaining(release));
      const wasm = loadTestWasm<{ abiVersion(): number }>(file);
      expect(wasm.abiVersion()).toBe(1);
    }
  });
});
