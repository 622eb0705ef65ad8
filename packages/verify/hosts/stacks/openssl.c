/*
 * OpenSSL 3.0 (Debian libssl-dev) verifying a chain the way its TLS client does
 * (ssl/ssl_cert.c ssl_verify_cert_chain, SSL_VERIFY_PEER):
 *
 *  - an X509_STORE holding the trust anchors (X509_STORE_add_cert), no flags (no
 *    X509_V_FLAG_PARTIAL_CHAIN, no X509_V_FLAG_X509_STRICT: SSL's defaults);
 *  - X509_STORE_CTX_init with the leaf and the other certificates as the untrusted stack;
 *  - X509_STORE_CTX_set_default(ctx, "ssl_server") (purpose sslserver, trust SSL client; the
 *    "ssl_client" default for a client certificate), as ssl_verify_cert_chain does;
 *  - the security level's auth level: 1, OpenSSL's built-in default (OPENSSL_TLS_SECURITY_LEVEL;
 *    Debian's openssl.cnf raises SSL contexts to 2, which refuses RSA < 2048 as well);
 *  - the host name with X509_VERIFY_PARAM_set1_host (SSL_set1_host), default host flags.
 *
 * A certificate that does not parse (d2i_X509) fails the handshake for the peer's chain
 * (tls_process_server_certificate: SSL_R_ASN1_LIB) and is left out of the trust store.
 */
#include "harness.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

static void hs_setup(void) {}

static X509 *parse(const hs_cert *c) {
  const unsigned char *p = c->der;
  X509 *x = d2i_X509(NULL, &p, (long)c->len);
  if (x && p != c->der + c->len) {
    X509_free(x);
    return NULL;
  }
  return x;
}

static int hs_verify(const hs_case *c, char *detail, size_t n) {
  int ok = 0;
  X509_STORE *store = X509_STORE_new();
  X509_STORE_CTX *ctx = X509_STORE_CTX_new();
  STACK_OF(X509) *untrusted = sk_X509_new_null();
  X509 *leaf = parse(&c->leaf);
  if (!store || !ctx || !untrusted) {
    snprintf(detail, n, "out-of-memory");
    goto done;
  }
  if (!leaf) {
    snprintf(detail, n, "parse-peer[0]");
    goto done;
  }
  for (size_t i = 0; i < c->n_ints; i++) {
    X509 *x = parse(&c->ints[i]);
    if (!x) {
      snprintf(detail, n, "parse-peer[%zu]", i + 1);
      goto done;
    }
    sk_X509_push(untrusted, x);
  }
  size_t roots = 0;
  for (size_t i = 0; i < c->n_roots; i++) {
    X509 *x = parse(&c->roots[i]);
    if (!x) continue;
    if (X509_STORE_add_cert(store, x) == 1) roots++;
    X509_free(x);
  }
  ERR_clear_error();
  if (roots == 0) {
    snprintf(detail, n, "no-trust-anchor-parsed");
    goto done;
  }
  if (X509_STORE_CTX_init(ctx, store, leaf, untrusted) != 1) {
    snprintf(detail, n, "ctx-init");
    goto done;
  }
  X509_STORE_CTX_set_default(ctx, c->purpose == HS_CLIENT ? "ssl_client" : "ssl_server");
  X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
  X509_VERIFY_PARAM_set_auth_level(param, 1);
  if (c->purpose == HS_ANY) X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_ANY);
  if (c->host && X509_VERIFY_PARAM_set1_host(param, c->host, 0) != 1) {
    snprintf(detail, n, "set1_host");
    goto done;
  }
  int r = X509_verify_cert(ctx);
  int err = X509_STORE_CTX_get_error(ctx);
  snprintf(detail, n, "%d:%s@%d", err, X509_verify_cert_error_string(err), X509_STORE_CTX_get_error_depth(ctx));
  for (char *s = detail; *s; s++)
    if (*s == ' ') *s = '_';
  ok = r == 1 && err == X509_V_OK;
done:
  ERR_clear_error();
  X509_free(leaf);
  sk_X509_pop_free(untrusted, X509_free);
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return ok;
}

HS_MAIN
