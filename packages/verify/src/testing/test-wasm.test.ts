import { describe, expect, it } from 'vitest';
import { loadTestWasm } from './test-wasm.js';

describe('verify.test.wasm', () => {
  it('exports everything the release build does, with zero imports', () => {
    const wasm = loadTestWasm<{ abiVersion(): number }>();
    expect(wasm.abiVersion()).toBe(1);
  });
});
