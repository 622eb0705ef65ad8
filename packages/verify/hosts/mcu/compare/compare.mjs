#!/usr/bin/env node
// Size comparison of the port kit with mbedTLS and BearSSL on the same target and with the same
// measurement (Cortex-M4, arm-none-eabi-gcc -Os -mthumb, --gc-sections, newlib-nano, sizes from
// the linker map of a minimal firmware: measure.mjs). Not part of the tests: the other libraries'
// sources are not vendored. Get them from Debian's source packages, e.g.
//
//   apt-get source --download-only mbedtls=2.28.3-1 bearssl=0.6+dfsg.1-3   (needs a deb-src line)
//   node hosts/mcu/compare/compare.mjs --mbedtls <mbedtls source dir> --bearssl <bearssl source dir>
//
// and copy the printed rows into ../README.md ("Sizes"), with the date and the versions.
//   mbedTLS:  library/*.c with mbedtls-config.h, probe-mbedtls.c (parse three DER certificates,
//             mbedtls_x509_crt_verify with a host name); heap use is not part of the figures.
//   BearSSL:  src/**/*.c, probe-bearssl.c (the minimal X.509 engine over two DER certificates,
//             pre-decoded anchors).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../common/run.mjs';
import { mapSizes } from '../measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FLAGS = [
  '-std=gnu11',
  '-Os',
  '-mcpu=cortex-m4',
  '-mthumb',
  '-ffunction-sections',
  '-fdata-sections',
  '-w',
];
const LINK = [
  '-mcpu=cortex-m4',
  '-mthumb',
  '-nostartfiles',
  '--specs=nano.specs',
  '--specs=nosys.specs',
  '-Wl,--gc-sections',
  '-T',
  join(here, '..', 'board', 'mps2-an386.ld'),
];

/** Compiles `sources` into `dir` two at a time; returns the object paths. */
async function compileAll(sources, flags, dir) {
  const objects = sources.map((s, i) => join(dir, `${i}-${basename(s, '.c')}.o`));
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      await run('arm-none-eabi-gcc', [...FLAGS, ...flags, '-c', sources[i], '-o', objects[i]], dir);
    }
  };
  await Promise.all([worker(), worker()]);
  return objects;
}

async function firmware(name, librarySources, flags, probe) {
  const dir = mkdtempSync(join(tmpdir(), `hubtrust-compare-${name}-`));
  try {
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    const objects = await compileAll(librarySources, flags, lib);
    const board = join(here, '..', 'board');
    const probeObject = join(dir, 'probe.o');
    const bareObject = join(dir, 'bare.o');
    await run(
      'arm-none-eabi-gcc',
      [...FLAGS, ...flags, `-I${board}`, '-c', join(here, probe), '-o', probeObject],
      dir,
    );
    await run(
      'arm-none-eabi-gcc',
      [...FLAGS, `-I${board}`, '-c', join(board, 'bare.c'), '-o', bareObject],
      dir,
    );
    await run(
      'arm-none-eabi-gcc',
      [...LINK, '-Wl,-Map=fw.map', '-o', 'fw.elf', probeObject, bareObject, ...objects],
      dir,
    );
    return mapSizes(readFileSync(join(dir, 'fw.map'), 'utf8'), {
      library: /hubtrust-compare-[^/]+\/lib\//,
      board: /^(probe|bare)\.o$|\/(probe|bare)\.o$/,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => join(dir, f));
}

/** A table row: flash without the probe's own code; RAM = all static data (BearSSL's context is the probe's). */
function row(name, config, heap, m) {
  const g = m.groups;
  const flash = (s) => (s ? s.text + s.rodata + s.data : 0);
  return {
    name,
    config,
    heap,
    library: flash(g.library),
    libcLibgcc: flash(g.libc) + flash(g.libgcc),
    flash: m.flash - flash(g.board) - flash(g.fill),
    staticRam: m.ram,
  };
}

/** The first match of `re` in a file of a source tree ('?' when absent). */
function versionOf(dir, file, re) {
  const m = re.exec(readFileSync(join(dir, file), 'utf8'));
  return m ? m[1] : '?';
}

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const mbedtls = arg('--mbedtls');
const bearssl = arg('--bearssl');
if (!mbedtls && !bearssl) {
  process.stderr.write('usage: compare.mjs --mbedtls <source dir> --bearssl <source dir>\n');
  process.exit(2);
}
const rows = [];
if (mbedtls) {
  const flags = [`-I${join(mbedtls, 'include')}`, `-I${here}`, '-DMBEDTLS_CONFIG_FILE="mbedtls-config.h"'];
  const v = versionOf(mbedtls, 'include/mbedtls/version.h', /MBEDTLS_VERSION_STRING\s+"([^"]+)"/);
  const m = await firmware('mbedtls', cFiles(join(mbedtls, 'library')), flags, 'probe-mbedtls.c');
  rows.push(row(`mbedTLS ${v}`, 'X.509 verify, RSA, P-256/P-384, SHA-1/2', 'plus heap (not measured)', m));
}
if (bearssl) {
  const flags = [`-I${join(bearssl, 'inc')}`, `-I${join(bearssl, 'src')}`];
  const m = await firmware('bearssl', cFiles(join(bearssl, 'src')), flags, 'probe-bearssl.c');
  rows.push(
    row('BearSSL 0.6', 'minimal X.509 engine, RSA i31, P-256/P-384 i31, SHA-1/2', 'context in .bss', m),
  );
}
const sources = { mbedtls: mbedtls ? basename(mbedtls) : null, bearssl: bearssl ? basename(bearssl) : null };
const measured = new Date().toISOString().slice(0, 10);
process.stdout.write(`${JSON.stringify({ measured, sources, rows }, null, 2)}\n`);
