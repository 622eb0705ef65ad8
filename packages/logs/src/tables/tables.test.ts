import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generate } from '../../scripts/gen-tables.mjs';
import { normaliseText } from '../codes.js';
import { MBEDTLS_X509_FLAGS, MBEDTLS2_ERRORS } from './mbedtls.generated.js';

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

  it.runIf(haveHeaders)(
    'match what the installed mbedTLS prints (mbedtls_strerror, mbedtls_x509_crt_verify_info)',
    () => {
      // Devices print these two functions' output; the tables come from header comments. Build a
      // small C program against Debian's libmbedtls and compare every code and every flag.
      const dir = mkdtempSync(join(tmpdir(), 'hubtrust-logs-mbedtls-'));
      try {
        const exe = join(dir, 'strerror');
        const source = new URL('../../scripts/mbedtls-strerror.c', import.meta.url).pathname;
        execFileSync('cc', [source, '-o', exe, '-lmbedx509', '-lmbedcrypto', '-lmbedtls']);
        const input = [
          ...MBEDTLS2_ERRORS.map((r) => `e ${r[0]}`),
          ...MBEDTLS_X509_FLAGS.map((f) => `f ${f[0]}`),
        ].join('\n');
        const out = execFileSync(exe, { input: `${input}\n`, encoding: 'utf8' }).split('\n');
        let compiledOut = 0;
        MBEDTLS2_ERRORS.forEach(([code, name, module, text], i) => {
          const printed = out[i] ?? '';
          // Debian builds without ARIA and HKDF: their codes print as unknown.
          if (printed.startsWith('UNKNOWN ERROR CODE')) compiledOut++;
          else expect(printed, name).toBe(`${module} - ${text}`);
          expect(code).toBeLessThan(0);
        });
        expect(compiledOut).toBeLessThanOrEqual(5);
        MBEDTLS_X509_FLAGS.forEach(([, name, text], j) => {
          const printed = (out[MBEDTLS2_ERRORS.length + j] ?? '').replace(/\|$/, '');
          expect(normaliseText(printed), name).toBe(normaliseText(text));
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
