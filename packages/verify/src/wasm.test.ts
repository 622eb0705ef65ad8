import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABI_HASH, ABI_VERSION, MAX_IO } from './abi.generated.js';
import { gateway, init, SIMD_PROBE, type WasmVariant, wasmBytes, wasmVariant } from './wasm.js';

const VARIANTS: WasmVariant[] = ['portable', 'simd'];

/** Whether wabt's validator (Debian's wabt) accepts the bytes, with or without wasm SIMD. */
function wabtValidates(bytes: Uint8Array, simd: boolean): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-validate-'));
  try {
    const file = join(dir, 'm.wasm');
    writeFileSync(file, bytes);
    execFileSync('wasm-validate', simd ? [file] : ['--disable-simd', file], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('verify.wasm and verify.simd.wasm', () => {
  it('have zero imports and the same exports, so any wasm host can run either', () => {
    const [portable, simd] = VARIANTS.map((v) => new WebAssembly.Module(wasmBytes(v) as BufferSource));
    for (const m of [portable, simd]) expect(WebAssembly.Module.imports(m as WebAssembly.Module)).toEqual([]);
    expect(WebAssembly.Module.exports(simd as WebAssembly.Module)).toEqual(
      WebAssembly.Module.exports(portable as WebAssembly.Module),
    );
    expect(wasmBytes()).toEqual(wasmBytes('portable'));
  });

  it('keeps verify.wasm free of SIMD (an engine without SIMD validates it, not the SIMD build)', () => {
    expect(wabtValidates(wasmBytes('portable'), false)).toBe(true);
    expect(wabtValidates(wasmBytes('simd'), false)).toBe(false);
    expect(wabtValidates(wasmBytes('simd'), true)).toBe(true);
  });

  it('picks the SIMD build where WebAssembly.validate accepts SIMD (Node 20 does)', () => {
    // The probe is valid exactly where SIMD is: wabt with and without SIMD disagree on it.
    expect(wabtValidates(SIMD_PROBE, true)).toBe(true);
    expect(wabtValidates(SIMD_PROBE, false)).toBe(false);
    expect(wasmVariant()).toBe('simd');
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
