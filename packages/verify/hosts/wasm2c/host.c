/*
 * verify.wasm translated to C by wasm2c (Debian package `wabt`) and compiled with gcc: the route a
 * microcontroller build takes. Built by ../build.mjs with WASM_RT_MEMCHECK_SIGNAL_HANDLER=0, so
 * every memory access is bounds-checked in code (no mmap guard pages, no signal handler), as on a
 * device without an MMU.
 *
 *   host <verify.wasm (unused: compiled in)> <cases.bin> [--repeat N] [--stack]
 *
 * --abi prints the module's ABI line (runner.h hr_check_abi) and exits. Every run first checks
 * the module against include/verify_abi.generated.h.
 *
 * --stack prints "<case> <bytes>" lines to stderr: the C stack the translated module used for
 * the case (measured by painting a region below the caller's frame before the calls and finding
 * the deepest overwritten byte afterwards), a figure a device build needs for its task stack.
 *
 * verify.h (wasm2c's header for the module) and exports.gen.h (the export dispatch table that
 * build.mjs derives from verify.h) are generated next to the build outputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "wasm-rt-impl.h"

#include "../common/runner.h"
#include "exports.gen.h"

static hr_instance instance;

/** Bytes of stack painted by --stack (more than any case uses; the figure is exact below it). */
#define STACK_PROBE (1 << 20)
#define STACK_PAINT 0xA5

/* Both probes are called from the same frame, so their arrays cover the same addresses. */
__attribute__((noinline)) static void stack_paint(void) {
  volatile uint8_t region[STACK_PROBE];
  for (size_t i = 0; i < STACK_PROBE; i++) region[i] = STACK_PAINT;
}

__attribute__((noinline)) static size_t stack_used(void) {
  volatile uint8_t region[STACK_PROBE];
  size_t i = 0; /* the stack grows down: region[0] is the deepest byte */
  while (i < STACK_PROBE && region[i] == STACK_PAINT) i++;
  return STACK_PROBE - i;
}

static enum hr_status call(void *ctx, const char *name, const uint32_t *args, uint32_t argc, uint32_t *ret) {
  (void)ctx;
  wasm_rt_trap_t trap = (wasm_rt_trap_t)wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "trap in %s: %s\n", name, wasm_rt_strerror(trap));
    return HR_TRAP;
  }
  return hr_dispatch(&instance, name, args, argc, ret);
}

static uint8_t *memory(void *ctx, uint64_t *size) {
  (void)ctx;
  wasm_rt_memory_t *m = hr_memory_of(&instance);
  *size = m->size;
  return m->data;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <verify.wasm (ignored: compiled in)> <cases.bin> [--repeat N]\n", argv[0]);
    return 2;
  }
  size_t cases_len = 0;
  uint8_t *cases = hr_read_file(argv[2], &cases_len);
  wasm_rt_init();     /* the runtime first, */
  HR_INIT_MODULE();   /* then the module's types and data, */
  HR_INSTANTIATE(&instance); /* then one instance: its memory and globals. */
  hr_host h = {NULL, call, memory};
  hr_check_abi(&h, hr_flag(argc, argv, "--abi"));
  if (hr_flag(argc, argv, "--abi")) return 0;
  if (hr_flag(argc, argv, "--stack")) {
    hr_reader r = {cases, cases_len};
    static hr_case c;
    for (uint32_t i = 0, n = hr_read_header(&r); i < n; i++) {
      hr_read_case(&r, &c);
      stack_paint();
      hr_run_case(&h, &c, NULL);
      fprintf(stderr, "%s %zu\n", c.name, stack_used());
    }
  }
  hr_run_file(&h, cases, cases_len, stdout, hr_repeat_arg(argc, argv));
  HR_FREE(&instance);
  wasm_rt_free();
  free(cases);
  return 0;
}
