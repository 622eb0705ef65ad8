/* Board services of the QEMU mps2-an386 images (startup.c for the tests, bare.c for measurement). */
#ifndef HUBTRUST_BOARD_H_
#define HUBTRUST_BOARD_H_

#include <stdint.h>

/** Flushes stdio and ends the emulation with `status` (semihosting SYS_EXIT_EXTENDED). */
__attribute__((noreturn)) void board_exit(int status);

/** Free-running 25 MHz tick counter; with QEMU's -icount shift=0, one tick = 40 instructions. */
uint32_t board_ticks(void);

/** What the measurement firmwares run after reset (bare.c). */
void firmware_main(void);

#endif
