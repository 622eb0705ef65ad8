// initFromBytes: a host (the web page) that serves verify.wasm as a file of its own hands the bytes
// over; the gateway checks them like the embedded copies. A fresh module registry per test, so
// the setup file's initSync does not count.
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules();
});

describe('initFromBytes', () => {
  it('runs the API on the bytes it is given, and says which variant they are', async () => {
    const wasm = await import('./wasm.js');
    const bytes = wasm.wasmBytes('portable');
    await wasm.initFromBytes(bytes, 'portable');
    expect(wasm.loadedVariant()).toBe('portable');
    const { sha256 } = await import('./hash.js');
    expect(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses bytes of another ABI, keeps nothing, and a later init works', async () => {
    const wasm = await import('./wasm.js');
    // A valid module without the ABI exports: compiles, fails the gateway's ABI check.
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expect(wasm.initFromBytes(empty, 'portable')).rejects.toThrow(/ABI hash/);
    expect(wasm.gateway.ready).toBe(false);
    await expect(wasm.initFromBytes(new Uint8Array([1, 2, 3]), 'portable')).rejects.toThrow();
    await wasm.init('portable');
    expect(wasm.gateway.ready).toBe(true);
    expect(wasm.loadedVariant()).toBe('portable');
  });
});
