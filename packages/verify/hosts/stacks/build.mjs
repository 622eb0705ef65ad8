#!/usr/bin/env node
// Builds the TLS-stack harnesses (hosts/stacks/*.c) into build/stacks/<key>/ and prints a JSON
// summary: { key, dir, stacks: { mbedtls, esp-crt-bundle, wolfssl, bearssl, openssl }, versions, cached }.
//
//   node hosts/stacks/build.mjs
//
// Each harness links the Debian library it names (libmbedtls-dev 2.28, libwolfssl-dev 5.5.4,
// libbearssl-dev 0.6, libssl-dev 3.0: the root package.json's hubtrust.debianPackages). The key
// hashes the sources, this script, gcc's version and the installed package versions, so a re-run
// with nothing changed costs a hash; older keys are removed. A missing package fails with the
// apt-get line to run.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..');

/** Harness → Debian package, the header proving it is installed, and the libraries to link. */
export const STACKS = {
  mbedtls: {
    deb: 'libmbedtls-dev',
    header: '/usr/include/mbedtls/x509_crt.h',
    libs: ['-lmbedx509', '-lmbedcrypto'],
  },
  /** mbedtls.c again, as ESP-IDF's certificate-bundle verification. */
  'esp-crt-bundle': {
    deb: 'libmbedtls-dev',
    header: '/usr/include/mbedtls/x509_crt.h',
    source: 'mbedtls.c',
    defines: ['-DHS_ESP_CRT_BUNDLE'],
    libs: ['-lmbedx509', '-lmbedcrypto'],
  },
  wolfssl: { deb: 'libwolfssl-dev', header: '/usr/include/wolfssl/ssl.h', libs: ['-lwolfssl'] },
  bearssl: { deb: 'libbearssl-dev', header: '/usr/include/bearssl.h', libs: ['-lbearssl'] },
  openssl: { deb: 'libssl-dev', header: '/usr/include/openssl/x509_vfy.h', libs: ['-lcrypto'] },
};
const CFLAGS = ['-std=gnu11', '-O1', '-Wall', '-Wextra', '-Werror', '-Wno-unused-function'];

function fail(message) {
  process.stderr.write(`hosts/stacks/build.mjs: ${message}\n`);
  process.exit(1);
}

function aptLine(debs) {
  return `sudo apt-get install -y ${debs.join(' ')}`;
}

function versions() {
  const gcc = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  if (gcc.error) fail(`gcc not found. Install it with:\n  ${aptLine(['build-essential'])}`);
  const missing = Object.values(STACKS).filter((s) => !existsSync(s.header));
  if (missing.length)
    fail(`headers not found. Install them with:\n  ${aptLine([...new Set(missing.map((s) => s.deb))])}`);
  const debs = [...new Set(Object.values(STACKS).map((s) => s.deb))];
  const format = `${['Package', 'Version'].map((f) => `\${${f}}`).join(' ')}\n`; // dpkg-query fields
  const q = spawnSync('dpkg-query', ['-W', '-f', format, ...debs], { encoding: 'utf8' });
  const out = { gcc: gcc.stdout.split('\n')[0] };
  for (const line of (q.stdout ?? '').split('\n')) {
    const [name, version] = line.split(' ');
    if (name && version) out[name] = version;
  }
  return out;
}

function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.stderr.on('data', (d) => {
      text += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${text}`)),
    );
  });
}

function located(out) {
  return { dir: out, stacks: Object.fromEntries(Object.keys(STACKS).map((s) => [s, join(out, s)])) };
}

async function build() {
  const v = versions();
  const files = [
    'build.mjs',
    'harness.h',
    ...new Set(Object.entries(STACKS).map(([n, s]) => s.source ?? `${n}.c`)),
  ];
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(here, f)))
      .update('\0');
  hash.update(JSON.stringify(v)).update(CFLAGS.join(' '));
  const key = hash.digest('hex').slice(0, 16);
  const root = join(pkg, 'build', 'stacks');
  const out = join(root, key);
  if (existsSync(join(out, 'info.json')))
    return { ...JSON.parse(readFileSync(join(out, 'info.json'), 'utf8')), ...located(out), cached: true };
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const t0 = performance.now();
    await Promise.all(
      Object.entries(STACKS).map(([name, s]) =>
        run(
          'gcc',
          [...CFLAGS, ...(s.defines ?? []), '-o', name, join(here, s.source ?? `${name}.c`), ...s.libs],
          tmp,
        ),
      ),
    );
    const info = { key, versions: v, cflags: CFLAGS.join(' '), buildMs: Math.round(performance.now() - t0) };
    writeFileSync(join(tmp, 'info.json'), `${JSON.stringify(info, null, 2)}\n`);
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
    for (const d of readdirSync(root))
      if (d !== key && !d.includes('.tmp-')) rmSync(join(root, d), { recursive: true });
    return { ...info, ...located(out), cached: false };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

build().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e) => fail(e.message),
);
