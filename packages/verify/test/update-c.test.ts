// The update verifier's C path (hosts/mcu: hubtrust_update.h over wasm2c's translation of the
// module): example/update-example.c checks every committed vector and installs a key rotation,
// natively (gcc) and on the emulated Cortex-M4 (QEMU mps2-an386), in two builds: "embedded" (the
// tested device build, whole ABI) and "update-p256" (the update check alone, with its build-time
// switches: P-256 and SHA-256 only, uncompressed points only). Every line must be what the
// TypeScript API answers with the shipped module.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type VerifyUpdateResult, verifyUpdate } from '../src/update/verify-update.js';
import { initSync } from '../src/wasm.js';
import { buildMcu, type McuBuild, runQemu } from './mcu-host.js';
import { byName, deviceState, updateVectors, vectorBytes } from './update-vectors.js';

/** Generous: each run is ~1 s of emulation, slower on a loaded 2-core machine. */
const QEMU_TIMEOUT_MS = 300_000;
/** Issue 13's flash target for the update-check build. */
const UPDATE_FLASH_TARGET = 32 * 1024;

const line = (name: string, r: VerifyUpdateResult) =>
  r.ok
    ? `${name} OK sequence=${r.sequence} roots=${r.roots.map((x) => x.length).join(',')} keys=${r.state.trustedKeys.length} revoked=${r.state.revokedKeyIds.length}`
    : `${name} ${r.error}`;

/** What update-example.c must print, from the TypeScript API. */
function expected(): string[] {
  initSync();
  const { vectors } = updateVectors();
  const out = vectors.map((v) =>
    line(v.name, verifyUpdate(vectorBytes(v.file), deviceState(v.state), v.now)),
  );
  const rot = byName(vectors, 'valid-rotation');
  const installed = verifyUpdate(vectorBytes(rot.file), deviceState(rot.state), rot.now);
  out.push(line('rotation-install', installed));
  if (installed.ok)
    out.push(line('rotation-replay', verifyUpdate(vectorBytes(rot.file), installed.state, rot.now)));
  const first = vectors[0] as (typeof vectors)[number];
  const noKey = { ...deviceState(first.state), trustedKeys: [] };
  out.push(line('no-trusted-key', verifyUpdate(vectorBytes(first.file), noKey, first.now)));
  out.push('null-update E_ARGUMENT'); // the C API's own check (TypeScript throws INVALID_ARGUMENT)
  const tooLarge = byName(vectors, 'too-large');
  const big = new Uint8Array(1 << 20);
  big.set(vectorBytes(tooLarge.file));
  out.push(line('one-mebibyte', verifyUpdate(big, deviceState(tooLarge.state), 0)));
  return out;
}

describe.each(['embedded', 'update-p256'])('hubtrust_verify_update, %s build', (variant) => {
  let mcu: McuBuild;
  let want: string[];
  beforeAll(() => {
    mcu = buildMcu(variant);
    want = expected();
  });

  it('prints the TypeScript verdicts for every vector and the rotation, natively', async () => {
    const native = await promisify(execFile)(mcu.updateExampleX86);
    expect(native.stdout.trim().split('\n')).toEqual(want);
    // the vectors cover every rejection but INVALID_STATE, and the rotation is refused once installed
    expect(want).toContain('rotation-replay KEY_REVOKED');
    expect(want.filter((l) => / OK /.test(l))).toHaveLength(5);
  });

  it('prints the same on the emulated Cortex-M4, and counts the instructions of each check', async () => {
    const run = await runQemu(mcu.images.updateExample, [], QEMU_TIMEOUT_MS);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(want);
    const insns = new Map(
      [...run.stderr.matchAll(/^#insns (\S+) (\d+)$/gm)].map((m) => [m[1] as string, Number(m[2])]),
    );
    expect(insns.size).toBe(want.length - 2); // null-update and one-mebibyte are not timed
    // one signature check (valid-small) costs millions of instructions; a rejection before it, thousands
    expect(insns.get('valid-small')).toBeGreaterThan(1e6);
    expect(insns.get('bad-magic')).toBeLessThan((insns.get('valid-small') ?? 0) / 100);
  });

  if (variant === 'update-p256')
    it('fits the 32 KiB flash target with the C API (linker map of the minimal firmware)', () => {
      expect(mcu.updateApi).toBe(true);
      const g = mcu.firmware.groups;
      const flash = (n: string) => (g[n] ? g[n].text + g[n].rodata + g[n].data : 0);
      const device = mcu.firmware.flash - flash('board') - flash('fill');
      expect(flash('capi')).toBeGreaterThan(0);
      expect(device).toBeLessThanOrEqual(UPDATE_FLASH_TARGET);
      expect(mcu.stack.bytes).not.toBeNull();
      expect(mcu.stack.bytes as number).toBeLessThanOrEqual(4096);
    });
});
