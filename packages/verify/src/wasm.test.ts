import { describe, expect, it } from 'vitest';
import { ABI_HASH, ABI_VERSION, MAX_IO } from './abi.generated.js';
import { gateway, init, wasmBytes } from './wasm.js';

describe('verify.wasm', () => {
  it('has zero imports, so any wasm host can run it', () => {
    const module = new WebAssembly.Module(wasmBytes() as BufferSource);
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it('instantiates and reports its ABI version and hash', async () => {
    await init();
    expect(gateway.call('test', (w) => w.abiVersion())).toBe(ABI_VERSION);
    expect(gateway.call('test', (w) => w.abiHash() >>> 0)).toBe(ABI_HASH);
  });

  it('refuses IO requests above the limit and does not grow memory across calls', async () => {
    await init();
    gateway.call('test', (wasm) => {
      expect(wasm.ioReserve(MAX_IO + 1)).toBe(0);
      const p = wasm.ioReserve(100_000);
      expect(p).toBeGreaterThan(0);
      const pages = wasm.memory.buffer.byteLength;
      for (let i = 0; i < 1000; i++) expect(wasm.ioReserve(100_000)).toBe(p);
      expect(wasm.memory.buffer.byteLength).toBe(pages);
    });
  });
});
