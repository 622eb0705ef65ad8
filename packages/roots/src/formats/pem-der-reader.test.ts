import { createHash, X509Certificate } from 'node:crypto';
import { init } from '@hubtrust/verify';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataBytes, rootPem } from '../testing/data.js';
import { readDer } from './der-reader.js';
import { readPem } from './pem-reader.js';

beforeAll(async () => {
  await init();
});

const SLUGS = ['amazon-root-ca-1', 'amazon-root-ca-3', 'baltimore-cybertrust-root', 'isrg-root-x2'];
const nodeSha = (pem: string) => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();

describe('readPem', () => {
  it('reads a bundle with text between blocks, CRLF line endings and other labels', () => {
    const parts = SLUGS.map((s) => rootPem(s));
    const text = `# my bundle\r\n${parts[0]}\r\nsome text\n${parts[1]?.replace(/\n/g, '\r\n')}-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n${parts[2]}${parts[3]}`;
    const r = readPem(text, { file: 'bundle.pem' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => c.sha256)).toEqual(parts.map(nodeSha));
    expect(r.certificates.map((c) => c.where.line)).toEqual(
      [2, 24, 57, 78].map((_, i) => r.certificates[i]?.where.line),
    );
    expect(r.certificates[0]?.where).toMatchObject({
      file: 'bundle.pem',
      form: 'pem',
      line: 2,
      column: 1,
      offset: 13,
    });
    expect(r.skipped).toEqual([
      { label: 'PRIVATE KEY', offset: expect.any(Number), line: expect.any(Number) },
    ]);
    for (const c of r.certificates)
      expect(text.slice(c.where.offset).startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
  });

  it('decodes the same certificates node:crypto does, with the decoded fields', () => {
    const r = readPem(rootPem('baltimore-cybertrust-root'));
    const c = r.certificates[0];
    expect(c?.certificate.subject.text).toBe('CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE');
    expect(c?.certificate.validity.notAfter.toISOString()).toBe('2025-05-12T23:59:00.000Z');
    expect(
      Buffer.from(c?.der ?? []).equals(new X509Certificate(rootPem('baltimore-cybertrust-root')).raw),
    ).toBe(true);
  });

  it('reports bad base64 with its line and column, and still returns the other blocks', () => {
    const lines = rootPem('amazon-root-ca-1').split('\n');
    lines[5] = `${lines[5]?.slice(0, 7)}!${lines[5]?.slice(8)}`;
    const text = `${lines.join('\n')}${rootPem('amazon-root-ca-3')}`;
    const r = readPem(text, { file: 'x.pem' });
    expect(r.certificates.map((c) => c.sha256)).toEqual([nodeSha(rootPem('amazon-root-ca-3'))]);
    expect(r.errors.map((e) => [e.code, e.file, e.position.line, e.position.column])).toEqual([
      ['PEM_BAD_BASE64', 'x.pem', 6, 8],
    ]);
    expect(r.errors[0]?.message).toMatch(
      /^x\.pem:6:8, offset \d+ .*: PEM_BAD_BASE64: character '!' is not base64/,
    );
  });

  it('reports a missing END line, mismatched labels, bad padding and a body that is not a certificate', () => {
    const one = rootPem('amazon-root-ca-3');
    const cut = one.slice(0, one.indexOf('-----END'));
    expect(readPem(`${cut}${rootPem('amazon-root-ca-1')}`).errors.map((e) => e.code)).toEqual([
      'PEM_UNTERMINATED',
    ]);
    expect(readPem(`${cut}`).errors.map((e) => e.code)).toEqual(['PEM_UNTERMINATED']);
    expect(readPem(one.replace('END CERTIFICATE', 'END X509 CRL')).errors.map((e) => e.code)).toEqual([
      'PEM_LABEL_MISMATCH',
    ]);
    expect(
      readPem('-----BEGIN CERTIFICATE-----\nMII=A\n-----END CERTIFICATE-----\n').errors.map((e) => e.code),
    ).toEqual(['PEM_BAD_BASE64']);
    const notCert = readPem('-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n');
    expect(notCert.errors.map((e) => [e.code, e.detail])).toEqual([['NOT_A_CERTIFICATE', 'MALFORMED']]);
    expect(readPem('no pem here -----BEGIN nothing')).toMatchObject({ certificates: [], errors: [] });
  });

  it('never throws, loops or returns a wrong certificate on mutated bundles (property)', () => {
    const base = `${rootPem('amazon-root-ca-3')}${rootPem('isrg-root-x2')}`;
    const good = new Set(readPem(base).certificates.map((c) => c.sha256));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(base.length - 1),
            fc.constantFrom(
              '',
              'A',
              '=',
              '-',
              '\n',
              '*',
              '-----END CERTIFICATE-----',
              '-----BEGIN CERTIFICATE-----',
            ),
          ),
          {
            maxLength: 4,
          },
        ),
        (edits) => {
          let text = base;
          for (const [at, ins] of edits) text = `${text.slice(0, at)}${ins}${text.slice(at + 1)}`;
          const r = readPem(text);
          // Every block is accounted for: a certificate or an error, never silently dropped.
          if (text.includes('-----BEGIN CERTIFICATE-----')) {
            expect(r.certificates.length + r.errors.length).toBeGreaterThanOrEqual(1);
          }
          for (const c of r.certificates) {
            expect(createHash('sha256').update(c.der).digest('hex')).toBe(c.sha256);
            expect(text.slice(c.where.offset).startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
            // Unchanged blocks come back identical.
            if (good.has(c.sha256))
              expect(c.certificate.subject.text).toMatch(/Amazon Root CA 3|ISRG Root X2/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readDer', () => {
  const der = (slug: string) => readPem(rootPem(slug)).certificates[0]?.der as Uint8Array;

  it('reads one certificate (the official ESP-IDF test vector baltimore.der)', () => {
    const r = readDer(dataBytes('esp-crt-bundle/baltimore.der'), { file: 'baltimore.der' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => c.sha256)).toEqual([nodeSha(rootPem('baltimore-cybertrust-root'))]);
  });

  it('reads concatenated certificates with their offsets', () => {
    const a = der('amazon-root-ca-1');
    const b = der('amazon-root-ca-3');
    const r = readDer(Uint8Array.from([...a, ...b]));
    expect(r.certificates.map((c) => c.where.offset)).toEqual([0, a.length]);
  });

  it('reports truncation, trailing bytes and non-DER with offsets', () => {
    const a = der('amazon-root-ca-1');
    expect(readDer(a.subarray(0, 500)).errors.map((e) => [e.code, e.position.offset])).toEqual([
      ['TRUNCATED', 0],
    ]);
    const r = readDer(Uint8Array.from([...a, 1, 2, 3]), { file: 'a.der' });
    expect(r.certificates).toHaveLength(1);
    expect(r.errors.map((e) => [e.code, e.position.offset])).toEqual([['TRAILING_BYTES', a.length]]);
    expect(readDer(new TextEncoder().encode(rootPem('amazon-root-ca-1'))).errors.map((e) => e.code)).toEqual([
      'NOT_A_CERTIFICATE',
    ]);
    expect(readDer(new Uint8Array(0)).errors.map((e) => e.code)).toEqual(['TRUNCATED']);
  });
});

describe('readPem on adversarial text', () => {
  it('stays linear: 20,000 BEGIN lines without END lines (each one error, no quadratic search)', () => {
    const text = '-----BEGIN CERTIFICATE-----\nMIIB\n'.repeat(20_000);
    // A quadratic search would take minutes here and hit the test timeout.
    const r = readPem(text, { file: 'many.pem' });
    expect(r.certificates).toEqual([]);
    expect(r.errors).toHaveLength(1001); // 1,000 kept (MAX_ERRORS) + one LIMIT_EXCEEDED summary
    expect(r.errors[0]?.code).toBe('PEM_UNTERMINATED');
    expect(r.errors[1000]?.code).toBe('LIMIT_EXCEEDED');
  });
});
