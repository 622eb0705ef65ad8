/*
 * verify.wasm, translated by wasm2c and compiled for the Cortex-M4, run on QEMU's mps2-an386
 * board: the case-file host of the microcontroller build (built and started by build.mjs and
 * test/mcu.test.ts).
 *
 *   qemu-system-arm -M mps2-an386 -nographic -monitor none -serial none -icount shift=0 \
 *     -semihosting-config enable=on,target=native,arg=host,arg=<cases.bin> -kernel <image.elf>
 *
 * stdout: one result line per case, exactly as ../common/runner.h prints them in every other
 *         runtime (so they compare byte for byte with Node's).
 * stderr: "#calibration <instructions> <expected>" once (a loop of known length, which checks
 *         the instruction clock), then per case "#case <name> <stack bytes> <instructions>
 *         <refused grows>": the C stack the module's calls used (a region below the caller's
 *         frame is painted before each call and scanned after it), the instructions they executed
 *         (QEMU -icount, see board/startup.c) and how many memory.grow requests the static linear
 *         memory refused (a trap after one is the build's memory limit, not a bug); and
 *         "#trap <export> <reason>" lines, then "#stack-probe <bytes>" at the end.
 * exit:   0 after the last case; 2 bad case file; 3 CPU fault; 4 trap while instantiating.
 */
#include <stdio.h>
#include <stdlib.h>

#include "verify.h"
#include "wasm-rt-static.h"

#include "../common/runner.h"
#include "board.h"
#include "exports.gen.h"

/** Bytes painted below the caller's frame before each call (the target is 4 KiB). */
#define STACK_PROBE (32 * 1024)
#define STACK_PAINT 0xA5A5A5A5u
#define INSNS_PER_TICK 40u

static hr_instance instance;
static uint32_t case_stack, case_ticks, case_refused;

static inline uintptr_t stack_pointer(void) {
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

/* A trap longjmps back into this frame, which holds nothing that changes after the setjmp. */
__attribute__((noinline)) static enum hr_status guarded(const char *name, const uint32_t *args, uint32_t argc,
                                                        uint32_t *ret) {
  wasm_rt_trap_t trap = (wasm_rt_trap_t)wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "#trap %s %s\n", name, wasm_rt_strerror(trap));
    return HR_TRAP;
  }
  return hr_dispatch(&instance, name, args, argc, ret);
}

static enum hr_status call(void *ctx, const char *name, const uint32_t *args, uint32_t argc, uint32_t *ret) {
  (void)ctx;
  uint32_t *top = (uint32_t *)((stack_pointer() - 64) & ~(uintptr_t)3);
  uint32_t *bottom = top - STACK_PROBE / 4;
  for (uint32_t *p = bottom; p < top; p++) *p = STACK_PAINT;
  uint32_t t0 = board_ticks();
  enum hr_status st = guarded(name, args, argc, ret);
  case_ticks += board_ticks() - t0;
  uint32_t *p = bottom;
  while (p < top && *p == STACK_PAINT) p++;
  uint32_t used = (uint32_t)(top - p) * 4;
  if (used > case_stack) case_stack = used;
  return st;
}

static uint8_t *memory(void *ctx, uint64_t *size) {
  (void)ctx;
  wasm_rt_memory_t *m = hr_memory_of(&instance);
  *size = m->size;
  return m->data;
}

static void after_case(void *ctx, const char *name) {
  (void)ctx;
  fprintf(stderr, "#case %s %lu %lu %lu\n", name, (unsigned long)case_stack,
          (unsigned long)case_ticks * INSNS_PER_TICK, (unsigned long)(hubtrust_rt_refused_grows - case_refused));
  case_stack = case_ticks = 0;
  case_refused = hubtrust_rt_refused_grows;
}

/* 1,000,000 iterations of a two-instruction loop: 2,000,000 instructions. */
static void calibrate(void) {
  uint32_t n = 1000000;
  uint32_t t0 = board_ticks();
  __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n));
  uint32_t ticks = board_ticks() - t0;
  fprintf(stderr, "#calibration %lu 2000000\n", (unsigned long)ticks * INSNS_PER_TICK);
}

__attribute__((noinline)) static int instantiate(void) {
  wasm_rt_trap_t trap = (wasm_rt_trap_t)wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "#trap instantiate %s\n", wasm_rt_strerror(trap));
    return 0;
  }
  wasm_rt_init();
  HR_INIT_MODULE();
  HR_INSTANTIATE(&instance);
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: host <cases.bin>\n");
    return 2;
  }
  static char out_buf[4096];
  setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
  calibrate();
  size_t cases_len = 0;
  uint8_t *cases = hr_read_file(argv[1], &cases_len);
  if (!instantiate()) return 4;
  hr_host h = {NULL, call, memory, after_case};
  hr_run_file(&h, cases, cases_len, stdout, 0);
  fprintf(stderr, "#stack-probe %d\n", STACK_PROBE);
  HR_FREE(&instance);
  free(cases);
  return 0;
}
