// The verifier on a microcontroller (issue 13): the embedded build (asconfig target "embedded",
// build/verify.embedded.wasm: the chain build, assembly/embedded.ts with the device limits of
// assembly/build-options.ts) translated by wasm2c, compiled for the Cortex-M4 with the port kit's
// freestanding runtime (hosts/mcu/) and run on QEMU's mps2-an386 board.
//
// - Every case of the cross-runtime file (the ones Node, Chromium, wabt and wasm2c-on-x86 agree
//   on in runtimes.test.ts) plus 500 mutated certificates runs on the board; its lines must be
//   exactly the lines Node prints for the same module, and its verdicts those of the shipped
//   module, except where a documented limit of the chain build ends a request: an export it does
//   not have (x509Decode, streaming hashes, the raw RSA and Ed25519 exports), more certificates
//   than its 16 slots (INPUT_TOO_LARGE), Ed25519 (UNSUPPORTED_ALGORITHM), or a request beyond its
//   one page of memory (the board reports the refused memory.grow; a trap in every runtime).
//   It never accepts what the shipped module rejects.
// - Stack high-water mark and instruction counts come from the board (qemu-host.c); the static
//   stack bound and the sizes from the build (hosts/mcu/build.mjs, measure.mjs).
// - The C API example runs natively and on the board with the TypeScript API's verdicts.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TARGETS, CERT_LAYOUT, ERROR_CODES } from '../src/abi.generated.js';
import { ERROR_DETAILS } from '../src/errors.js';
import { pemToDer } from '../src/pem.js';
import { verifyChain } from '../src/verify-chain.js';
import { initSync } from '../src/wasm.js';
import { chainCases } from './chain-cases.js';
import { ed25519Cases } from './ed25519-cases.js';
import { hashCases } from './hash-cases.js';
import { buildMcu, type HostReport, type McuBuild, parseHostReport, runQemu } from './mcu-host.js';
import { mutationChainCases } from './mutation-chain-cases.js';
import { type CheckedCase, encodeCases, runCaseFile, shardCases } from './runtime-cases.js';
import { x509Cases } from './x509-cases.js';

const build = (file: string) => fileURLToPath(new URL(`../build/${file}`, import.meta.url));
const release = new WebAssembly.Module(readFileSync(build('verify.wasm')));
const embeddedBytes = readFileSync(build('verify.embedded.wasm'));
const embedded = new WebAssembly.Module(embeddedBytes);
/** QEMU runs side by side (the CI machine has 2 cores). */
const SHARDS = 2;
/** Generous: the whole file takes ~30 s of emulation on a loaded 2-core machine. */
const QEMU_TIMEOUT_MS = 300_000;
/** The C-stack target. */
const STACK_TARGET = 4096;

function cases(): CheckedCase[] {
  const wasm = new WebAssembly.Instance(release, {}).exports as Record<string, () => number>;
  const certSize = (wasm.x509CertSize as () => number)();
  return [
    ...hashCases(),
    ...ed25519Cases(),
    ...x509Cases(certSize),
    ...chainCases(),
    ...mutationChainCases(500, 0x5eed509),
  ];
}

const shards = shardCases(cases(), SHARDS);
const files = shards.map(encodeCases);
const withoutPages = (line: string) => line.replace(/ p\d+$/, '');
/** Byte offsets of the Cert record's pointer fields (abi.json). */
const CERT_POINTERS = Object.values(CERT_LAYOUT)
  .filter(([, type]) => type === 'usize')
  .map(([offset]) => offset);

/**
 * A case line with every pointer of a printed Cert record made relative to the certificate's DER
 * (Cert.der), so that two builds that place the input at different addresses (the shipped module
 * has the ECDSA comb cache's static memory below its heap, the embedded build does not) compare
 * field by field. Other lines are returned as they are.
 */
function relativePointers(line: string): string {
  if (!line.startsWith('x509-')) return line;
  return line.replace(/\b[0-9a-f]{200,}\b/, (hex) => {
    const bytes = Buffer.from(hex, 'hex');
    const base = bytes.readUInt32LE(CERT_LAYOUT.der[0]);
    for (const at of CERT_POINTERS) {
      const p = bytes.readUInt32LE(at);
      if (p !== 0) bytes.writeUInt32LE((p - base) >>> 0, at);
    }
    return bytes.toString('hex');
  });
}

/** The embedded target's IO area, less the header and output words a case's input carries. */
const IO_LIMIT = BUILD_TARGETS.embedded.MAX_IO - 256;
const TOO_LARGE = String(ERROR_CODES.indexOf('INPUT_TOO_LARGE'));
const UNSUPPORTED = String(ERROR_CODES.indexOf('UNSUPPORTED_ALGORITHM'));
const UNKNOWN_CRITICAL = String(ERROR_CODES.indexOf('UNKNOWN_CRITICAL_EXTENSION'));
/** Detail UNPROCESSED_CRITICAL as the little-endian u32 of the Cert struct's detail field. */
const UNPROCESSED_CRITICAL = (ERROR_DETAILS.find((d) => d.name === 'UNPROCESSED_CRITICAL')?.code ?? 0)
  .toString(16)
  .padStart(2, '0')
  .padEnd(8, '0');
/** Certificates of a verifyChain case's request (leaf + intermediates + roots; header words 1, 2). */
function certificates(c: CheckedCase): number {
  if (c.steps[0]?.call !== 'verifyChain' || c.input.length < 12) return 0;
  const view = new DataView(c.input.buffer, c.input.byteOffset, c.input.length);
  return 1 + view.getUint32(4, true) + view.getUint32(8, true);
}

describe('verify.wasm on an emulated Cortex-M4 (QEMU mps2-an386)', () => {
  let dir: string;
  let mcu: McuBuild;
  let node: string[][];
  let shipped: string[][];
  let board: string[][];
  let reports: HostReport[];
  let statuses: number[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hubtrust-mcu-'));
    mcu = buildMcu('embedded');
    const paths = files.map((f, i) => {
      const path = join(dir, `cases-${i}.bin`);
      writeFileSync(path, f);
      return path;
    });
    const runs = await Promise.all(paths.map((p) => runQemu(mcu.images.qemuHost, [p], QEMU_TIMEOUT_MS)));
    statuses = runs.map((r) => r.status);
    board = runs.map((r) => r.stdout.split('\n').filter((l) => l !== ''));
    reports = runs.map((r) => parseHostReport(r.stderr));
    node = files.map((f) => runCaseFile(new WebAssembly.Instance(embedded, {}).exports, f));
    shipped = files.map((f) => runCaseFile(new WebAssembly.Instance(release, {}).exports, f));
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('translates the module the package build made, with a declared maximum memory', () => {
    expect(mcu.wasmSha256).toBe(createHash('sha256').update(embeddedBytes).digest('hex'));
    expect(WebAssembly.Module.imports(embedded)).toEqual([]);
    // The static buffer is the declared maximum, one page, as Node enforces it; a 16 KiB
    // request (a device chain is 3-6 KiB) fits above the static data.
    expect(mcu.memory).toMatchObject({ initial: 1, maximum: 1, staticPages: 1, heap: null });
    expect(mcu.memory.heapBase + 16 * 1024).toBeLessThanOrEqual(65536);
  });

  it('counts instructions exactly (QEMU -icount) and reports every case', () => {
    for (const [i, r] of reports.entries()) {
      expect(statuses[i]).toBe(0);
      expect(r.calibration).toBe(r.calibrationExpected);
      expect([...r.cases.keys()]).toEqual(shards[i]?.map((c) => c.name));
    }
    const chain = reports.flatMap((r) =>
      [...r.cases].filter(([n]) => n.startsWith('chain-azure-2015-at-2016')),
    );
    expect(chain).toHaveLength(1);
    // One RSA-2048 chain (two signatures, three certificates): millions, not thousands.
    expect(chain[0]?.[1].instructions).toBeGreaterThan(1_000_000);
  });

  it('the board prints exactly the lines Node prints for the same module', () => {
    expect(board.map((b) => b.length)).toEqual(shards.map((s) => s.length));
    const diff = board.flatMap((b, f) => b.filter((l, i) => l !== node[f]?.[i]).slice(0, 5));
    expect(diff).toEqual([]);
  });

  it("has the shipped module's verdicts, except where the chain build's limits end a request", () => {
    const limited = {
      absent: [] as string[],
      memory: [] as string[],
      io: [] as string[],
      slots: [] as string[],
      ed25519: [] as string[],
      policies: [] as string[],
    };
    const wrong: string[] = [];
    shards.forEach((list, f) => {
      list.forEach((c, i) => {
        const line = node[f]?.[i] ?? '';
        const theirs = shipped[f]?.[i] ?? '';
        const [, code] = line.split(' ');
        const [, shippedCode] = theirs.split(' ');
        const refused = (reports[f]?.cases.get(c.name)?.refusedGrows ?? 0) > 0;
        // Never accept what the shipped module rejects.
        if (code === '0' && shippedCode !== '0') wrong.push(`accepts: ${line.slice(0, 160)}`);
        else if (
          relativePointers(withoutPages(line)) === relativePointers(withoutPages(theirs)) &&
          c.expect.test(line)
        )
          return;
        else if (code === '!noexport') limited.absent.push(c.name);
        else if (refused && line === `${c.name} !trap p1`) limited.memory.push(c.name);
        // ioReserve refuses an input beyond the build's IO area (abi.json target "embedded" MAX_IO).
        else if (code === '!io' && c.input.length > IO_LIMIT) limited.io.push(c.name);
        else if (code === TOO_LARGE && certificates(c) > 16) limited.slots.push(c.name);
        else if (code === UNSUPPORTED && /ed25519/i.test(c.name)) limited.ed25519.push(c.name);
        // The embedded build leaves certificate policies out (build-options.ts WITH_POLICIES): a
        // critical policy extension decodes as UNKNOWN_CRITICAL_EXTENSION / UNPROCESSED_CRITICAL.
        else if (code === UNKNOWN_CRITICAL && line.split(' ')[3]?.slice(8, 16) === UNPROCESSED_CRITICAL)
          limited.policies.push(c.name);
        else wrong.push(`${line.slice(0, 160)}\n  shipped ${theirs.slice(0, 160)}`);
      });
    });
    expect(wrong).toEqual([]);
    // Exports of the whole ABI only: x509Decode, streaming hashes, ed25519Verify.
    const exported = new Set(WebAssembly.Module.exports(embedded).map((e) => e.name));
    const byName = new Map(shards.flat().map((c) => [c.name, c]));
    expect(limited.absent.length).toBeGreaterThan(0);
    for (const name of limited.absent)
      expect(
        byName.get(name)?.steps.some((s) => !exported.has(s.call)),
        name,
      ).toBe(true);
    // Only inputs above the ~20 KiB left under the one page (hash cases, pools of roots).
    for (const name of limited.memory) expect(name).toMatch(/^(hash|chain)-/);
    expect(limited.io.length).toBeGreaterThan(0); // the 64 KiB and 100,003-byte hash inputs
    const total = shards.flat().length;
    const same = total - Object.values(limited).reduce((n, l) => n + l.length, 0);
    console.log(
      `mcu: ${same} of ${total} verdicts identical to the shipped module; limits: ${JSON.stringify(Object.fromEntries(Object.entries(limited).map(([k, v]) => [k, v.length])))}`,
    );
    // Every chain case that fits the build (the 500 mutations among them) agrees.
    expect(same).toBeGreaterThan(1000);
  });

  it('runs 500 mutated certificates: no trap, no mutant verifies, each original does', () => {
    const lines = node.flat().filter((l) => l.startsWith('mutation-'));
    expect(lines).toHaveLength(503);
    let unchanged = 0;
    for (const l of lines) {
      expect(l).not.toMatch(/!trap/);
      const [name, code] = l.split(' ');
      const same = /-(original|unchanged)$/.test(name as string);
      if (same) unchanged++;
      expect(code === '0', l.slice(0, 120)).toBe(same);
    }
    expect(unchanged).toBeLessThan(20);
  });

  it('stays within the static C-stack bound and the 4 KiB target', () => {
    const high = Math.max(...reports.flatMap((r) => [...r.cases.values()].map((c) => c.stack)));
    expect(mcu.stack.bytes).not.toBeNull();
    expect(mcu.stack.recursion).toEqual([
      'w2c_assembly_path_build_extend',
      'w2c_assembly_path_build_identity',
    ]);
    expect(high).toBeGreaterThan(256);
    expect(high).toBeLessThanOrEqual(mcu.stack.bytes as number);
    expect(mcu.stack.bytes).toBeLessThanOrEqual(STACK_TARGET);
    expect(high).toBeLessThan(reports[0]?.stackProbe as number);
    console.log(`mcu: C stack ${high} B measured on the board, ${mcu.stack.bytes} B static bound`);
  });

  it('C API example: the same output natively and on the board, with the TypeScript verdicts', async () => {
    const native = await promisify(execFile)(mcu.exampleX86);
    const emulated = await runQemu(mcu.images.example, [], QEMU_TIMEOUT_MS);
    expect(emulated.status).toBe(0);
    expect(emulated.stdout).toBe(native.stdout);
    initSync();
    const roots = new URL('../test-data/roots/', import.meta.url);
    const der = (slug: string) => pemToDer(readFileSync(new URL(`${slug}.pem`, roots), 'utf8'));
    const base = {
      leaf: der('leaf-azure-devices-net-2015'),
      intermediates: [der('microsoft-it-ssl-sha2')],
      roots: [der('baltimore-cybertrust-root')],
      hostname: 'myhub.azure-devices.net',
      time: new Date('2016-06-01T00:00:00Z'),
    };
    const code = (r: ReturnType<typeof verifyChain>) => (r.ok ? 'OK' : r.error.code);
    const trusted = code(verifyChain(base));
    const expired = code(verifyChain({ ...base, time: new Date('2018-06-01T00:00:00Z') }));
    const wrongName = code(verifyChain({ ...base, hostname: 'myhub.azure-devices.example' }));
    const noIca = code(verifyChain({ ...base, intermediates: [] }));
    expect([trusted, expired, wrongName, noIca]).toEqual([
      'OK',
      'EXPIRED',
      'NAME_MISMATCH',
      'UNKNOWN_ISSUER',
    ]);
    const lines = native.stdout.trim().split('\n');
    expect(lines.map((l) => l.replace(/ path=[\d,]* /, ' '))).toEqual([
      `trusted ${trusted} flags=0`,
      `clock-2018 ${expired} flags=0`,
      `wrong-name ${wrongName} flags=0`,
      `no-intermediate ${noIca} flags=0`,
      'too-many-certificates INPUT_TOO_LARGE flags=0',
      'request-beyond-memory INPUT_TOO_LARGE flags=80000000',
      'request-too-large INPUT_TOO_LARGE flags=0',
      `trusted-again ${trusted} flags=0`,
    ]);
    expect(lines[0]).toMatch(/ path=0,1,2 /);
  });

  it("the C header's result codes are abi.json's (hosts/mcu/gen-header.mjs --check)", () => {
    const script = fileURLToPath(new URL('../hosts/mcu/gen-header.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const header = readFileSync(new URL('../hosts/mcu/hubtrust_verify.h', import.meta.url), 'utf8');
    for (const [id, code] of ERROR_CODES.entries()) expect(header).toContain(`HUBTRUST_${code} = ${id},`);
  });

  it('measures the firmware: module, runtime and C API by the linker map', () => {
    const flash = (name: string) => {
      const s = mcu.firmware.groups[name];
      if (!s) throw new Error(`no ${name} in the firmware map`);
      return s.text + s.rodata + s.data;
    };
    // The runtime and the C API are small next to the module.
    expect(flash('runtime')).toBeLessThan(1024);
    expect(flash('capi')).toBeLessThan(2048);
    expect(flash('module')).toBeGreaterThan(10 * flash('capi'));
    // RAM: the static linear memory (1 page) is the runtime's .bss.
    expect(mcu.firmware.groups.runtime?.bss).toBeGreaterThanOrEqual(65536);
    expect(mcu.firmware.groups.runtime?.bss).toBeLessThan(2 * 65536);
    // The target: chain verification in 64 KiB of flash (module, runtime, C API, libc and
    // libgcc; the board's vector table and start-up code are the firmware's own).
    const own = flash('board') + (mcu.firmware.groups.fill ? flash('fill') : 0);
    expect(mcu.firmware.flash - own).toBeLessThanOrEqual(64 * 1024);
    expect(mcu.firmware.flash).toBe(Object.keys(mcu.firmware.groups).reduce((n, g) => n + flash(g), 0));
  });
});
