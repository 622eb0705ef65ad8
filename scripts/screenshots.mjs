#!/usr/bin/env node
// Takes the README's screenshots with playwright-core and Debian's Chromium: the HTML report of
// `hubtrust verify` (a device with only Baltimore against today's Azure chain), the top of the
// `hubtrust demo` report, the web page with the same case on it, the web page explaining an ESP32
// log, and the web page's readiness of the 2017 Azure IoT C SDK certs.c. Writes docs/*.png.
// Build first: npm run build. Usage: node scripts/screenshots.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from '@hubtrust/hub-sim';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs');
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const AT = '2026-06-01';
mkdirSync(DOCS, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'hubtrust-screenshots-'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const hub = await startHub({ scenario: 'current' });
  const files = { chain: join(work, 'chain.pem'), baltimore: join(work, 'certs-c-2017.pem') };
  writeFileSync(files.chain, hub.chainPem);
  writeFileSync(files.baltimore, hub.roots['baltimore-cybertrust-root']);
  await hub.stop();
  const cli = (args) => {
    try {
      execFileSync(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    } catch (error) {
      if (error.status !== 1) throw error; // 1 = the chain does not verify: expected here
    }
  };
  const verifyHtml = join(work, 'verify.html');
  cli([
    'verify',
    files.chain,
    '--roots',
    files.baltimore,
    '--host',
    hub.hostname,
    '--at',
    AT,
    '--html',
    verifyHtml,
  ]);
  const demoHtml = join(work, 'demo.html');
  cli(['demo', '--at', AT, '--html', demoHtml]);

  const page = await browser.newPage({ viewport: { width: 980, height: 1200 }, deviceScaleFactor: 1 });
  await page.goto(`file://${verifyHtml}`);
  await page.screenshot({ path: join(DOCS, 'report-verify.png'), fullPage: true });
  await page.goto(`file://${demoHtml}`);
  await page.screenshot({
    path: join(DOCS, 'report-demo.png'),
    clip: { x: 0, y: 0, width: 980, height: 1500 },
  });
  if (process.argv.includes('--pdf')) {
    await page.goto(`file://${verifyHtml}`);
    await page.pdf({ path: join(DOCS, '..', 'report-verify-print.pdf') });
  }

  const dist = join(ROOT, 'packages/web/dist');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const path = join(dist, new URL(req.url, 'http://x').pathname.replace(/^\/+/, '') || 'index.html');
    let body;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const web = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await web.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await web.waitForSelector('body[data-ready="true"]');
  await web.fill('#host', hub.hostname);
  await web.fill('#at', AT);
  await web.fill('#chain-text', readFileSync(files.chain, 'utf8'));
  await web.fill('#roots-text', readFileSync(files.baltimore, 'utf8'));
  await web.waitForSelector('.verdict.fail');
  // hub-sim's twin roots are not the catalog's: the readiness of this bundle is not the point here.
  const verdict = await web.locator('#result').boundingBox();
  await web.screenshot({
    path: join(DOCS, 'web-page.png'),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1100, height: verdict.y + verdict.height + 8 },
  });
  // A device log and a device bundle, chosen with the page's file input (detected, not told).
  const choose = async (file, selector) => {
    await web.reload();
    await web.waitForSelector('body[data-ready="true"]');
    await web.fill('#at', AT);
    await web.setInputFiles('#any-file', join(ROOT, 'packages', file));
    await web.waitForSelector(selector);
  };
  await choose(
    'logs/test-data/extra-logs/101-esp-at-esp-tls-validity-future-no-sntp.log',
    '#log-result:not([hidden]) .cause',
  );
  await web.screenshot({ path: join(DOCS, 'web-log.png'), fullPage: true });
  await choose(
    'roots/test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c',
    '#readiness-result:not([hidden]) .readiness-verdict',
  );
  const readiness = await web.locator('#readiness-result').boundingBox();
  await web.screenshot({
    path: join(DOCS, 'web-readiness.png'),
    fullPage: true,
    clip: { x: 0, y: readiness.y - 8, width: 1100, height: readiness.height + 16 },
  });
  server.close();
  const written = [
    'report-verify.png',
    'report-demo.png',
    'web-page.png',
    'web-log.png',
    'web-readiness.png',
  ];
  console.log(`wrote ${written.map((f) => join(DOCS, f)).join(', ')}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
