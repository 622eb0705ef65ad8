// verify.wasm outside V8 (informational): time per operation in wabt's interpreter and in the
// wasm2c build (gcc) next to Node on the same cases, plus the figures an embedder needs: wasm2c
// code size, C stack and linear memory per operation. Needs the native hosts (hosts/build.mjs:
// build-essential + wabt).
//
//   node bench/run.mjs runtimes          (or: npm run bench, which runs every bench)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainCases } from '../build/harness/test/chain-cases.js';
import { ed25519Cases } from '../build/harness/test/ed25519-cases.js';
import { hashCases } from '../build/harness/test/hash-cases.js';
import { measureMemory } from '../build/harness/test/memory-probe.js';
import { buildHosts, timeHost } from '../build/harness/test/native-hosts.js';
import { caseRunner, encodeCases } from '../build/harness/test/runtime-cases.js';
import { x509Cases } from '../build/harness/test/x509-cases.js';
import { sectionSizes } from '../hosts/mcu/measure.mjs';
import { measure } from './lib.mjs';

const WASM = new URL('../build/verify.wasm', import.meta.url).pathname;

/** The operations measured, by case name (one of each kind an embedder runs). */
function selectedCases(certSize, chains) {
  const want = [
    'chain-azure-2015-at-2016',
    chains.find((c) => c.name.startsWith('limbo-')).name,
    'hash-sha256-4096',
    'hash-sha512-4096',
    'ed25519-wycheproof-1',
    'x509-digicert-global-root-g2',
    'x509-microsoft-azure-ecc-tls-issuing-ca-03-xsign',
  ];
  const all = [...hashCases(), ...ed25519Cases(), ...x509Cases(certSize), ...chains];
  return want.map((name) => {
    const c = all.find((x) => x.name === name);
    if (!c) throw new Error(`bench: no case ${name}`);
    return c;
  });
}

/** C stack bytes per case (the wasm2c host's --stack probe). */
function stackUse(build, path) {
  const r = spawnSync(build.hosts.wasm2c, [build.wasm, path, '--stack'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm2c --stack failed: ${r.stderr}`);
  return new Map(
    r.stderr
      .split('\n')
      .map((l) => l.split(' '))
      .filter((p) => p.length === 2)
      .map(([name, bytes]) => [name, Number(bytes)]),
  );
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

export default async function () {
  const build = buildHosts(WASM);
  const module = new WebAssembly.Module(readFileSync(WASM));
  const probe = new WebAssembly.Instance(module, {}).exports;
  const chains = chainCases();
  const cases = selectedCases(probe.x509CertSize(), chains);
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-bench-'));
  const rows = [];
  try {
    const path = join(dir, 'cases.bin');
    writeFileSync(path, encodeCases(cases));
    const wasm2c = timeHost(build, 'wasm2c', path, 200);
    const interp = timeHost(build, 'wabt-interp', path, 3);
    const stack = stackUse(build, path);
    for (const c of cases) {
      const exports = new WebAssembly.Instance(module, {}).exports;
      const node = measure(caseRunner(exports, c), { batches: 5, batchMs: 100 });
      const mem = measureMemory(new WebAssembly.Instance(module, {}).exports, c);
      const note = `memory: ${mem.pages} pages, ${kib(mem.highWater)} high water (${kib(mem.io)} static + ${kib(mem.inputEnd - mem.io)} input + ${kib(mem.highWater - mem.inputEnd)} scratch); wasm2c C stack ${stack.get(c.name)} B`;
      for (const [host, times] of [
        ['wasm2c', wasm2c],
        ['wabt-interp', interp],
      ]) {
        rows.push({
          group: 'runtimes',
          name: `${c.name}: ${host}`,
          ours: (times.get(c.name) ?? Number.NaN) * 1e3,
          peer: node,
          peerName: 'Node (V8)',
          note,
        });
      }
      process.stderr.write(`  ${c.name}: ${note}\n`);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  // The most memory any chain of the runtimes test needs (real chains and the limbo sample).
  let worst;
  for (const c of chains) {
    const m = measureMemory(new WebAssembly.Instance(module, {}).exports, c);
    if (!worst || m.highWater - m.inputEnd > worst.m.highWater - worst.m.inputEnd) worst = { c, m };
  }
  const chainsPath = join(dir, 'chains.bin');
  writeFileSync(chainsPath, encodeCases(chains));
  const stacks = [...stackUse(build, chainsPath).entries()].sort((a, b) => b[1] - a[1]);
  process.stderr.write(
    `  deepest C stack of ${chains.length} chains (wasm2c): ${stacks[0][0]}: ${stacks[0][1]} B\n`,
  );
  rows.push({
    group: 'embedding',
    name: `chain verification, deepest wasm2c C stack (${build.wasm2c.flags.split(' ')[0]}, ${chains.length} chains)`,
    ours: stacks[0][1],
    oursText: kib(stacks[0][1]),
  });
  process.stderr.write(
    `  most scratch of ${chains.length} chains: ${worst.c.name}: ${worst.m.pages} pages, ${kib(worst.m.highWater)} high water (${kib(worst.m.inputEnd - worst.m.io)} input + ${kib(worst.m.highWater - worst.m.inputEnd)} scratch)\n`,
  );
  rows.push({
    group: 'embedding',
    name: `chain verification, most scratch memory above the input (${chains.length} chains)`,
    ours: worst.m.highWater - worst.m.inputEnd,
    oursText: kib(worst.m.highWater - worst.m.inputEnd),
  });
  const obj = build.wasm2c.moduleObject;
  const rt = build.wasm2c.runtimeObject;
  process.stderr.write(
    `  wasm2c (${build.wasm2c.flags}): module .text ${kib(obj.text)}, data ${obj.data} B, bss ${obj.bss} B; ` +
      `wasm-rt-impl .text ${kib(rt.text)}, bss ${kib(rt.bss)}; C source ${kib(build.wasm2c.cBytes)}; ` +
      `gcc ${(build.wasm2c.compileMs / 1000).toFixed(1)} s\n`,
  );
  rows.push({
    group: 'embedding',
    name: `wasm2c module code (${build.wasm2c.flags})`,
    ours: obj.text,
    oursText: kib(obj.text),
  });
  // What a device build would choose: code size at -Os and -O2 (same defines as the test host).
  for (const opt of ['-Os', '-O2']) {
    const o = join(dir, `verify${opt}.o`);
    const t0 = performance.now();
    const cc = spawnSync(
      'gcc',
      [
        '-std=gnu11',
        opt,
        '-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0',
        '-I/usr/share/wabt/wasm2c',
        '-c',
        join(build.dir, 'verify.c'),
        '-o',
        o,
      ],
      { encoding: 'utf8' },
    );
    if (cc.status !== 0) throw new Error(`gcc ${opt} failed: ${cc.stderr}`);
    const { text } = sectionSizes(o, 'size');
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    process.stderr.write(`  wasm2c module at ${opt}: .text ${kib(text)} (gcc ${seconds} s)\n`);
    rows.push({ group: 'embedding', name: `wasm2c module code (${opt})`, ours: text, oursText: kib(text) });
  }
  rmSync(dir, { recursive: true, force: true });
  return rows;
}
