import { describe, expect, it } from 'vitest';
import { decodeFlags, decodeMbedtls, parseCodeNumber } from './codes.js';

describe('mbedTLS code decoding', () => {
  it('splits a composite code into its high-level and low-level parts', () => {
    const d = decodeMbedtls(-0x2710, undefined);
    expect(d?.names).toEqual(['MBEDTLS_ERR_X509_CERT_VERIFY_FAILED', 'MBEDTLS_ERR_MPI_ALLOC_FAILED']);
    expect(decodeMbedtls(-0x3c90, undefined)?.names).toEqual([
      'MBEDTLS_ERR_PK_UNKNOWN_PK_ALG',
      'MBEDTLS_ERR_MPI_ALLOC_FAILED',
    ]);
  });

  it('reads the SSL codes of the version the log shows', () => {
    expect(decodeMbedtls(-0x7800, 2)?.names).toEqual(['MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED']);
    expect(decodeMbedtls(-0x7800, 3)?.names).toEqual(['MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME']);
    expect(decodeMbedtls(-0x7800, undefined)?.otherVersionNames).toEqual([
      'MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME',
    ]);
  });

  it('refuses numbers that are not mbedTLS codes', () => {
    expect(decodeMbedtls(-150, undefined)).toBeNull();
    expect(decodeMbedtls(0, undefined)).toBeNull();
    expect(decodeMbedtls(-0x10000, undefined)).toBeNull();
    expect(decodeMbedtls(1.5, undefined)).toBeNull();
  });

  it('decodes verify flags bit by bit', () => {
    expect(decodeFlags(0x08).names).toEqual(['MBEDTLS_X509_BADCERT_NOT_TRUSTED']);
    expect(decodeFlags(0x0208).names).toEqual([
      'MBEDTLS_X509_BADCERT_NOT_TRUSTED',
      'MBEDTLS_X509_BADCERT_FUTURE',
    ]);
    expect(decodeFlags(0x40000000).names).toEqual(['bit 0x40000000']);
  });

  it('parses the spellings logs use', () => {
    expect(parseCodeNumber('-0x2700')).toBe(-0x2700);
    expect(parseCodeNumber('-9984')).toBe(-9984);
    expect(parseCodeNumber('0xffffd900')).toBe(-0x2700);
  });
});
