/*
 * mbedTLS 2.28 configuration of the size comparison (compare.mjs): X.509 chain verification with
 * RSA (PKCS#1 v1.5 and PSS), ECDSA on P-256 and P-384, SHA-1/SHA-2 and host-name checks, and
 * nothing else (no TLS, no PEM, no CRL). Other settings keep mbedTLS's defaults
 * (MBEDTLS_ECP_WINDOW_SIZE 6, MBEDTLS_ECP_FIXED_POINT_OPTIM, MBEDTLS_MPI_MAX_SIZE 1024 bytes).
 * Used with -DMBEDTLS_CONFIG_FILE='"mbedtls-config.h"'.
 */
#ifndef HUBTRUST_COMPARE_MBEDTLS_CONFIG_H
#define HUBTRUST_COMPARE_MBEDTLS_CONFIG_H

#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE

#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21

#define MBEDTLS_ECP_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
/* Verification needs no random numbers (the internal RNG only blinds secret-key operations). */
#define MBEDTLS_ECP_NO_INTERNAL_RNG

#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C

#include "mbedtls/check_config.h"

#endif
