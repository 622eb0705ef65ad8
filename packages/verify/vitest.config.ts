import { configDefaults, defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];
/**
 * Test files the SIMD project skips: they do not depend on which build the API loads (sizes,
 * generators, TypeScript-only code, tools), name their modules themselves (the runtimes test runs
 * verify.simd.wasm in Chromium and verify.wasm in the native hosts), or already run every vector
 * on both test builds (big integers, RSA and the raw differentials, which sign once and verify on
 * both).
 */
const BUILD_INDEPENDENT = [
  'src/size-budget.test.ts',
  'src/ecdsa/gen-ec.test.ts',
  'src/pem.test.ts',
  'src/abi.test.ts',
  'src/gateway.test.ts',
  'src/device-profiles.test.ts',
  'src/profiles.differential.test.ts',
  'test/runtimes.test.ts',
  'test/limbo.test.ts',
  'test/memory-probe.test.ts',
  'test/test-wasm.test.ts',
  'test/mcu.test.ts',
  'src/wasm.test.ts',
  'src/bigint.test.ts',
  'src/rsa.test.ts',
  'src/rsa.wycheproof.test.ts',
  'src/rsa-pkcs1.differential.test.ts',
  'src/rsa-pss.differential.test.ts',
  'src/ecdsa/ecdsa-differential-p256.test.ts',
  'src/ecdsa/ecdsa-differential-p384.test.ts',
  // Internals with no SIMD code: only crypto/bigint.ts (the RSA Montgomery core) differs between
  // the builds, and the API-level verdict tests above still run whole chains on the SIMD module.
  'src/ed25519.test.ts',
  'src/hash.test.ts',
  'src/der.test.ts',
  'src/names/**',
  'src/ecdsa/ec-field.test.ts',
  'src/ecdsa/ec-point.test.ts',
  'src/ecdsa/ec-scalar.test.ts',
];

// Two projects in one run (one JSON report): every test on the portable verify.wasm, and the
// verdict tests again on verify.simd.wasm (test/wasm-variant.setup.ts picks the build).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Suites that do their work in beforeAll (x509-limbo, the profile differential) get the same
    // minute: on the shared 2-core machine under load the 10 s default was not enough.
    hookTimeout: 120_000,
    setupFiles: ['test/wasm-variant.setup.ts'],
    projects: [
      { extends: true, test: { name: 'verify', include, env: { HUBTRUST_WASM_VARIANT: 'portable' } } },
      {
        extends: true,
        test: {
          name: 'verify (simd)',
          include,
          exclude: [...configDefaults.exclude, ...BUILD_INDEPENDENT],
          env: { HUBTRUST_WASM_VARIANT: 'simd' },
        },
      },
    ],
  },
});
