#!/usr/bin/env node
// Packaging test: packs every public workspace (npm pack, one call), installs all the tarballs
// into one empty project outside the monorepo with one `npm install` (third-party dependencies
// from the npm cache, else the registry), runs an ESM example in Node, the installed `hubtrust`
// binary, and a Vite build of a browser example that Chromium then runs. Lean on purpose (it runs
// in every `npm test`): nothing is built here (the packages are built by turbo before the tests),
// and the Vite build uses the monorepo's Vite (same version a user installs; it resolves the
// example's imports from the project's own node_modules, so the tarballs are what it bundles)
// instead of installing Vite and its native binaries into the project each run.
// The packages are ESM-only (no `require` condition): CommonJS callers use `await import()`.
// Usage: node scripts/pack-test.mjs [--keep]   (build the packages first)
import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = fileURLToPath(new URL('./pack-test/', import.meta.url));
const PACKAGES = ['verify', 'roots', 'hub-sim', 'logs', 'hil', 'report', 'cli'];
const keep = process.argv.includes('--keep');
const started = performance.now();
const log = (text) =>
  process.stderr.write(`pack-test: ${text} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** The same as `run`, without blocking: independent steps overlap. */
const runAsync = (cmd, args, cwd) =>
  new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${cmd} ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );

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

const work = mkdtempSync(join(tmpdir(), 'hubtrust-pack-test-'));
// Chromium starts while npm packs and installs (it needs nothing from them).
const { chromium } = await import(join(ROOT, 'node_modules/playwright-core/index.mjs'));
const browserStarting = chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
browserStarting.catch(() => {});
try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const packed = JSON.parse(
    run(
      'npm',
      ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])],
      ROOT,
    ),
  );
  const report = packed.map((p) => ({ name: p.name, files: p.files.length, packedBytes: p.size }));
  for (const p of packed) {
    const paths = p.files.map((f) => f.path);
    const stray = paths.filter((f) =>
      /(^|\/)(src|test-data|testing|bench)\/|\.test\.|tsconfig|vitest/.test(f),
    );
    if (stray.length) throw new Error(`${p.name} packs files users do not need: ${stray.join(', ')}`);
    if (!paths.includes('dist/index.d.ts')) throw new Error(`${p.name} packs no types`);
  }
  if (!packed.find((p) => p.name === '@hubtrust/verify').files.some((f) => f.path === 'build/verify.wasm'))
    throw new Error('@hubtrust/verify does not pack verify.wasm');
  log(`packed ${packed.length} packages`);

  const app = join(work, 'app');
  mkdirSync(app);
  const deps = Object.fromEntries(packed.map((p) => [p.name, `file:../tarballs/${p.filename}`]));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: deps }, null, 2),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  log('installed into an empty project');

  // Fixtures: a real root and a certificate it issued (DigiCert Global Root G2 → Azure RSA TLS CA 03).
  const realChains = join(ROOT, 'packages/report/test-data');
  const chainFile = join(app, 'chain.pem');
  const rootsFile = join(app, 'roots.pem');
  copyFileSync(join(realChains, 'microsoft-azure-rsa-tls-issuing-ca-03-xsign.pem'), chainFile);
  copyFileSync(join(realChains, 'digicert-global-root-g2.pem'), rootsFile);

  // A real device log (packages/logs/test-data/device-logs, labelled unknown_ca).
  const logFile = join(app, 'device.log');
  copyFileSync(
    join(ROOT, 'packages/logs/test-data/device-logs/001-esp8266-rtos-aws-iot-wrong-ca-0x2700.log'),
    logFile,
  );

  copyFileSync(join(HERE, 'app-node.mjs'), join(app, 'app-node.mjs'));
  copyFileSync(join(HERE, 'app-browser.js'), join(app, 'main.js'));
  const pem = (f) => readFileSync(f, 'utf8');
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html><html><body><pre id="chain" hidden>${pem(chainFile)}</pre><pre id="roots" hidden>${pem(rootsFile)}</pre><div id="out"></div><script type="module" src="./main.js"></script></body></html>`,
  );
  const hubtrust = join(app, 'node_modules/.bin/hubtrust');
  const { build } = await import(join(ROOT, 'node_modules/vite/dist/node/index.js'));
  // The Node example, the installed binary and the Vite build are independent: run them together.
  const [nodeOut, inspectOut, explainOut] = await Promise.all([
    runAsync(process.execPath, ['app-node.mjs', chainFile, rootsFile, logFile], app),
    runAsync(hubtrust, ['inspect', chainFile, '--json'], app),
    runAsync(hubtrust, ['logs', 'explain', logFile, '--json'], app),
    build({ root: app, logLevel: 'error', configFile: false, build: { outDir: join(app, 'dist') } }),
  ]);
  const node = JSON.parse(nodeOut);
  if (
    !node.verified ||
    node.cliVersionCode !== 0 ||
    node.logCause !== 'unknown_ca' ||
    node.shard?.index !== 2 ||
    node.scenarios < 10 ||
    node.causes !== 10 ||
    node.htmlBytes < 1000
  )
    throw new Error(`Node example: ${JSON.stringify(node)}`);
  log(`Node ESM example ran: ${JSON.stringify(node)}`);
  if (JSON.parse(inspectOut).certificates[0].sha256.length !== 64)
    throw new Error('hubtrust inspect from the tarball failed');
  if (JSON.parse(explainOut).cause !== 'unknown_ca')
    throw new Error('hubtrust logs explain from the tarball failed');
  log('the installed hubtrust binary ran (inspect, logs explain)');
  const assets = readdirSync(join(app, 'dist/assets'));
  const bundle = assets.map((f) => readFileSync(join(app, 'dist/assets', f), 'utf8')).join('');
  if (/from\s*["']node:|require\(["']node:/.test(bundle))
    throw new Error('the browser bundle imports a Node module');
  log(`Vite built the browser example (${assets.join(', ')})`);

  // Run the bundle in Chromium (playwright-core from the monorepo) and read the verdict.
  const server = http.createServer((req, res) => {
    const path = join(
      app,
      'dist',
      decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html',
    );
    try {
      const body = readFileSync(
        path.endsWith('/') || path === join(app, 'dist') ? join(path, 'index.html') : path,
      );
      res
        .writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await browserStarting;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForSelector('body[data-verdict]', { timeout: 20_000 });
    const verdict = await page.getAttribute('body', 'data-verdict');
    const boxes = await page.locator('svg.hubtrust-chain .cert').count();
    if (verdict !== 'trusted' || boxes !== 2)
      throw new Error(`browser example: verdict ${verdict}, ${boxes} boxes`);
    log(`Chromium ran the Vite bundle: verdict ${verdict}, ${boxes} certificate box(es)`);
  } finally {
    server.close();
  }
  console.log(
    JSON.stringify({
      ok: true,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      packages: report,
    }),
  );
} finally {
  await browserStarting.then((b) => b.close()).catch(() => {});
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
