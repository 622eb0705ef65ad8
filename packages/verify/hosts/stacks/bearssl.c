/*
 * BearSSL 0.6 (Debian libbearssl-dev) verifying a chain the way br_ssl_client_init_full's
 * client does:
 *
 *  - trust anchors made from the root certificates by BearSSL's own decoder (br_x509_decoder:
 *    subject DN, public key, BR_X509_TA_CA when basicConstraints says cA), as the brssl tool
 *    and the Arduino/ESP8266 BearSSL ports build them; a root the decoder refuses is left out;
 *  - the minimal engine (br_x509_minimal_init_full: RSA, ECDSA, SHA-1/2), fed the peer's
 *    certificates in the order received (start_chain with the server name, start_cert / append
 *    / end_cert per certificate, end_chain), its clock not set, so it reads time();
 *  - on success, get_pkey's usages must allow signing (ECDHE suites), as the handshake checks.
 *
 * The detail is the BR_ERR_X509_* code of end_chain (or of the decoder for an anchor).
 */
#include "harness.h"

#include <bearssl.h>

static void hs_setup(void) {}

static const char *err_name(int err) {
  switch (err) {
#define E(x) \
  case BR_ERR_X509_##x: \
    return #x;
    E(OK) E(INVALID_VALUE) E(TRUNCATED) E(EMPTY_CHAIN) E(INNER_TRUNC) E(BAD_TAG_CLASS) E(BAD_TAG_VALUE)
    E(INDEFINITE_LENGTH) E(EXTRA_ELEMENT) E(UNEXPECTED) E(NOT_CONSTRUCTED) E(NOT_PRIMITIVE)
    E(PARTIAL_BYTE) E(BAD_BOOLEAN) E(OVERFLOW) E(BAD_DN) E(BAD_TIME) E(UNSUPPORTED) E(LIMIT_EXCEEDED)
    E(WRONG_KEY_TYPE) E(BAD_SIGNATURE) E(TIME_UNKNOWN) E(EXPIRED) E(DN_MISMATCH) E(BAD_SERVER_NAME)
    E(CRITICAL_EXTENSION) E(NOT_CA) E(FORBIDDEN_KEY_USAGE) E(WEAK_PUBLIC_KEY) E(NOT_TRUSTED)
#undef E
    default:
      return "?";
  }
}

/** A growing byte buffer for the DN the decoder streams out. */
typedef struct dn_buf {
  unsigned char *data;
  size_t len, cap;
  int overflow;
} dn_buf;

static void append_dn(void *ctx, const void *buf, size_t len) {
  dn_buf *d = ctx;
  if (d->len + len > d->cap) {
    d->overflow = 1;
    return;
  }
  memcpy(d->data + d->len, buf, len);
  d->len += len;
}

static unsigned char *copy(const void *p, size_t n) {
  unsigned char *out = malloc(n ? n : 1);
  if (!out) hs_die("out of memory", NULL);
  memcpy(out, p, n);
  return out;
}

/** Decodes one root into a trust anchor; 0 when BearSSL's decoder refuses it. */
static int make_anchor(const hs_cert *root, br_x509_trust_anchor *ta, int *err) {
  static br_x509_decoder_context dc;
  dn_buf dn = {malloc(root->len), 0, root->len, 0};
  if (!dn.data) hs_die("out of memory", NULL);
  br_x509_decoder_init(&dc, append_dn, &dn);
  br_x509_decoder_push(&dc, root->der, root->len);
  const br_x509_pkey *pk = br_x509_decoder_get_pkey(&dc);
  *err = br_x509_decoder_last_error(&dc);
  if (!pk || dn.overflow) {
    free(dn.data);
    return 0;
  }
  memset(ta, 0, sizeof *ta);
  ta->dn.data = dn.data;
  ta->dn.len = dn.len;
  ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
  ta->pkey.key_type = pk->key_type;
  if (pk->key_type == BR_KEYTYPE_RSA) {
    ta->pkey.key.rsa.n = copy(pk->key.rsa.n, pk->key.rsa.nlen);
    ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
    ta->pkey.key.rsa.e = copy(pk->key.rsa.e, pk->key.rsa.elen);
    ta->pkey.key.rsa.elen = pk->key.rsa.elen;
  } else {
    ta->pkey.key.ec.curve = pk->key.ec.curve;
    ta->pkey.key.ec.q = copy(pk->key.ec.q, pk->key.ec.qlen);
    ta->pkey.key.ec.qlen = pk->key.ec.qlen;
  }
  return 1;
}

static void free_anchor(br_x509_trust_anchor *ta) {
  free(ta->dn.data);
  if (ta->pkey.key_type == BR_KEYTYPE_RSA) {
    free(ta->pkey.key.rsa.n);
    free(ta->pkey.key.rsa.e);
  } else {
    free(ta->pkey.key.ec.q);
  }
}

static int hs_verify(const hs_case *c, char *detail, size_t n) {
  static br_x509_trust_anchor tas[HS_MAX_CERTS];
  static br_x509_minimal_context xc;
  size_t n_ta = 0;
  int last_err = 0;
  for (size_t i = 0; i < c->n_roots; i++) {
    int err;
    if (make_anchor(&c->roots[i], &tas[n_ta], &err))
      n_ta++;
    else
      last_err = err;
  }
  int ok = 0;
  if (n_ta == 0) {
    snprintf(detail, n, "no-trust-anchor-decoded:%d:%s", last_err, err_name(last_err));
    return 0;
  }
  br_x509_minimal_init_full(&xc, tas, n_ta);
  const br_x509_class **vt = &xc.vtable;
  (*vt)->start_chain(vt, c->host);
  const hs_cert *peer[HS_MAX_CERTS + 1];
  size_t n_peer = 0;
  peer[n_peer++] = &c->leaf;
  for (size_t i = 0; i < c->n_ints; i++) peer[n_peer++] = &c->ints[i];
  for (size_t i = 0; i < n_peer; i++) {
    (*vt)->start_cert(vt, (uint32_t)peer[i]->len);
    (*vt)->append(vt, peer[i]->der, peer[i]->len);
    (*vt)->end_cert(vt);
  }
  unsigned err = (*vt)->end_chain(vt);
  if (err == 0) {
    unsigned usages = 0;
    const br_x509_pkey *pk = (*vt)->get_pkey(vt, &usages);
    if (!pk) {
      snprintf(detail, n, "no-ee-key");
    } else if (c->purpose != HS_ANY && !(usages & BR_KEYTYPE_SIGN)) {
      snprintf(detail, n, "ee-key-usage-forbids-signing:0x%x", usages);
    } else {
      snprintf(detail, n, "0:OK");
      ok = 1;
    }
  } else {
    snprintf(detail, n, "%u:%s", err, err_name((int)err));
  }
  for (size_t i = 0; i < n_ta; i++) free_anchor(&tas[i]);
  return ok;
}

HS_MAIN
