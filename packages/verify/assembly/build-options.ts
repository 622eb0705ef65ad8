// Build-time options: constants asc takes from the command line (`--use NAME=value`; the
// asconfig.json targets set them), so one set of sources gives the portable verify.wasm and the
// microcontroller build (hosts/mcu/README.md) without a run-time switch. An option's default is the
// portable build's; `isDefined` makes the unset name legal.
//
//   HUBTRUST_TARGET        0 portable (verify.wasm and its test, SIMD and crypto-only builds),
//                          1 embedded (asconfig target "embedded"): the values of abi.json's
//                          targets (issue 11), device limits below
//   HUBTRUST_ED25519       0 leaves Ed25519 out (UNSUPPORTED_ALGORITHM for Ed25519 signatures);
//                          default 1. The embedded target sets 0: device chains to IoT hubs are
//                          RSA and ECDSA, and Ed25519 is 11 KiB of Cortex-M4 code.
//   HUBTRUST_RSA_MAX_BITS  largest RSA modulus: default 8192 portable, 4096 embedded; 2048 for
//                          a device without RSA-4096 roots. Keys above it and up to 8192 bits are
//                          UNSUPPORTED_ALGORITHM in that build (above 8192: BAD_PUBLIC_KEY, as
//                          everywhere).
//
// Code shape (unrolled vs rolled field and hash code) follows asc's shrink level instead
// (ASC_SHRINK_LEVEL > 0 in ec-field.ts and hash.ts): the embedded target is the size-first one.

/** 0 portable, 1 embedded. */
export const BUILD_TARGET: i32 = isDefined(HUBTRUST_TARGET) ? HUBTRUST_TARGET : 0;

/** Whether Ed25519 signatures are built in. */
export const WITH_ED25519: bool = isDefined(HUBTRUST_ED25519) ? HUBTRUST_ED25519 !== 0 : true;

/** Largest RSA modulus in bits this build verifies. */
export const BUILD_RSA_MAX_BITS: i32 = isDefined(HUBTRUST_RSA_MAX_BITS)
  ? HUBTRUST_RSA_MAX_BITS
  : BUILD_TARGET === 0
    ? 8192
    : 4096;
