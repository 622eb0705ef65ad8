/*
 * wolfSSL 5.5.4 (Debian libwolfssl-dev) verifying a chain with a CertManager in the order its
 * TLS client does (src/internal.c ProcessPeerCerts, verifyPeer on, this build's
 * WOLFSSL_ALT_CERT_CHAINS):
 *
 *  - the trust anchors are loaded as CAs (wolfSSL_CertManagerLoadCABuffer): a root that fails to
 *    load (expired, not yet valid, malformed) is left out, as a device's load_verify call would;
 *  - the peer's intermediates are processed from the last one sent down to the first: each is
 *    verified against the CAs known so far (wolfSSL_CertManagerVerifyBuffer: signer, signature,
 *    dates, path length); a verified CA certificate is then added as a chain CA; one whose signer
 *    is unknown (ASN_NO_SIGNER_E) is skipped (alternate chains); any other error is fatal;
 *  - the leaf is verified against the CAs (wolfSSL_CertManagerVerifyBuffer);
 *  - cA and extendedKeyUsage are read as ProcessPeerCerts reads them, from a DecodedCert
 *    (wc_ParseCert); the leaf's extendedKeyUsage must allow serverAuth (clientAuth) when present
 *    (EXTKEYUSE_AUTH_E, peer certificate only);
 *  - the host name: wolfSSL_X509_check_host (CheckHostName: the dNSName SANs, the CN only when
 *    there is no dNSName SAN).
 *
 * The detail is the wolfSSL error code and its name.
 */
#include <wolfssl/options.h>

#include "harness.h"

#include <wolfssl/error-ssl.h>
#include <wolfssl/openssl/x509v3.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

static void hs_setup(void) {
  if (wolfSSL_Init() != WOLFSSL_SUCCESS) hs_die("wolfSSL_Init failed", NULL);
}

static void describe(int code, const char *where, char *detail, size_t n) {
  const char *text = wolfSSL_ERR_reason_error_string((unsigned long)code);
  snprintf(detail, n, "%s:%d:%s", where, code, text ? text : "?");
  for (char *s = detail; *s; s++)
    if (*s == ' ') *s = '_';
}

static WOLFSSL_X509 *parse(const hs_cert *c) {
  return wolfSSL_X509_d2i(NULL, c->der, (int)c->len);
}

/** What ProcessPeerCerts reads from its DecodedCert: the cA flag and the extendedKeyUsage bits. */
typedef struct decoded {
  int ok, is_ca, eku_set, eku;
} decoded;

static decoded decode(const hs_cert *c) {
  DecodedCert dc;
  decoded out = {0, 0, 0, 0};
  wc_InitDecodedCert(&dc, c->der, (word32)c->len, NULL);
  if (wc_ParseCert(&dc, CERT_TYPE, NO_VERIFY, NULL) == 0) {
    out.ok = 1;
    out.is_ca = dc.isCA;
    out.eku_set = dc.extExtKeyUsageSet;
    out.eku = dc.extExtKeyUsage;
  }
  wc_FreeDecodedCert(&dc);
  return out;
}

static int hs_verify(const hs_case *c, char *detail, size_t n) {
  int ok = 0;
  WOLFSSL_CERT_MANAGER *cm = wolfSSL_CertManagerNew();
  WOLFSSL_X509 *leaf = NULL;
  if (!cm) hs_die("wolfSSL_CertManagerNew failed", NULL);
  size_t roots = 0;
  int root_err = 0;
  for (size_t i = 0; i < c->n_roots; i++) {
    int r = wolfSSL_CertManagerLoadCABuffer(cm, c->roots[i].der, (long)c->roots[i].len, WOLFSSL_FILETYPE_ASN1);
    if (r == WOLFSSL_SUCCESS)
      roots++;
    else
      root_err = r;
  }
  if (roots == 0) {
    describe(root_err, "no-trust-anchor-loaded", detail, n);
    goto done;
  }
  for (size_t k = c->n_ints; k-- > 0;) {
    const hs_cert *ic = &c->ints[k];
    int r = wolfSSL_CertManagerVerifyBuffer(cm, ic->der, (long)ic->len, WOLFSSL_FILETYPE_ASN1);
    if (r == ASN_NO_SIGNER_E) continue; /* alternate chain: the leaf may still verify */
    if (r != WOLFSSL_SUCCESS) {
      char where[32];
      snprintf(where, sizeof where, "peer[%zu]", k + 1);
      describe(r, where, detail, n);
      goto done;
    }
    if (decode(ic).is_ca) wolfSSL_CertManagerLoadCABuffer(cm, ic->der, (long)ic->len, WOLFSSL_FILETYPE_ASN1);
  }
  int r = wolfSSL_CertManagerVerifyBuffer(cm, c->leaf.der, (long)c->leaf.len, WOLFSSL_FILETYPE_ASN1);
  if (r != WOLFSSL_SUCCESS) {
    describe(r, "peer[0]", detail, n);
    goto done;
  }
  decoded d = decode(&c->leaf);
  if (c->purpose != HS_ANY && d.eku_set) {
    int want = c->purpose == HS_CLIENT ? EXTKEYUSE_CLIENT_AUTH : EXTKEYUSE_SERVER_AUTH;
    if ((d.eku & (want | EXTKEYUSE_ANY)) == 0) {
      describe(EXTKEYUSE_AUTH_E, "peer[0]", detail, n);
      goto done;
    }
  }
  /* KEEP_PEER_CERT: the handshake copies the peer certificate into a WOLFSSL_X509
     (CopyDecodedToX509); a certificate that cannot be copied fails it. */
  leaf = parse(&c->leaf);
  if (!leaf) {
    snprintf(detail, n, "peer[0]:x509-copy");
    goto done;
  }
  if (c->host && wolfSSL_X509_check_host(leaf, c->host, strlen(c->host), 0, NULL) != WOLFSSL_SUCCESS) {
    describe(DOMAIN_NAME_MISMATCH, "peer[0]", detail, n);
    goto done;
  }
  snprintf(detail, n, "0:OK");
  ok = 1;
done:
  wolfSSL_X509_free(leaf);
  wolfSSL_CertManagerFree(cm);
  return ok;
}

HS_MAIN
