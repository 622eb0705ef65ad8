// Measures the linear memory one case needs (for the README's "Embedding verify.wasm" figures):
// runs the case once so memory reaches its size, then again after painting everything above the
// input with a pattern, and reports the highest byte the module wrote. Two patterns, so a byte
// that happens to be written with the paint value cannot hide the high-water mark.
import { type RuntimeCase, runCase } from './runtime-cases.js';

/** Where a case's memory went, in bytes from address 0. */
export interface MemoryUse {
  /** Start of the IO area: static data and the module's fixed scratch lie below it. */
  readonly io: number;
  /** End of the host's input (io + input length). */
  readonly inputEnd: number;
  /** One past the highest byte the module wrote during the case (≥ inputEnd when it wrote above the input). */
  readonly highWater: number;
  /** Memory size after the case, in 64 KiB pages. */
  readonly pages: number;
}

const PATTERNS = [0xa5, 0x5a];

/** Runs `c` on `exports` and returns its memory use (the instance is left as after the case). */
export function measureMemory(exports: WebAssembly.Exports, c: RuntimeCase): MemoryUse {
  const memory = exports.memory as WebAssembly.Memory;
  runCase(exports, c);
  let io = 0;
  let highWater = 0;
  for (const pattern of PATTERNS) {
    let painted = 0;
    runCase(exports, c, (mem, at) => {
      io = at;
      painted = mem.length;
      mem.fill(pattern, at + c.input.length);
    });
    const mem = new Uint8Array(memory.buffer);
    let top = Math.min(painted, mem.length) - 1;
    while (top >= io + c.input.length && mem[top] === pattern) top--;
    // Growth during the painted run would leave unpainted (zero) pages: count them as used.
    highWater = Math.max(highWater, mem.length > painted ? mem.length : top + 1);
  }
  return { io, inputEnd: io + c.input.length, highWater, pages: memory.buffer.byteLength >>> 16 };
}
