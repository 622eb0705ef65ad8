/* Prints OpenSSL's own texts for every X509_V_ERR_* and SSL_R_* code named on stdin (one
 * "kind name value" per line, kind = x509 | ssl), as "kind<TAB>value<TAB>text". Built and run by
 * gen-tables.mjs against Debian's libssl-dev, so the texts are the library's, not retyped. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  char kind[16], name[128];
  long value;
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL);
  while (scanf("%15s %127s %ld", kind, name, &value) == 3) {
    const char *text = NULL;
    if (strcmp(kind, "x509") == 0) text = X509_verify_cert_error_string(value);
    else if (strcmp(kind, "ssl") == 0) text = ERR_reason_error_string(ERR_PACK(ERR_LIB_SSL, 0, (int)value));
    printf("%s\t%ld\t%s\n", kind, value, text ? text : "");
  }
  return 0;
}
