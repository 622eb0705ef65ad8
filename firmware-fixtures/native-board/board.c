/*
 * hubtrust native board: a small program that behaves like IoT device firmware on mbedTLS 2.28
 * (Debian's libmbedtls-dev, linked statically), driven over its console (stdin/stdout, which the
 * harness connects to a socat pty and opens with serialport's real binding).
 *
 * Like firmware it prints a boot banner, loads its trust store from C arrays compiled in
 * ("flashing" = compiling with a new hubtrust_roots.c), then waits for commands on the console:
 *
 *   connect host=H port=P name=N [client=ID] [user=U] [pass=P] [clock=unset|now] [heap=BYTES]
 *           [inbuf=BYTES] [mfl=512|1024|2048|4096] [suites=modern|library] [sub=TOPIC-FILTER]
 *           [debug=0..4] [timeout=MS]
 *   reboot        print the boot banner again (an unexpected reset, for the crash detector)
 *   crash         print a Cortex-M HardFault dump and halt
 *   echo TEXT     print TEXT
 * Values are percent-decoded (%20 for a space: SAS tokens contain spaces).
 *
 * `connect` does what device firmware does: TCP to H:P, TLS 1.2 (2.28 has no TLS 1.3) with SNI
 * and host-name verification against N, the compiled-in roots, authmode REQUIRED; prints
 * mbedTLS's debug output and, on failure, mbedtls_x509_crt_verify_info; then sends an MQTT 3.1.1
 * CONNECT and reads the CONNACK. The console lines follow mbedTLS's ssl_client2 example
 * ("  . Performing the SSL/TLS handshake... failed", "  ! mbedtls_ssl_handshake returned
 * -0x2700"), the format most device logs inherit. The last line of every attempt is
 * machine-readable: "hubtrust: result stage=S ret=-0xHHHH verify=0xHHHHHHHH mqtt=RC".
 *
 * Device conditions reproduced (a real library call fails, nothing is faked after the fact):
 * - clock=unset: time() returns seconds since boot, so the device believes it is 1970
 *   (time is wrapped with the linker's --wrap; mbedTLS's x509 checks call time()).
 * - heap=BYTES: calloc/free are wrapped (Debian's build has no MBEDTLS_PLATFORM_MEMORY) and
 *   fail past the budget, so mbedtls_ssl_setup / the handshake return -0x7F00 as on a small MCU.
 * - inbuf=BYTES: a device built with MBEDTLS_SSL_IN_CONTENT_LEN = BYTES. Debian's library has
 *   16 KiB, so the receive callback applies the check of ssl_parse_record_header(): a record
 *   longer than the input buffer (BYTES + MBEDTLS_SSL_PAYLOAD_OVERHEAD) fails with "bad message
 *   length" / MBEDTLS_ERR_SSL_INVALID_RECORD (-0x7200). Handshake messages larger than one
 *   record fail in the library itself ("TLS handshake fragmentation not supported", -0x7080).
 * - mfl=N: requests the max_fragment_length extension (RFC 6066 §4), as small devices do.
 * - suites: `modern` (default) offers only ECDHE with AEAD ciphers, as a correctly configured
 *   device does (RFC 9325 §4.2); `library` keeps mbedTLS's default list (static RSA, CBC too).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/debug.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>

#include "hubtrust_roots.h"

#define BOARD_VERSION "1.0"
/* MBEDTLS_SSL_PAYLOAD_OVERHEAD of 2.28 with Debian's config: max IV (16) + max MAC (48, SHA-384
 * HMAC) + CBC padding (256); ssl_internal.h. */
#define PAYLOAD_OVERHEAD (16 + 48 + 256)

/* ---- heap budget (linker --wrap=calloc,--wrap=free) ---- */
void *__real_calloc(size_t n, size_t size);
void __real_free(void *p);
static size_t heap_limit; /* 0: unlimited */
static size_t heap_used, heap_peak;
#define HDR 16

void *__wrap_calloc(size_t n, size_t size) {
  if (size != 0 && n > (SIZE_MAX - HDR) / size) return NULL;
  size_t bytes = n * size;
  if (heap_limit != 0 && heap_used + bytes > heap_limit) return NULL;
  unsigned char *p = __real_calloc(1, bytes + HDR);
  if (p == NULL) return NULL;
  memcpy(p, &bytes, sizeof bytes);
  heap_used += bytes;
  if (heap_used > heap_peak) heap_peak = heap_used;
  return p + HDR;
}

void __wrap_free(void *ptr) {
  if (ptr == NULL) return;
  unsigned char *p = (unsigned char *)ptr - HDR;
  size_t bytes;
  memcpy(&bytes, p, sizeof bytes);
  heap_used -= bytes;
  __real_free(p);
}

/* ---- clock (linker --wrap=time) ---- */
time_t __real_time(time_t *t);
static int clock_unset;
static time_t boot_time;

time_t __wrap_time(time_t *t) {
  time_t now = __real_time(NULL);
  if (clock_unset) now -= boot_time; /* seconds since boot: 1970-01-01T00:00:xx */
  if (t != NULL) *t = now;
  return now;
}

/* ---- console ---- */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  fflush(stdout);
}

static void debug_cb(void *ctx, int level, const char *file, int line, const char *msg) {
  (void)ctx;
  const char *base = strrchr(file, '/');
  say("%s:%04d: |%d| %s", base ? base + 1 : file, line, level, msg);
}

/* ---- small input buffer: the record-length check of ssl_parse_record_header() ---- */
struct conn {
  mbedtls_net_context net;
  size_t inbuf; /* 0: the library's 16 KiB */
  unsigned char hdr[5];
  size_t hdr_have;
  size_t body_left;
};

static int recv_cb(void *ctx, unsigned char *buf, size_t len, uint32_t timeout) {
  struct conn *c = ctx;
  int ret = mbedtls_net_recv_timeout(&c->net, buf, len, timeout);
  if (ret <= 0 || c->inbuf == 0) return ret;
  for (int i = 0; i < ret; i++) {
    if (c->body_left > 0) {
      size_t take = (size_t)(ret - i) < c->body_left ? (size_t)(ret - i) : c->body_left;
      c->body_left -= take;
      i += (int)take - 1;
      continue;
    }
    c->hdr[c->hdr_have++] = buf[i];
    if (c->hdr_have == 5) {
      size_t rec_len = ((size_t)c->hdr[3] << 8) | c->hdr[4];
      c->hdr_have = 0;
      if (rec_len > c->inbuf + PAYLOAD_OVERHEAD) {
        say("ssl_msg.c:3650: |1| bad message length (record of %u bytes, input buffer %u)\n", (unsigned)rec_len,
            (unsigned)(c->inbuf + PAYLOAD_OVERHEAD));
        return MBEDTLS_ERR_SSL_INVALID_RECORD;
      }
      c->body_left = rec_len;
    }
  }
  return ret;
}

static int send_cb(void *ctx, const unsigned char *buf, size_t len) {
  struct conn *c = ctx;
  return mbedtls_net_send(&c->net, buf, len);
}

/* ---- options ---- */
struct options {
  char host[256], port[16], name[256], client[256], user[512], pass[1024], sub[256];
  size_t heap, inbuf;
  int clock_unset, mfl, debug, timeout_ms, library_suites;
};

/* ECDHE + AEAD only (RFC 9325 §4.2), the suites IoT Hub and AWS IoT Core prefer. */
static const int MODERN_SUITES[] = {
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,       MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,       MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    0};

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  ch = tolower(ch);
  return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Copies a percent-decoded value; 0 on success, -1 when it does not fit or is malformed. */
static int decode(char *out, size_t cap, const char *in) {
  size_t n = 0;
  for (const char *p = in; *p; p++) {
    int ch = (unsigned char)*p;
    if (ch == '%') {
      int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
      if (lo < 0) return -1;
      ch = hi * 16 + lo;
      p += 2;
    }
    if (n + 1 >= cap) return -1;
    out[n++] = (char)ch;
  }
  out[n] = 0;
  return 0;
}

static int parse_options(char *args, struct options *o) {
  memset(o, 0, sizeof *o);
  strcpy(o->port, "8883");
  strcpy(o->client, "hubtrust-device-1");
  o->debug = 1;
  o->timeout_ms = 10000;
  for (char *tok = strtok(args, " \t"); tok; tok = strtok(NULL, " \t")) {
    char *eq = strchr(tok, '=');
    if (eq == NULL) return say("  ! bad option %s\n", tok), -1;
    *eq = 0;
    const char *k = tok, *v = eq + 1;
    int bad = 0;
    if (!strcmp(k, "host")) bad = decode(o->host, sizeof o->host, v);
    else if (!strcmp(k, "port")) bad = decode(o->port, sizeof o->port, v);
    else if (!strcmp(k, "name")) bad = decode(o->name, sizeof o->name, v);
    else if (!strcmp(k, "client")) bad = decode(o->client, sizeof o->client, v);
    else if (!strcmp(k, "user")) bad = decode(o->user, sizeof o->user, v);
    else if (!strcmp(k, "pass")) bad = decode(o->pass, sizeof o->pass, v);
    else if (!strcmp(k, "sub")) bad = decode(o->sub, sizeof o->sub, v);
    else if (!strcmp(k, "clock")) o->clock_unset = !strcmp(v, "unset");
    else if (!strcmp(k, "heap")) o->heap = strtoul(v, NULL, 10);
    else if (!strcmp(k, "inbuf")) o->inbuf = strtoul(v, NULL, 10);
    else if (!strcmp(k, "mfl")) o->mfl = atoi(v);
    else if (!strcmp(k, "debug")) o->debug = atoi(v);
    else if (!strcmp(k, "timeout")) o->timeout_ms = atoi(v);
    else if (!strcmp(k, "suites")) o->library_suites = !strcmp(v, "library");
    else bad = -1;
    if (bad) return say("  ! bad option %s\n", k), -1;
  }
  if (!o->host[0] || !o->name[0]) return say("  ! connect needs host= and name=\n"), -1;
  return 0;
}

/* ---- MQTT 3.1.1 CONNECT (OASIS MQTT 3.1.1 §3.1) ---- */
static size_t put_str(unsigned char *p, const char *s) {
  size_t n = strlen(s);
  p[0] = (unsigned char)(n >> 8);
  p[1] = (unsigned char)n;
  memcpy(p + 2, s, n);
  return n + 2;
}

static int mqtt_connect(mbedtls_ssl_context *ssl, const struct options *o) {
  static unsigned char pkt[2048];
  unsigned char body[2040];
  size_t n = 0;
  if (strlen(o->client) + strlen(o->user) + strlen(o->pass) + 32 > sizeof body) return -1;
  n += put_str(body + n, "MQTT");
  body[n++] = 4; /* protocol level 3.1.1 */
  body[n++] = (unsigned char)(0x02 | (o->user[0] ? 0x80 : 0) | (o->pass[0] ? 0x40 : 0));
  body[n++] = 0;
  body[n++] = 60; /* keep-alive */
  n += put_str(body + n, o->client);
  if (o->user[0]) n += put_str(body + n, o->user);
  if (o->pass[0]) n += put_str(body + n, o->pass);
  size_t h = 0;
  pkt[h++] = 0x10;
  size_t rem = n;
  do {
    unsigned char b = rem % 128;
    rem /= 128;
    pkt[h++] = (unsigned char)(b | (rem ? 0x80 : 0));
  } while (rem);
  memcpy(pkt + h, body, n);
  int ret = mbedtls_ssl_write(ssl, pkt, h + n);
  if (ret < 0) return ret;
  unsigned char ack[4];
  size_t got = 0;
  while (got < 4) {
    ret = mbedtls_ssl_read(ssl, ack + got, 4 - got);
    if (ret <= 0) return ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret;
    got += (size_t)ret;
  }
  if (ack[0] != 0x20 || ack[1] != 2) return -2;
  return ack[3];
}

/* Reads exactly n bytes (a record may carry less than asked). */
static int read_exact(mbedtls_ssl_context *ssl, unsigned char *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    int ret = mbedtls_ssl_read(ssl, buf + got, n - got);
    if (ret <= 0) return ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret;
    got += (size_t)ret;
  }
  return 0;
}

/* SUBSCRIBE to `filter` at QoS 0 (MQTT 3.1.1 §3.8), wait for the SUBACK, then read the first
 * PUBLISH whole. Returns the PUBLISH's length (bytes after the fixed header), or a negative
 * mbedTLS error / -2 for a protocol violation. Bounded: at most 256 KiB + 5 bytes are read. */
static int mqtt_subscribe_and_receive(mbedtls_ssl_context *ssl, const char *filter) {
  unsigned char pkt[300];
  size_t n = strlen(filter);
  if (n + 7 > sizeof pkt) return -2;
  size_t rem = 2 + 2 + n + 1;
  pkt[0] = 0x82;
  pkt[1] = (unsigned char)rem; /* < 128: one length byte */
  pkt[2] = 0;
  pkt[3] = 1; /* packet identifier */
  put_str(pkt + 4, filter);
  pkt[4 + 2 + n] = 0; /* QoS 0 */
  int ret = mbedtls_ssl_write(ssl, pkt, 2 + rem);
  if (ret < 0) return ret;
  static unsigned char body[256 * 1024];
  for (int packets = 0; packets < 8; packets++) {
    unsigned char h;
    if ((ret = read_exact(ssl, &h, 1)) != 0) return ret;
    size_t len = 0, mul = 1;
    for (int i = 0; i < 4; i++) {
      unsigned char b;
      if ((ret = read_exact(ssl, &b, 1)) != 0) return ret;
      len += (size_t)(b & 0x7f) * mul;
      mul *= 128;
      if (!(b & 0x80)) break;
      if (i == 3) return -2;
    }
    if (len > sizeof body) return -2;
    if ((ret = read_exact(ssl, body, len)) != 0) return ret;
    if ((h & 0xf0) == 0x90) say(" SUBACK");
    else if ((h & 0xf0) == 0x30) return (int)len;
  }
  return -2;
}

/* ---- one connection ---- */
static mbedtls_x509_crt roots;
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;

static void result(const char *stage, int ret, uint32_t flags, int mqtt, int alert, int certreq) {
  say("hubtrust: result stage=%s ret=-0x%04x verify=0x%08x mqtt=%d alert=%d certreq=%d heap_peak=%u\n", stage,
      (unsigned)-ret, (unsigned)flags, mqtt, alert, certreq, (unsigned)heap_peak);
}

static void fail(const char *what, int ret) {
  char err[160];
  mbedtls_strerror(ret, err, sizeof err);
  say(" failed\n  ! %s returned -0x%x (%s)\n", what, (unsigned)-ret, err);
}

static void do_connect(char *args) {
  struct options o;
  if (parse_options(args, &o) != 0) return result("options", -1, 0, -1, -1, 0);
  struct conn c;
  memset(&c, 0, sizeof c);
  c.inbuf = o.inbuf;
  mbedtls_ssl_context ssl;
  mbedtls_ssl_config conf;
  mbedtls_net_init(&c.net);
  mbedtls_ssl_init(&ssl);
  mbedtls_ssl_config_init(&conf);
  heap_limit = o.heap;
  heap_peak = heap_used;
  clock_unset = o.clock_unset;
  mbedtls_debug_set_threshold(o.debug);
  uint32_t flags = 0;
  int ret, mqtt = -1, alert = -1;
  const char *stage = "connect";

  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  say("  . Device time is %04d-%02d-%02dT%02d:%02d:%02dZ\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
      tm.tm_min, tm.tm_sec);
  say("  . Connecting to tcp/%s/%s...", o.host, o.port);
  if ((ret = mbedtls_net_connect(&c.net, o.host, o.port, MBEDTLS_NET_PROTO_TCP)) != 0) {
    fail("mbedtls_net_connect", ret);
    goto done;
  }
  say(" ok\n  . Setting up the SSL/TLS structure...");
  stage = "setup";
  if ((ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
    fail("mbedtls_ssl_config_defaults", ret);
    goto done;
  }
  mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3); /* TLS 1.2 */
  mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
  mbedtls_ssl_conf_ca_chain(&conf, &roots, NULL);
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
  mbedtls_ssl_conf_dbg(&conf, debug_cb, NULL);
  mbedtls_ssl_conf_read_timeout(&conf, (uint32_t)o.timeout_ms);
  if (!o.library_suites) mbedtls_ssl_conf_ciphersuites(&conf, MODERN_SUITES);
  if (o.mfl) {
    unsigned char code = o.mfl == 512 ? MBEDTLS_SSL_MAX_FRAG_LEN_512
                         : o.mfl == 1024 ? MBEDTLS_SSL_MAX_FRAG_LEN_1024
                         : o.mfl == 2048 ? MBEDTLS_SSL_MAX_FRAG_LEN_2048
                                         : MBEDTLS_SSL_MAX_FRAG_LEN_4096;
    mbedtls_ssl_conf_max_frag_len(&conf, code);
  }
  if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) {
    fail("mbedtls_ssl_setup", ret);
    goto done;
  }
  if ((ret = mbedtls_ssl_set_hostname(&ssl, o.name)) != 0) {
    fail("mbedtls_ssl_set_hostname", ret);
    goto done;
  }
  mbedtls_ssl_set_bio(&ssl, &c, send_cb, NULL, recv_cb);
  say(" ok\n  . Performing the SSL/TLS handshake...");
  stage = "handshake";
  while ((ret = mbedtls_ssl_handshake(&ssl)) != 0) {
    if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) break;
  }
  flags = mbedtls_ssl_get_verify_result(&ssl);
  if (ret != 0) {
    fail("mbedtls_ssl_handshake", ret);
    if (ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE && ssl.in_msg != NULL) {
      alert = ssl.in_msg[1]; /* 2.x keeps the alert record in in_msg: level, description */
      say("  ! received fatal alert %d from the server\n", alert);
    }
    if (ssl.client_auth) say("  ! the server asked for a client certificate; this device has none\n");
    if (flags != 0 && flags != (uint32_t)-1) {
      char info[1024];
      mbedtls_x509_crt_verify_info(info, sizeof info, "  ! ", flags);
      say("  . Verifying peer X.509 certificate... failed\n%s", info);
    }
    goto done;
  }
  say(" ok\n    [ Protocol is %s ]\n    [ Ciphersuite is %s ]\n  . Verifying peer X.509 certificate... ok\n",
      mbedtls_ssl_get_version(&ssl), mbedtls_ssl_get_ciphersuite(&ssl));
  say("  . MQTT CONNECT as %s...", o.client);
  stage = "mqtt";
  mqtt = mqtt_connect(&ssl, &o);
  if (mqtt < 0) {
    ret = mqtt;
    fail("mqtt_connect", ret);
    mqtt = -1;
    goto done;
  }
  say(" CONNACK rc=%d\n", mqtt);
  if (o.sub[0] && mqtt == 0) {
    say("  . MQTT SUBSCRIBE %s...", o.sub);
    int got = mqtt_subscribe_and_receive(&ssl, o.sub);
    if (got < 0) {
      ret = got == -2 ? -1 : got;
      fail("mqtt_subscribe_and_receive", ret);
      goto done;
    }
    say(" PUBLISH of %d bytes received\n", got);
  }
  ret = 0;
  stage = "done";
  mbedtls_ssl_close_notify(&ssl);
done:
  result(stage, ret, flags, mqtt, alert, ssl.client_auth);
  mbedtls_ssl_free(&ssl);
  mbedtls_ssl_config_free(&conf);
  mbedtls_net_free(&c.net);
  heap_limit = 0;
  clock_unset = 0;
}

static void banner(void) {
  say("hubtrust native-board %s boot (mbedTLS %s, TLS 1.2, %u-byte records)\n", BOARD_VERSION, MBEDTLS_VERSION_STRING,
      (unsigned)MBEDTLS_SSL_IN_CONTENT_LEN);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  boot_time = __real_time(NULL) - 1; /* a second of uptime at the prompt */
  banner();
  mbedtls_x509_crt_init(&roots);
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  const char *pers = "hubtrust-native-board";
  int ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *)pers, strlen(pers));
  if (ret != 0) {
    say("  ! mbedtls_ctr_drbg_seed returned -0x%x\n", (unsigned)-ret);
    return 1;
  }
  size_t loaded = 0;
  for (size_t i = 0; i < hubtrust_roots_count; i++) {
    ret = mbedtls_x509_crt_parse_der(&roots, hubtrust_roots_der[i], hubtrust_roots_der_len[i]);
    if (ret == 0) loaded++;
    else say("  ! root %u rejected: -0x%x\n", (unsigned)i, (unsigned)-ret);
  }
  say("  . Loading the CA root certificate ... ok (%u roots)\n", (unsigned)loaded);
  for (mbedtls_x509_crt *c = &roots; c != NULL && c->raw.len > 0; c = c->next) {
    char name[256];
    mbedtls_x509_dn_gets(name, sizeof name, &c->subject);
    say("    [ root %s ]\n", name);
  }
  say("hubtrust> ready\n");

  static char line[8192];
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t n = strlen(line);
    if (n > 0 && line[n - 1] != '\n' && !feof(stdin)) {
      /* Over-long command: drop the rest of it. */
      int ch;
      while ((ch = getchar()) != EOF && ch != '\n') {}
      say("  ! command too long\nhubtrust> ready\n");
      continue;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (!strncmp(line, "connect ", 8)) do_connect(line + 8);
    else if (!strcmp(line, "reboot")) banner();
    else if (!strcmp(line, "crash")) {
      say("\n++ MbedOS Fault Handler ++\n\nFaultType: HardFault\n\nContext:\nR0   : 00000000\nPC   : 0800A1C4\n"
          "LR   : 08003F1B\nSP   : 20007F80\n\n-- MbedOS Fault Handler --\n");
      for (;;) pause(); /* halted, as a faulted MCU without a watchdog: only a reset helps */
    } else if (!strncmp(line, "echo ", 5)) say("%s\n", line + 5);
    else if (n > 0) say("  ! unknown command\n");
    say("hubtrust> ready\n");
  }
  return 0;
}
