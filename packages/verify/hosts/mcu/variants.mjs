// The microcontroller builds of verify.wasm that hosts/mcu/build.mjs measures (README "Sizes").
//
// A variant is an asc entry compiled with the asconfig.json target "embedded" (-Oz, no SIMD,
// stub runtime, the abort replacement, a declared maximum memory), optionally with build-time
// switches. The assembly sources have no per-build constants yet (issue 11 adds them: one ABI
// file, a generator emitting AssemblyScript/TypeScript/C with constants such as certificate slots
// and IO size per build), so until then a switch is a set of exact text edits that build.mjs
// applies to the sources as asc reads them (asc's readFile hook); the files on disk never change.
// An edit whose text is not found exactly once fails the build and names the switch: after a
// refactor, update or drop it. Each switch is the prototype of one per-build constant or flag,
// and its measured effect is the case for it.
//
// Everything here is measurement and prototype: `embedded` (no switches, built by
// `npm run build`) is the build the tests run on the emulated Cortex-M4; the others are built
// only by `node hosts/mcu/build.mjs --all`, which regenerates the README table.

/**
 * Build-time switches. `edits`: exact text replacements in files under assembly/.
 * `typed`: what a request beyond the switch returns instead (a typed code, never a trap).
 */
export const SWITCHES = {
  'slots-16': {
    about: '16 certificate slots instead of 256 (x509/cert.ts MAX_CERTS: the decoded-certificate table)',
    typed: 'INPUT_TOO_LARGE for more than 16 certificates per call',
    edits: [
      {
        file: 'x509/cert.ts',
        from: 'export const MAX_CERTS: u32 = 256;',
        to: 'export const MAX_CERTS: u32 = 16;',
      },
    ],
  },
  'rsa-4096': {
    about: 'RSA moduli up to 4096 bits (scratch sized for 4096 instead of 8192)',
    typed:
      'BAD_PUBLIC_KEY for larger moduli (today the key check; a per-build limit should say UNSUPPORTED_ALGORITHM)',
    edits: [
      {
        file: 'crypto/rsa.ts',
        from: 'export const RSA_MAX_BITS: i32 = 8192;',
        to: 'export const RSA_MAX_BITS: i32 = 4096;',
      },
      {
        file: 'crypto/bigint.ts',
        from: 'export const MAX_MOD_BITS: i32 = 8192;',
        to: 'export const MAX_MOD_BITS: i32 = 4096;',
      },
    ],
  },
  'rsa-2048': {
    about: 'RSA moduli up to 2048 bits (no RSA-4096 roots), key cache slots sized for 2048',
    typed: 'BAD_PUBLIC_KEY for larger moduli',
    edits: [
      {
        file: 'crypto/rsa.ts',
        from: 'export const RSA_MAX_BITS: i32 = 8192;',
        to: 'export const RSA_MAX_BITS: i32 = 2048;',
      },
      {
        file: 'crypto/bigint.ts',
        from: 'export const MAX_MOD_BITS: i32 = 8192;',
        to: 'export const MAX_MOD_BITS: i32 = 2048;',
      },
      {
        file: 'crypto/rsa-key-cache.ts',
        from: 'export const SLOT_MAX_K: i32 = 512;',
        to: 'export const SLOT_MAX_K: i32 = 256;',
      },
    ],
  },
  'key-cache-1': {
    about: 'one RSA key-cache slot instead of 4 (2,288 bytes each)',
    typed: 'none (a cache miss costs time only)',
    edits: [
      {
        file: 'crypto/rsa-key-cache.ts',
        from: 'export const KEY_SLOTS: i32 = 4;',
        to: 'export const KEY_SLOTS: i32 = 1;',
      },
    ],
  },
  'no-ed25519': {
    about: 'no Ed25519 signatures',
    typed: 'UNSUPPORTED_ALGORITHM for Ed25519 signatures',
    edits: [
      {
        file: 'crypto/signature.ts',
        from: '    return <Err>ed25519Verify(keyData, data, dataLen, sig);',
        to: '    return Err.UNSUPPORTED_ALGORITHM;',
      },
    ],
  },
  'no-p384': {
    about: 'no P-384 (ECDSA on P-256 only)',
    typed: 'UNSUPPORTED_ALGORITHM for P-384 keys',
    edits: [
      { file: 'crypto/ec-field.ts', from: '} else if (curve === CURVE_P384) {', to: '} else if (false) {' },
      ...[
        'p384Mul(r, a, b)',
        'p384Sqr(r, a)',
        'p384Add(r, a, b)',
        'p384Sub(r, a, b)',
        'p384Lin(r, a, ka, b, kb)',
      ].map((call) => ({ file: 'crypto/ec-field.ts', from: `  else ${call};`, to: '  else unreachable();' })),
    ],
  },
  'uncompressed-points': {
    about: 'SEC1 points in uncompressed form only (no square root: signed updates carry 65-byte points)',
    typed: 'BAD_PUBLIC_KEY for compressed points (FORMAT.md allows uncompressed points only)',
    edits: [
      {
        file: 'crypto/ecdsa.ts',
        from: '  if (!feSqrt(Y, T0)) return false;\n  feFromMont(T1, Y);\n  if (feIsOdd(T1) !== ((tag & 1) !== 0)) {\n    feZero(T1);\n    feSub(Y, T1, Y);\n  }\n  return true;\n',
        to: '  return false;\n',
      },
    ],
  },
  'sha256-only': {
    about: 'SHA-256 only (no SHA-1, SHA-384, SHA-512)',
    typed: 'hashDigest returns 0 (unknown algorithm) for the others',
    edits: [
      { file: 'crypto/hash.ts', from: '    case HashAlg.SHA1:\n      return 20;\n', to: '' },
      {
        file: 'crypto/hash.ts',
        from: '    case HashAlg.SHA384:\n      return 48;\n    case HashAlg.SHA512:\n      return 64;\n',
        to: '',
      },
      {
        file: 'crypto/hash.ts',
        from: '  if (alg === HashAlg.SHA384 || alg === HashAlg.SHA512) return 128;',
        to: '',
      },
      {
        file: 'crypto/hash.ts',
        from: '  else if (alg === HashAlg.SHA1) sha1Blocks(state, p, blocks);\n  else sha512Blocks(state, p, blocks);',
        to: '  else unreachable();',
      },
      {
        file: 'crypto/hash.ts',
        from: '  if (alg === HashAlg.SHA1) sha1InitState(state);\n  else if (alg === HashAlg.SHA256) sha256InitState(state);\n  else if (alg === HashAlg.SHA384) sha384InitState(state);\n  else if (alg === HashAlg.SHA512) sha512InitState(state);',
        to: '  if (alg === HashAlg.SHA256) sha256InitState(state);',
      },
    ],
  },
};

/**
 * Heap reserved above the static data by the measured variants: a device's chain request
 * (leaf, intermediate and root DER, 3-6 KiB) and the verifier's per-call scratch (under 1 KiB)
 * with room to spare. The largest request of the tests (an intermediate with 28 roots) is 27 KiB.
 */
const HEAP = 16 << 10;

/**
 * The variants, in the order of the README table. `wasm`: a module `npm run build` makes;
 * otherwise `entry` (under assembly/) compiled with the "embedded" target and `switches`, with a
 * static linear memory of the static data plus `heap` bytes. `tested`: run on the emulated board
 * by src/testing/mcu.test.ts (with the module's declared maximum, as Node runs it).
 */
export const VARIANTS = {
  release: { wasm: 'build/verify.wasm', about: 'the shipped verify.wasm (-O3), for comparison' },
  embedded: {
    wasm: 'build/verify.embedded.wasm',
    tested: true,
    about: 'asconfig target "embedded": the whole ABI (index.ts), -Oz, at most 3 pages',
  },
  device: {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: [],
    about: 'the device ABI (embedded.ts): chains, digests, signatures',
  },
  'device-16': {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: ['slots-16', 'key-cache-1'],
    about: '+ 16 certificate slots, 1 cached RSA key',
  },
  'chain-target': {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: ['slots-16', 'key-cache-1', 'rsa-4096'],
    about: 'the chain target: RSA-2048/4096, P-256, P-384, Ed25519, SHA-1/2, 16 slots',
  },
  'no-rsa-4096': {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: ['slots-16', 'key-cache-1', 'rsa-2048'],
    about: 'chain target without RSA above 2048 bits',
  },
  'no-p384': {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: ['slots-16', 'key-cache-1', 'rsa-4096', 'no-p384'],
    about: 'chain target without P-384',
  },
  'no-ed25519': {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: ['slots-16', 'key-cache-1', 'rsa-4096', 'no-ed25519'],
    about: 'chain target without Ed25519',
  },
  'chain-minimal': {
    entry: 'embedded.ts',
    heap: HEAP,
    switches: ['slots-16', 'key-cache-1', 'rsa-2048', 'no-p384', 'no-ed25519'],
    about: 'RSA-2048 and P-256 only',
  },
  crypto: {
    entry: 'crypto-only.ts',
    heap: HEAP,
    switches: [],
    about: 'the cryptographic core (crypto-only.ts: hashes, RSA, ECDSA, Ed25519)',
  },
  'update-p256': {
    entry: 'embedded-update.ts',
    heap: HEAP,
    switches: ['no-p384', 'sha256-only', 'uncompressed-points'],
    about:
      'update checks: the signed trust-bundle update verifier, ECDSA P-256 + SHA-256 (embedded-update.ts)',
  },
};
