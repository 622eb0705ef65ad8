/*
 * Size probe (compare.mjs, never run): the smallest firmware that verifies a DER chain with
 * mbedTLS 2.28 (mbedtls_x509_crt_parse_der + mbedtls_x509_crt_verify with a host name), so its
 * linker map holds what chain verification costs with mbedtls-config.h.
 */
#include <stdint.h>

#include "board.h"
#include "mbedtls/x509_crt.h"

/* Inputs the compiler cannot see through. */
volatile const unsigned char *volatile chain_der[3];
volatile size_t chain_len[3];
volatile int verdict;

static int verify(void) {
  mbedtls_x509_crt chain, anchors;
  uint32_t flags = 0;
  mbedtls_x509_crt_init(&chain);
  mbedtls_x509_crt_init(&anchors);
  int r = mbedtls_x509_crt_parse_der(&chain, (const unsigned char *)chain_der[0], chain_len[0]);
  if (r == 0) r = mbedtls_x509_crt_parse_der(&chain, (const unsigned char *)chain_der[1], chain_len[1]);
  if (r == 0) r = mbedtls_x509_crt_parse_der(&anchors, (const unsigned char *)chain_der[2], chain_len[2]);
  if (r == 0) r = mbedtls_x509_crt_verify(&chain, &anchors, NULL, "myhub.azure-devices.net", &flags, NULL, NULL);
  mbedtls_x509_crt_free(&chain);
  mbedtls_x509_crt_free(&anchors);
  return r;
}

void firmware_main(void) { verdict = verify(); }
