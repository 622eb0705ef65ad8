import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureMemory } from './memory-probe.js';
import type { RuntimeCase } from './runtime-cases.js';

const module = new WebAssembly.Module(readFileSync(new URL('../build/verify.wasm', import.meta.url)));
const fresh = () => new WebAssembly.Instance(module, {}).exports;

/** SHA-256 of 100 bytes at io, digest written `gap` bytes past the end of the input. */
function digestAt(gap: number): RuntimeCase {
  return {
    name: `probe-${gap}`,
    input: new Uint8Array(100).fill(7),
    steps: [
      {
        call: 'hashDigest',
        args: [{ value: 2 }, { io: 0 }, { value: 100 }, { io: 100 + gap }],
        report: true,
      },
    ],
    outputs: [],
  };
}

describe('measureMemory', () => {
  it('finds the highest byte the module wrote above the input', () => {
    for (const gap of [0, 1, 1000, 30_000]) {
      // One spare page, so the farthest write stays inside memory whatever the static data size.
      const exports = fresh();
      (exports.memory as WebAssembly.Memory).grow(1);
      const use = measureMemory(exports, digestAt(gap));
      expect(use.io).toBeGreaterThan(0);
      expect(use.inputEnd).toBe(use.io + 100);
      expect(use.highWater).toBe(use.inputEnd + gap + 32);
    }
  });

  it('reports the input end when the module writes nothing above it', () => {
    // An output range past the end of memory is refused (inIoArea): nothing is written.
    const outside = measureMemory(fresh(), digestAt(1 << 20));
    expect(outside.highWater).toBe(outside.inputEnd);
    const c: RuntimeCase = {
      ...digestAt(0),
      steps: [{ call: 'hashLen', args: [{ value: 2 }], report: true }],
    };
    const use = measureMemory(fresh(), c);
    expect(use.highWater).toBe(use.inputEnd);
    expect(use.pages).toBe(new Uint8Array((fresh().memory as WebAssembly.Memory).buffer).length >>> 16);
  });
});
