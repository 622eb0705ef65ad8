/* Prints what the installed mbedTLS itself prints for codes and verify flags read on stdin
 * ("e <code>" -> mbedtls_strerror, "f <flags>" -> mbedtls_x509_crt_verify_info), one result per
 * line. src/tables/tables.test.ts compares it with the tables generated from the headers, so
 * the texts the classifier matches are the ones devices print. */
#include <mbedtls/error.h>
#include <mbedtls/x509_crt.h>
#include <stdio.h>

int main(void) {
  char kind[4], buf[512];
  long value;
  while (scanf("%3s %ld", kind, &value) == 2) {
    buf[0] = '\0';
    if (kind[0] == 'e') mbedtls_strerror((int)value, buf, sizeof buf);
    else mbedtls_x509_crt_verify_info(buf, sizeof buf, "", (uint32_t)value);
    for (char *p = buf; *p; p++) if (*p == '\n') *p = '|';
    printf("%s\n", buf);
  }
  return 0;
}
