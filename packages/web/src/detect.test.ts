// The page's guess of what was dropped, on real inputs: device logs from @hubtrust/logs' test data,
// Azure IoT C SDK certs.c files and an ESP-IDF bundle from @hubtrust/roots' test data, catalog
// certificates as PEM and DER, and inputs built here (an ELF header, Intel HEX, random bytes).
import { readFileSync } from 'node:fs';
import { getCertificate } from '@hubtrust/roots';
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectInput, textShare, utf8Of } from './detect.js';
import { noise } from './testing/noise.js';

const repo = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
  await init();
});

describe('detectInput', () => {
  it.each([
    'logs/test-data/extra-logs/101-esp-at-esp-tls-validity-future-no-sntp.log',
    'logs/test-data/extra-logs/109-wolfssl-no-signer-188-chain-registration.log',
    'logs/test-data/device-logs/014-modbus-esp32-tls-hostname-resolved-to-ip-cn-mismatch.log',
    'logs/test-data/device-logs/021-mbedtls-ssl-client2-github-handshake-ok.log',
  ])('a device log is a log: %s', (path) => {
    const d = detectInput(repo(path), path.split('/').pop() as string);
    expect(d).toMatchObject({ kind: 'log', format: 'text' });
  });

  it('a log is a log whatever its name, and pasted text without certificates too', () => {
    const log = repo('logs/test-data/device-logs/006-esp-idf-mqtt-mosquitto-org-sha1-rsa1024-ca.log');
    expect(detectInput(log, 'capture.pem').kind).toBe('log');
    expect(detectInput(utf8('hello\nworld\n'), 'pasted text')).toMatchObject({
      kind: 'log',
      reason: 'text without certificates',
    });
  });

  it('a serial log with line noise (bytes of a wrong baud rate) stays a log', () => {
    const log = repo('logs/test-data/extra-logs/101-esp-at-esp-tls-validity-future-no-sntp.log');
    const noisy = new Uint8Array([...noise(12), 0x0a, ...log]);
    expect(textShare(noisy)).toBeGreaterThan(0.9);
    expect(detectInput(noisy, 'serial.txt').kind).toBe('log');
  });

  it('a certs.c is the device roots, by extension and by content', () => {
    const certsC = repo('roots/test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c');
    expect(detectInput(certsC, 'certs.c')).toMatchObject({ kind: 'roots', format: 'c-source' });
    expect(detectInput(certsC, 'certs.txt')).toMatchObject({
      kind: 'roots',
      format: 'c-source',
      reason: 'text that reads as C source',
    });
  });

  it('an ESP-IDF bundle is the device roots', () => {
    const bundle = repo('roots/test-data/formats/esp-crt-bundle/balt_new.bin');
    expect(detectInput(bundle, 'x509_crt_bundle')).toMatchObject({ kind: 'roots', format: 'esp-bundle' });
  });

  it('ELF and Intel HEX images are the device roots (to scan); so is random binary data', () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0, ...noise(200)]);
    expect(detectInput(elf, 'app.elf')).toMatchObject({ kind: 'roots', format: 'elf' });
    const hex = utf8(':100000000C9434000C9446000C9446000C9446006A\n:00000001FF\n');
    expect(detectInput(hex, 'app.hex')).toMatchObject({ kind: 'roots', format: 'ihex' });
    const garbage = noise(4096);
    expect(textShare(garbage)).toBeLessThan(0.9);
    expect(detectInput(garbage, 'garbage.bin')).toMatchObject({ kind: 'roots', format: 'firmware' });
  });

  it('certificates: a server certificate first makes a chain, CA certificates make roots', () => {
    const leaf = getCertificate('leaf-azure-devices-net-2015');
    const issuer = getCertificate('microsoft-it-ssl-sha2');
    const root = getCertificate('digicert-global-root-g2');
    const chain = detectInput(utf8(leaf.pem + issuer.pem), 'chain.pem');
    expect(chain).toMatchObject({ kind: 'chain', format: 'pem' });
    expect(chain.reason).toContain('starting with a server certificate (CN=*.azure-devices.net');
    expect(detectInput(utf8(root.pem + issuer.pem), 'bundle.pem')).toMatchObject({
      kind: 'roots',
      format: 'pem',
      reason:
        'PEM text with 2 certificates starting with a CA certificate (CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US)',
    });
    expect(detectInput(leaf.der, 'leaf.cer')).toMatchObject({ kind: 'chain', format: 'der' });
    expect(detectInput(root.der, 'root.der')).toMatchObject({ kind: 'roots', format: 'der' });
  });

  it('a log that prints the chain (openssl s_client -showcerts) is a log, and says it holds certificates', () => {
    const leaf = getCertificate('leaf-azure-devices-net-2015');
    const log = [
      'CONNECTED(00000003)',
      'depth=0 CN = *.azure-devices.net',
      'verify error:num=20:unable to get local issuer certificate',
      '---',
      'Certificate chain',
      ' 0 s:CN = *.azure-devices.net',
      leaf.pem.trim(),
      '---',
      'Verify return code: 20 (unable to get local issuer certificate)',
    ].join('\n');
    const d = detectInput(utf8(log), 'sclient.txt');
    expect(d.kind).toBe('log');
    expect(d.reason).toContain('log that also holds 1 certificate');
  });

  it('hostile text: 300,000 BEGIN lines without an END are read in one pass (a log without certificates)', () => {
    const text = '-----BEGIN CERTIFICATE-----\n'.repeat(300_000);
    expect(detectInput(utf8(text), 'begin.txt')).toMatchObject({
      kind: 'log',
      reason: 'text without certificates',
    });
  });

  it('certificates after an unterminated block are not counted; those before it are', () => {
    const root = getCertificate('digicert-global-root-g2');
    const text = `${root.pem}-----BEGIN CERTIFICATE-----\nMIIB\n`;
    expect(detectInput(utf8(text), 'cut.pem')).toMatchObject({
      kind: 'roots',
      reason: expect.stringMatching(/^PEM text with 1 certificate starting with a CA certificate/),
    });
  });

  it('a UTF-16 log (PowerShell redirect) is transcoded to UTF-8, then read as a log', () => {
    const log = repo('logs/test-data/extra-logs/109-wolfssl-no-signer-188-chain-registration.log');
    const text = new TextDecoder().decode(log);
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++)
      new DataView(le.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect(detectInput(le, 'ps.log').kind).toBe('roots'); // as bytes: half NULs, binary
    const converted = utf8Of(le);
    expect(converted.converted).toBe('UTF-16LE');
    expect(new TextDecoder().decode(converted.bytes)).toBe(text);
    expect(detectInput(converted.bytes, 'ps.log').kind).toBe('log');
    const be = Uint8Array.from([0xfe, 0xff, 0, 0x41]);
    expect(utf8Of(be)).toMatchObject({ converted: 'UTF-16BE', bytes: utf8('A') });
    expect(utf8Of(log).converted).toBeUndefined();
  });
});
