// Loads build/verify.test.wasm (assertions on, internals exported) for tests. Node only; not
// part of the published API.
import { readFileSync } from 'node:fs';

/**
 * Instantiates a fresh copy of a test build (default build/verify.test.wasm; `file` names another
 * module of build/, e.g. the SIMD variant) and returns its exports.
 */
export function loadTestWasm<T = Record<string, unknown>>(
  file = 'verify.test.wasm',
): T & { memory: WebAssembly.Memory } {
  const bytes = readFileSync(new URL(`../build/${file}`, import.meta.url));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  return instance.exports as unknown as T & { memory: WebAssembly.Memory };
}
