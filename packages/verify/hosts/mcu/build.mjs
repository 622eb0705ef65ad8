#!/usr/bin/env node
// Builds the microcontroller port of verify.wasm and measures it (README.md in this folder).
//
//   node hosts/mcu/build.mjs [variant ...]   default: the tested variant ("embedded")
//   node hosts/mcu/build.mjs --all --readme  every variant of variants.mjs, and the README table
//
// Per variant, into build/mcu/<variant>/:
//   verify.wasm        the module (`npm run build` makes the "wasm" ones; the others are compiled
//                      here with asc's API, the "embedded" target and the variant's switches)
//   verify.c/.h        wasm2c's translation (generated, never committed: ~1 MB of C)
//   arm/               Cortex-M4 objects (-Os -mthumb -ffreestanding) and three images for QEMU's
//                      mps2-an386: qemu-host.elf (the case-file runner of the tests),
//                      example.elf (example/example.c) and minimal.elf (the smallest firmware
//                      calling hubtrust_verify_chain: its linker map is the size measurement)
//   x86/example        the same example built natively with gcc
//   info.json          sizes (arm-none-eabi-size -A and the linker map, per object), the static
//                      C-stack bound (gcc -fcallgraph-info=su), module memory limits: measured
//                      again from the outputs on every run
// and prints one JSON object per variant on stdout. A key over everything that affects the
// outputs (sources, flags, tool versions) makes a re-run with nothing changed cost a hash.
//
// Debian packages: gcc-arm-none-eabi, libnewlib-arm-none-eabi, wabt, build-essential (all in the
// root package.json's hubtrust.debianPackages); a missing tool fails with the apt-get line.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packData } from '../../scripts/pack-data.mjs';
import { exportsHeader } from '../common/exports-header.mjs';
import { run } from '../common/run.mjs';
import { mapSizes, moduleBreakdown, sectionSizes, sizeTable, stackBound } from './measure.mjs';
import { SWITCHES, VARIANTS } from './variants.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..');
const APT = 'sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi wabt build-essential';
/** Where wasm2c's runtime interface header (wasm-rt.h) lives on Debian. */
const WASM_RT_DIRS = ['/usr/src/wasm2c', '/usr/include'];
/** Pages of static linear memory for a module without a declared maximum (Node reaches 6 on the test cases). */
const UNBOUNDED_PAGES = 8;

/** Flags of every C file of the port, both targets. */
const COMMON = ['-std=gnu11', '-Os', '-ffunction-sections', '-fdata-sections'];
/** Warnings for the port's own C (not for wasm2c's output). */
const WARN = ['-Wall', '-Wextra', '-Wno-unused-parameter'];
/**
 * Bounds checks in code; no stack-depth counter: measure.mjs bounds the stack from the call graph
 * of every build instead (README "Stack").
 */
const WASM_RT_DEFS = ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0', '-DWASM_RT_USE_STACK_DEPTH_COUNT=0'];
const ARM = ['-mcpu=cortex-m4', '-mthumb'];
/** wasm2c's init functions assert() their call order, which would pull in printf and abort. */
const NDEBUG = ['-DNDEBUG'];
const ARM_LINK = [...ARM, '-nostartfiles', '--specs=nano.specs', '-Wl,--gc-sections'];

/** The chain example-chain.h embeds (test-data/roots; see example/example.c). */
const EXAMPLE_CHAIN = {
  example_leaf: 'leaf-azure-devices-net-2015.pem',
  example_ica: 'microsoft-it-ssl-sha2.pem',
  example_root: 'baltimore-cybertrust-root.pem',
};

function fail(message) {
  process.stderr.write(`hosts/mcu/build.mjs: ${message}\n`);
  process.exit(1);
}

function version(tool) {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error) fail(`'${tool}' not found. Install it with:\n  ${APT}`);
  return (r.stdout || r.stderr).split('\n')[0];
}

const sha = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
};

/** Every file under `dir` (sorted), for cache keys. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** Section sizes of several objects, added. */
const addSizes = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + b[k]]));

/** Limits of the memory a wasm binary defines (its memory section; verify.wasm imports none). */
function memoryLimits(wasm) {
  let at = 8;
  const leb = () => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = wasm[at++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
      shift += 7;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (id === 5) {
      leb(); // count
      const flags = leb();
      const initial = leb();
      return { initial, maximum: flags & 1 ? leb() : null };
    }
    at = end;
  }
  fail('the module has no memory section');
}

// ---- the module ----------------------------------------------------------------------------------

/**
 * Applies a variant's switches to source text read by asc (fails on an edit that does not match
 * once) and its build options: `use` replaces the "embedded" target's `use` list of asconfig.json,
 * `asc` overrides other options of that target (e.g. shrinkLevel).
 */
function overlay(switches, use, ascOptions) {
  const edits = new Map();
  for (const name of switches) {
    const sw = SWITCHES[name];
    if (!sw) fail(`unknown switch ${name}`);
    for (const e of sw.edits) {
      const file = join(pkg, 'assembly', e.file);
      if (!edits.has(file)) edits.set(file, []);
      edits.get(file).push({ ...e, switch: name });
    }
  }
  const used = new Set();
  const config = join(pkg, 'asconfig.json');
  let configRead = false;
  const readFile = (name, baseDir) => {
    const file = resolve(baseDir, name);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    if (file === config && use) {
      const json = JSON.parse(text);
      Object.assign(json.targets.embedded, ascOptions ?? {}, { use });
      configRead = true;
      return JSON.stringify(json);
    }
    for (const e of edits.get(file) ?? []) {
      const n = text.split(e.from).length - 1;
      if (n !== 1)
        fail(
          `switch ${e.switch}: ${n} matches in assembly/${e.file} for ${JSON.stringify(e.from.slice(0, 60))}`,
        );
      text = text.replace(e.from, () => e.to);
      used.add(e);
    }
    return text;
  };
  const check = () => {
    if (use && !configRead)
      fail(`asc did not read ${config} through the hook: the build options were not applied`);
    for (const list of edits.values())
      for (const e of list) if (!used.has(e)) fail(`switch ${e.switch}: assembly/${e.file} was not compiled`);
  };
  return { readFile, check };
}

/**
 * The abi.json build target (per-build constants such as certificate slots and IO size:
 * scripts/gen-abi.mjs) a variant is compiled for: the HUBTRUST_TARGET of its build options (a
 * prebuilt module: the options of its asconfig.json target), the portable target (0) without one.
 */
function abiTargetId(variant) {
  let use = variant.use;
  if (!use && variant.wasm) {
    const targets = JSON.parse(readFileSync(join(pkg, 'asconfig.json'), 'utf8')).targets;
    use = Object.values(targets).find((t) => variant.wasm.endsWith(t.outFile))?.use;
  }
  const set = (use ?? []).find((u) => u.startsWith('HUBTRUST_TARGET='));
  return set ? set.slice('HUBTRUST_TARGET='.length) : '0';
}

/** The C view of the variant's abi.json target, from its one generator (hubtrust_verify.c reads every offset from it). */
function abiHeader(variant) {
  const out = join(pkg, 'build', 'mcu', `verify_abi.${abiTargetId(variant)}.h`);
  mkdirSync(dirname(out), { recursive: true });
  const r = spawnSync(
    process.execPath,
    [join(pkg, 'scripts', 'gen-abi.mjs'), '--c-header', abiTargetId(variant), out],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) fail(`gen-abi.mjs --c-header: ${r.stderr}`);
  return readFileSync(out, 'utf8');
}

/** The variant's wasm bytes: prebuilt by `npm run build`, or compiled here (cached). */
async function moduleBytes(name, variant, outDir) {
  if (variant.wasm) {
    const path = join(pkg, variant.wasm);
    if (!existsSync(path)) fail(`${variant.wasm} not found: build the package first (npm run build)`);
    return readFileSync(path);
  }
  const asc = (await import('assemblyscript/asc')).default;
  const sources = filesUnder(join(pkg, 'assembly')).map(
    (f) => `${f}\0${readFileSync(join(pkg, 'assembly', f))}`,
  );
  const key = sha(
    asc.version,
    readFileSync(join(pkg, 'asconfig.json')),
    JSON.stringify(variant),
    JSON.stringify(variant.switches.map((s) => SWITCHES[s])),
    readFileSync(join(pkg, 'scripts', 'pack-data.mjs')),
    ...sources,
  );
  const cached = join(outDir, `wasm-${key}.wasm`);
  if (existsSync(cached)) return readFileSync(cached);
  const { readFile, check } = overlay(variant.switches, variant.use, variant.asc);
  const out = `${cached}.tmp-${process.pid}`;
  const stderr = [];
  const r = await asc.main(
    [
      `assembly/${variant.entry}`,
      '--config',
      'asconfig.json',
      '--target',
      'embedded',
      '-o',
      out,
      '--baseDir',
      pkg,
    ],
    { readFile, stdout: { write() {} }, stderr: { write: (s) => stderr.push(String(s)) } },
  );
  if (r.error) fail(`asc failed for ${name}:\n${stderr.join('')}${r.error.message}`);
  check();
  // As `npm run build` does for verify.embedded.wasm: neighbouring data segments merged (wasm2c
  // copies each segment with its own bounds check; scripts/pack-data.mjs).
  writeFileSync(out, packData(readFileSync(out)).bytes);
  for (const f of readdirSync(outDir)) if (/^wasm-[0-9a-f]+\.wasm$/.test(f)) rmSync(join(outDir, f));
  renameSync(out, cached);
  return readFileSync(cached);
}

// ---- C, objects, images --------------------------------------------------------------------------

function pemToDer(pem) {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}

/** A C array of `bytes`, 16 per row. */
function cArray(name, bytes) {
  const rows = [];
  for (let i = 0; i < bytes.length; i += 16)
    rows.push(
      `  ${[...bytes.subarray(i, i + 16)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')},`,
    );
  return `static const uint8_t ${name}[${Math.max(1, bytes.length)}] = {\n${rows.join('\n') || '  0,'}\n};\n`;
}

function exampleChainHeader() {
  const arrays = Object.entries(EXAMPLE_CHAIN).map(([name, file]) => {
    const der = pemToDer(readFileSync(join(pkg, 'test-data', 'roots', file), 'utf8'));
    return `/* test-data/roots/${file} */\n${cArray(name, der)}`;
  });
  return `/* Generated by hosts/mcu/build.mjs from test-data/roots. Do not edit. */\n#include <stdint.h>\n\n${arrays.join('\n')}`;
}

/** The update vectors of test-data/updates/ (vectors.json) as C data for example/update-example.c. */
function exampleUpdatesHeader() {
  const dir = join(pkg, 'test-data', 'updates');
  const { vectors } = JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8'));
  const files = [...new Set(vectors.map((v) => v.file))];
  const hex = (list) => new Uint8Array(Buffer.from(list.join(''), 'hex'));
  const parts = files.map(
    (f, i) => `/* test-data/updates/${f} */\n${cArray(`update_${i}`, readFileSync(join(dir, f)))}`,
  );
  const rows = vectors.map((v, i) => {
    parts.push(
      cArray(`keys_${i}`, hex(v.state.trustedKeys)),
      cArray(`revoked_${i}`, hex(v.state.revokedKeyIds)),
    );
    const bytes = `update_${files.indexOf(v.file)}`;
    const device = v.state.deviceId === undefined ? 'NULL' : JSON.stringify(v.state.deviceId);
    return `  {${JSON.stringify(v.name)}, ${bytes}, sizeof ${bytes}, ${JSON.stringify(v.state.fleetId)}, ${device}, ${v.state.lastSequence}u, ${v.state.trustedKeys.length}, ${v.state.revokedKeyIds.length}, keys_${i}, revoked_${i}, ${v.now}},`;
  });
  return `/* Generated by hosts/mcu/build.mjs from test-data/updates/vectors.json. Do not edit. */
#include <stddef.h>
#include <stdint.h>

typedef struct example_update {
  const char *name;
  const uint8_t *bytes;
  uint32_t len;
  const char *fleet_id;
  const char *device_id;
  uint32_t last_sequence;
  uint8_t key_count, revoked_count;
  const uint8_t *keys, *revoked;
  int64_t now;
} example_update;

${parts.join('\n')}
#define EXAMPLE_UPDATE_COUNT ${vectors.length}u
static const example_update example_updates[EXAMPLE_UPDATE_COUNT] = {
${rows.join('\n')}
};
`;
}

function kitSources() {
  const files = [
    'build.mjs',
    '../common/run.mjs',
    'hubtrust_verify.c',
    'hubtrust_verify.h',
    'hubtrust_module.c',
    'hubtrust_module.h',
    'hubtrust_update.c',
    'hubtrust_update.h',
    'qemu-host.c',
    'example/example.c',
    'example/update-example.c',
    'runtime/wasm-rt-static.c',
    'runtime/wasm-rt-static.h',
    'board/startup.c',
    'board/minimal.c',
    'board/bare.c',
    'board/board.h',
    'board/mps2-an386.ld',
    '../common/runner.h',
    '../common/exports-header.mjs',
    '../../scripts/gen-abi.mjs',
    '../../scripts/pack-data.mjs',
    '../../abi.json',
  ];
  return files.map((f) => `${f}\0${readFileSync(join(here, f))}`);
}

/** The exports of wasm2c's header: wasm name and C symbol. */
function exportsOf(header) {
  return [...header.matchAll(/\/\* export: '([^']+)' \*\/\n\w+\*? (\w+)\(/g)].map((m) => ({
    name: m[1],
    symbol: m[2],
  }));
}

/**
 * wasm2c, then the objects and images of both targets. A module with verifyChain is measured
 * through the chain C API, one with verifyUpdate only (update checks) through the update C API
 * (the exports it does not call are dropped, as on a device); one with neither keeps every export.
 */
async function compile(dir, pages, wasmRtDir) {
  const w2c = ['-I.', `-I${join(here, 'runtime')}`, ...WASM_RT_DEFS];
  mkdirSync(join(dir, 'arm'));
  mkdirSync(join(dir, 'x86'));
  writeFileSync(join(dir, 'wasm-rt.h'), readFileSync(join(wasmRtDir, 'wasm-rt.h')));
  await run('wasm2c', ['verify.wasm', '-n', 'verify', '-o', 'verify.c'], dir);
  const header = readFileSync(join(dir, 'verify.h'), 'utf8');
  writeFileSync(join(dir, 'exports.gen.h'), exportsHeader(header, fail));
  writeFileSync(join(dir, 'example-chain.h'), exampleChainHeader());
  writeFileSync(join(dir, 'example-updates.h'), exampleUpdatesHeader());
  const exported = exportsOf(header);
  const chain = exported.some((e) => e.name === 'verifyChain');
  const update = exported.some((e) => e.name === 'verifyUpdate');
  const src = (f) => join(here, f);
  const rt = [`-DHUBTRUST_RT_MEMORY_PAGES=${pages}`];
  const kit = [`-I${here}`, `-I${join(here, 'board')}`, `-I${join(pkg, 'include')}`];
  const freestanding = ['-ffreestanding', ...WARN, ...kit];
  // Arm: the module, runtime and C API freestanding (what a device compiles); the harness hosted.
  const armObj = (source, object, extra) =>
    run(
      'arm-none-eabi-gcc',
      [...COMMON, ...ARM, ...w2c, ...extra, '-c', source, '-o', join('arm', object)],
      dir,
    );
  const cg = (name) => ['-fcallgraph-info=su', '-dumpbase', join('arm', name)];
  const link = (out, objects, extra) =>
    run(
      'arm-none-eabi-gcc',
      [
        ...ARM_LINK,
        '-T',
        src('board/mps2-an386.ld'),
        `-Wl,-Map=${out}.map`,
        '-o',
        `${out}.elf`,
        ...objects,
        ...extra,
      ],
      join(dir, 'arm'),
    );
  const semihosted = ['--specs=rdimon.specs'];
  const armJobs = async () => {
    await Promise.all([
      armObj('verify.c', 'verify.o', ['-ffreestanding', ...NDEBUG, ...cg('verify')]),
      armObj(src('runtime/wasm-rt-static.c'), 'runtime.o', [...freestanding, ...rt, ...cg('runtime')]),
      armObj(src('board/minimal.c'), 'minimal.o', [
        ...freestanding,
        `-DHUBTRUST_MINIMAL_CHAIN=${chain ? 1 : 0}`,
        `-DHUBTRUST_MINIMAL_UPDATE=${!chain && update ? 1 : 0}`,
      ]),
      armObj(src('board/bare.c'), 'bare.o', freestanding),
      armObj(src('qemu-host.c'), 'qemu-host.o', [...WARN, '-Wno-unused-function', ...kit]),
      armObj(src('board/startup.c'), 'startup.o', [...WARN, ...kit]),
      ...(chain || update
        ? [armObj(src('hubtrust_module.c'), 'capi-module.o', [...freestanding, ...cg('capi-module')])]
        : []),
      ...(chain
        ? [
            armObj(src('hubtrust_verify.c'), 'capi.o', [...freestanding, ...cg('capi')]),
            armObj(src('example/example.c'), 'example.o', [...WARN, ...kit]),
          ]
        : []),
      ...(update
        ? [
            armObj(src('hubtrust_update.c'), 'capi-update.o', [...freestanding, ...cg('capi-update')]),
            armObj(src('example/update-example.c'), 'update-example.o', [...WARN, ...kit]),
          ]
        : []),
    ]);
    const runtime = ['verify.o', 'runtime.o'];
    const updateApi = ['capi-update.o', 'capi-module.o', ...runtime];
    await Promise.all([
      ...(update
        ? [link('update-example', ['update-example.o', 'startup.o', ...updateApi], semihosted)]
        : []),
      link('qemu-host', ['qemu-host.o', 'startup.o', ...runtime], semihosted),
      ...(chain
        ? [
            link('example', ['example.o', 'startup.o', 'capi.o', 'capi-module.o', ...runtime], semihosted),
            link('minimal', ['minimal.o', 'bare.o', 'capi.o', 'capi-module.o', ...runtime], []),
          ]
        : update
          ? [link('minimal', ['minimal.o', 'bare.o', 'capi-update.o', 'capi-module.o', ...runtime], [])]
          : [
              link(
                'minimal',
                ['minimal.o', 'bare.o', ...runtime],
                exported.map((e) => `-Wl,--undefined=${e.symbol}`),
              ),
            ]),
    ]);
  };
  const x86 = (out, files) =>
    run(
      'gcc',
      [
        ...COMMON,
        ...w2c,
        ...rt,
        ...kit,
        ...NDEBUG,
        '-o',
        join('x86', out),
        ...[...files, 'hubtrust_module.c', 'runtime/wasm-rt-static.c'].map(src),
        'verify.c',
      ],
      dir,
    );
  const x86Jobs = () =>
    Promise.all([
      ...(chain ? [x86('example', ['example/example.c', 'hubtrust_verify.c'])] : []),
      ...(update ? [x86('update-example', ['example/update-example.c', 'hubtrust_update.c'])] : []),
    ]);
  await Promise.all([armJobs(), x86Jobs()]);
  return { chain, update, exported };
}

/**
 * Bytes of static data (the start of the heap): where ioReserve(0) puts the IO area in a fresh
 * instance. A request and its scratch live above it, up to the declared maximum.
 */
function heapBase(wasm) {
  return new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports.ioReserve(0);
}

async function build(name) {
  const variant = VARIANTS[name];
  if (!variant) fail(`unknown variant ${name} (variants: ${Object.keys(VARIANTS).join(', ')})`);
  const t0 = performance.now();
  const versions = ['arm-none-eabi-gcc', 'gcc', 'wasm2c'].map(version);
  const wasmRtDir = WASM_RT_DIRS.find((d) => existsSync(join(d, 'wasm-rt.h')));
  if (!wasmRtDir)
    fail(`wasm2c's wasm-rt.h not found in ${WASM_RT_DIRS.join(' or ')}. Install it with:\n  ${APT}`);
  const out = join(pkg, 'build', 'mcu', name);
  mkdirSync(out, { recursive: true });
  const wasm = await moduleBytes(name, variant, out);
  const limits = memoryLimits(wasm);
  const base = heapBase(wasm);
  // The static buffer: the declared maximum, or for a measured variant what its static data and
  // a heap of `variant.heap` bytes need (the runtime caps the module's maximum at the buffer).
  const pages = variant.heap
    ? Math.min(limits.maximum ?? UNBOUNDED_PAGES, Math.ceil((base + variant.heap) / 65536))
    : (limits.maximum ?? UNBOUNDED_PAGES);
  const certs = Object.values(EXAMPLE_CHAIN).map((f) => readFileSync(join(pkg, 'test-data', 'roots', f)));
  const rtHeader = readFileSync(join(wasmRtDir, 'wasm-rt.h'));
  const updates = filesUnder(join(pkg, 'test-data', 'updates')).map((f) =>
    readFileSync(join(pkg, 'test-data', 'updates', f)),
  );
  const abi = abiHeader(variant);
  const key = sha(wasm, ...kitSources(), abi, ...certs, ...updates, ...versions, rtHeader, String(pages));
  const dir = join(out, key);
  const done = join(dir, 'build.json');
  const cached = existsSync(done);
  if (!cached) {
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'verify.wasm'), wasm);
    // Found before include/ (-I. comes first): the variant's target, not the portable view.
    writeFileSync(join(tmp, 'verify_abi.generated.h'), abi);
    try {
      const { chain, update, exported } = await compile(tmp, pages, wasmRtDir);
      const facts = { chain, update, exported, cBytes: statSync(join(tmp, 'verify.c')).size };
      writeFileSync(join(tmp, 'build.json'), `${JSON.stringify(facts)}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    for (const d of readdirSync(out))
      if (d !== key && !d.startsWith('wasm-') && !d.includes('.tmp-'))
        rmSync(join(out, d), { recursive: true });
  }
  // Measurements are recomputed from the outputs on every run (cheap), so changing measure.mjs
  // never forces a rebuild.
  const { chain, update, exported, cBytes } = JSON.parse(readFileSync(done, 'utf8'));
  const arm = join(dir, 'arm');
  // The C API measured: the chain's when the module has verifyChain, else the update's.
  const updateApi = !chain && update;
  const capiObjects = chain ? ['capi', 'capi-module'] : updateApi ? ['capi-update', 'capi-module'] : [];
  const graphs = ['verify', 'runtime', ...capiObjects].map((f) => readFileSync(join(arm, `${f}.ci`), 'utf8'));
  const roots = chain
    ? ['hubtrust_verify_chain', 'hubtrust_verify_init']
    : updateApi
      ? ['hubtrust_verify_update']
      : exported.filter((e) => e.name !== 'memory').map((e) => e.symbol);
  const result = {
    variant: name,
    about: variant.about,
    switches: variant.switches ?? [],
    use: variant.use ?? null,
    asc: variant.asc ?? null,
    key,
    wasmBytes: wasm.length,
    wasmSha256: createHash('sha256').update(wasm).digest('hex'),
    chainApi: chain,
    updateApi,
    memory: { ...limits, staticPages: pages, heapBase: base, heap: variant.heap ?? null },
    objects: {
      module: sectionSizes(join(arm, 'verify.o')),
      runtime: sectionSizes(join(arm, 'runtime.o')),
      ...(capiObjects.length
        ? { capi: capiObjects.map((o) => sectionSizes(join(arm, `${o}.o`))).reduce(addSizes) }
        : {}),
    },
    firmware: mapSizes(readFileSync(join(arm, 'minimal.map'), 'utf8'), {
      module: 'verify.o',
      runtime: 'runtime.o',
      capi: /(^|\/)capi(-module|-update)?\.o$/,
      board: /^(minimal|bare)\.o$/,
    }),
    stack: stackBound(graphs, roots),
    breakdown: moduleBreakdown(
      join(arm, 'verify.o'),
      filesUnder(join(pkg, 'assembly')).filter((f) => f.endsWith('.ts')),
    ),
    cBytes,
    ms: Math.round(performance.now() - t0),
  };
  writeFileSync(join(dir, 'info.json'), `${JSON.stringify(result, null, 2)}\n`);
  return { ...result, ...located(dir), cached };
}

/** Paths of a build's outputs, recomputed on every run (never read back from info.json). */
function located(dir) {
  return {
    dir,
    images: {
      qemuHost: join(dir, 'arm', 'qemu-host.elf'),
      example: join(dir, 'arm', 'example.elf'),
      updateExample: join(dir, 'arm', 'update-example.elf'),
      minimal: join(dir, 'arm', 'minimal.elf'),
    },
    exampleX86: join(dir, 'x86', 'example'),
    updateExampleX86: join(dir, 'x86', 'update-example'),
    wasm: join(dir, 'verify.wasm'),
  };
}

/** Rewrites the size table of README.md (between its markers) from `results`. */
function writeReadme(results) {
  const readme = join(here, 'README.md');
  const begin = '<!-- sizes:begin (node hosts/mcu/build.mjs --all --readme) -->\n';
  const end = '<!-- sizes:end -->';
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) fail('README.md: size table markers not found');
  const peers = JSON.parse(readFileSync(join(here, 'compare', 'results.json'), 'utf8')).rows;
  writeFileSync(readme, text.slice(0, from + begin.length) + sizeTable(results, peers) + text.slice(to));
}

const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith('--'));
const names = args.includes('--all')
  ? Object.keys(VARIANTS)
  : named.length
    ? named
    : Object.keys(VARIANTS).filter((n) => VARIANTS[n].tested);
const results = [];
for (const name of names) {
  try {
    const r = await build(name);
    results.push(r);
    process.stdout.write(`${JSON.stringify({ ...r, pkgRelativeDir: relative(pkg, r.dir) })}\n`);
  } catch (e) {
    fail(e.message);
  }
}
if (args.includes('--readme')) writeReadme(results);
