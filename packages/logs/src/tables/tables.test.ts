import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generate } from '../../scripts/gen-tables.mjs';

// The headers come from Debian's libmbedtls-dev, libwolfssl-dev, libbearssl-dev and libssl-dev,
// listed in the root package.json (hubtrust.debianPackages) and installed by the bootstrap, so this
// runs on every developer machine and in CI. Without them there is nothing to compare against.
const HEADERS = [
  'mbedtls/error.h',
  'wolfssl/wolfcrypt/error-crypt.h',
  'bearssl/bearssl_x509.h',
  'openssl/x509_vfy.h',
];
const haveHeaders = HEADERS.every((h) => existsSync(join('/usr/include', h)));

describe('generated tables', () => {
  it.runIf(haveHeaders)(
    'are what scripts/gen-tables.mjs makes from the installed headers today',
    () => {
      const generated = generate('/usr/include');
      expect(Object.keys(generated).length).toBe(9);
      for (const [file, content] of Object.entries(generated)) {
        expect(readFileSync(join(GENERATED_DIR, file), 'utf8'), file).toBe(content);
      }
    },
    60_000,
  );

  it('hold the codes the issue names, with the headers’ own texts', async () => {
    const { MBEDTLS2_ERRORS, MBEDTLS_X509_FLAGS } = await import('./mbedtls.generated.js');
    const byValue = new Map(MBEDTLS2_ERRORS.map((r) => [r[0], r]));
    expect(byValue.get(-0x2700)?.[1]).toBe('MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
    expect(byValue.get(-0x7f00)?.[1]).toBe('MBEDTLS_ERR_SSL_ALLOC_FAILED');
    expect(byValue.get(-0x0010)?.[1]).toBe('MBEDTLS_ERR_MPI_ALLOC_FAILED');
    expect(byValue.get(-0x0010)?.[2]).toBe('BIGNUM');
    expect(MBEDTLS_X509_FLAGS.find((f) => f[0] === 0x08)?.[1]).toBe('MBEDTLS_X509_BADCERT_NOT_TRUSTED');
    const { WOLFSSL_ERRORS } = await import('./wolfssl.generated.js');
    expect(WOLFSSL_ERRORS.find((r) => r[0] === -188)?.[1]).toBe('ASN_NO_SIGNER_E');
    const { BEARSSL_ERRORS } = await import('./bearssl.generated.js');
    expect(BEARSSL_ERRORS.find((r) => r[0] === 62)?.[1]).toBe('BR_ERR_X509_NOT_TRUSTED');
    const { OPENSSL_X509_V_ERRORS } = await import('./openssl.generated.js');
    expect(OPENSSL_X509_V_ERRORS.find((r) => r[0] === 20)?.[2]).toBe(
      'unable to get local issuer certificate',
    );
  });
});
