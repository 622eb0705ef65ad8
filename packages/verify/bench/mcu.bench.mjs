// verify.wasm on the emulated Cortex-M4 (informational): instructions and C stack per operation
// of the embedded chain build (hosts/mcu/, QEMU mps2-an386 with -icount: exact instruction
// counts, not times, so the figures do not depend on the machine's load), beside the same build
// with the Node build's unrolled field and hash code (variant "unrolled", shrinkLevel 0): the
// ratio is what the rolled code of the embedded build costs. Cycles on a real Cortex-M4 are about
// 1.1-1.5 × the instructions (multi-cycle 64-bit multiplies and loads, flash wait states).
// Needs gcc-arm-none-eabi, libnewlib-arm-none-eabi, qemu-system-arm and wabt.
//
//   node bench/run.mjs mcu          (or: npm run bench, which runs every bench)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainCases } from '../build/harness/test/chain-cases.js';
import { hashCases } from '../build/harness/test/hash-cases.js';
import { buildMcu, parseHostReport, runQemu } from '../build/harness/test/mcu-host.js';
import { mutationChainCases } from '../build/harness/test/mutation-chain-cases.js';
import { encodeCases } from '../build/harness/test/runtime-cases.js';

/** One case of each kind a device runs, by name, with what it does. */
const WANT = [
  ['chain-azure-2015-at-2016', 'verifyChain: RSA-2048 leaf <- RSA-2048 ICA <- RSA-2048 root (2 signatures)'],
  [
    'mutation-microsoft-azure-ecc-tls-issuing-ca-03-xsign-original',
    'verifyChain: P-384 ICA <- its P-384 root (1 signature, ECDSA P-384)',
  ],
  [
    'mutation-microsoft-azure-rsa-tls-issuing-ca-03-xsign-original',
    'verifyChain: RSA ICA <- its RSA root (1 signature)',
  ],
  ['hash-sha1-4096', 'SHA-1 of 4 KiB'],
  ['hash-sha256-4096', 'SHA-256 of 4 KiB'],
  ['hash-sha512-4096', 'SHA-512 of 4 KiB'],
];

/** Instructions and stack per case of one variant's board image. */
async function figures(variant, path) {
  const build = buildMcu(variant);
  const run = await runQemu(build.images.qemuHost, [path], 300_000);
  if (run.status !== 0)
    throw new Error(`qemu host ${variant} failed (${run.status}): ${run.stderr.slice(-500)}`);
  return parseHostReport(run.stderr).cases;
}

export default async function () {
  const all = [...hashCases(), ...chainCases(), ...mutationChainCases(0, 1)];
  const cases = WANT.map(([name]) => {
    const c = all.find((x) => x.name === name);
    if (!c) throw new Error(`bench: no case ${name}`);
    return c;
  });
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-mcu-bench-'));
  try {
    const path = join(dir, 'cases.bin');
    writeFileSync(path, encodeCases(cases));
    const rolled = await figures('embedded', path);
    const unrolled = await figures('unrolled', path);
    return WANT.map(([name, what]) => {
      const f = rolled.get(name);
      const u = unrolled.get(name);
      if (!f || !u) throw new Error(`bench: no figures for ${name}`);
      process.stderr.write(
        `  ${what}: ${f.instructions.toLocaleString('en')} instructions rolled, ${u.instructions.toLocaleString('en')} unrolled, ${f.stack} B C stack\n`,
      );
      return {
        group: 'mcu (Cortex-M4, QEMU -icount): embedded build vs the same with unrolled code',
        name: what,
        ours: f.instructions,
        oursText: `${(f.instructions / 1e6).toFixed(2)} M instr., ${f.stack} B stack`,
        peerName: 'unrolled (shrinkLevel 0)',
        peer: u.instructions,
        peerText: `${(u.instructions / 1e6).toFixed(2)} M instr., ${u.stack} B stack`,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
