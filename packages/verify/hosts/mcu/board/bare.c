/*
 * Vector table and reset handler of the measurement firmwares (minimal.c, and the probes of
 * compare/): initialises .data and .bss, calls firmware_main() and stops. Never run; the linker
 * maps of these images are the size figures. The test harness images use startup.c instead.
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __stack_top;

void Reset_Handler(void) {
  for (uint32_t *s = &__data_load, *d = &__data_start; d < &__data_end;) *d++ = *s++;
  for (uint32_t *d = &__bss_start; d < &__bss_end;) *d++ = 0;
  firmware_main();
  for (;;) {
  }
}

__attribute__((section(".vectors"), used)) static void (*const vectors[2])(void) = {
    (void (*)(void))&__stack_top,
    Reset_Handler,
};
