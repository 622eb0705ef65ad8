// End-to-end: the built page (dist/) from a local static server in Debian's Chromium, driven by
// playwright-core. Drops real chains (hub-sim's twins of the Azure chain), real device logs
// (@hubtrust/logs' test data) and a real device bundle (the 2017 Azure IoT C SDK certs.c,
// @hubtrust/roots' test data) and asserts the verdict, the explanation and the readiness text;
// measures page weight and the time from the drop event to each result (reported, not
// asserted); saves screenshots under e2e-screenshots/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startHub } from '@hubtrust/hub-sim';
import { type Browser, chromium, type Page } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noise } from '../src/testing/noise.js';

const DIST = new URL('../dist/', import.meta.url).pathname;
const SHOTS = new URL('../e2e-screenshots/', import.meta.url).pathname;
const repoFile = (path: string) => new Uint8Array(readFileSync(new URL(`../../${path}`, import.meta.url)));
const ESP32_LOG = 'logs/test-data/extra-logs/101-esp-at-esp-tls-validity-future-no-sntp.log';
const WOLFSSL_LOG = 'logs/test-data/extra-logs/109-wolfssl-no-signer-188-chain-registration.log';
const CERTS_C_2017 = 'roots/test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: http.Server;
let origin: string;
let browser: Browser;
const fixtures = { chain: '', roots: '', baltimore: '', hostname: '', chainDer: new Uint8Array() };
const figures: Record<string, number> = {};

beforeAll(async () => {
  const hub = await startHub({ scenario: 'current' });
  fixtures.chain = hub.chainPem;
  fixtures.roots = hub.caPem;
  fixtures.baltimore = hub.roots['baltimore-cybertrust-root'] as string;
  fixtures.hostname = hub.hostname;
  const leafB64 = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END/.exec(hub.chainPem)?.[1] ?? '';
  fixtures.chainDer = new Uint8Array(Buffer.from(leafB64.replace(/\s/g, ''), 'base64'));
  await hub.stop();
  const serve = sirv(DIST, { dev: false, etag: false });
  server = http.createServer((req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  writeFileSync(new URL('../e2e-figures.json', import.meta.url), `${JSON.stringify(figures, null, 2)}\n`);
  console.log('web e2e figures:', figures);
});

async function open(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, requests, errors };
}

/** Drops files (name → bytes) on a drop zone, as a user dragging them from the desktop would. */
async function drop(page: Page, zone: string, files: Record<string, Uint8Array | string>): Promise<void> {
  const payload = Object.entries(files).map(([name, data]) => ({
    name,
    b64: Buffer.from(typeof data === 'string' ? Buffer.from(data) : data).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list)
      dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, payload);
  await page.dispatchEvent(zone, 'drop', { dataTransfer });
}

describe('the hubtrust page in Chromium', () => {
  it('loads without fetching anything but itself, within the weight budget', async () => {
    const { page, requests, errors } = await open();
    expect(requests.every((url) => url.startsWith(origin))).toBe(true);
    let gzip = 0;
    let raw = 0;
    for (const url of requests) {
      const body = await (await fetch(url)).arrayBuffer();
      raw += body.byteLength;
      gzip += gzipSync(Buffer.from(body)).length;
    }
    figures.pageRequests = requests.length;
    figures.pageBytes = raw;
    figures.pageGzipBytes = gzip;
    expect(gzip).toBeLessThanOrEqual(250 * 1024);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a good chain and the device roots: "Trusted", with the chain diagram and the timeline', async () => {
    const { page, errors } = await open();
    await page.fill('#host', fixtures.hostname);
    await page.fill('#at', '2026-06-01');
    await drop(page, '#chain-drop', { 'chain.pem': fixtures.chain });
    await drop(page, '#roots-drop', { 'roots.pem': fixtures.roots });
    await page.waitForSelector('.verdict.ok');
    expect(await page.textContent('.verdict')).toContain('✓ Trusted');
    expect(await page.locator('svg.hubtrust-chain .cert').count()).toBe(3);
    expect(await page.locator('svg.hubtrust-timeline .bar').count()).toBeGreaterThanOrEqual(2);
    figures.dropToVerdictMsTrusted = Number(await page.getAttribute('body', 'data-verdict-ms'));
    await page.screenshot({ path: `${SHOTS}web-trusted.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a device with only Baltimore: "Not trusted: UNKNOWN_ISSUER" and the missing root named', async () => {
    const { page } = await open();
    await page.fill('#host', fixtures.hostname);
    await drop(page, '#chain-drop', { 'chain.pem': fixtures.chain });
    await drop(page, '#roots-drop', { 'baltimore.pem': fixtures.baltimore });
    await page.waitForSelector('.verdict.fail');
    expect(await page.textContent('.verdict')).toContain('✗ Not trusted: UNKNOWN_ISSUER');
    expect(await page.textContent('svg.hubtrust-chain')).toContain('MISSING ISSUER');
    figures.dropToVerdictMsUnknownIssuer = Number(await page.getAttribute('body', 'data-verdict-ms'));
    await page.screenshot({ path: `${SHOTS}web-unknown-issuer.png`, fullPage: true });
    await page.close();
  });

  it("reads a device's C source (certs.c) as its roots", async () => {
    const { writeC } = await import('@hubtrust/roots');
    const { init, splitPem } = await import('@hubtrust/verify');
    await init();
    const certsC = writeC(splitPem(fixtures.roots), { forms: ['pem'], prefix: 'certs' }).source.text;
    const { page } = await open();
    await page.fill('#host', fixtures.hostname);
    await page.fill('#at', '2026-06-01');
    await drop(page, '#chain-drop', { 'chain.pem': fixtures.chain });
    await drop(page, '#roots-drop', { 'certs.c': certsC });
    await page.waitForSelector('.verdict.ok');
    expect(await page.inputValue('#roots-text')).toContain('# certs.c pem-string at line');
    await page.close();
  });

  it('reads a dropped DER file, and names what is wrong with a garbage file', async () => {
    const { page } = await open();
    await drop(page, '#chain-drop', { 'leaf.der': fixtures.chainDer });
    await page.waitForFunction(() =>
      (document.getElementById('chain-text') as HTMLTextAreaElement).value.includes('BEGIN CERTIFICATE'),
    );
    expect(await page.textContent('#result')).toContain('Add the roots the device trusts');
    await drop(page, '#roots-drop', { 'firmware.bin': new Uint8Array([1, 2, 3, 4, 5]) });
    await page.waitForFunction(() => document.getElementById('errors')?.textContent !== '');
    expect(await page.textContent('#errors')).toContain('firmware.bin: no certificate found (read as image)');
    await page.fill('#roots-text', '-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n');
    expect(await page.textContent('#errors')).toContain('roots: PEM block "CERTIFICATE" has invalid base64');
    await page.close();
  });
});

/** The explanation on the page once it is shown: its cause, its text, its evidence line numbers. */
async function explanation(page: Page): Promise<{ cause: string | null; text: string; lines: string[] }> {
  await page.waitForSelector('#log-result:not([hidden]) .cause');
  return {
    cause: await page.getAttribute('#log-result .cause', 'data-cause'),
    text: (await page.textContent('#log-result')) ?? '',
    lines: await page.locator('#log-result table.evidence th.line').allTextContents(),
  };
}

describe('logs, readiness and detection in Chromium', () => {
  it('an ESP32 log dropped anywhere: detected as a log, cause, code and flags decoded, evidence lines numbered', async () => {
    const { page, errors } = await open();
    await drop(page, 'body', { 'esp32-boot.log': repoFile(ESP32_LOG) });
    const { cause, text, lines } = await explanation(page);
    expect(await page.textContent('#detected')).toContain('esp32-boot.log as a device log');
    expect(cause).toBe('not_yet_valid_clock');
    expect(text).toContain('a certificate is not yet valid at the device’s time');
    expect(text).toContain('-0x2700 = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
    expect(text).toContain('0x200 = MBEDTLS_X509_BADCERT_FUTURE');
    expect(lines).toEqual(['line 1', 'line 3']);
    expect(text).toContain('run SNTP and wait for the first sync');
    expect(text).toContain('high confidence');
    expect(await page.inputValue('#log-text')).toContain('mbedtls_ssl_handshake returned -0x2700');
    figures.dropToExplanationMsEsp32 = Number(await page.getAttribute('body', 'data-explanation-ms'));
    await page.screenshot({ path: `${SHOTS}web-log.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the same log saved as UTF-16LE (a PowerShell redirect): converted, then explained the same', async () => {
    const { page, errors } = await open();
    const text = new TextDecoder().decode(repoFile(ESP32_LOG));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await drop(page, 'body', { 'powershell.log': new Uint8Array(utf16) });
    const { cause, lines } = await explanation(page);
    expect(await page.textContent('#detected')).toContain(
      'as a device log (text without certificates, converted from UTF-16LE)',
    );
    expect(cause).toBe('not_yet_valid_clock');
    expect(lines).toEqual(['line 1', 'line 3']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a wolfSSL -188 log pasted: unknown CA, ASN_NO_SIGNER_E, line 1', async () => {
    const { page, errors } = await open();
    const log = new TextDecoder().decode(repoFile(WOLFSSL_LOG));
    await page.focus('#any-text');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const target = document.getElementById('any-text') as HTMLTextAreaElement;
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, log);
    const { cause, text, lines } = await explanation(page);
    expect(await page.textContent('#detected')).toContain('the pasted text as a device log');
    expect(cause).toBe('unknown_ca');
    expect(text).toContain('-188 = ASN_NO_SIGNER_E');
    expect(text).toContain('stack wolfssl');
    expect(lines).toEqual(['line 1']);
    expect(text).toContain('wolfSSL_CTX_load_verify_buffer');
    expect(await page.inputValue('#any-text')).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a gzip log naming its host: decompressed; the host fills the Host name field and its cloud endpoint joins the readiness', async () => {
    const { page, errors } = await open();
    await drop(page, 'body', {
      'mqtt-cli.log.gz': new Uint8Array(
        gzipSync(repoFile('logs/test-data/extra-logs/105-mqttcli-go-aws-legacy-ca-format.log')),
      ),
    });
    const { cause } = await explanation(page);
    expect(await page.textContent('#detected')).toContain(
      'mqtt-cli.log as a device log (text without certificates, decompressed from mqtt-cli.log.gz)',
    );
    expect(cause).toBe('unknown_ca');
    expect(await page.textContent('.host-hint')).toContain(
      'The log connects to di4yltozu.iot.us-west-2.amazonaws.com: AWS IoT Core legacy data endpoints',
    );
    expect(await page.inputValue('#host')).toBe('di4yltozu.iot.us-west-2.amazonaws.com');
    expect(await page.isChecked('#families input[value="aws-iot-legacy-verisign"]')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a garbage file chosen with the file input: a firmware image without certificates, then a log on request', async () => {
    const { page, errors } = await open();
    // Roots already on the page stay there: the garbage file changes no box.
    await drop(page, '#roots-drop', { 'roots.pem': fixtures.roots });
    await page.waitForSelector('#readiness-result:not([hidden]) .readiness-verdict');
    await page.setInputFiles('#any-file', {
      name: 'garbage.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(noise(4096, 0x2545f491)),
    });
    await page.waitForFunction(() => document.getElementById('errors')?.textContent !== '');
    expect(await page.textContent('#detected')).toContain(
      'garbage.bin as the roots the device trusts (binary data, scanned as a firmware image)',
    );
    expect(await page.textContent('#errors')).toContain('garbage.bin: no certificate found (read as image)');
    await page.selectOption('#reroute', 'log');
    const { cause, text, lines } = await explanation(page);
    expect(cause).toBe('other');
    expect(lines).toEqual([]);
    expect(text).toContain('No TLS handshake outcome recognised in this log');
    expect(text).toContain('binary_input');
    expect(text).toMatch(/garbage\.bin: \d+ lines read, \d+ bytes that are not text/);
    expect(await page.textContent('#detected')).toContain('garbage.bin as a device log (as chosen)');
    expect(await page.inputValue('#roots-text')).toBe(fixtures.roots);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the 2017 Baltimore-only certs.c: Azure IoT Hub fails from the 2023 migration; add DigiCert Global Root G2', async () => {
    const { page, errors } = await open();
    await page.fill('#at', '2026-06-01');
    await drop(page, 'body', { 'certs.c': repoFile(CERTS_C_2017) });
    await page.waitForSelector('#readiness-result:not([hidden]) .readiness-verdict');
    expect(await page.textContent('#detected')).toContain(
      'certs.c as the roots the device trusts (a C source file)',
    );
    expect(await page.inputValue('#roots-text')).toContain('# certs.c pem-string at line');
    const verdict = (await page.textContent('.readiness-verdict')) ?? '';
    expect(verdict).toContain('certs.c (1 root, c-source) stops connecting to');
    expect(verdict).toContain('to Azure IoT Hub (global Azure, RSA server certificates) on 2023-02-15');
    expect(verdict).toContain('AWS IoT Core data endpoints (iot:Data-ATS), RSA on 2018-05-01');
    expect(verdict).toContain('as mbedtls-2.28');
    const azure = (await page.textContent('li.endpoint[data-family="azure-iot-hub"]')) ?? '';
    expect(azure).toContain('fails from 2023-02-15, in the migration-to-digicert-g2 migration window');
    expect(azure).toContain('UNKNOWN_ISSUER');
    const add = await page.locator('ul.changes li.add').allTextContents();
    expect(add.find((a) => a.includes('DigiCert Global Root G2'))).toContain('for Azure IoT Hub');
    expect(await page.locator('li.endpoint[data-family="aws-iot-core-ats-rsa"]').count()).toBe(1);
    // The timeline is the CLI report's SVG: one row per endpoint, each stretch titled with its verdict.
    const stretches = await page.locator('figure.bands svg rect title').allTextContents();
    expect(stretches).toContain(
      '2023-02-15 → 2023-06-08 fails [migration-to-digicert-g2]: UNKNOWN_ISSUER no trust anchor for this chain: the bundle needs DigiCert Global Root G2',
    );
    figures.dropToReadinessMsCertsC2017 = Number(await page.getAttribute('body', 'data-readiness-ms'));
    await page.screenshot({ path: `${SHOTS}web-readiness.png`, fullPage: true });
    // Another device profile re-runs the analysis.
    await page.selectOption('#device', 'bearssl-0.6');
    await page.waitForFunction(() =>
      document.querySelector('.readiness-verdict')?.textContent?.includes('bearssl-0.6'),
    );
    // Printed: the interval tables open and readable, the inputs and the text renderings left out.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('details.intervals[open]').count()).toBe(2);
    expect(await page.isVisible('details.intervals table')).toBe(true);
    expect(await page.isVisible('details.as-text')).toBe(false);
    expect(await page.isVisible('#families')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an ESP-IDF certificate bundle: the readiness reads it, the chain check says it needs certificates', async () => {
    const { page, errors } = await open();
    await page.fill('#at', '2026-06-01');
    await drop(page, 'body', {
      x509_crt_bundle: repoFile('roots/test-data/formats/esp-crt-bundle/balt_new.bin'),
    });
    await page.waitForSelector('#readiness-result:not([hidden]) .readiness-verdict');
    expect(await page.textContent('#detected')).toContain(
      'as the roots the device trusts (an ESP-IDF certificate bundle',
    );
    expect(await page.inputValue('#roots-text')).toMatch(
      /^# x509_crt_bundle: ESP-IDF certificate bundle with \d+ roots/,
    );
    expect(await page.textContent('.readiness-verdict')).toMatch(
      /^x509_crt_bundle \(\d+ roots?, esp-bundle\)/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every control has a label and works from the keyboard; printed, the inputs and the placeholders are left out', async () => {
    const { page } = await open();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input, select, textarea, button')]
        .filter(
          (el) => (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.textContent?.trim(),
        )
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabelled).toEqual([]);
    expect(
      await page
        .locator('#families input[type=checkbox]:checked')
        .evaluateAll((l) => l.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['azure-iot-hub', 'aws-iot-core-ats-rsa']);
    expect(await page.inputValue('#device')).toBe('mbedtls-2.28');
    // Keyboard only: type a log in the paste box, Tab past the file input and "Read as" to the
    // button, press Enter.
    await page.focus('#any-text');
    await page.keyboard.insertText('E (4536) esp-tls: mbedtls_ssl_handshake returned -0x2700\n');
    for (const id of ['any-file', 'read-as', 'any-read']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    }
    await page.keyboard.press('Enter');
    expect((await explanation(page)).cause).toBe('unknown_ca');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#any-title')).toBe(false);
    expect(await page.isVisible('#result .placeholder')).toBe(false);
    await page.close();
  });
});
