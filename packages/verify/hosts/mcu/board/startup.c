/*
 * Start-up code for QEMU's mps2-an386 (Cortex-M4): vector table, reset handler, fault handler,
 * the instruction counter and the semihosting calls the test harness uses.
 *
 * Semihosting (Arm "Semihosting for AArch32 and AArch64", v2.0): BKPT 0xAB with the operation in
 * r0 and its parameter in r1; QEMU serves it with -semihosting-config enable=on,target=native.
 * stdio goes through newlib's librdimon (also semihosting); the command line comes from
 * SYS_GET_CMDLINE (QEMU: the -semihosting-config arg=... values) and the exit status leaves
 * through SYS_EXIT_EXTENDED.
 *
 * Instruction counts: QEMU does not model the DWT cycle counter, but with -icount shift=0 its
 * virtual clock advances exactly 1 ns per guest instruction, and the CMSDK APB timer 0 counts that
 * clock at the board's 25 MHz: one tick is 40 instructions. board_ticks() reads it.
 */
#include <stdint.h>
#include <stdio.h>

#include "board.h"

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __stack_top;
extern int main(int argc, char **argv);
extern void initialise_monitor_handles(void);

#define SYS_GET_CMDLINE 0x15
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* CMSDK APB timer 0 (Arm DDI 0479C, section 4.4): CTRL, VALUE, RELOAD. */
#define TIMER0_CTRL (*(volatile uint32_t *)0x40000000u)
#define TIMER0_VALUE (*(volatile uint32_t *)0x40000004u)
#define TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)

static int semihost(int op, void *arg) {
  register int r0 __asm__("r0") = op;
  register void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void board_exit(int status) {
  fflush(stdout);
  fflush(stderr);
  uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status};
  semihost(SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}

uint32_t board_ticks(void) { return ~TIMER0_VALUE; }

/* Splits the semihosting command line at spaces (the harness passes no quoted arguments). */
static int command_line(char **argv, int max) {
  static char buf[512];
  struct {
    char *buf;
    int len;
  } block = {buf, sizeof buf - 1};
  if (semihost(SYS_GET_CMDLINE, &block) != 0) return 0;
  buf[block.len] = 0;
  int argc = 0;
  for (char *p = buf; *p && argc < max;) {
    while (*p == ' ') *p++ = 0;
    if (!*p) break;
    argv[argc++] = p;
    while (*p && *p != ' ') p++;
  }
  return argc;
}

void Reset_Handler(void) {
  for (uint32_t *s = &__data_load, *d = &__data_start; d < &__data_end;) *d++ = *s++;
  for (uint32_t *d = &__bss_start; d < &__bss_end;) *d++ = 0;
  TIMER0_RELOAD = 0xFFFFFFFFu;
  TIMER0_VALUE = 0xFFFFFFFFu;
  TIMER0_CTRL = 1;
  initialise_monitor_handles();
  static char *argv[16];
  int argc = command_line(argv, 15);
  board_exit(main(argc, argv));
}

/* Any fault ends the run with status 3 and the fault registers, never a hang. */
void Fault_Handler(void) {
  volatile uint32_t *cfsr = (volatile uint32_t *)0xE000ED28u;
  fprintf(stderr, "fault: CFSR=%08lx\n", (unsigned long)*cfsr);
  board_exit(3);
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))&__stack_top, Reset_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
    Fault_Handler, Fault_Handler, 0, 0, 0, 0, Fault_Handler, Fault_Handler, 0, Fault_Handler,
    Fault_Handler,
};
