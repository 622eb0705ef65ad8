#!/usr/bin/env node
// Takes the README's screenshots with playwright-core and Debian's Chromium: the HTML report of
// `hubtrust verify` (a device with only Baltimore against today's Azure chain), the top of the
// `hubtrust demo` report, the `hubtrust bundle check` report of the 2017 Baltimore-only certs.c,
// the web page with the same chain case on it, the web page explaining an ESP32 log, and the web
// page's readiness of the 2017 Azure IoT C SDK certs.c. Writes docs/*.png.
// Build first: npm run build. Usage: node scripts/screenshots.mjs [--pdf] [name …] (names:
// report-verify, report-demo, report-readiness, web-page, web-log, web-readiness; default all).
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
const SHOTS = ['report-verify', 'report-demo', 'report-readiness', 'web-page', 'web-log', 'web-readiness'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const name of wanted)
  if (!SHOTS.includes(name)) throw new Error(`unknown screenshot ${name}: ${SHOTS.join(', ')}`);
const take = (name) => wanted.length === 0 || wanted.includes(name);
const written = [];
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
      execFileSync(process.execPath, [BIN, ...args], { stdio: 'ignore', cwd: work });
    } catch (error) {
      if (error.status !== 1) throw error; // 1 = the chain does not verify / the bundle breaks: expected here
    }
  };
  const page = await browser.newPage({ viewport: { width: 980, height: 1200 }, deviceScaleFactor: 1 });
  const verifyHtml = join(work, 'verify.html');
  if (take('report-verify')) {
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
    await page.goto(`file://${verifyHtml}`);
    await page.screenshot({ path: join(DOCS, 'report-verify.png'), fullPage: true });
    written.push('report-verify.png');
  }
  if (take('report-demo')) {
    const demoHtml = join(work, 'demo.html');
    cli(['demo', '--at', AT, '--html', demoHtml]);
    await page.goto(`file://${demoHtml}`);
    await page.screenshot({
      path: join(DOCS, 'report-demo.png'),
      clip: { x: 0, y: 0, width: 980, height: 1500 },
    });
    written.push('report-demo.png');
  }
  if (take('report-readiness')) {
    // The 2017 Azure C SDK certs.c holds only Baltimore: the catalog's copy, written as a certs.c.
    cli(['bundle', 'build', '--slug', 'baltimore-cybertrust-root', '--format', 'c-pem', '--out', 'certs.c']);
    const readinessHtml = join(work, 'readiness.html');
    cli([
      'bundle',
      'check',
      'certs.c',
      '--from',
      '2017-01-21',
      '--until',
      '2032-01-21',
      '--html',
      readinessHtml,
    ]);
    await page.goto(`file://${readinessHtml}`);
    await page.screenshot({ path: join(DOCS, 'report-readiness.png'), fullPage: true });
    written.push('report-readiness.png');
  }
  if (process.argv.includes('--pdf') && take('report-verify')) {
    await page.goto(`file://${verifyHtml}`);
    await page.pdf({ path: join(DOCS, '..', 'report-verify-print.pdf') });
  }

  if (take('web-page') || take('web-log') || take('web-readiness')) {
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
    const open = async () => {
      await web.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      await web.waitForSelector('body[data-ready="true"]');
      await web.fill('#at', AT);
    };
    if (take('web-page')) {
      await open();
      await web.fill('#host', hub.hostname);
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
      written.push('web-page.png');
    }
    // A device log and a device bundle, chosen with the page's file input (detected, not told);
    // `section` (when given) is the part of the page the screenshot keeps.
    const choose = async (name, file, ready, section) => {
      if (!take(name)) return;
      await open();
      await web.setInputFiles('#any-file', join(ROOT, 'packages', file));
      await web.waitForSelector(ready);
      const box = section ? await web.locator(section).boundingBox() : undefined;
      await web.screenshot({
        path: join(DOCS, `${name}.png`),
        fullPage: true,
        ...(box ? { clip: { x: 0, y: box.y - 8, width: 1100, height: box.height + 16 } } : {}),
      });
      written.push(`${name}.png`);
    };
    await choose(
      'web-log',
      'logs/test-data/extra-logs/101-esp-at-esp-tls-validity-future-no-sntp.log',
      '#log-result:not([hidden]) .cause',
    );
    await choose(
      'web-readiness',
      'roots/test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c',
      '#readiness-result:not([hidden]) .readiness-verdict',
      '#readiness-result',
    );
    server.close();
  }
  console.log(`wrote ${written.map((f) => join(DOCS, f)).join(', ')}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
