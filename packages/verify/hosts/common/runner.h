/*
 * Case-file runner shared by the native hosts of verify.wasm (wabt-interp/host.cpp, wasm2c/host.c).
 *
 * A host supplies three callbacks (call an export, see linear memory, count pages); this file reads
 * the case file written by test/runtime-cases.ts and prints one result line per case. The
 * JavaScript runner in that file prints the same lines, so the outputs of Node, Chromium and the
 * native hosts can be compared byte for byte.
 *
 * Case file (all integers little-endian):
 *
 *   "HTRC" u32 version (= 1) u32 case_count
 *   case:   u16 name_len  name        (printable ASCII, no spaces)
 *           u32 input_len input       (written at ioReserve(input_len))
 *           u8  step_count
 *           step:   u8 name_len export_name  u8 argc  argc × (u8 kind, u32 value)  u8 report
 *                   kind 0: the value itself; kind 1: io pointer + value
 *                   report 1: print the return value; 0: print "-"
 *           u8  output_count
 *           output: u8 base  u32 offset  u32 length
 *                   base 0: io pointer; base k > 0: the return value of step k-1
 *
 * Result line: "<name> <step tokens...> <output hex...> p<pages>", where a step token is the
 * decimal u32 return value or "-", and a failure ends the line early with "!io" (ioReserve
 * returned 0), "!trap", "!noexport" (missing export or a signature other than u32 → u32) or
 * "!oob" (an output range outside linear memory).
 *
 * Before any case, hr_check_abi compares the module with the generated ABI header
 * (include/verify_abi.generated.h, from abi.json): version, hash, Cert size, slots. A host built
 * against another ABI stops there instead of misreading results.
 *
 * Header-only so each host compiles one translation unit; C99 and C++17 compatible.
 */
#ifndef HUBTRUST_RUNNER_H_
#define HUBTRUST_RUNNER_H_

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "verify_abi.generated.h"

#define HR_MAX_ARGS 16
#define HR_MAX_STEPS 32
#define HR_MAX_OUTPUTS 16

/** Outcome of one export call. */
enum hr_status { HR_OK = 0, HR_TRAP = 1, HR_NOEXPORT = 2 };

/** What a host provides to the runner. */
typedef struct hr_host {
  void *ctx;
  /** Calls export `name` with `argc` u32 arguments; stores its u32 result in *ret. */
  enum hr_status (*call)(void *ctx, const char *name, const uint32_t *args, uint32_t argc, uint32_t *ret);
  /** Current linear memory (it may move after any call that grows it). */
  uint8_t *(*memory)(void *ctx, uint64_t *size);
  /** Optional: called by hr_run_file after each case's result line (per-case measurements). */
  void (*after_case)(void *ctx, const char *name);
} hr_host;

/** Bounds-checked reader over the case file. */
typedef struct hr_reader {
  const uint8_t *p;
  size_t left;
} hr_reader;

static void hr_fail(const char *what) {
  fprintf(stderr, "case file: %s\n", what);
  exit(2);
}

static const uint8_t *hr_take(hr_reader *r, size_t n) {
  if (n > r->left) hr_fail("truncated");
  const uint8_t *at = r->p;
  r->p += n;
  r->left -= n;
  return at;
}

static uint32_t hr_u8(hr_reader *r) { return *hr_take(r, 1); }

static uint32_t hr_u16(hr_reader *r) {
  const uint8_t *b = hr_take(r, 2);
  return (uint32_t)b[0] | ((uint32_t)b[1] << 8);
}

static uint32_t hr_u32(hr_reader *r) {
  const uint8_t *b = hr_take(r, 4);
  return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

/** Copies a length-prefixed string into buf (NUL-terminated). */
static void hr_str(hr_reader *r, uint32_t len, char *buf, size_t cap) {
  if (len >= cap) hr_fail("string too long");
  memcpy(buf, hr_take(r, len), len);
  buf[len] = 0;
}

typedef struct hr_step {
  char name[64];
  uint32_t argc;
  uint8_t kind[HR_MAX_ARGS];
  uint32_t value[HR_MAX_ARGS];
  uint32_t report;
} hr_step;

typedef struct hr_case {
  char name[256];
  const uint8_t *input;
  uint32_t input_len;
  uint32_t step_count;
  hr_step steps[HR_MAX_STEPS];
  uint32_t output_count;
  uint32_t out_base[HR_MAX_OUTPUTS];
  uint32_t out_offset[HR_MAX_OUTPUTS];
  uint32_t out_length[HR_MAX_OUTPUTS];
} hr_case;

static void hr_read_case(hr_reader *r, hr_case *c) {
  hr_str(r, hr_u16(r), c->name, sizeof c->name);
  c->input_len = hr_u32(r);
  c->input = hr_take(r, c->input_len);
  c->step_count = hr_u8(r);
  if (c->step_count > HR_MAX_STEPS) hr_fail("too many steps");
  for (uint32_t s = 0; s < c->step_count; s++) {
    hr_step *st = &c->steps[s];
    hr_str(r, hr_u8(r), st->name, sizeof st->name);
    st->argc = hr_u8(r);
    if (st->argc > HR_MAX_ARGS) hr_fail("too many arguments");
    for (uint32_t a = 0; a < st->argc; a++) {
      st->kind[a] = (uint8_t)hr_u8(r);
      if (st->kind[a] > 1) hr_fail("bad argument kind");
      st->value[a] = hr_u32(r);
    }
    st->report = hr_u8(r);
  }
  c->output_count = hr_u8(r);
  if (c->output_count > HR_MAX_OUTPUTS) hr_fail("too many outputs");
  for (uint32_t o = 0; o < c->output_count; o++) {
    c->out_base[o] = hr_u8(r);
    if (c->out_base[o] > c->step_count) hr_fail("output base names a missing step");
    c->out_offset[o] = hr_u32(r);
    c->out_length[o] = hr_u32(r);
  }
}

/** Runs one case; writes its result line (without the page count) to out when out is non-NULL. */
static void hr_run_case(const hr_host *h, const hr_case *c, FILE *out) {
  uint32_t rets[HR_MAX_STEPS];
  uint32_t io = 0;
  uint32_t len = c->input_len;
  uint64_t size = 0;
  uint8_t *mem;
  if (out) fputs(c->name, out);
  enum hr_status st = h->call(h->ctx, "ioReserve", &len, 1, &io);
  if (st != HR_OK) {
    if (out) fputs(st == HR_TRAP ? " !trap" : " !noexport", out);
    return;
  }
  mem = h->memory(h->ctx, &size);
  if (io == 0 || (uint64_t)io + c->input_len > size) {
    if (out) fputs(" !io", out);
    return;
  }
  if (c->input_len) memcpy(mem + io, c->input, c->input_len);
  for (uint32_t s = 0; s < c->step_count; s++) {
    const hr_step *sp = &c->steps[s];
    uint32_t args[HR_MAX_ARGS];
    for (uint32_t a = 0; a < sp->argc; a++) args[a] = sp->value[a] + (sp->kind[a] == 1 ? io : 0);
    st = h->call(h->ctx, sp->name, args, sp->argc, &rets[s]);
    if (st != HR_OK) {
      if (out) fputs(st == HR_TRAP ? " !trap" : " !noexport", out);
      return;
    }
    if (!out) continue;
    if (sp->report)
      fprintf(out, " %lu", (unsigned long)rets[s]);
    else
      fputs(" -", out);
  }
  if (!out) return;
  mem = h->memory(h->ctx, &size);
  for (uint32_t o = 0; o < c->output_count; o++) {
    uint64_t at = (uint64_t)(c->out_base[o] == 0 ? io : rets[c->out_base[o] - 1]) + c->out_offset[o];
    if (at + c->out_length[o] > size) {
      fputs(" !oob", out);
      return;
    }
    fputc(' ', out);
    for (uint32_t i = 0; i < c->out_length[o]; i++) fprintf(out, "%02x", mem[at + i]);
  }
}

/** Checks the case file's header and returns its case count (exits on a bad header). */
static uint32_t hr_read_header(hr_reader *r) {
  if (memcmp(hr_take(r, 4), "HTRC", 4) != 0) hr_fail("bad magic");
  if (hr_u32(r) != 1) hr_fail("unsupported version");
  return hr_u32(r);
}

static double hr_now(void) {
#ifdef CLOCK_MONOTONIC
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#else /* bare-metal C libraries (newlib for arm-none-eabi): processor time is all there is */
  return (double)clock() / CLOCKS_PER_SEC;
#endif
}

/**
 * Runs every case of a case file and prints its result lines to out. With repeat > 1 each case
 * is run that many more times without output, and "<name> <microseconds per run>" lines go to
 * stderr (timing only; stdout stays comparable). Returns the number of cases.
 */
static uint32_t hr_run_file(const hr_host *h, const uint8_t *file, size_t len, FILE *out, uint32_t repeat) {
  hr_reader r = {file, len};
  static hr_case c;
  uint32_t count = hr_read_header(&r);
  for (uint32_t i = 0; i < count; i++) {
    hr_read_case(&r, &c);
    hr_run_case(h, &c, out);
    uint64_t size = 0;
    h->memory(h->ctx, &size);
    fprintf(out, " p%lu\n", (unsigned long)(size >> 16));
    if (h->after_case) h->after_case(h->ctx, c.name);
    if (repeat > 1) {
      double t0 = hr_now();
      for (uint32_t k = 0; k < repeat; k++) hr_run_case(h, &c, NULL);
      fprintf(stderr, "%s %.3f\n", c.name, (hr_now() - t0) * 1e6 / repeat);
    }
  }
  if (r.left != 0) hr_fail("trailing bytes");
  return count;
}

/** Calls a () -> u32 export; exits when it is missing or traps. */
static uint32_t hr_call0(const hr_host *h, const char *name) {
  uint32_t ret = 0;
  if (h->call(h->ctx, name, NULL, 0, &ret) != HR_OK) {
    fprintf(stderr, "abi: export %s missing or trapped\n", name);
    exit(3);
  }
  return ret;
}

/**
 * Checks the module against the ABI header this host was built with; exits with status 3 on a
 * mismatch. With print set, writes "abi <version> <hash> <cert size> <stride> <slots> <target>".
 */
static void hr_check_abi(const hr_host *h, int print) {
  uint32_t version = hr_call0(h, "abiVersion"), hash = hr_call0(h, "abiHash");
  uint32_t size = hr_call0(h, "x509CertSize"), stride = hr_call0(h, "x509CertStride");
  uint32_t slots = hr_call0(h, "x509MaxCerts");
  if (print) printf("abi %u %u %u %u %u %s\n", version, hash, size, stride, slots, VERIFY_BUILD_TARGET);
  if (version != VERIFY_ABI_VERSION || hash != VERIFY_ABI_HASH || size != VERIFY_CERT_SIZE ||
      stride != VERIFY_CERT_STRIDE || slots != VERIFY_MAX_CERTS) {
    fprintf(stderr, "abi: the module (version %u, hash %08x) is not the one verify_abi.generated.h describes "
                    "(version %u, hash %08x)\n", version, hash, VERIFY_ABI_VERSION, VERIFY_ABI_HASH);
    exit(3);
  }
}

/** Whether a flag (e.g. "--abi") is among the arguments after the two positional ones. */
static int hr_flag(int argc, char **argv, const char *flag) {
  for (int i = 3; i < argc; i++)
    if (strcmp(argv[i], flag) == 0) return 1;
  return 0;
}

/** Reads a whole file into memory (exits on failure). */
static uint8_t *hr_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(2);
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = (uint8_t *)malloc(cap);
  for (;;) {
    if (n == cap) buf = (uint8_t *)realloc(buf, cap *= 2);
    if (!buf) hr_fail("out of memory");
    size_t got = fread(buf + n, 1, cap - n, f);
    if (got == 0) break;
    n += got;
  }
  fclose(f);
  *len = n;
  return buf;
}

/** Parses "--repeat N" style arguments after the two positional ones. */
static uint32_t hr_repeat_arg(int argc, char **argv) {
  for (int i = 3; i + 1 < argc; i++)
    if (strcmp(argv[i], "--repeat") == 0) return (uint32_t)strtoul(argv[i + 1], NULL, 10);
  return 0;
}

#endif /* HUBTRUST_RUNNER_H_ */
