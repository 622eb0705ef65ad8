// The readiness report: its JSON Schema, the text rendering, bad input, ESP bundles, the client
// certificate (a real CA and device certificate made by the openssl command) and the size figures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, parseCertificate } from '@hubtrust/verify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCertificate, getCertificates } from '../catalog.js';
import { readEspBundle } from '../formats/esp-bundle-reader.js';
import { writeEspBundle } from '../formats/esp-bundle-writer.js';
import { cloudProfiles } from '../profiles.js';
import { endpoint, intervalAt, readinessData } from '../testing/readiness.js';
import { analyzeReadiness, type ReadinessOptions } from './analyze.js';
import { DEVICE_PROFILE_IDS } from './device.js';
import { renderReadinessText } from './render.js';
import { READINESS_SCHEMA_VERSION } from './report.js';
import { bundleSizes, SIZE_FORMATS } from './sizes.js';

let dir: string;
beforeAll(async () => {
  await init();
  dir = mkdtempSync(join(tmpdir(), 'hubtrust-readiness-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/readiness-v1.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const certs2017 = () => ({ bytes: readinessData('azure-iot-sdk-c-2017-01-21-certs.c'), file: 'certs.c' });

describe('the JSON report and its schema', () => {
  it('validates against schemas/readiness-v1.schema.json for every device profile, and the schema rejects what it should', () => {
    for (const device of DEVICE_PROFILE_IDS) {
      const r = analyzeReadiness({
        bundle: certs2017(),
        families: cloudProfiles.map((f) => f.id),
        device,
        from: day('2017-01-21'),
        to: day('2032-01-21'),
      });
      const json = JSON.parse(JSON.stringify(r));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(json.schemaVersion).toBe(READINESS_SCHEMA_VERSION);
    }
    const r = JSON.parse(
      JSON.stringify(
        analyzeReadiness({
          bundle: certs2017(),
          families: ['azure-iot-hub'],
          device: 'strict',
          from: day('2020-01-01'),
          to: day('2021-01-01'),
        }),
      ),
    );
    expect(validate({ ...r, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...r, surprise: true })).toBe(false);
    r.endpoints[0].timeline[0].status = 'maybe';
    expect(validate(r)).toBe(false);
  });

  it('renders the timeline, the change and its cost as text', () => {
    const r = analyzeReadiness({
      bundle: certs2017(),
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: day('2017-01-21'),
      to: day('2032-01-21'),
    });
    const text = renderReadinessText(r);
    expect(text).toContain('azure-iot-hub — Azure IoT Hub');
    expect(text).toMatch(/2023-02-15 → 2023-\d\d-\d\d {2}FAILS \[migration-to-digicert-g2\]/);
    expect(text).toContain('UNKNOWN_ISSUER (digicert-global-root-g2)');
    expect(text).toContain('add digicert-global-root-g2 (until 2038-01-15) for azure-iot-hub');
    expect(text).toMatch(/bytes: pem \+\d+ \(\d+→\d+\)/);
  });
});

describe('bad input is said plainly', () => {
  const base: Omit<ReadinessOptions, 'bundle'> = {
    families: ['azure-iot-hub'],
    device: 'mbedtls-2.28',
    from: day('2020-01-01'),
    to: day('2021-01-01'),
  };
  it('an empty bundle, an unreadable one, an unknown device profile, bad dates', () => {
    expect(() => analyzeReadiness({ ...base, bundle: { text: '', file: 'empty.pem' } })).toThrow(
      expect.objectContaining({
        code: 'EMPTY_BUNDLE',
        message: expect.stringContaining('holds no certificate'),
      }),
    );
    const broken = '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n';
    expect(() => analyzeReadiness({ ...base, bundle: { text: broken, file: 'bad.pem' } })).toThrow(
      expect.objectContaining({
        code: 'UNREADABLE_BUNDLE',
        message: expect.stringMatching(/^bad\.pem: no certificate could be read/),
      }),
    );
    expect(() => analyzeReadiness({ ...base, bundle: certs2017(), device: 'mbedtls-9' as 'strict' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_DEVICE_PROFILE' }),
    );
    // A device without a clock never sees an expiry: verify keeps it prediction-only, so does readiness.
    expect(() =>
      analyzeReadiness({ ...base, bundle: certs2017(), device: 'mbedtls-2.28-no-clock' as 'strict' }),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_DEVICE_PROFILE' }));
    expect(() => analyzeReadiness({ ...base, bundle: certs2017(), to: day('2019-01-01') })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => analyzeReadiness({ ...base, bundle: certs2017(), families: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => analyzeReadiness({ ...base, bundle: certs2017(), families: ['azure-iot-hubb'] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_FAMILY' }),
    );
  });
});

describe('an ESP-IDF bundle (subject and key only)', () => {
  it('is matched to the catalog, never has its anchors time-checked, and reads like the certificates would', () => {
    const g2 = getCertificate('digicert-global-root-g2');
    const esp = writeEspBundle([getCertificate('baltimore-cybertrust-root').der, g2.der], { format: 'v5.4' });
    expect(readEspBundle(esp.bytes).anchors).toHaveLength(2);
    const r = analyzeReadiness({
      bundle: { bytes: esp.bytes, file: 'x509_crt_bundle' },
      families: ['azure-iot-hub'],
      device: 'esp-crt-bundle',
      from: day('2022-01-01'),
      to: day('2029-01-01'),
    });
    expect(r.bundle.format).toBe('esp-bundle');
    expect(r.bundle.roots.map((x) => [x.kind, x.slug, x.notAfter])).toEqual([
      ['esp-anchor', 'baltimore-cybertrust-root', undefined],
      ['esp-anchor', 'digicert-global-root-g2', undefined],
    ]);
    expect(endpoint(r, 'azure-iot-hub').firstFailure).toBeUndefined();
    expect(intervalAt(endpoint(r, 'azure-iot-hub'), day('2023-03-01')).anchors).toEqual([
      'baltimore-cybertrust-root',
      'digicert-global-root-g2',
    ]);
  });
});

describe('the client certificate (X.509 device authentication)', () => {
  it('reports when the hub accepts it and when it or its CA expires (a CA and device certificate made by openssl)', () => {
    const sh = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    sh([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-subj',
      '/CN=Fleet CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ]);
    sh([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'dev.key',
      '-out',
      'dev.csr',
      '-subj',
      '/CN=thermostat-0042',
    ]);
    const ext = join(dir, 'ext.cnf');
    execFileSync('sh', ['-c', `printf 'extendedKeyUsage=clientAuth\\n' > ${ext}`]);
    sh([
      'x509',
      '-req',
      '-in',
      'dev.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'dev.pem',
      '-days',
      '365',
      '-extfile',
      ext,
    ]);
    const dev = readFileSync(join(dir, 'dev.pem'), 'utf8');
    const ca = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const devAfter = parseCertificate(dev).validity.notAfter;
    const caAfter = parseCertificate(ca).validity.notAfter;
    const r = analyzeReadiness({
      bundle: { text: getCertificate('digicert-global-root-g2').pem },
      families: ['azure-iot-hub'],
      device: 'mbedtls-2.28',
      from: new Date(Date.now() - 86_400_000),
      to: new Date(caAfter.getTime() + 86_400_000),
      client: { certificate: dev, ca },
    });
    const t = r.client?.timeline ?? [];
    expect(t.map((x) => [x.status, x.code])).toEqual([
      ['fails', 'NOT_YET_VALID'],
      ['verifies', undefined],
      ['fails', 'EXPIRED'],
    ]);
    expect(Date.parse(t[2]?.from as string)).toBe(Math.floor(devAfter.getTime() / 1000) * 1000 + 1000);
    expect(r.client?.ca?.notAfter).toBe(caAfter.toISOString().replace('.000Z', 'Z'));
  });
});

describe('sizes per output format', () => {
  it('equal what the writers report when called directly on each set', () => {
    const parsed = (slugs: string[]) =>
      getCertificates(slugs).map((c) => {
        const certificate = parseCertificate(c.der);
        return { der: certificate.der, sha256: certificate.fingerprints.sha256, certificate };
      });
    const before = parsed([
      'baltimore-cybertrust-root',
      'digicert-global-root-ca',
      'd-trust-root-class-3-ca-2-2009',
    ]);
    const kept = before.slice(1, 2);
    const added = parsed(['digicert-global-root-g2', 'amazon-root-ca-3']);
    const asAnchor = (x: (typeof before)[number], index: number) => ({
      index,
      id: x.sha256,
      kind: 'certificate' as const,
      subject: '',
      subjectKey: '',
      spkiSha256: '',
      der: x.der,
      parsed: x.certificate,
      isCA: true,
      key: { type: 'RSA' },
    });
    const { rows } = bundleSizes(before.map(asAnchor), kept.map(asAnchor), added, (a) => ({
      der: a.der as Uint8Array,
      sha256: a.id,
      certificate: a.parsed as never,
    }));
    for (const [format, write] of SIZE_FORMATS) {
      const row = rows.find((x) => x.format === format);
      expect(row?.before, format).toBe(write(before).total);
      expect(row?.after, format).toBe(write([...kept, ...added]).total);
      expect(row?.addOnly, format).toBe(write([...before, ...added]).total - write(before).total);
    }
  });
});
