import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataText, rootPem } from '../testing/data.js';
import { readCSource } from './c-reader.js';
import { readPem } from './pem-reader.js';

beforeAll(async () => {
  await init();
});

const sha = (slug: string) => readPem(rootPem(slug)).certificates[0]?.sha256;

describe('readCSource on the real Azure IoT C SDK certs.c', () => {
  it('reads the 2021 version: four roots, each with its #if condition, line, symbol and comment', () => {
    const text = dataText('device-bundles/azure-iot-sdk-c-2021-02-12-certs.c');
    const r = readCSource(text, { file: 'certs.c' });
    expect(r.errors).toEqual([]);
    const got = r.certificates.map((c) => ({
      sha256: c.sha256,
      condition: c.where.condition,
      symbol: c.where.symbol,
      form: c.where.form,
      line: c.where.line,
    }));
    expect(got.map((g) => g.sha256)).toEqual([
      sha('baltimore-cybertrust-root'),
      sha('digicert-global-root-g3'),
      sha('d-trust-root-class-3-ca-2-2009'),
      sha('digicert-global-root-ca'),
    ]);
    expect(got.map((g) => g.condition)).toEqual([
      'defined(USE_BALTIMORE_CERT)',
      'defined(USE_DIGICERT_G3_CERT)',
      'defined(USE_MICROSOFTAZURE_DE_CERT)',
      'defined(USE_PORTAL_AZURE_CN_CERT)',
    ]);
    expect(new Set(got.map((g) => g.symbol))).toEqual(new Set(['certificates']));
    expect(new Set(got.map((g) => g.form))).toEqual(new Set(['pem-string']));
    // The line of each BEGIN is the line of its first literal in the file.
    const lines = text.split('\n');
    for (const g of got) expect(lines[(g.line as number) - 1]).toContain('-----BEGIN CERTIFICATE-----');
    expect(r.certificates[0]?.where.comment).toMatch(/Baltimore CyberTrust Root/);
  });

  it('reads the 2019 version: three roots', () => {
    const r = readCSource(dataText('device-bundles/azure-iot-sdk-c-2019-10-24-certs.c'), { file: 'certs.c' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => c.sha256)).toEqual([
      sha('baltimore-cybertrust-root'),
      sha('digicert-global-root-ca'),
      sha('d-trust-root-class-3-ca-2-2009'),
    ]);
    expect(r.certificates.map((c) => c.where.condition)).toEqual([
      'defined(USE_BALTIMORE_CERT)',
      'defined(USE_PORTAL_AZURE_CN_CERT)',
      'defined(USE_MICROSOFTAZURE_DE_CERT)',
    ]);
  });
});

describe('readCSource on the other shapes firmware uses', () => {
  it('reads a PEM #define with \\ continuations, with the macro as symbol and its #if', () => {
    const r = readCSource(dataText('samples/freertos-demo_config.h'), { file: 'demo_config.h' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.sha256, c.where.symbol, c.where.form, c.where.condition])).toEqual([
      [sha('amazon-root-ca-1'), 'democonfigROOT_CA_PEM', 'pem-define', undefined],
      [
        sha('starfield-services-root-g2'),
        'democonfigROOT_CA_PEM_FALLBACK',
        'pem-define',
        'defined( democonfigUSE_STARFIELD_FALLBACK )',
      ],
    ]);
  });

  it('splits a DER array holding three certificates back to back (hex), and a decimal array', () => {
    const r = readCSource(dataText('samples/azure-rtos-demo_config.h'), { file: 'sample_config.h' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.sha256, c.where.symbol, c.where.form, c.where.condition])).toEqual([
      [sha('digicert-global-root-g2'), 'ucAzureIoTRootCertificates', 'der-array', undefined],
      [sha('baltimore-cybertrust-root'), 'ucAzureIoTRootCertificates', 'der-array', undefined],
      [sha('microsoft-rsa-root-ca-2017'), 'ucAzureIoTRootCertificates', 'der-array', undefined],
      [sha('amazon-root-ca-3'), 'aws_root_ca3_der', 'der-array', 'defined(USE_AWS_ECC)'],
    ]);
    // index = the element where each certificate starts
    expect(r.certificates.slice(0, 3).map((c) => c.where.index)).toEqual([
      0,
      r.certificates[0]?.der.length,
      (r.certificates[0]?.der.length ?? 0) + (r.certificates[1]?.der.length ?? 0),
    ]);
    expect(r.certificates[0]?.where.comment).toMatch(/DigiCert Global Root G2, Baltimore/);
  });

  it('reads Arduino PROGMEM raw strings with any delimiter', () => {
    const r = readCSource(dataText('samples/arduino-mqtt.ino'), { file: 'sketch.ino' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.sha256, c.where.symbol, c.where.form, c.where.condition])).toEqual([
      [sha('isrg-root-x1'), 'isrg_root_x1', 'raw-string', undefined],
      [sha('isrg-root-x2'), 'isrg_root_x2', 'raw-string', 'defined(USE_ECDSA_ROOT)'],
    ]);
  });

  it('reads DER in a string literal and PEM inside a function call', () => {
    const der = readPem(rootPem('amazon-root-ca-3')).certificates[0]?.der as Uint8Array;
    const escaped = [...der].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    const pem = rootPem('isrg-root-x2')
      .trim()
      .split('\n')
      .map((l) => `"${l}\\n"`)
      .join('\n      ');
    const src = `const char ca_der[] = "${escaped.slice(0, 400)}"\n  "${escaped.slice(400)}";\nvoid f(void) {\n  mbedtls_x509_crt_parse(&c, (const unsigned char *)\n      ${pem}, 0);\n}\n`;
    const r = readCSource(src);
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.sha256, c.where.form, c.where.symbol, c.where.line])).toEqual([
      [sha('amazon-root-ca-3'), 'der-string', 'ca_der', 1],
      [sha('isrg-root-x2'), 'pem-string', undefined, 5],
    ]);
  });

  it('tracks #ifdef / #elif / #else / nested conditions and ignores include guards', () => {
    const pem = (slug: string) =>
      rootPem(slug)
        .trim()
        .split('\n')
        .map((l) => `"${l}\\n"`)
        .join('\n');
    const src = [
      '#ifndef ROOTS_H',
      '#define ROOTS_H',
      '#if REGION == 1',
      `static const char *a = ${pem('amazon-root-ca-1')};`,
      '#elif defined(CN)',
      '# ifdef ECC',
      `static const char *b = ${pem('amazon-root-ca-3')};`,
      '# endif',
      '#else',
      `static const char *c = ${pem('amazon-root-ca-4')};`,
      '#endif',
      '#if 0',
      `static const char *d = ${pem('isrg-root-x1')};`,
      '#endif',
      '#endif',
    ].join('\n');
    const r = readCSource(src);
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.where.symbol, c.where.condition])).toEqual([
      ['a', 'REGION == 1'],
      ['b', '!(REGION == 1) && defined(CN) && defined(ECC)'],
      ['c', '!(REGION == 1) && !defined(CN)'],
      ['d', '0'],
    ]);
  });
});

describe('readCSource on bad input', () => {
  const pemLines = (slug: string) => rootPem(slug).trim().split('\n');

  it('names the line and column of a bad base64 character, and keeps the good certificates', () => {
    const bad = pemLines('amazon-root-ca-1');
    bad[3] = `${bad[3]?.slice(0, 10)}*${bad[3]?.slice(11)}`;
    const src = `const char x[] =\n${bad.map((l) => `"${l}\\n"`).join('\n')};\nconst char y[] =\n${pemLines(
      'amazon-root-ca-3',
    )
      .map((l) => `"${l}\\n"`)
      .join('\n')};\n`;
    const r = readCSource(src, { file: 'bad.c' });
    expect(r.certificates.map((c) => c.where.symbol)).toEqual(['y']);
    expect(r.errors.map((e) => [e.code, e.position.line, e.position.column])).toEqual([
      ['PEM_BAD_BASE64', 5, 12],
    ]);
    expect(r.errors[0]?.message).toMatch(/^bad\.c:5:12/);
  });

  it('reports an array element that is not a byte and still reads the other certificates of the array', () => {
    const hex = (slug: string) =>
      [...(readPem(rootPem(slug)).certificates[0]?.der ?? [])].map((b) => `0x${b.toString(16)}`);
    const first = hex('amazon-root-ca-3');
    const second = hex('amazon-root-ca-4');
    second[40] = '0x1f2'; // an odd byte: three hex digits
    const third = hex('isrg-root-x2');
    const src = `const unsigned char roots[] = {\n${first.join(', ')},\n${second.join(', ')},\n${third.join(', ')}\n};\n`;
    const r = readCSource(src, { file: 'roots.c' });
    expect(r.certificates.map((c) => c.sha256)).toEqual([sha('amazon-root-ca-3'), sha('isrg-root-x2')]);
    expect(r.errors.map((e) => [e.code, e.position.line, e.position.index])).toEqual([
      ['C_BAD_ARRAY_ELEMENT', 3, first.length + 40],
    ]);
    expect(r.errors[0]?.message).toMatch(/"0x1f2" of roots is not a byte/);
  });

  it('reports a truncated array', () => {
    const bytes = [...(readPem(rootPem('amazon-root-ca-3')).certificates[0]?.der ?? [])].slice(0, 300);
    const r = readCSource(`const unsigned char x[] = { ${bytes.join(', ')} };`);
    expect(r.certificates).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['TRUNCATED']);
  });

  it('reports unterminated literals, comments, brace lists and #if', () => {
    expect(readCSource('const char *x = "abc\n;').errors.map((e) => e.code)).toEqual(['C_UNTERMINATED']);
    expect(readCSource('/* never closed').errors.map((e) => e.code)).toEqual(['C_UNTERMINATED']);
    expect(readCSource('const char x[] = R"EOF(abc').errors.map((e) => e.code)).toEqual(['C_UNTERMINATED']);
    expect(
      readCSource('const unsigned char x[] = { 0x30, 0x82, 0x01, 0x02').errors.map((e) => e.code),
    ).toEqual(['C_UNTERMINATED']);
    expect(readCSource('#if A\nint x;\n').errors.map((e) => e.code)).toEqual(['C_PREPROCESSOR']);
    expect(readCSource('#endif\n#else\n').errors.map((e) => e.code)).toEqual([
      'C_PREPROCESSOR',
      'C_PREPROCESSOR',
    ]);
  });

  it('ignores byte arrays that are not certificates', () => {
    const r = readCSource(
      'const uint8_t key[] = { 0x04, 0x82, 0x01, 0x02 };\nconst int t[] = { 1, 2, 300 };',
    );
    expect(r).toMatchObject({ certificates: [], errors: [] });
  });
});
