// Runs the package's browser build in Chromium (playwright-core driving Debian's /usr/bin/chromium):
// a loopback HTTP server serves hosts/browser/ (the test page), dist/ (the package's build, which
// embeds verify.wasm), the case runner (test/runtime-cases.ts, transpiled to JavaScript here: the
// harness is not part of the build) and the case files; the page reports its results in
// window.__hubtrust. Node only; used by runtimes.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import ts from 'typescript';
import type { ApiCheck, ApiResult } from './runtime-cases.js';

/** Debian's Chromium (root package.json hubtrust.debianPackages). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const PKG = fileURLToPath(new URL('../', import.meta.url));
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** What the page reports. */
export interface BrowserRun {
  /** The build init() picked (wasmVariant()): the case files ran on it too. */
  readonly variant: string;
  readonly wasmSha256: string;
  readonly api: ApiResult[];
  /** Result lines per case file. */
  readonly lines: string[][];
  readonly ms: number;
  readonly userAgent: string;
}

/** tldts's self-contained ES module, which the page's import map names (dist/ imports 'tldts'). */
const TLDTS_ESM = fileURLToPath(
  new URL('./dist/index.esm.min.js', import.meta.resolve('tldts/package.json')),
);

/** Serves the page, the package's dist/, tldts and the given in-memory files on 127.0.0.1. */
function serve(files: Readonly<Record<string, Uint8Array | string>>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: Uint8Array | string, type = 'text/plain') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const memory = files[path];
    if (memory !== undefined) return send(200, memory, TYPES[extname(path)] ?? 'application/octet-stream');
    let file: string | undefined;
    if (path === '/') file = join(PKG, 'hosts', 'browser', 'index.html');
    else if (path === '/page.js') file = join(PKG, 'hosts', 'browser', 'page.js');
    else if (path === '/vendor/tldts.js') file = TLDTS_ESM;
    else if (path.startsWith('/dist/')) {
      const full = normalize(join(PKG, path));
      if (full.startsWith(join(PKG, 'dist') + sep)) file = full;
    }
    const type = file ? TYPES[extname(file)] : undefined;
    if (!file || !type || !existsSync(file) || !statSync(file).isFile()) return send(404, 'not found');
    send(200, readFileSync(file), type);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Opens the test page in a fresh headless Chromium profile and returns what it reports.
 * @throws Error when Chromium is missing (with the apt-get line), the page fails, or times out
 */
export async function runInChromium(
  caseFiles: readonly Uint8Array[],
  checks: readonly ApiCheck[],
): Promise<BrowserRun> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found. Install it with:\n  sudo apt-get install -y chromium`);
  }
  const runner = ts.transpileModule(readFileSync(new URL('runtime-cases.ts', import.meta.url), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const files: Record<string, Uint8Array | string> = {
    '/harness/runtime-cases.js': runner,
    '/shards.json': JSON.stringify({ shards: caseFiles.length }),
    '/checks.json': JSON.stringify(checks),
  };
  caseFiles.forEach((f, i) => {
    files[`/cases-${i}.bin`] = f;
  });
  const server = await serve(files);
  const profile = mkdtempSync(join(tmpdir(), 'hubtrust-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const { port } = server.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => '__hubtrust' in globalThis, null, {
        timeout: 90_000,
      });
      const result = (await page.evaluate('window.__hubtrust')) as BrowserRun & { error?: string };
      if (result.error) throw new Error(`the page failed: ${result.error}`);
      if (errors.length) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
      return result;
    } finally {
      await context.close();
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  }
}
