/*
 * mbedTLS 2.28 (Debian libmbedtls-dev) verifying a chain the way its TLS client does
 * (library/ssl_tls.c, ssl_parse_certificate_chain + ssl_parse_certificate_verify, authmode
 * REQUIRED):
 *
 *  - the peer's certificates are parsed in the order received with mbedtls_x509_crt_parse_der;
 *    one with an unknown signature algorithm is skipped, any other parse error fails the
 *    handshake (MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE);
 *  - trust anchors are parsed one by one into the CA list; one that does not parse is left out
 *    (as mbedtls_x509_crt_parse does for a PEM bundle);
 *  - mbedtls_x509_crt_verify (the default profile mbedtls_x509_crt_profile_default: SHA-2 only,
 *    RSA >= 2048, any curve) with the host name as the expected CN;
 *  - mbedtls_ssl_check_cert_usage on the leaf: keyUsage digitalSignature (ECDHE suites) and
 *    extendedKeyUsage serverAuth (clientAuth for a client certificate), each only if present.
 *
 * The detail also says what a build without MBEDTLS_HAVE_TIME_DATE would decide ("noclock:"):
 * there mbedtls_x509_time_is_past/is_future always return 0. A second verification runs with a
 * verify callback that clears EXPIRED/FUTURE from every certificate's flags before anything else
 * looks at them (x509_crt_merge_flags_with_cb calls it per certificate); only the parent search's
 * preference for time-valid parents (x509_crt_find_parent_in) still sees the clock.
 *
 * Built a second time with -DHS_ESP_CRT_BUNDLE as the esp-crt-bundle harness: ESP-IDF's
 * certificate bundle (components/mbedtls/esp_crt_bundle/esp_crt_bundle.c) keeps only the subject
 * DER and the public key of each root (gen_crt_bundle.py reads them with Python cryptography,
 * which does not interpret extensions: the harness walks the DER the same way). mbedTLS verifies
 * against a dummy CA list, so the top of the peer's chain ends NOT_TRUSTED; the verify callback (esp_crt_verify_callback) then looks the
 * top certificate's issuer up in the bundle (memcmp over the shorter length, as
 * esp_crt_find_cert does), checks its signature with the bundle key (RSA PKCS#1 v1.5 or ECDSA,
 * esp_crt_check_signature) and clears all its flags; a certificate with any flag besides
 * NOT_TRUSTED (BAD_MD excepted) is left failing, and a missing or wrong issuer fails the
 * verification (MBEDTLS_ERR_X509_CERT_VERIFY_FAILED). Reimplemented from that description; this
 * harness runs it on mbedTLS 2.28 where ESP-IDF 5 runs mbedTLS 3.x.
 */
#include "harness.h"

#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>

static void hs_setup(void) {}

/** Verify callback of the no-clock run: the time flags of a build without a clock are never set. */
static int clear_time_flags(uint32_t *flags) {
  *flags &= ~(uint32_t)(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE);
  return 0;
}

#ifdef HS_ESP_CRT_BUNDLE
#include <mbedtls/asn1.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>

/** The bundle: subject DER and public key of each root, nothing else. */
typedef struct bundle_entry {
  unsigned char *name, *key;
  size_t name_len, key_len;
} bundle_entry;

static bundle_entry bundle[HS_MAX_CERTS];
static size_t bundle_len;

/** One DER TLV at *p (< end): its whole extent in *tlv / *tlv_len; *p moves past it. -1 if malformed. */
static int der_next(unsigned char **p, const unsigned char *end, int tag, unsigned char **tlv, size_t *tlv_len) {
  unsigned char *start = *p;
  size_t len;
  if (*p >= end || **p != tag) return -1;
  (*p)++;
  if (mbedtls_asn1_get_len(p, end, &len) != 0) return -1;
  *p += len;
  *tlv = start;
  *tlv_len = (size_t)(*p - start);
  return 0;
}

/**
 * The subject and SubjectPublicKeyInfo TLVs of a certificate, read by walking its DER as
 * ESP-IDF's gen_crt_bundle.py reads them with Python cryptography (x509.load_der_x509_certificate,
 * subject.public_bytes, public_key().public_bytes): the extensions are not interpreted, so a
 * root with a critical extension mbedTLS 2.28 cannot parse still goes into the bundle.
 */
static int cert_subject_and_key(const hs_cert *cert, unsigned char **name, size_t *name_len, unsigned char **key,
                                size_t *key_len) {
  unsigned char *p = (unsigned char *)cert->der, *end = p + cert->len, *tlv;
  size_t len, skip;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) return -1;
  end = p + len;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) return -1;
  end = p + len; /* tbsCertificate */
  if (p < end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED) &&
      der_next(&p, end, *p, &tlv, &skip) != 0)
    return -1; /* version */
  if (der_next(&p, end, MBEDTLS_ASN1_INTEGER, &tlv, &skip) != 0) return -1;
  if (der_next(&p, end, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE, &tlv, &skip) != 0) return -1;
  if (der_next(&p, end, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE, &tlv, &skip) != 0) return -1; /* issuer */
  if (der_next(&p, end, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE, &tlv, &skip) != 0) return -1; /* validity */
  if (der_next(&p, end, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE, name, name_len) != 0) return -1;
  return der_next(&p, end, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE, key, key_len);
}

static void bundle_load(const hs_case *c) {
  bundle_len = 0;
  for (size_t i = 0; i < c->n_roots; i++) {
    unsigned char *name, *key;
    size_t name_len, key_len;
    if (cert_subject_and_key(&c->roots[i], &name, &name_len, &key, &key_len) != 0) continue;
    mbedtls_pk_context pk; /* a key mbedTLS cannot load could never verify anything */
    mbedtls_pk_init(&pk);
    int ret = mbedtls_pk_parse_public_key(&pk, key, key_len);
    mbedtls_pk_free(&pk);
    if (ret != 0) continue;
    bundle_entry *e = &bundle[bundle_len++];
    e->name_len = name_len;
    e->name = malloc(name_len);
    e->key_len = key_len;
    e->key = malloc(key_len);
    if (!e->name || !e->key) hs_die("out of memory", NULL);
    memcpy(e->name, name, name_len);
    memcpy(e->key, key, key_len);
  }
}

static void bundle_free(void) {
  for (size_t i = 0; i < bundle_len; i++) {
    free(bundle[i].name);
    free(bundle[i].key);
  }
  bundle_len = 0;
}

static const bundle_entry *bundle_find(const unsigned char *issuer, size_t len) {
  for (size_t i = 0; i < bundle_len; i++) {
    size_t n = len < bundle[i].name_len ? len : bundle[i].name_len;
    if (len > 0 && memcmp(issuer, bundle[i].name, n) == 0) return &bundle[i];
  }
  return NULL;
}

/** The child's signature checked with a bundle key: PKCS#1 v1.5 for RSA, ECDSA for EC, SHA-1/2 only. */
static int bundle_check_signature(const mbedtls_x509_crt *child, const bundle_entry *e) {
  if (child->sig_md != MBEDTLS_MD_SHA1 && child->sig_md != MBEDTLS_MD_SHA256 && child->sig_md != MBEDTLS_MD_SHA384 &&
      child->sig_md != MBEDTLS_MD_SHA512)
    return -1;
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  int ret = mbedtls_pk_parse_public_key(&pk, e->key, e->key_len);
  const mbedtls_md_info_t *md = mbedtls_md_info_from_type(child->sig_md);
  unsigned char hash[MBEDTLS_MD_MAX_SIZE];
  if (ret == 0 && (md == NULL || mbedtls_md(md, child->tbs.p, child->tbs.len, hash) != 0)) ret = -1;
  if (ret == 0) ret = mbedtls_pk_verify(&pk, child->sig_md, hash, mbedtls_md_get_size(md), child->sig.p, child->sig.len);
  mbedtls_pk_free(&pk);
  return ret;
}

static int bundle_verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
  (void)depth;
  if (ctx) clear_time_flags(flags);
  if ((*flags & ~(uint32_t)MBEDTLS_X509_BADCERT_BAD_MD) != MBEDTLS_X509_BADCERT_NOT_TRUSTED) return 0;
  const bundle_entry *e = bundle_find(crt->issuer_raw.p, crt->issuer_raw.len);
  if (e && bundle_check_signature(crt, e) == 0) {
    *flags = 0;
    return 0;
  }
  return MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
}
#endif

static const struct {
  uint32_t flag;
  const char *name;
} FLAGS[] = {
    {MBEDTLS_X509_BADCERT_EXPIRED, "EXPIRED"},
    {MBEDTLS_X509_BADCERT_REVOKED, "REVOKED"},
    {MBEDTLS_X509_BADCERT_CN_MISMATCH, "CN_MISMATCH"},
    {MBEDTLS_X509_BADCERT_NOT_TRUSTED, "NOT_TRUSTED"},
    {MBEDTLS_X509_BADCERT_MISSING, "MISSING"},
    {MBEDTLS_X509_BADCERT_SKIP_VERIFY, "SKIP_VERIFY"},
    {MBEDTLS_X509_BADCERT_OTHER, "OTHER"},
    {MBEDTLS_X509_BADCERT_FUTURE, "FUTURE"},
    {MBEDTLS_X509_BADCERT_KEY_USAGE, "KEY_USAGE"},
    {MBEDTLS_X509_BADCERT_EXT_KEY_USAGE, "EXT_KEY_USAGE"},
    {MBEDTLS_X509_BADCERT_NS_CERT_TYPE, "NS_CERT_TYPE"},
    {MBEDTLS_X509_BADCERT_BAD_MD, "BAD_MD"},
    {MBEDTLS_X509_BADCERT_BAD_PK, "BAD_PK"},
    {MBEDTLS_X509_BADCERT_BAD_KEY, "BAD_KEY"},
};

static void flag_names(uint32_t flags, char *out, size_t n) {
  size_t at = 0;
  out[0] = 0;
  for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++) {
    if ((flags & FLAGS[i].flag) && at < n)
      at += (size_t)snprintf(out + at, n - at, "%s%s", at ? "|" : "", FLAGS[i].name);
  }
}

static void error_text(int ret, char *out, size_t n) {
  char text[160];
  mbedtls_strerror(ret, text, sizeof text);
  for (char *s = text; *s; s++)
    if (*s == ' ') *s = '_';
  snprintf(out, n, "-0x%04x:%s", (unsigned)-ret, text);
}

/** mbedtls_ssl_check_cert_usage's checks on the peer's leaf (ECDHE key exchange). */
static uint32_t usage_flags(const mbedtls_x509_crt *leaf, enum hs_purpose purpose) {
  uint32_t flags = 0;
  if (purpose == HS_ANY) return 0;
  if (mbedtls_x509_crt_check_key_usage(leaf, MBEDTLS_X509_KU_DIGITAL_SIGNATURE) != 0)
    flags |= MBEDTLS_X509_BADCERT_KEY_USAGE;
  const char *oid = purpose == HS_CLIENT ? MBEDTLS_OID_CLIENT_AUTH : MBEDTLS_OID_SERVER_AUTH;
  size_t len = purpose == HS_CLIENT ? MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH) : MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH);
  if (mbedtls_x509_crt_check_extended_key_usage(leaf, oid, len) != 0) flags |= MBEDTLS_X509_BADCERT_EXT_KEY_USAGE;
  return flags;
}

#ifdef HS_ESP_CRT_BUNDLE
#define VERIFY_CB bundle_verify_cb
#else
static int plain_verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
  (void)crt;
  (void)depth;
  return ctx ? clear_time_flags(flags) : 0;
}
#define VERIFY_CB plain_verify_cb
#endif

/** One mbedtls_x509_crt_verify (no_clock: as a build without a clock) plus the usage checks. */
static int verify_once(mbedtls_x509_crt *chain, mbedtls_x509_crt *ca, const hs_case *c, int no_clock,
                       uint32_t *flags) {
  static int no_clock_marker;
  *flags = 0;
  int ret = mbedtls_x509_crt_verify(chain, ca, NULL, c->host, flags, VERIFY_CB, no_clock ? &no_clock_marker : NULL);
  if (ret != 0 && ret != MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) return ret;
  *flags |= usage_flags(chain, c->purpose);
  return 0;
}

static int hs_verify(const hs_case *c, char *detail, size_t n) {
  mbedtls_x509_crt chain, ca;
  mbedtls_x509_crt_init(&chain);
  mbedtls_x509_crt_init(&ca);
  int ok = 0;
  char err[200];
  const hs_cert *peer[HS_MAX_CERTS + 1];
  size_t n_peer = 0;
  peer[n_peer++] = &c->leaf;
  for (size_t i = 0; i < c->n_ints; i++) peer[n_peer++] = &c->ints[i];
  for (size_t i = 0; i < n_peer; i++) {
    int ret = mbedtls_x509_crt_parse_der(&chain, peer[i]->der, peer[i]->len);
    if (ret == MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG + MBEDTLS_ERR_OID_NOT_FOUND && i > 0) continue;
    if (ret != 0) {
      error_text(ret, err, sizeof err);
      snprintf(detail, n, "parse-peer[%zu]:%s noclock:REJECT", i, err);
      goto done;
    }
  }
#ifdef HS_ESP_CRT_BUNDLE
  bundle_load(c);
  if (bundle_len == 0) {
    snprintf(detail, n, "no-trust-anchor-parsed noclock:REJECT");
    goto done;
  }
  /* ca stays empty: the dummy CA list of esp_crt_bundle_attach */
#else
  size_t roots = 0;
  for (size_t i = 0; i < c->n_roots; i++)
    if (mbedtls_x509_crt_parse_der(&ca, c->roots[i].der, c->roots[i].len) == 0) roots++;
  if (roots == 0) {
    snprintf(detail, n, "no-trust-anchor-parsed noclock:REJECT");
    goto done;
  }
#endif
  uint32_t flags, clockless;
  int ret = verify_once(&chain, &ca, c, 0, &flags);
  /* Without EXPIRED/FUTURE anywhere, a build without a clock decides the same. */
  int clockless_ret = ret;
  clockless = flags;
  if (ret != 0 || (flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE)))
    clockless_ret = verify_once(&chain, &ca, c, 1, &clockless);
  const char *no_clock = clockless_ret == 0 && clockless == 0 ? "ACCEPT" : "REJECT";
  if (ret != 0) {
    error_text(ret, err, sizeof err);
    snprintf(detail, n, "verify:%s noclock:%s", err, no_clock);
    goto done;
  }
  char names[200];
  flag_names(flags, names, sizeof names);
  snprintf(detail, n, "flags=0x%x:%s noclock:%s", flags, names[0] ? names : "none", no_clock);
  ok = flags == 0;
done:
#ifdef HS_ESP_CRT_BUNDLE
  bundle_free();
#endif
  mbedtls_x509_crt_free(&chain);
  mbedtls_x509_crt_free(&ca);
  return ok;
}

HS_MAIN
