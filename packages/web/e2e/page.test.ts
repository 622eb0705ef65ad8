// End-to-end: the built page (dist/) from a local static server in Debian's Chromium, driven by
// playwright-core. Drops real chains (hub-sim's twins of the Azure chain) and asserts the
// verdict text; measures page weight and the time from the drop event to the verdict (reported,
// not asserted); saves screenshots under e2e-screenshots/.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startHub } from '@hubtrust/hub-sim';
import { type Browser, chromium, type Page } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DIST = new URL('../dist/', import.meta.url).pathname;
const SHOTS = new URL('../e2e-screenshots/', import.meta.url).pathname;
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
