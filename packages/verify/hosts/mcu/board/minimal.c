/*
 * The smallest firmware that uses the port kit, for measurement only (never run): a vector
 * table and a reset handler. build.mjs links it with --gc-sections against newlib-nano and
 * libgcc and reads its linker map, so the figures are what a device pays: the module, the
 * runtime, the C API and the C library and libgcc routines they pull in (memcpy, memset,
 * setjmp/longjmp, 64-bit arithmetic helpers), with no stdio and no harness.
 *
 *   HUBTRUST_MINIMAL_CHAIN=1  calls hubtrust_verify_chain: the exports the C API does not use are
 *                             dropped (a device verifying chains)
 *   HUBTRUST_MINIMAL_CHAIN=0  only instantiates the module; build.mjs keeps every export with
 *                             --undefined (modules without verifyChain, e.g. update checks)
 */
#include <stdint.h>

#if HUBTRUST_MINIMAL_CHAIN
#include "hubtrust_verify.h"
#else
#include "verify.h"
#include "wasm-rt-static.h"
#endif

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __stack_top;

#if HUBTRUST_MINIMAL_CHAIN
static hubtrust_result result;

static void use_the_kit(void) {
  hubtrust_chain chain;
  hubtrust_chain_init(&chain);
  (void)hubtrust_verify_chain(&chain, &result);
}
#else
static Z_verify_instance_t instance;

static void use_the_kit(void) {
  if (wasm_rt_impl_try() != 0) return;
  Z_verify_init_module();
  Z_verify_instantiate(&instance);
}
#endif

void Reset_Handler(void) {
  for (uint32_t *s = &__data_load, *d = &__data_start; d < &__data_end;) *d++ = *s++;
  for (uint32_t *d = &__bss_start; d < &__bss_end;) *d++ = 0;
  use_the_kit();
  for (;;) {
  }
}

__attribute__((section(".vectors"), used)) static void (*const vectors[2])(void) = {
    (void (*)(void))&__stack_top,
    Reset_Handler,
};
