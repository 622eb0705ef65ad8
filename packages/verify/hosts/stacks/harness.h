/*
 * Batch runner shared by the stack harnesses (mbedtls.c, wolfssl.c, bearssl.c, openssl.c): each
 * verifies many chains per process with a real TLS library, the way a device's TLS client does,
 * and prints one verdict line per case. Written by test/stacks.ts, built by
 * hosts/stacks/build.mjs, compared with verifyChain's device profiles by
 * src/profiles.differential.test.ts.
 *
 * Case file (text, one field per line; hex is lower or upper case DER):
 *
 *   case <id>                 id: printable ASCII without spaces
 *   time <seconds>            validation time, seconds since 1970 (the clock the library reads)
 *   host <name>               optional: DNS name the leaf must match
 *   purpose server|client|any
 *   leaf <hex>
 *   int <hex>                 zero or more, in the order a server sends them
 *   root <hex>                one or more trust anchors
 *   end
 *
 * Result line: "<id> ACCEPT <detail>" or "<id> REJECT <detail>", detail being the library's own
 * error (code and name) so disagreements can be classified; "-" when there is none.
 *
 * The clock: the libraries call time() (mbedTLS x509_get_current_time, wolfSSL XTIME in
 * ValidateDate, BearSSL br_x509_minimal's end_chain when no time was set, OpenSSL X509_cmp_time
 * with a NULL time) and some call gettimeofday()/clock_gettime() (objdump -T of the Debian
 * libraries lists time, gettimeofday and, for libcrypto, clock_gettime). This executable defines
 * them, so the dynamic linker binds the libraries' calls here, and every case runs at its own
 * time. Monotonic clocks pass through to the kernel (OpenSSL's DRBG reads them).
 *
 * Header-only: each harness is one translation unit. Bounded: a line is at most HS_MAX_LINE
 * bytes, a case at most HS_MAX_CERTS certificates, a certificate at most HS_MAX_DER bytes.
 */
#ifndef HUBTRUST_STACK_HARNESS_H_
#define HUBTRUST_STACK_HARNESS_H_

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define HS_MAX_CERTS 300
#define HS_MAX_DER (256 * 1024)
#define HS_MAX_LINE (2 * HS_MAX_DER + 16)
#define HS_MAX_ID 512
#define HS_MAX_HOST 1024
#define HS_DETAIL 512

/* ---- the clock every library of this process reads ---- */

static time_t hs_now;

time_t time(time_t *t) {
  if (t) *t = hs_now;
  return hs_now;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
  (void)tz;
  tv->tv_sec = hs_now;
  tv->tv_usec = 0;
  return 0;
}

int clock_gettime(clockid_t clk, struct timespec *ts) {
  if (clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE) {
    ts->tv_sec = hs_now;
    ts->tv_nsec = 0;
    return 0;
  }
  return (int)syscall(SYS_clock_gettime, clk, ts);
}

/* ---- one case ---- */

enum hs_purpose { HS_SERVER = 0, HS_CLIENT = 1, HS_ANY = 2 };

typedef struct hs_cert {
  unsigned char *der;
  size_t len;
} hs_cert;

typedef struct hs_case {
  char id[HS_MAX_ID];
  time_t time;
  /** NUL-terminated DNS name, or NULL. */
  const char *host;
  char host_buf[HS_MAX_HOST];
  enum hs_purpose purpose;
  hs_cert leaf;
  /** Intermediates in the order the server sends them. */
  hs_cert ints[HS_MAX_CERTS];
  size_t n_ints;
  hs_cert roots[HS_MAX_CERTS];
  size_t n_roots;
} hs_case;

/** What a harness defines: 1 to accept, 0 to reject; detail gets the library's error text. */
static int hs_verify(const hs_case *c, char *detail, size_t detail_len);
/** Optional one-time setup before the first case (library init). */
static void hs_setup(void);

static void hs_die(const char *what, const char *line) {
  fprintf(stderr, "stack harness: %s%s%.80s\n", what, line ? ": " : "", line ? line : "");
  exit(2);
}

static int hs_hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static hs_cert hs_hex(const char *s) {
  size_t n = strlen(s);
  if (n % 2 != 0 || n / 2 > HS_MAX_DER || n == 0) hs_die("bad hex length", s);
  hs_cert out = {malloc(n / 2), n / 2};
  if (!out.der) hs_die("out of memory", NULL);
  for (size_t i = 0; i < n / 2; i++) {
    int hi = hs_hexval(s[2 * i]), lo = hs_hexval(s[2 * i + 1]);
    if (hi < 0 || lo < 0) hs_die("bad hex digit", s);
    out.der[i] = (unsigned char)(hi << 4 | lo);
  }
  return out;
}

static void hs_free_case(hs_case *c) {
  free(c->leaf.der);
  for (size_t i = 0; i < c->n_ints; i++) free(c->ints[i].der);
  for (size_t i = 0; i < c->n_roots; i++) free(c->roots[i].der);
  c->leaf.der = NULL;
  c->n_ints = c->n_roots = 0;
}

/** Replaces spaces and newlines so a detail stays one token-friendly line. */
static void hs_clean(char *s) {
  for (; *s; s++)
    if (*s == '\n' || *s == '\r' || *s == '\t') *s = ' ';
}

/** Reads the case file `path` ("-" = stdin) and prints a verdict per case. */
static int hs_main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <case-file | ->\n", argv[0]);
    return 2;
  }
  FILE *in = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
  if (!in) hs_die("cannot open", argv[1]);
  hs_setup();
  static hs_case c;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int in_case = 0;
  while ((n = getline(&line, &cap, in)) >= 0) {
    if ((size_t)n > HS_MAX_LINE) hs_die("line too long", NULL);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (n == 0) continue;
    char *sp = strchr(line, ' ');
    const char *arg = sp ? sp + 1 : "";
    if (sp) *sp = 0;
    if (strcmp(line, "case") == 0) {
      if (in_case) hs_die("case without end", arg);
      memset(&c, 0, sizeof c);
      if (strlen(arg) >= HS_MAX_ID || strlen(arg) == 0) hs_die("bad id", arg);
      strcpy(c.id, arg);
      c.purpose = HS_SERVER;
      in_case = 1;
    } else if (!in_case) {
      hs_die("field outside a case", line);
    } else if (strcmp(line, "time") == 0) {
      c.time = (time_t)strtoll(arg, NULL, 10);
    } else if (strcmp(line, "host") == 0) {
      if (strlen(arg) >= HS_MAX_HOST) hs_die("host too long", arg);
      strcpy(c.host_buf, arg);
      c.host = c.host_buf;
    } else if (strcmp(line, "purpose") == 0) {
      c.purpose = strcmp(arg, "client") == 0 ? HS_CLIENT : strcmp(arg, "any") == 0 ? HS_ANY : HS_SERVER;
    } else if (strcmp(line, "leaf") == 0) {
      if (c.leaf.der) hs_die("two leaves", c.id);
      c.leaf = hs_hex(arg);
    } else if (strcmp(line, "int") == 0) {
      if (c.n_ints >= HS_MAX_CERTS) hs_die("too many intermediates", c.id);
      c.ints[c.n_ints++] = hs_hex(arg);
    } else if (strcmp(line, "root") == 0) {
      if (c.n_roots >= HS_MAX_CERTS) hs_die("too many roots", c.id);
      c.roots[c.n_roots++] = hs_hex(arg);
    } else if (strcmp(line, "end") == 0) {
      if (!c.leaf.der || c.n_roots == 0) hs_die("case without leaf or root", c.id);
      char detail[HS_DETAIL] = "-";
      hs_now = c.time;
      int ok = hs_verify(&c, detail, sizeof detail);
      hs_clean(detail);
      printf("%s %s %s\n", c.id, ok ? "ACCEPT" : "REJECT", detail[0] ? detail : "-");
      hs_free_case(&c);
      in_case = 0;
    } else {
      hs_die("unknown field", line);
    }
  }
  if (in_case) hs_die("truncated case file", c.id);
  free(line);
  if (in != stdin) fclose(in);
  return fflush(stdout) == 0 ? 0 : 2;
}

#define HS_MAIN \
  int main(int argc, char **argv) { return hs_main(argc, argv); }

#endif
