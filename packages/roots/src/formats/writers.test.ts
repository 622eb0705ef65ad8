import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init } from '@hubtrust/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootPem } from '../testing/data.js';
import { readCSource } from './c-reader.js';
import { writeC } from './c-writer.js';
import { readDer } from './der-reader.js';
import type { FoundCertificate } from './found.js';
import { readPem } from './pem-reader.js';
import { writeDer, writePem } from './pem-writer.js';

const SLUGS = [
  'digicert-global-root-g2',
  'microsoft-rsa-root-ca-2017',
  'digicert-global-root-g3',
  'microsoft-ecc-root-ca-2017',
  'baltimore-cybertrust-root',
];
let certs: FoundCertificate[];
let dir: string;

beforeAll(async () => {
  await init();
  certs = SLUGS.map((s) => readPem(rootPem(s)).certificates[0] as FoundCertificate);
  dir = mkdtempSync(join(tmpdir(), 'hubtrust-c-writer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-12-01T00:00:00Z');

describe('writePem / writeDer', () => {
  it('writes a PEM bundle the PEM reader reads back, with sizes and warnings', () => {
    const w = writePem(certs, { now: NOW });
    const back = readPem(w.text);
    expect(back.errors).toEqual([]);
    expect(back.certificates.map((c) => c.sha256)).toEqual(certs.map((c) => c.sha256));
    expect(w.size).toMatchObject({ format: 'pem', certificates: 5, fileBytes: w.text.length });
    expect(w.warnings.map((x) => [x.code, x.subject])).toEqual([
      ['EXPIRED', 'CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE'],
    ]);
  });

  it('warns about roots expiring within the horizon, duplicates, leaves and roots no profile uses', () => {
    const w = writePem([...certs, certs[0] as FoundCertificate], {
      now: new Date('2037-06-01'),
      horizonDays: 365,
      usedBySomeProfile: (sha) => sha !== certs[1]?.sha256,
    });
    const codes = w.warnings.map((x) => x.code);
    expect(codes.filter((c) => c === 'EXPIRES_SOON')).toHaveLength(3); // G2, G3 (2038-01-15) and the duplicate G2
    expect(codes).toContain('DUPLICATE_CERTIFICATE');
    expect(w.warnings.filter((x) => x.code === 'UNUSED_BY_PROFILES').map((x) => x.sha256)).toEqual([
      certs[1]?.sha256,
    ]);
    const leaf = readPem(rootPem('microsoft-azure-rsa-tls-issuing-ca-03'))
      .certificates[0] as FoundCertificate;
    expect(writePem([leaf], { now: NOW, usedBySomeProfile: false }).warnings.map((x) => x.code)).toEqual([]);
    // by default the catalog and the profiles decide: an issuing CA anchors no profile chain
    expect(writePem([leaf], { now: NOW }).warnings.map((x) => x.code)).toEqual(['UNUSED_BY_PROFILES']);
    expect(writePem(certs, { now: NOW }).warnings.map((x) => x.code)).toEqual(['EXPIRED']);
  });

  it('writes one DER file per certificate', () => {
    const w = writeDer(
      certs.map((c, i) => ({ der: c.der, label: SLUGS[i] })),
      { now: NOW },
    );
    expect(w.files.map((f) => f.name)).toEqual(SLUGS.map((s) => `${s}.der`));
    for (const [i, f] of w.files.entries())
      expect(readDer(f.bytes).certificates[0]?.sha256).toBe(certs[i]?.sha256);
    expect(w.size.fileBytes).toBe(certs.reduce((n, c) => n + c.der.length, 0));
    expect(writeDer([certs[0]?.der as Uint8Array]).files[0]?.name).toBe('0-digicert-global-root-g2.der');
  });

  it('rejects inputs that are not certificates, with the input index', () => {
    expect(() =>
      writePem([certs[0]?.der as Uint8Array, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])]),
    ).toThrow(expect.objectContaining({ code: 'NOT_A_CERTIFICATE', position: { index: 1 } }));
    expect(() => writePem([])).toThrow(TypeError);
  });
});

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const MAIN = `#include <stdio.h>
#include <string.h>
#include "mbedtls/x509_crt.h"
#include "mbedtls/sha256.h"
#include "roots.h"

static void print_chain(const char *form, const mbedtls_x509_crt *c) {
  for (; c != NULL && c->raw.len > 0; c = c->next) {
    unsigned char h[32];
    mbedtls_sha256_ret(c->raw.p, c->raw.len, h, 0);
    printf("%s ", form);
    for (int i = 0; i < 32; i++) printf("%02x", h[i]);
    printf("\\n");
  }
}

int main(void) {
  mbedtls_x509_crt der;
  mbedtls_x509_crt_init(&der);
  for (size_t i = 0; i < roots_count; i++) {
    int rc = mbedtls_x509_crt_parse_der(&der, roots_der[i], roots_der_len[i]);
    if (rc != 0) { printf("der %u failed -0x%04x\\n", (unsigned)i, (unsigned)-rc); return 1; }
  }
  print_chain("der", &der);
  mbedtls_x509_crt pem;
  mbedtls_x509_crt_init(&pem);
  int rc = mbedtls_x509_crt_parse(&pem, (const unsigned char *)roots_pem, sizeof roots_pem);
  if (rc != 0) { printf("pem failed %d\\n", rc); return 1; }
  if (roots_pem_size != sizeof roots_pem || strlen(roots_pem) + 1 != roots_pem_size) { printf("pem size\\n"); return 1; }
  print_chain("pem", &pem);
  mbedtls_x509_crt_free(&der);
  mbedtls_x509_crt_free(&pem);
  return 0;
}
`;

describe('writeC', () => {
  it('emits C that gcc compiles and mbedTLS 2.28 parses back, certificate by certificate (DER and PEM forms)', () => {
    const w = writeC(certs, { prefix: 'roots', forms: ['der', 'pem'], now: NOW });
    expect(w.header.name).toBe('roots.h');
    expect(w.source.name).toBe('roots.c');
    writeFileSync(join(dir, w.header.name), w.header.text);
    writeFileSync(join(dir, w.source.name), w.source.text);
    writeFileSync(join(dir, 'main.c'), MAIN);
    expect(w.source.text).toContain('-Wno-overlength-strings');
    sh('gcc', [
      '-std=c99',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-pedantic',
      '-Wno-overlength-strings',
      '-o',
      'roots-test',
      'main.c',
      'roots.c',
      '-lmbedx509',
      '-lmbedcrypto',
    ]);
    const out = sh(join(dir, 'roots-test'), []);
    const expected = certs.map((c) => c.sha256);
    expect(out.trim().split('\n')).toEqual([
      ...expected.map((h) => `der ${h}`),
      ...expected.map((h) => `pem ${h}`),
    ]);
  });

  it('declares exactly the agreed symbols, and compiles for a Cortex-M target too', () => {
    const w = writeC(certs.slice(0, 2), { now: NOW });
    expect(w.header.text).toContain(
      'extern const unsigned char *const hubtrust_roots_der[];   /* one DER certificate each */',
    );
    expect(w.header.text).toContain('extern const size_t hubtrust_roots_der_len[];');
    expect(w.header.text).toContain('extern const size_t hubtrust_roots_count;');
    expect(w.header.text).not.toContain('_pem');
    expect(w.source.text).toMatch(
      /\/\* \[0\] CN=DigiCert Global Root G2,OU=www\.digicert\.com,O=DigiCert Inc,C=US \| SHA-256 [0-9a-f]{64} \| notAfter 2038-01-15 \*\/\nstatic const unsigned char hubtrust_roots_0\[\d+\] = \{\n {4}0x30, 0x82,/,
    );
    writeFileSync(join(dir, 'hubtrust_roots.h'), w.header.text);
    writeFileSync(join(dir, 'hubtrust_roots.c'), w.source.text);
    sh('arm-none-eabi-gcc', [
      '-mcpu=cortex-m4',
      '-mthumb',
      '-std=c99',
      '-Os',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-pedantic',
      '-c',
      'hubtrust_roots.c',
      '-o',
      'hubtrust_roots.o',
    ]);
    // the size report's flash bytes: data + 2 pointers/sizes per certificate + the count
    expect(w.size.flashBytes).toBe((certs[0]?.der.length ?? 0) + (certs[1]?.der.length ?? 0) + 2 * 8 + 4);
  });

  it('reads back with readCSource: same certificates, symbols and forms', () => {
    const w = writeC(certs, { forms: ['der', 'pem'], pemLineEnding: '\r\n' });
    const r = readCSource(w.source.text, { file: 'hubtrust_roots.c' });
    expect(r.errors).toEqual([]);
    expect(r.certificates.map((c) => [c.sha256, c.where.form, c.where.symbol])).toEqual([
      ...certs.map((c, i) => [c.sha256, 'der-array', `hubtrust_roots_${i}`]),
      ...certs.map((c) => [c.sha256, 'pem-string', 'hubtrust_roots_pem']),
    ]);
  });

  it('refuses a prefix that is not a C identifier and keeps comments safe', () => {
    expect(() => writeC(certs, { prefix: 'my-roots' })).toThrow(TypeError);
    expect(() => writeC(certs, { forms: [] })).toThrow(TypeError);
    const w = writeC([{ der: certs[0]?.der as Uint8Array, label: 'evil */ int x; /*' }]);
    expect(w.source.text).toContain('evil *\\/ int x; /*');
  });
});
