// Build-time options: constants asc takes from the command line (`--use NAME=value`; the
// asconfig.json targets set them), so one set of sources gives the portable verify.wasm and the
// microcontroller build (hosts/mcu/README.md) without a run-time switch. An option's default is the
// portable build's; `isDefined` makes the unset name legal.
//
//   HUBTRUST_TARGET        0 portable (verify.wasm and its test, SIMD and crypto-only builds),
//                          1 embedded (asconfig target "embedded"): abi.json's targets with their
//                          per-build constants (certificate slots, IO size, certificate size:
//                          abi.generated.ts), and the device defaults below
//   HUBTRUST_ED25519       0 leaves Ed25519 out (UNSUPPORTED_ALGORITHM for Ed25519 signatures);
//                          default 1. The embedded target sets 0: device chains to IoT hubs are
//                          RSA and ECDSA, and Ed25519 is 11 KiB of Cortex-M4 code.
//   HUBTRUST_RSA_MAX_BITS  largest RSA modulus: default 8192 portable, 4096 embedded; 2048 for
//                          a device without RSA-4096 roots. Keys above it and up to 8192 bits are
//                          UNSUPPORTED_ALGORITHM in that build (above 8192: BAD_PUBLIC_KEY, as
//                          everywhere).
//   HUBTRUST_P521          0 leaves ECDSA P-521 out (UNSUPPORTED_ALGORITHM for P-521 keys, as
//                          before it existed); default 1 portable, 0 embedded: device chains to
//                          IoT hubs use P-256/P-384, and P-521's constants, G table and wider
//                          scratch would cost flash and RAM (hosts/mcu/README.md).
//   HUBTRUST_EC_COMB       1 carries the ECDSA comb tables (crypto/ec-comb.ts: G's fixed-base
//                          tables, 10 KiB of data, and the per-key table cache, 25 KiB of static
//                          memory); default 1 portable, 0 embedded (flash and RAM), which always
//                          takes the uncached path (crypto/ec-mul.ts) with the same verdicts.
//   HUBTRUST_CHAIN_OPTIONS 1 carries the device-stack path-building and anchor rules of the
//                          device profiles (request chainOptions, issue 12); default 1 portable,
//                          0 embedded (a device runs its own stack's rules, not a prediction of
//                          them; 2.6 KiB of Cortex-M4 code), which refuses a request that sets
//                          any (INVALID_ARGUMENT).
//   HUBTRUST_STACK_RULES   1 carries the device-stack name rules of the device profiles (mbedTLS
//                          name chaining, CN fallbacks and wildcard rules, wolfSSL/OpenSSL
//                          name-constraint quirks: names/host-rule.ts, NameConstraintFlag);
//                          default 1 portable, 0 embedded: a device verifies with hubtrust's own
//                          rules, and a request asking for a stack rule is INVALID_ARGUMENT there.
//   HUBTRUST_STACK_OPTIONS 1 carries the device-stack usage, critical-extension, validity-end and
//                          algorithm options and the no-clock prediction bit (request fields
//                          leafKeyUsage, ekuScope, criticalExtensions, algorithms and their flags:
//                          src/stack-options.ts); default 1 portable, 0 embedded (predictions of
//                          other stacks, not a device's own rules), which refuses a request that
//                          sets any (INVALID_ARGUMENT).
//   HUBTRUST_ISSUANCE_RULES 1 carries the issuance rules of the `strict` profile (RequestFlag
//                          ISSUANCE_RULES: path/checks.ts checkIssuance, the public-suffix
//                          wildcard rule of names/server-name.ts); default 1 portable, 0
//                          embedded: a linter's verdict, not a device's, so a request setting the
//                          flag there is INVALID_ARGUMENT.
//   HUBTRUST_POLICIES      1 processes certificate policies (path/policy.ts, RFC 5280 §6.1.2-6.1.5);
//                          default 1 portable, 0 embedded (flash): that build leaves policy
//                          processing out, so a critical policyMappings, policyConstraints or
//                          inhibitAnyPolicy stays an unsupported critical extension
//                          (UNKNOWN_CRITICAL_EXTENSION), a typed answer, never an accept.
//
// Code shape (unrolled vs rolled field and hash code) follows asc's shrink level instead
// (ASC_SHRINK_LEVEL > 0 in ec-field.ts and hash.ts): the embedded target is the size-first one.

import { BUILD_TARGET } from './abi.generated';

/** 0 portable, 1 embedded: abi.json's target ids (the generated view reads HUBTRUST_TARGET). */
export { BUILD_TARGET };

/** Whether Ed25519 signatures are built in. */
export const WITH_ED25519: bool = isDefined(HUBTRUST_ED25519) ? HUBTRUST_ED25519 !== 0 : true;

/** Largest RSA modulus in bits this build verifies. */
export const BUILD_RSA_MAX_BITS: i32 = isDefined(HUBTRUST_RSA_MAX_BITS)
  ? HUBTRUST_RSA_MAX_BITS
  : BUILD_TARGET === 0
    ? 8192
    : 4096;

/**
 * Whether this build carries the ECDSA comb tables. Nothing of the comb is laid out in a build
 * without them: G's tables are @lazy globals (scripts/gen-ec.mjs), read only under this flag, and
 * the cache and scratch memory are reserved inside the functions that use them.
 */
export const WITH_EC_COMB: bool = isDefined(HUBTRUST_EC_COMB) ? HUBTRUST_EC_COMB !== 0 : BUILD_TARGET === 0;

/** Whether this build carries the device-stack path-building and anchor rules (chainOptions). */
export const WITH_CHAIN_OPTIONS: bool = isDefined(HUBTRUST_CHAIN_OPTIONS)
  ? HUBTRUST_CHAIN_OPTIONS !== 0
  : BUILD_TARGET === 0;

/** Whether the device-stack name rules are built in (request.ts refuses them otherwise). */
export const WITH_STACK_RULES: bool = isDefined(HUBTRUST_STACK_RULES)
  ? HUBTRUST_STACK_RULES !== 0
  : BUILD_TARGET === 0;

/** Whether the device-stack usage, extension, validity and algorithm options are built in. */
export const WITH_STACK_OPTIONS: bool = isDefined(HUBTRUST_STACK_OPTIONS)
  ? HUBTRUST_STACK_OPTIONS !== 0
  : BUILD_TARGET === 0;
/** Whether the issuance rules (FLAG_ISSUANCE_RULES, the strict profile) are built in. */
export const WITH_ISSUANCE_RULES: bool = isDefined(HUBTRUST_ISSUANCE_RULES)
  ? HUBTRUST_ISSUANCE_RULES !== 0
  : BUILD_TARGET === 0;

/** Whether ECDSA P-521 is built in (rolled field code, crypto/ec-field-small.ts). */
export const WITH_P521: bool = isDefined(HUBTRUST_P521) ? HUBTRUST_P521 !== 0 : BUILD_TARGET === 0;
/** Whether this build processes certificate policies (path/policy.ts). */
export const WITH_POLICIES: bool = isDefined(HUBTRUST_POLICIES)
  ? HUBTRUST_POLICIES !== 0
  : BUILD_TARGET === 0;
