// Loads build/verify.test.wasm (assertions on, internals exported) for tests. Node only; not
// part of the published API.
import { readFileSync } from 'node:fs';

/**
 * The test build tests load by default: build/verify.test.simd.wasm in the test project that sets
 * HUBTRUST_WASM_VARIANT=simd (vitest.config.ts), build/verify.test.wasm otherwise.
 */
export function defaultTestBuild(): string {
  return process.env.HUBTRUST_WASM_VARIANT === 'simd' ? 'verify.test.simd.wasm' : 'verify.test.wasm';
}

/**
 * Instantiates a fresh copy of a test build (default: defaultTestBuild(); `file` names another
 * module of build/) and returns its exports.
 */
export function loadTestWasm<T = Record<string, unknown>>(
  file = defaultTestBuild(),
): T & { memory: WebAssembly.Memory } {
  const bytes = readFileSync(new URL(`../build/${file}`, import.meta.url));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  return instance.exports as unknown as T & { memory: WebAssembly.Memory };
}
