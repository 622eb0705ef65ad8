/* Prints wolfSSL's own text (wc_GetErrorString / wolfSSL_ERR_reason_error_string) for every code
 * read on stdin (one "name value" per line) as "value<TAB>text". Built and run by gen-tables.mjs
 * against Debian's libwolfssl-dev, so the texts are the library's, not retyped. */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <stdio.h>

int main(void) {
  char name[128], buf[WOLFSSL_MAX_ERROR_SZ];
  long value;
  while (scanf("%127s %ld", name, &value) == 2) {
    const char *text = value > -300 && value <= -100 ? wc_GetErrorString((int)value)
                                                      : wolfSSL_ERR_error_string((unsigned long)value, buf);
    printf("%ld\t%s\n", value, text ? text : "");
  }
  return 0;
}
