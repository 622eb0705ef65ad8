#!/usr/bin/env node
// Bootstrap: make a fresh clone ready before `npm start` / `npm test`.
//
// 1. npm dependencies: runs `npm ci` when node_modules is missing or older than package-lock.json.
// 2. Debian packages: the list lives in one place, root package.json -> hubtrust.debianPackages.
//    Missing ones are installed with apt-get when running as root; otherwise the exact command
//    is printed and the script exits non-zero.
//
// Uses only Node built-ins (it runs before any dependency exists). Idempotent; when everything
// is present it costs one stat and one dpkg-query call (well under 2 s).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const debianPackages = rootPackage.hubtrust?.debianPackages ?? [];

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    log(`'${command} ${args.join(' ')}' failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function ensureNpmDependencies() {
  const lock = join(root, 'package-lock.json');
  // npm writes node_modules/.package-lock.json after every successful install.
  const installed = join(root, 'node_modules', '.package-lock.json');
  const installedAt = mtime(installed);
  if (installedAt >= 0 && installedAt >= mtime(lock)) return;
  log(installedAt < 0 ? 'node_modules is missing' : 'node_modules is older than package-lock.json');
  run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}

function missingDebianPackages() {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\\n', ...debianPackages], {
    encoding: 'utf8',
  });
  if (result.error) return null; // no dpkg: not a Debian-like system
  const installed = new Set(
    result.stdout
      .split('\n')
      .filter((line) => /^\S+ ii/.test(line))
      .map((line) => line.split(' ')[0]),
  );
  return debianPackages.filter((name) => !installed.has(name));
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing === null) {
    log(`dpkg-query not found: not a Debian system. Install the equivalents of: ${debianPackages.join(' ')}`);
    return;
  }
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    log(`missing Debian packages: ${missing.join(' ')}`);
    process.stderr.write(
      `\nRun this once, then try again:\n\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n\n`,
    );
    process.exit(1);
  }
  log(`installing missing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', ...missing], { env });
}

const started = Date.now();
ensureDebianPackages();
ensureNpmDependencies();
log(`ready in ${Date.now() - started} ms`);
