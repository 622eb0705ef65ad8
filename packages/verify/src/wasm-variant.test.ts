// Runs in both test projects (vitest.config.ts): the public API and loadTestWasm() follow the
// project's HUBTRUST_WASM_VARIANT, so the verdict tests of "verify (simd)" really run
// verify.simd.wasm and build/verify.test.simd.wasm, and those of "verify" the portable builds.
import { describe, expect, it } from 'vitest';
import { defaultTestBuild } from '../test/test-wasm.js';
import { ABI_VERSION } from './abi.generated.js';
import { gateway, init, loadedVariant, wasmBytes } from './wasm.js';

describe('the build this test project runs', () => {
  it("is the project's variant, for the API and for the test build", async () => {
    const variant = process.env.HUBTRUST_WASM_VARIANT;
    expect(['portable', 'simd']).toContain(variant);
    await init();
    expect(loadedVariant()).toBe(variant);
    const expected = new WebAssembly.Module(wasmBytes(variant as 'portable' | 'simd') as BufferSource);
    expect(WebAssembly.Module.exports(expected).length).toBeGreaterThan(10);
    expect(gateway.call('test', (w) => w.abiVersion())).toBe(ABI_VERSION);
    expect(defaultTestBuild()).toBe(variant === 'simd' ? 'verify.test.simd.wasm' : 'verify.test.wasm');
  });
});
