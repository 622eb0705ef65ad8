// The microcontroller builds of verify.wasm that hosts/mcu/build.mjs measures (README "Sizes").
//
// A variant is an asc entry compiled with the asconfig.json target "embedded" (-Oz, no SIMD,
// stub runtime, the abort replacement, a declared maximum memory, the rolled field and hash code)
// with a set of build options (`use`: asc constants, assembly/build-options.ts; they replace the
// target's own `use` list as asc reads asconfig.json) and optionally switches.
//
// A switch is a set of exact text edits that build.mjs applies to the sources as asc reads them
// (asc's readFile hook; the files on disk never change), for the choices that are not build
// options yet: P-384 off, SHA-256 only (the update build's). An edit whose text is not found
// exactly once fails the build and names the switch: after a refactor, update or drop it.
//
// `embedded` (built by `npm run build`) is the chain build the tests run on the emulated
// Cortex-M4; the others are built only by `node hosts/mcu/build.mjs --all`, which regenerates the
// README table.

/**
 * Build-time switches. `edits`: exact text replacements in files under assembly/.
 * `typed`: what a request beyond the switch returns instead (a typed code, never a trap).
 */
export const SWITCHES = {
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
        from: '    else if (alg === HashAlg.SHA1) sha1BlocksSmall(state, p, blocks);\n    else sha512BlocksSmall(state, p, blocks);',
        to: '    else unreachable();',
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

/** The embedded target's build options (asconfig.json "embedded".use). */
const DEVICE = ['HUBTRUST_TARGET=1', 'HUBTRUST_ED25519=0'];

/**
 * The variants, in the order of the README table. `wasm`: a module `npm run build` makes;
 * otherwise `entry` (under assembly/) compiled with the "embedded" target (its options `asc`
 * overridden), the build options `use` and the `switches`, with a static linear memory of the
 * static data plus `heap` bytes.
 * `tested`: run on the emulated board by test/mcu.test.ts (with the module's declared
 * maximum, as Node runs it).
 */
export const VARIANTS = {
  release: { wasm: 'build/verify.wasm', about: 'the shipped verify.wasm (-O3), for comparison' },
  embedded: {
    wasm: 'build/verify.embedded.wasm',
    tested: true,
    about:
      'the chain build (embedded.ts): RSA-2048/4096, P-256, P-384, SHA-1/2, 16 slots, 1 page; asconfig target "embedded"',
  },
  unrolled: {
    entry: 'embedded.ts',
    heap: HEAP,
    use: DEVICE,
    asc: { shrinkLevel: 0 },
    switches: [],
    about:
      "the chain build with the unrolled field and hash code of the Node build (shrinkLevel 0): the rolled code's cost in flash and instructions",
  },
  'with-ed25519': {
    entry: 'embedded.ts',
    heap: HEAP,
    use: ['HUBTRUST_TARGET=1', 'HUBTRUST_ED25519=1'],
    switches: [],
    about: 'the chain build with Ed25519',
  },
  'rsa-2048': {
    entry: 'embedded.ts',
    heap: HEAP,
    use: [...DEVICE, 'HUBTRUST_RSA_MAX_BITS=2048'],
    switches: [],
    about: 'the chain build without RSA above 2048 bits',
  },
  'no-p384': {
    entry: 'embedded.ts',
    heap: HEAP,
    use: DEVICE,
    switches: ['no-p384'],
    about: 'the chain build without P-384',
  },
  'chain-minimal': {
    entry: 'embedded.ts',
    heap: HEAP,
    use: [...DEVICE, 'HUBTRUST_RSA_MAX_BITS=2048'],
    switches: ['no-p384'],
    about: 'RSA-2048 and P-256 only',
  },
  'whole-abi': {
    entry: 'index.ts',
    heap: HEAP,
    use: ['HUBTRUST_TARGET=1', 'HUBTRUST_ED25519=1'],
    switches: [],
    about:
      'the whole ABI (index.ts: x509Decode, streaming hashes, raw RSA/ECDSA/Ed25519) at the embedded target',
  },
  crypto: {
    entry: 'crypto-only.ts',
    heap: HEAP,
    use: ['HUBTRUST_TARGET=1', 'HUBTRUST_ED25519=1'],
    switches: [],
    about: 'the cryptographic core (crypto-only.ts: hashes, RSA, ECDSA, Ed25519)',
  },
  'update-p256': {
    entry: 'embedded-update.ts',
    heap: HEAP,
    use: DEVICE,
    switches: ['no-p384', 'sha256-only', 'uncompressed-points'],
    about:
      'update checks: the signed trust-bundle update verifier, ECDSA P-256 + SHA-256 (embedded-update.ts)',
  },
};
