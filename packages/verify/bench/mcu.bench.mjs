// verify.wasm on the emulated Cortex-M4 (informational): instructions and C stack per operation
// of the embedded build (hosts/mcu/, QEMU mps2-an386 with -icount: exact instruction counts, not
// times, so the figures do not depend on the machine's load). Cycles on a real Cortex-M4 are
// about 1.1-1.5 × the instructions (multi-cycle 64-bit multiplies and loads, flash wait states).
// Needs gcc-arm-none-eabi, libnewlib-arm-none-eabi, qemu-system-arm and wabt.
//
//   node bench/run.mjs mcu          (or: npm run bench, which runs every bench)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainCases } from '../dist/testing/chain-cases.js';
import { ed25519Cases } from '../dist/testing/ed25519-cases.js';
import { hashCases } from '../dist/testing/hash-cases.js';
import { buildMcu, parseHostReport, runQemu } from '../dist/testing/mcu-host.js';
import { encodeCases } from '../dist/testing/runtime-cases.js';
import { x509Cases } from '../dist/testing/x509-cases.js';

/** One case of each kind a device runs, by name, with what it does. */
const WANT = [
  ['chain-azure-2015-at-2016', 'verifyChain: RSA-2048 leaf <- RSA-2048 ICA <- RSA-2048 root (2 signatures)'],
  ['chain-microsoft-azure-ecc-tls-issuing-ca-03-xsign-all-roots', 'verifyChain: P-384 ICA, 28 roots'],
  ['chain-microsoft-azure-rsa-tls-issuing-ca-03-xsign-all-roots', 'verifyChain: RSA ICA, 28 roots'],
  ['ed25519-wycheproof-1', 'Ed25519 verification'],
  ['hash-sha256-4096', 'SHA-256 of 4 KiB'],
  ['hash-sha512-4096', 'SHA-512 of 4 KiB'],
  ['x509-digicert-global-root-g2', 'X.509 decode of a root'],
];

export default async function () {
  const build = buildMcu('embedded');
  const release = new WebAssembly.Module(readFileSync(new URL('../build/verify.wasm', import.meta.url)));
  const certSize = new WebAssembly.Instance(release, {}).exports.x509CertSize();
  const all = [...hashCases(), ...ed25519Cases(), ...x509Cases(certSize), ...chainCases()];
  const cases = WANT.map(([name]) => {
    const c = all.find((x) => x.name === name);
    if (!c) throw new Error(`bench: no case ${name}`);
    return c;
  });
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-mcu-bench-'));
  try {
    const path = join(dir, 'cases.bin');
    writeFileSync(path, encodeCases(cases));
    const run = await runQemu(build.images.qemuHost, [path], 300_000);
    if (run.status !== 0) throw new Error(`qemu host failed (${run.status}): ${run.stderr.slice(-500)}`);
    const report = parseHostReport(run.stderr);
    return WANT.map(([name, what]) => {
      const f = report.cases.get(name);
      if (!f) throw new Error(`bench: no figures for ${name}`);
      process.stderr.write(
        `  ${what}: ${f.instructions.toLocaleString('en')} instructions, ${f.stack} B C stack\n`,
      );
      return {
        group: 'mcu (Cortex-M4, QEMU -icount)',
        name: what,
        ours: f.instructions,
        oursText: `${(f.instructions / 1e6).toFixed(2)} M instr., ${f.stack} B stack`,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
