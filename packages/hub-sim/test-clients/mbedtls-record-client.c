/*
 * A TLS 1.2 client on the system's mbedTLS (Debian: 2.28, built with 16 KiB input buffers) for
 * hub-sim's record-size tests. It connects, verifies the hub's chain and host name, sends the
 * bytes given in hex (an MQTT CONNECT + SUBSCRIBE, or an HTTP request), then reads application
 * data until it has `--want` bytes, the peer closes, or an error. One JSON line on stdout says
 * what happened; the application data goes to `--out`.
 *
 * --mfl N offers RFC 6066 max_fragment_length N (mbedtls_ssl_conf_max_frag_len).
 *
 * --emulate-in-content-len N EMULATES a device built with MBEDTLS_SSL_IN_CONTENT_LEN = N on this
 * 16 KiB library, in the receive callback, with the checks mbedTLS 2.28 makes on every record
 * (library/ssl_msg.c):
 *   - ssl_get_next_record() fetches the whole record into the input buffer; the buffer holds
 *     MBEDTLS_SSL_IN_BUFFER_LEN = 13 + MBEDTLS_SSL_PAYLOAD_OVERHEAD + IN_CONTENT_LEN bytes and in
 *     TLS the record header starts 8 bytes in, so mbedtls_ssl_fetch_input() refuses a record whose
 *     length field exceeds IN_CONTENT_LEN + MBEDTLS_SSL_PAYLOAD_OVERHEAD with "requesting more
 *     data than fits", MBEDTLS_ERR_SSL_BAD_INPUT_DATA (-0x7100). MBEDTLS_SSL_PAYLOAD_OVERHEAD
 *     comes from the installed mbedtls/ssl_internal.h: IV 16 + MAC 48 (SHA-512 enabled) +
 *     padding 256 (CBC enabled) = 320 with Debian's configuration, so 4,416 for a 4 KiB build;
 *   - ssl_prepare_record_content() then refuses a record whose (decrypted) content exceeds
 *     IN_CONTENT_LEN: "bad message length", MBEDTLS_ERR_SSL_INVALID_RECORD (-0x7200). Encrypted
 *     records are sized by the negotiated suite's expansion (mbedtls_ssl_get_record_expansion()).
 * Neither sends an alert. On any failure the client closes the socket at once, without
 * close_notify, as a device does; the unread rest of the record makes the kernel send a reset.
 * This is emulation: the library's own buffers stay 16 KiB, and handshake reassembly, memory use
 * and everything else are those of the 16 KiB build.
 *
 * Build: gcc -O1 -o client mbedtls-record-client.c -lmbedtls -lmbedx509 -lmbedcrypto
 */
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_internal.h>
#include <mbedtls/x509_crt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEND_BYTES 65536
#define READ_CHUNK 4096

/* The receive side: the socket, and the record stream as it passes by (header, then body). */
struct tap {
    mbedtls_net_context net;
    mbedtls_ssl_context *ssl;
    size_t content_len; /* emulated MBEDTLS_SSL_IN_CONTENT_LEN; 0 = no emulation */
    unsigned char header[5];
    size_t header_fill;
    size_t body_left;
    int encrypted; /* the server's ChangeCipherSpec has passed */
    int last_type;
    size_t largest;
    const char *emulated_error; /* set when the emulation refused a record */
};

/* Returns 0, or the error a build with `content_len` returns for a record of this header. */
static int check_record(struct tap *t, size_t length)
{
    if (length > t->largest)
        t->largest = length;
    if (t->content_len == 0)
        return 0;
    if (length > t->content_len + MBEDTLS_SSL_PAYLOAD_OVERHEAD) {
        t->emulated_error = "requesting more data than fits";
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    size_t content = length;
    if (t->encrypted) {
        int expansion = mbedtls_ssl_get_record_expansion(t->ssl) - 5;
        if (expansion > 0 && (size_t) expansion < length)
            content = length - (size_t) expansion;
    }
    if (content > t->content_len) {
        t->emulated_error = "bad message length";
        return MBEDTLS_ERR_SSL_INVALID_RECORD;
    }
    return 0;
}

/* mbedTLS asks for exactly one record header, then exactly the rest of that record (TLS,
 * mbedtls_ssl_fetch_input), so a call never spans two records; the loop handles any split. */
static int tap_recv(void *ctx, unsigned char *buf, size_t len, uint32_t timeout)
{
    struct tap *t = ctx;
    int n = mbedtls_net_recv_timeout(&t->net, buf, len, timeout);
    if (n <= 0)
        return n;
    for (size_t i = 0; i < (size_t) n;) {
        if (t->body_left > 0) {
            size_t take = (size_t) n - i < t->body_left ? (size_t) n - i : t->body_left;
            i += take;
            t->body_left -= take;
            if (t->body_left == 0 && t->last_type == MBEDTLS_SSL_MSG_CHANGE_CIPHER_SPEC)
                t->encrypted = 1;
            continue;
        }
        t->header[t->header_fill++] = buf[i++];
        if (t->header_fill < 5)
            continue;
        t->header_fill = 0;
        t->last_type = t->header[0];
        t->body_left = ((size_t) t->header[3] << 8) | t->header[4];
        int refused = check_record(t, t->body_left);
        if (refused != 0)
            return refused;
    }
    return n;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static const char *arg(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; i += 2)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

static const char *stage = "connect";
static int result_error = 0;

static void report(struct tap *t, size_t received, const char *version, const char *suite)
{
    char text[200] = "";
    if (result_error != 0)
        mbedtls_strerror(result_error, text, sizeof text);
    for (char *p = text; *p; p++)
        if (*p == '"' || *p == '\\')
            *p = '\'';
    printf("{\"stage\":\"%s\",\"error\":%d,\"errorHex\":\"%s0x%04X\",\"errorText\":\"%s\","
           "\"emulatedError\":%s%s%s,\"version\":\"%s\",\"suite\":\"%s\",\"maxFragmentLength\":%u,"
           "\"received\":%zu,\"largestRecord\":%zu,\"emulatedInContentLen\":%zu,\"emulatedRecordLimit\":%zu}\n",
           stage, result_error, result_error < 0 ? "-" : "", (unsigned) (result_error < 0 ? -result_error : result_error),
           text, t->emulated_error ? "\"" : "", t->emulated_error ? t->emulated_error : "null",
           t->emulated_error ? "\"" : "", version, suite,
           (unsigned) (t->ssl ? mbedtls_ssl_get_output_max_frag_len(t->ssl) : 0), received, t->largest,
           t->content_len, t->content_len ? t->content_len + MBEDTLS_SSL_PAYLOAD_OVERHEAD : 0);
}

int main(int argc, char **argv)
{
    const char *host = arg(argc, argv, "--host", "127.0.0.1");
    const char *port = arg(argc, argv, "--port", NULL);
    const char *servername = arg(argc, argv, "--servername", NULL);
    const char *ca = arg(argc, argv, "--ca", NULL);
    const char *send_hex = arg(argc, argv, "--send-hex", "");
    const char *out_path = arg(argc, argv, "--out", NULL);
    unsigned long mfl = strtoul(arg(argc, argv, "--mfl", "0"), NULL, 10);
    unsigned long want = strtoul(arg(argc, argv, "--want", "0"), NULL, 10);
    unsigned long timeout_ms = strtoul(arg(argc, argv, "--timeout-ms", "20000"), NULL, 10);
    size_t content_len = strtoul(arg(argc, argv, "--emulate-in-content-len", "0"), NULL, 10);
    if (!port || !servername || !ca || !out_path || content_len > MBEDTLS_SSL_IN_CONTENT_LEN) {
        fprintf(stderr, "usage: %s --port N --servername NAME --ca FILE --out FILE [--host H] [--mfl 512|1024|2048|4096]"
                        " [--emulate-in-content-len N] [--send-hex HEX] [--want BYTES] [--timeout-ms MS]\n", argv[0]);
        return 2;
    }
    size_t hex_len = strlen(send_hex);
    if (hex_len % 2 != 0 || hex_len / 2 > MAX_SEND_BYTES) {
        fprintf(stderr, "--send-hex: an even number of hex digits, at most %d bytes\n", MAX_SEND_BYTES);
        return 2;
    }
    static unsigned char to_send[MAX_SEND_BYTES];
    for (size_t i = 0; i < hex_len / 2; i++) {
        int hi = hex_value(send_hex[2 * i]), lo = hex_value(send_hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            fprintf(stderr, "--send-hex: not hex\n");
            return 2;
        }
        to_send[i] = (unsigned char) (hi * 16 + lo);
    }
    unsigned char mfl_code = mfl == 512    ? MBEDTLS_SSL_MAX_FRAG_LEN_512
                             : mfl == 1024 ? MBEDTLS_SSL_MAX_FRAG_LEN_1024
                             : mfl == 2048 ? MBEDTLS_SSL_MAX_FRAG_LEN_2048
                             : mfl == 4096 ? MBEDTLS_SSL_MAX_FRAG_LEN_4096
                                           : MBEDTLS_SSL_MAX_FRAG_LEN_NONE;
    if (mfl != 0 && mfl_code == MBEDTLS_SSL_MAX_FRAG_LEN_NONE) {
        fprintf(stderr, "--mfl: one of 512, 1024, 2048, 4096\n");
        return 2;
    }
    FILE *out = fopen(out_path, "wb");
    if (!out) {
        perror(out_path);
        return 2;
    }

    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt trusted;
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    struct tap tap;
    memset(&tap, 0, sizeof tap);
    mbedtls_net_init(&tap.net);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_x509_crt_init(&trusted);
    mbedtls_ssl_config_init(&conf);
    mbedtls_ssl_init(&ssl);
    tap.content_len = content_len;
    size_t received = 0;
    int ret;

    stage = "setup";
    if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0)) != 0 ||
        (ret = mbedtls_x509_crt_parse_file(&trusted, ca)) != 0 ||
        (ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                           MBEDTLS_SSL_PRESET_DEFAULT)) != 0)
        goto done;
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&conf, &trusted, NULL);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_read_timeout(&conf, (uint32_t) timeout_ms);
    if (mfl_code != MBEDTLS_SSL_MAX_FRAG_LEN_NONE && (ret = mbedtls_ssl_conf_max_frag_len(&conf, mfl_code)) != 0)
        goto done;
    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0 || (ret = mbedtls_ssl_set_hostname(&ssl, servername)) != 0)
        goto done;
    tap.ssl = &ssl;

    stage = "connect";
    if ((ret = mbedtls_net_connect(&tap.net, host, port, MBEDTLS_NET_PROTO_TCP)) != 0)
        goto done;
    mbedtls_ssl_set_bio(&ssl, &tap, mbedtls_net_send, NULL, tap_recv);
    /* mbedtls_net_send takes the mbedtls_net_context, the first member of struct tap. */

    stage = "handshake";
    while ((ret = mbedtls_ssl_handshake(&ssl)) != 0)
        if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE)
            goto done;

    stage = "write";
    for (size_t sent = 0; sent < hex_len / 2;) {
        ret = mbedtls_ssl_write(&ssl, to_send + sent, hex_len / 2 - sent);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue;
        if (ret < 0)
            goto done;
        sent += (size_t) ret;
    }

    stage = "read";
    static unsigned char chunk[READ_CHUNK];
    while (want == 0 || received < want) {
        ret = mbedtls_ssl_read(&ssl, chunk, sizeof chunk);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue;
        if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            ret = 0;
            break;
        }
        if (ret < 0)
            goto done;
        fwrite(chunk, 1, (size_t) ret, out);
        received += (size_t) ret;
    }
    ret = 0;
    stage = "done";
    mbedtls_ssl_close_notify(&ssl);

done:
    result_error = ret;
    int established = strcmp(stage, "write") == 0 || strcmp(stage, "read") == 0 || strcmp(stage, "done") == 0;
    const char *suite = established ? mbedtls_ssl_get_ciphersuite(&ssl) : NULL;
    report(&tap, received, established ? mbedtls_ssl_get_version(&ssl) : "", suite ? suite : "");
    fclose(out);
    /* Close at once: after a failure a device does not drain the socket. */
    mbedtls_net_free(&tap.net);
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&trusted);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return ret == 0 ? 0 : 1;
}
