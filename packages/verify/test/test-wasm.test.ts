import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTestWasm } from './test-wasm.js';

const compile = (file: string) =>
  new WebAssembly.Module(readFileSync(new URL(`../build/${file}`, import.meta.url)));
const exportsOf = (module: WebAssembly.Module) =>
  WebAssembly.Module.exports(module).map((e) => `${e.kind} ${e.name}`);

describe('verify.test.wasm', () => {
  it('exports everything the release build does, with zero imports', () => {
    const test = compile('verify.test.wasm');
    expect(WebAssembly.Module.imports(test)).toEqual([]);
    const release = exportsOf(compile('verify.wasm'));
    expect(release.length).toBeGreaterThan(1);
    expect(exportsOf(test)).toEqual(expect.arrayContaining(release));
    const wasm = loadTestWasm<{ abiVersion(): number }>();
    expect(wasm.abiVersion()).toBe(1);
  });
});
