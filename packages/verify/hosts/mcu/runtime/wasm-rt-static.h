/*
 * A freestanding runtime for wasm2c's output on microcontrollers (header).
 *
 * Implements the part of wasm2c 1.0.32's runtime interface (`wasm-rt.h`, shipped with wasm2c:
 * Debian puts it in /usr/src/wasm2c) that verify.wasm's translation calls, for a target with no
 * operating system: no mmap, no signals, no malloc, no printf.
 *
 *   - Linear memory lives in one static buffer of HUBTRUST_RT_MEMORY_PAGES pages (64 KiB each),
 *     set at build time to the module's declared maximum. Growing past it fails the way
 *     `memory.grow` fails in a browser with a maximum, and is counted (hubtrust_rt_refused_grows)
 *     so a caller can tell "input too large for this device" from a bug.
 *   - Memory accesses are bounds-checked in the generated code (WASM_RT_MEMCHECK_SIGNAL_HANDLER
 *     is 0 on every 32-bit target), and the call depth is counted (WASM_RT_USE_STACK_DEPTH_COUNT,
 *     WASM_RT_MAX_CALL_STACK_DEPTH), so a trap never depends on an MMU.
 *   - A trap longjmps to the innermost wasm_rt_impl_try(); a trap outside any try calls
 *     hubtrust_rt_fatal() (weak: define your own to reset the device).
 *   - Function types are kept in a fixed table (HUBTRUST_RT_MAX_FUNC_TYPES types of up to
 *     HUBTRUST_RT_MAX_FUNC_ARITY values). Exceptions and tables are not implemented: a module
 *     that needs them fails to link, it does not fail at run time.
 *   - One module instance at a time (one memory).
 *
 * Differences from wasm2c's own wasm-rt-impl.c, which does not build for arm-none-eabi: that file
 * includes <sys/mman.h> unconditionally, reserves a 64 KiB exception buffer, uses assert (printf)
 * and calloc, and reads wasm_rt_type_t arguments with va_arg(args, wasm_rt_type_t), which is
 * undefined behaviour where enums are one byte (the arm-none-eabi default: GCC compiles it to a
 * trap, a HardFault in Z_verify_init_module). Here every argument is read as the int it was
 * promoted to.
 */
#ifndef HUBTRUST_WASM_RT_STATIC_H_
#define HUBTRUST_WASM_RT_STATIC_H_

#include "wasm-rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The trap target of wasm_rt_impl_try(). */
extern jmp_buf wasm_rt_jmp_buf;

#if WASM_RT_USE_STACK_DEPTH_COUNT
/** Call depth at the last wasm_rt_impl_try(), restored when a trap unwinds. */
extern uint32_t wasm_rt_saved_call_stack_depth;
#define WASM_RT_SAVE_STACK_DEPTH() (wasm_rt_saved_call_stack_depth = wasm_rt_call_stack_depth)
#else
#define WASM_RT_SAVE_STACK_DEPTH() (void)0
#endif

/**
 * Returns 0 when called; returns the wasm_rt_trap_t of a trap raised by a later wasm call, as
 * setjmp does (the same contract as wasm2c's wasm-rt-impl.h). Call it in the frame that calls
 * the module, before each call sequence.
 */
#define wasm_rt_impl_try() (WASM_RT_SAVE_STACK_DEPTH(), hubtrust_rt_arm(), setjmp(wasm_rt_jmp_buf))

/** Marks wasm_rt_jmp_buf as a valid trap target (called by wasm_rt_impl_try). */
void hubtrust_rt_arm(void);

/** Number of memory.grow requests refused because the static buffer is full. */
extern uint32_t hubtrust_rt_refused_grows;

/** Pages of the static linear-memory buffer (the build's HUBTRUST_RT_MEMORY_PAGES). */
uint32_t hubtrust_rt_memory_pages(void);

/** Called for a trap raised outside any wasm_rt_impl_try(). Weak; the default executes UDF. */
WASM_RT_NO_RETURN void hubtrust_rt_fatal(wasm_rt_trap_t trap);

#ifdef __cplusplus
}
#endif

#endif /* HUBTRUST_WASM_RT_STATIC_H_ */
