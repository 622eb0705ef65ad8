/*
 * The smallest firmware that uses the port kit, for measurement only (never run; bare.c holds
 * the vector table and reset handler). build.mjs links it with --gc-sections against newlib-nano and
 * libgcc and reads its linker map, so the figures are what a device pays: the module, the
 * runtime, the C API and the C library and libgcc routines they pull in (memcpy, memset,
 * setjmp/longjmp, 64-bit arithmetic helpers), with no stdio and no harness.
 *
 *   HUBTRUST_MINIMAL_CHAIN=1   calls hubtrust_verify_chain: the exports the C API does not use are
 *                              dropped (a device verifying chains)
 *   HUBTRUST_MINIMAL_UPDATE=1  calls hubtrust_verify_update (a device checking signed trust-bundle
 *                              updates: the update-p256 build)
 *   both 0                     only instantiates the module; build.mjs keeps every export with
 *                              --undefined (modules with neither entry point)
 */
#include <stdint.h>

#include "board.h"

#if HUBTRUST_MINIMAL_CHAIN
#include "hubtrust_verify.h"
#elif HUBTRUST_MINIMAL_UPDATE
#include "hubtrust_update.h"
#else
#include "verify.h"
#include "wasm-rt-static.h"
#endif

#if HUBTRUST_MINIMAL_CHAIN
static hubtrust_result result;

void firmware_main(void) {
  hubtrust_chain chain;
  hubtrust_chain_init(&chain);
  (void)hubtrust_verify_chain(&chain, &result);
}
#elif HUBTRUST_MINIMAL_UPDATE
static hubtrust_update_state state;
static hubtrust_update_result result;
static const uint8_t update[128];

void firmware_main(void) { (void)hubtrust_verify_update(update, sizeof update, &state, 0, &result); }
#else
static Z_verify_instance_t instance;

void firmware_main(void) {
  if (wasm_rt_impl_try() != 0) return;
  Z_verify_init_module();
  Z_verify_instantiate(&instance);
}
#endif
