// Vitest setup file (vitest.config.ts): HUBTRUST_WASM_VARIANT=portable|simd, set per test project,
// makes the public API load that build of the module (initSync here; later init() calls keep it)
// and makes loadTestWasm() default to the matching test build, so the verdict tests run once on
// each build. Unset: the engine's choice for the API (SIMD in Node), the portable test build.
import { initSync } from '../src/wasm.js';

const variant = process.env.HUBTRUST_WASM_VARIANT;
if (variant === 'portable' || variant === 'simd') initSync(variant);
else if (variant) throw new Error(`HUBTRUST_WASM_VARIANT must be portable or simd, not ${variant}`);
