/*
 * Size probe (compare.mjs, never run): the smallest firmware that verifies a DER chain with
 * BearSSL 0.6's "minimal" X.509 engine, configured for the same algorithms as the other rows:
 * SHA-1/SHA-2, RSA PKCS#1 v1.5 (i31), ECDSA on P-256 and P-384 (br_ec_prime_i31, i31 ECDSA).
 * BearSSL takes its trust anchors pre-decoded (name and key), so no DER of a root is parsed.
 */
#include <stdint.h>

#include "bearssl.h"
#include "board.h"

volatile const unsigned char *volatile chain_der[2];
volatile size_t chain_len[2];
volatile const br_x509_trust_anchor *volatile anchors;
volatile size_t anchor_count;
volatile unsigned verdict;

static br_x509_minimal_context ctx;

static unsigned verify(void) {
  br_x509_minimal_init(&ctx, &br_sha256_vtable, (const br_x509_trust_anchor *)anchors, anchor_count);
  br_x509_minimal_set_hash(&ctx, br_sha1_ID, &br_sha1_vtable);
  br_x509_minimal_set_hash(&ctx, br_sha256_ID, &br_sha256_vtable);
  br_x509_minimal_set_hash(&ctx, br_sha384_ID, &br_sha384_vtable);
  br_x509_minimal_set_hash(&ctx, br_sha512_ID, &br_sha512_vtable);
  br_x509_minimal_set_rsa(&ctx, &br_rsa_i31_pkcs1_vrfy);
  br_x509_minimal_set_ecdsa(&ctx, &br_ec_prime_i31, &br_ecdsa_i31_vrfy_asn1);
  const br_x509_class **engine = &ctx.vtable;
  (*engine)->start_chain(engine, "myhub.azure-devices.net");
  for (int i = 0; i < 2; i++) {
    (*engine)->start_cert(engine, (uint32_t)chain_len[i]);
    (*engine)->append(engine, (const unsigned char *)chain_der[i], chain_len[i]);
    (*engine)->end_cert(engine);
  }
  return (*engine)->end_chain(engine);
}

void firmware_main(void) { verdict = verify(); }
