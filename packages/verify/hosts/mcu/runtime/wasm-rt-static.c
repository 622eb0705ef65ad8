/*
 * A freestanding runtime for wasm2c's output on microcontrollers: see wasm-rt-static.h.
 *
 * Build with the wasm-rt.h of the wasm2c that produced the module (its interface changes between
 * wasm2c releases; this file follows 1.0.32) and
 *   -DHUBTRUST_RT_MEMORY_PAGES=<the module's maximum pages>
 * Needs only <setjmp.h> and <string.h> (memset, memcmp) from the C library.
 */
#include <stdarg.h>
#include <string.h>

#include "wasm-rt-static.h"

#ifndef HUBTRUST_RT_MEMORY_PAGES
#error "define HUBTRUST_RT_MEMORY_PAGES: the pages of linear memory to reserve (the module's maximum)"
#endif
#ifndef HUBTRUST_RT_MAX_FUNC_TYPES
#define HUBTRUST_RT_MAX_FUNC_TYPES 32
#endif
#ifndef HUBTRUST_RT_MAX_FUNC_ARITY
#define HUBTRUST_RT_MAX_FUNC_ARITY 20
#endif

#define PAGE_SIZE 65536u

jmp_buf wasm_rt_jmp_buf;
uint32_t hubtrust_rt_refused_grows;
static bool g_armed;

#if WASM_RT_USE_STACK_DEPTH_COUNT
uint32_t wasm_rt_call_stack_depth;
uint32_t wasm_rt_saved_call_stack_depth;
#endif

/* The linear memory. 8-byte aligned so i64 loads at aligned wasm addresses are aligned too. */
static uint8_t g_memory[(uint32_t)HUBTRUST_RT_MEMORY_PAGES * PAGE_SIZE] __attribute__((aligned(8)));
static bool g_memory_in_use;

/* Registered function types: counts, then the value types (params first), one byte each. */
typedef struct {
  uint8_t params, results;
  uint8_t types[HUBTRUST_RT_MAX_FUNC_ARITY];
} func_type;
static func_type g_types[HUBTRUST_RT_MAX_FUNC_TYPES];
static uint32_t g_type_count;

void wasm_rt_init(void) {}

bool wasm_rt_is_initialized(void) { return true; }

void wasm_rt_free(void) { g_type_count = 0; }

void hubtrust_rt_arm(void) { g_armed = true; }

uint32_t hubtrust_rt_memory_pages(void) { return HUBTRUST_RT_MEMORY_PAGES; }

__attribute__((weak)) void hubtrust_rt_fatal(wasm_rt_trap_t trap) {
  (void)trap;
  __builtin_trap();
}

void wasm_rt_trap(wasm_rt_trap_t code) {
#if WASM_RT_USE_STACK_DEPTH_COUNT
  wasm_rt_call_stack_depth = wasm_rt_saved_call_stack_depth;
#endif
  if (!g_armed || code == WASM_RT_TRAP_NONE) hubtrust_rt_fatal(code);
  longjmp(wasm_rt_jmp_buf, (int)code);
}

const char *wasm_rt_strerror(wasm_rt_trap_t trap) {
  switch (trap) {
    case WASM_RT_TRAP_NONE: return "none";
    case WASM_RT_TRAP_OOB: return "out of bounds";
    case WASM_RT_TRAP_INT_OVERFLOW: return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO: return "division by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION: return "invalid conversion";
    case WASM_RT_TRAP_UNREACHABLE: return "unreachable";
    case WASM_RT_TRAP_CALL_INDIRECT: return "call_indirect";
    case WASM_RT_TRAP_UNCAUGHT_EXCEPTION: return "uncaught exception";
#if !WASM_RT_MERGED_OOB_AND_EXHAUSTION_TRAPS
    case WASM_RT_TRAP_EXHAUSTION: return "call stack exhausted";
#endif
  }
  return "unknown";
}

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  func_type t;
  if (params + results > HUBTRUST_RT_MAX_FUNC_ARITY) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  memset(&t, 0, sizeof t);
  t.params = (uint8_t)params;
  t.results = (uint8_t)results;
  va_list args;
  va_start(args, results);
  /* Enum arguments arrive promoted to int: reading them as wasm_rt_type_t (one byte with
     arm-none-eabi's short enums) would be undefined behaviour. */
  for (uint32_t i = 0; i < params + results; i++) t.types[i] = (uint8_t)(wasm_rt_type_t)va_arg(args, int);
  va_end(args);
  for (uint32_t i = 0; i < g_type_count; i++)
    if (memcmp(&g_types[i], &t, sizeof t) == 0) return i;
  if (g_type_count == HUBTRUST_RT_MAX_FUNC_TYPES) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  g_types[g_type_count] = t;
  return g_type_count++;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t *memory, uint32_t initial_pages, uint32_t max_pages) {
  /* One instance at a time, and its initial size must fit: otherwise instantiation traps (the
     embedder runs it inside wasm_rt_impl_try). */
  if (g_memory_in_use || initial_pages > HUBTRUST_RT_MEMORY_PAGES) wasm_rt_trap(WASM_RT_TRAP_OOB);
  g_memory_in_use = true;
  memset(g_memory, 0, initial_pages * PAGE_SIZE);
  memory->data = g_memory;
  memory->pages = initial_pages;
  memory->max_pages = max_pages < HUBTRUST_RT_MEMORY_PAGES ? max_pages : HUBTRUST_RT_MEMORY_PAGES;
  memory->size = initial_pages * PAGE_SIZE;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *memory, uint32_t delta) {
  uint32_t old_pages = memory->pages;
  if (delta > memory->max_pages - old_pages) {
    hubtrust_rt_refused_grows++;
    return UINT32_MAX;
  }
  memset(memory->data + memory->size, 0, delta * PAGE_SIZE);
  memory->pages = old_pages + delta;
  memory->size = memory->pages * PAGE_SIZE;
  return old_pages;
}

void wasm_rt_free_memory(wasm_rt_memory_t *memory) {
  if (memory->data == g_memory) g_memory_in_use = false;
  memory->data = NULL;
  memory->size = memory->pages = 0;
}
