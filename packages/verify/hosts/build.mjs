#!/usr/bin/env node
// Builds the native hosts of verify.wasm into build/hosts/<key>/ and prints a JSON summary:
//
//   wabt-interp   hosts/wabt-interp/host.cpp linked with libwabt (wabt's interpreter library)
//   wasm2c        wasm2c's C translation of verify.wasm + hosts/wasm2c/host.c, compiled with gcc
//
//   node hosts/build.mjs [path/to/verify.wasm]      (default: build/verify.wasm)
//
// The key hashes everything that affects the outputs (the wasm bytes, the host sources, this
// script, the compiler flags and versions), so a re-run with nothing changed costs one hash and
// one stat; older keys are removed. Debian packages needed: build-essential and wabt (both in the
// root package.json's hubtrust.debianPackages); a missing tool fails with the apt-get line.
//
// wasm2c output is compiled with -O1 by default (HUBTRUST_WASM2C_OPT overrides it): on the full
// verifier it compiles several times faster than -O2, and it is only a test host here (a device
// build would choose -Os or -O2 in its own toolchain; see the README's "Embedding verify.wasm").
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportsHeader } from './common/exports-header.mjs';
import { run } from './common/run.mjs';
import { sectionSizes } from './mcu/measure.mjs';

const hostsDir = dirname(fileURLToPath(import.meta.url));
const pkg = join(hostsDir, '..');
const APT = 'sudo apt-get install -y build-essential wabt';
/** wasm2c's runtime sources (Debian puts them in /usr/share/wabt/wasm2c; upstream in wasm2c/). */
const RT_DIRS = ['/usr/share/wabt/wasm2c', '/usr/src/wasm2c'];
const WASM2C_OPT = process.env.HUBTRUST_WASM2C_OPT || '-O1';
/** Bounds checks in code instead of guard pages and signals: the microcontroller configuration. */
const WASM2C_DEFS = ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0'];
/** The ABI header generated from abi.json (scripts/gen-abi.mjs): both hosts check the module against it. */
const ABI_HEADER = join(pkg, 'include', 'verify_abi.generated.h');
const WABT_FLAGS = ['-std=c++17', '-O2', `-I${join(pkg, 'include')}`];

function fail(message) {
  process.stderr.write(`hosts/build.mjs: ${message}\n`);
  process.exit(1);
}

function which(tool) {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error) fail(`'${tool}' not found. Install it with:\n  ${APT}`);
  return (r.stdout || r.stderr).split('\n')[0];
}

function findRuntimeDir() {
  const dir = RT_DIRS.find((d) => existsSync(join(d, 'wasm-rt-impl.c')));
  if (!dir)
    fail(
      `wasm2c's runtime (wasm-rt-impl.c) not found in ${RT_DIRS.join(' or ')}. Install it with:\n  ${APT}`,
    );
  return dir;
}

/**
 * Section sizes of an object file by kind (`size -A`): .text is code only, where the Berkeley
 * `size` text column also counts .rodata and .eh_frame.
 */
function objectSize(file) {
  try {
    return sectionSizes(file, 'size');
  } catch {
    return null;
  }
}

async function build(wasmPath) {
  const versions = [which('gcc'), which('g++'), which('wasm2c')];
  if (!existsSync('/usr/include/wabt/interp/interp.h')) {
    fail(`wabt's C++ headers (/usr/include/wabt) not found. Install them with:\n  ${APT}`);
  }
  const rtDir = findRuntimeDir();
  const sources = [
    'build.mjs',
    'common/exports-header.mjs',
    'common/run.mjs',
    'common/runner.h',
    'mcu/measure.mjs',
    'wabt-interp/host.cpp',
    'wasm2c/host.c',
  ].map((f) => readFileSync(join(hostsDir, f)));
  sources.push(readFileSync(ABI_HEADER));
  const wasm = readFileSync(wasmPath);
  const hash = createHash('sha256');
  for (const part of [wasm, ...sources, versions.join('\n'), WASM2C_OPT, rtDir])
    hash.update(part).update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const root = join(pkg, 'build', 'hosts');
  const out = join(root, key);
  const info = join(out, 'info.json');
  if (existsSync(info)) return { ...JSON.parse(readFileSync(info, 'utf8')), ...located(out), cached: true };

  const t0 = performance.now();
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'verify.wasm'), wasm);
  try {
    return await compile(wasm, tmp, out, root, key, rtDir, t0);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Where a build's files are. Recomputed on every run, never read back from info.json: a build
 * directory copied from another checkout (or restored from a turbo cache filled there) records
 * that checkout's absolute paths, whose files may be gone.
 */
function located(out) {
  return {
    dir: out,
    wasm: join(out, 'verify.wasm'),
    hosts: { 'wabt-interp': join(out, 'wabt-interp'), wasm2c: join(out, 'wasm2c') },
  };
}

async function compile(wasm, tmp, out, root, key, rtDir, t0) {
  const since = (t) => Math.round(performance.now() - t);
  const wabtInterp = async () => {
    const t = performance.now();
    await run(
      'g++',
      [...WABT_FLAGS, '-o', 'wabt-interp', join(hostsDir, 'wabt-interp', 'host.cpp'), '-lwabt'],
      tmp,
    );
    return since(t);
  };
  const wasm2c = async () => {
    await run('wasm2c', ['verify.wasm', '-n', 'verify', '-o', 'verify.c'], tmp);
    writeFileSync(
      join(tmp, 'exports.gen.h'),
      exportsHeader(readFileSync(join(tmp, 'verify.h'), 'utf8'), fail),
    );
    const cc = ['-std=gnu11', WASM2C_OPT, ...WASM2C_DEFS, `-I${rtDir}`, '-I.', `-I${join(pkg, 'include')}`];
    const t = performance.now();
    await Promise.all([
      run('gcc', [...cc, '-c', 'verify.c', '-o', 'verify.o'], tmp),
      run('gcc', [...cc, '-c', join(rtDir, 'wasm-rt-impl.c'), '-o', 'wasm-rt-impl.o'], tmp),
      run('gcc', [...cc, '-c', join(hostsDir, 'wasm2c', 'host.c'), '-o', 'host.o'], tmp),
    ]);
    const ms = since(t);
    await run('gcc', ['-Wl,-z,now', '-o', 'wasm2c', 'host.o', 'verify.o', 'wasm-rt-impl.o', '-lm'], tmp);
    return ms;
  };
  const [wabtMs, wasm2cCompileMs] = await Promise.all([wabtInterp(), wasm2c()]);
  const result = {
    key,
    ...located(out),
    wasmSha256: createHash('sha256').update(wasm).digest('hex'),
    wasm2c: {
      flags: [WASM2C_OPT, ...WASM2C_DEFS].join(' '),
      cBytes: readFileSync(join(tmp, 'verify.c')).length,
      moduleObject: objectSize(join(tmp, 'verify.o')),
      runtimeObject: objectSize(join(tmp, 'wasm-rt-impl.o')),
      compileMs: wasm2cCompileMs,
    },
    wabtInterpBuildMs: wabtMs,
    totalMs: since(t0),
  };
  writeFileSync(join(tmp, 'info.json'), `${JSON.stringify(result, null, 2)}\n`);
  // Publish atomically, then drop the outputs of older keys.
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  for (const d of readdirSync(root))
    if (d !== key && !d.includes('.tmp-')) rmSync(join(root, d), { recursive: true });
  return { ...result, cached: false };
}

const wasmPath = process.argv[2] ?? join(pkg, 'build', 'verify.wasm');
if (!existsSync(wasmPath)) fail(`${wasmPath} not found: build the package first (npm run build)`);
build(wasmPath).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (e) => fail(e.message),
);
