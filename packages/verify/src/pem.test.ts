import { describe, expect, it } from 'vitest';
import { derToPem, PemError, pemToDer, splitPem, splitPemBlocks } from './pem.js';

const DER = Uint8Array.from({ length: 200 }, (_, i) => (i * 37 + 11) & 0xff);

describe('PEM helpers', () => {
  it('round-trips DER through PEM with 64-column lines', () => {
    const pem = derToPem(DER);
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    for (const line of pem.trim().split('\n')) expect(line.length).toBeLessThanOrEqual(64);
    expect(pemToDer(pem)).toEqual(DER);
  });

  it('splits several blocks, keeps order, filters by label and tolerates CRLF', () => {
    const other = DER.slice(0, 10);
    const text = `junk\r\n${derToPem(DER).replace(/\n/g, '\r\n')}between\n${derToPem(other, 'PRIVATE KEY')}${derToPem(other)}`;
    expect(splitPem(text)).toEqual([DER, other]);
    expect(splitPemBlocks(text).map((b) => b.label)).toEqual(['CERTIFICATE', 'PRIVATE KEY', 'CERTIFICATE']);
    expect(splitPem(text, null)).toHaveLength(3);
  });

  it('rejects mismatched labels, bad base64 and missing blocks with PemError', () => {
    expect(() => splitPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----')).toThrow(PemError);
    expect(() => splitPem('-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----')).toThrow(/base64/);
    expect(() => splitPem('-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----')).toThrow(PemError);
    expect(() => pemToDer('no pem here')).toThrow(/no "CERTIFICATE"/);
  });
});
