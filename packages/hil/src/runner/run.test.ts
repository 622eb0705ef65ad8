// The runner end to end on the simulated rig (native board + socat pty + hub-sim), one run per
// exit code, plus the pure parts (plan, shard, exit-code precedence, arguments, JUnit schema).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conformanceCases } from '../conformance/matrix.js';
import { HilError, RigFaultError, TestFailedError } from '../errors.js';
import { parseInventory } from '../inventory/load.js';
import { NATIVE_BOARD_SOURCE, testBundle } from '../testing/native-rig.js';
import { main, parseHilArgs } from './args.js';
import { junitXml } from './junit.js';
import { parseShard, planRun } from './plan.js';
import { type CaseResult, exitCodeOfResults, type RunReport } from './results.js';
import { listHil, runHil } from './run.js';
import type { HilCase, HilSuite } from './suite.js';

const XSD = fileURLToPath(new URL('../../test-data/junit/junit-10.xsd', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const runTs = fileURLToPath(new URL('../testing/run-ts.mjs', import.meta.url));
const lockHolder = fileURLToPath(new URL('../testing/lock-holder.ts', import.meta.url));

function simRig(extra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'hil-run-'));
  const text = `version: 1
rig: test-sim
lockDir: ${join(dir, 'locks')}
boards:
  - id: native-1
    tags: [sim, mbedtls]
    serial: { path: ${join(dir, 'pty')} }
    flasher: { type: native, source: ${NATIVE_BOARD_SOURCE} }
    reset: native
    firmware: { bootBanner: '^hubtrust native-board [0-9.]+ boot' }
    timeouts: { bootMs: 10000, reconnectMs: 1500 }
${extra}`;
  return { dir, inventory: parseInventory(text, join(dir, 'rig.yaml')) };
}

const suite = (name: string, cases: HilCase[]): HilSuite => ({ name, cases: () => cases });

function xmllint(file: string): void {
  execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
}

describe('plan, shards and exit codes', () => {
  const cases = Array.from({ length: 23 }, (_, i) => ({
    id: `c${String(i).padStart(2, '0')}`,
    run: async () => {},
  }));
  const boards = [
    { id: 'b', tags: ['sim'], serial: { path: '/dev/x' }, flasher: { type: 'native' as const } },
  ];

  it('shards deterministically into disjoint parts that cover every case', async () => {
    const whole = (await planRun([suite('s', [...cases].reverse())], boards)).map((p) => p.id);
    expect(whole).toEqual([...whole].sort());
    const parts = await Promise.all(
      [1, 2, 3].map((i) => planRun([suite('s', cases)], boards, { shard: { index: i, total: 3 } })),
    );
    const ids = parts.flat().map((p) => p.id);
    expect(new Set(ids).size).toBe(23);
    expect([...ids].sort()).toEqual(whole);
    expect(parts.map((p) => p.length)).toEqual([8, 8, 7]);
    expect(() => parseShard('4/3')).toThrow(/i\/N/);
    expect(() => parseShard('x')).toThrow(RigFaultError);
    await expect(planRun([suite('s', [cases[0] as HilCase, cases[0] as HilCase])], boards)).rejects.toThrow(
      /two cases are named/,
    );
  });

  it('ranks rig faults over timeouts over failures, and ignores quarantined and skipped cases', () => {
    const r = (status: CaseResult['status'], quarantined = false) => ({ status, quarantined }) as CaseResult;
    expect(exitCodeOfResults([r('passed'), r('skipped')])).toBe(0);
    expect(exitCodeOfResults([r('passed'), r('device-crash')])).toBe(1);
    expect(exitCodeOfResults([r('test-failed'), r('timeout')])).toBe(3);
    expect(exitCodeOfResults([r('timeout'), r('rig-fault')])).toBe(2);
    expect(exitCodeOfResults([r('rig-fault', true), r('passed')])).toBe(0);
  });

  it('parses arguments and refuses unknown ones as rig faults', () => {
    const parsed = parseHilArgs([
      'run',
      '--inventory',
      'r.yaml',
      '--suite',
      'a.ts',
      '--suite',
      'b.ts',
      '--tag',
      'esp32',
      '--shard',
      '2/4',
      '--lock-wait',
      '30',
    ]);
    expect(parsed.options).toMatchObject({
      inventory: 'r.yaml',
      suites: ['a.ts', 'b.ts'],
      tag: ['esp32'],
      shard: '2/4',
      lockWaitMs: 30_000,
    });
    expect(() => parseHilArgs(['run', '--inventory', 'r.yaml', '--suite', 'a', '--bogus'])).toThrow(HilError);
    expect(() => parseHilArgs(['list', '--inventory', 'r.yaml'])).toThrow(/--suite/);
  });

  it('writes JUnit XML that the Jenkins junit-10.xsd accepts, every status and odd text included', () => {
    const base = {
      suite: 's',
      board: 'b<1>',
      attempts: 1,
      durationMs: 1234,
      firmwareHash: 'ab',
      bundle: 'x',
      quarantined: false,
      artifacts: ['/a/raw.log'],
      facts: {},
      startedAt: new Date(0).toISOString(),
    };
    const statuses: CaseResult['status'][] = [
      'passed',
      'skipped',
      'test-failed',
      'device-crash',
      'rig-fault',
      'timeout',
    ];
    const results = statuses.map((status, i) => ({
      ...base,
      id: `s/case-${i} "&"`,
      status,
      message: status === 'passed' ? null : `why\u0000 <${status}>\nmore`,
    }));
    const report: RunReport = {
      startedAt: new Date(0).toISOString(),
      durationMs: 5000,
      rig: 'r',
      inventory: 'i',
      shard: '1/1',
      results: [
        ...results,
        { ...base, id: 's/q', status: 'test-failed', quarantined: true, message: 'flaky' },
      ],
      exitCode: 3,
    };
    const dir = mkdtempSync(join(tmpdir(), 'hil-junit-'));
    writeFileSync(join(dir, 'junit.xml'), junitXml(report));
    xmllint(join(dir, 'junit.xml'));
    // The validator can fail: a report missing a required attribute is rejected.
    writeFileSync(join(dir, 'bad.xml'), junitXml(report).replace(/ tests="\d+" failures/g, ' failures'));
    expect(() => xmllint(join(dir, 'bad.xml'))).toThrow();
  });
});

describe('runner on the simulated rig', () => {
  it('runs a conformance subset, retries a rig fault, reports quarantined failures without failing (exit 0)', async () => {
    const { dir, inventory } = simRig();
    const bundle = await testBundle('baltimore-only', ['baltimore-cybertrust-root']);
    const { loadTestPki } = await import('@hubtrust/hub-sim');
    const pki = await loadTestPki();
    const matrix = conformanceCases({
      bundles: [
        {
          name: 'baltimore-only',
          cloud: 'azure',
          rootsPem: [pki.certificatePem('baltimore-cybertrust-root')],
          firmware: bundle,
        },
      ],
      scenarios: ['legacy-baltimore', 'current', 'untrusted-root'],
    });
    let attempts = 0;
    const extra: HilCase[] = [
      {
        id: 'flaky-rig',
        run: async () => {
          attempts += 1;
          if (attempts === 1) throw new RigFaultError('USB hub glitch');
        },
      },
      {
        id: 'known-bad',
        run: async () => Promise.reject(new TestFailedError('tracked in the quarantine list')),
      },
    ];
    writeFileSync(
      join(dir, 'quarantine.json'),
      JSON.stringify({ quarantine: [{ id: 'misc/known-bad', reason: 'firmware bug #12' }] }),
    );
    const report = await runHil({
      inventory,
      suites: [suite('conformance', matrix), suite('misc', extra)],
      outDir: join(dir, 'out'),
      quarantine: join(dir, 'quarantine.json'),
      progress: false,
    });
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(report.exitCode).toBe(0);
    expect(byId['conformance/azure/baltimore-only/legacy-baltimore']).toMatchObject({
      status: 'passed',
      board: 'native-1',
      bundle: 'baltimore-only',
      attempts: 1,
    });
    expect(byId['conformance/azure/baltimore-only/current']?.facts.observers).toMatchObject({
      board: { cause: 'unknown_ca' },
      prediction: { cause: 'unknown_ca', source: 'verify-profile' },
    });
    expect(byId['misc/flaky-rig']).toMatchObject({ status: 'passed', attempts: 2 });
    expect(byId['misc/known-bad']).toMatchObject({ status: 'test-failed', quarantined: true, attempts: 1 });
    const first = byId['conformance/azure/baltimore-only/current'] as CaseResult;
    expect(first.firmwareHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.durationMs).toBeGreaterThan(0);
    expect(readFileSync(first.artifacts[1] as string, 'utf8')).toMatch(
      /hubtrust: result stage=handshake ret=-0x2700/,
    );
    const json = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as RunReport;
    expect(json.results).toHaveLength(5);
    xmllint(join(dir, 'out', 'junit.xml'));
  });

  it('ends a crash as a device crash without retrying it (exit 1)', { timeout: 20_000 }, async () => {
    const { dir, inventory } = simRig();
    const bundle = await testBundle('g2', ['digicert-global-root-g2']);
    const report = await runHil({
      inventory,
      suites: [
        suite('s', [
          {
            id: 'crash',
            bundle,
            run: async (b) => {
              await b.console.write('crash\n');
              await b.console.expect('never', { timeout: 10_000 });
            },
          },
        ]),
      ],
      outDir: join(dir, 'out'),
      progress: false,
    });
    expect(report.results[0]).toMatchObject({ status: 'device-crash', attempts: 1 });
    expect(report.results[0]?.message).toMatch(/MbedOS Fault Handler/);
    expect(report.exitCode).toBe(1);
  });

  it('is a timeout when the board never prints what the test waits for (exit 3)', async () => {
    const { dir, inventory } = simRig();
    const bundle = await testBundle('g2', ['digicert-global-root-g2']);
    const report = await runHil({
      inventory,
      suites: [
        suite('s', [
          {
            id: 'silent',
            bundle,
            run: async (b) => {
              await b.console.expect('MQTT CONNACK', { timeout: 500 });
            },
          },
        ]),
      ],
      outDir: join(dir, 'out'),
      progress: false,
    });
    expect(report.results[0]).toMatchObject({ status: 'timeout', attempts: 1 });
    expect(report.exitCode).toBe(3);
  });

  it('stops on its signal: the running case abandoned, the board shut down, the lock released, no report', async () => {
    const { dir, inventory } = simRig();
    const bundle = await testBundle('g2', ['digicert-global-root-g2']);
    const controller = new AbortController();
    let secondRan = false;
    const run = runHil({
      inventory,
      suites: [
        suite('s', [
          {
            id: 'a-waits',
            bundle,
            run: async (b) => {
              setTimeout(() => controller.abort(new Error('stop now')), 200);
              await b.console.expect('never printed', { timeout: 30_000 });
            },
          },
          {
            id: 'b-never',
            bundle,
            run: async () => {
              secondRan = true;
            },
          },
        ]),
      ],
      outDir: join(dir, 'out'),
      progress: false,
      signal: controller.signal,
    });
    const started = Date.now();
    await expect(run).rejects.toThrow('stop now');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(secondRan).toBe(false);
    expect(existsSync(join(dir, 'locks', 'native-1.lock'))).toBe(false);
    expect(existsSync(join(dir, 'pty'))).toBe(false); // socat stopped: the pty link is gone
    expect(existsSync(join(dir, 'out', 'report.json'))).toBe(false);
  });

  it('is a rig fault when the port disappears mid-test, with the log kept (exit 2)', async () => {
    const { dir, inventory } = simRig();
    const bundle = await testBundle('g2', ['digicert-global-root-g2']);
    const report = await runHil({
      inventory,
      suites: [
        suite('s', [
          {
            id: 'unplugged',
            bundle,
            run: async (b) => {
              await b.console.write('echo before the unplug\n');
              await b.console.expect('before the unplug');
              // Unplug: the console's device node goes away and does not come back.
              execFileSync('rm', ['-f', b.spec.serial.path as string]);
              await b.console.expect('never', { timeout: 20_000 });
            },
          },
        ]),
      ],
      outDir: join(dir, 'out'),
      retries: 0,
      progress: false,
    });
    expect(report.results[0]).toMatchObject({ status: 'rig-fault' });
    expect(report.results[0]?.message).toMatch(/disappeared/);
    expect(report.exitCode).toBe(2);
    const log = readFileSync(report.results[0]?.artifacts[1] as string, 'utf8');
    expect(log).toMatch(/before the unplug[\s\S]*\[hil\] serial port disappeared/);
  });

  it('fails clearly when another runner holds the board (exit 2), lets another board of its pool run, and lists without touching boards', async () => {
    const { dir, inventory } = simRig();
    const holder = spawn(process.execPath, [runTs, lockHolder, join(dir, 'locks'), 'native-1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await Promise.race([
        once(holder.stdout, 'data'),
        once(holder, 'exit').then(() => expect.fail('holder exited')),
      ]);
      const cases: HilCase[] = [{ id: 'a', run: async () => {} }];
      expect(await listHil({ inventory, suites: [suite('s', cases)] })).toEqual([
        { id: 's/a', suite: 's', boards: ['native-1'], bundle: null, quarantined: false },
      ]);
      const report = await runHil({
        inventory,
        suites: [suite('s', cases)],
        outDir: join(dir, 'out'),
        progress: false,
      });
      expect(report.exitCode).toBe(2);
      expect(report.results[0]?.message).toMatch(new RegExp(`locked by PID ${holder.pid}`));
      // In a pool, the free board takes every case the held one would have shared.
      const pooled = parseInventory(
        `version: 1
lockDir: ${join(dir, 'locks')}
boards:
${['native-1', 'native-2']
  .map(
    (id) => `  - id: ${id}
    pool: natives
    serial: { path: ${join(dir, `pty-${id}`)} }
    flasher: { type: native, source: ${NATIVE_BOARD_SOURCE} }
    reset: native
    firmware: { bootBanner: '^hubtrust native-board [0-9.]+ boot' }
`,
  )
  .join('')}`,
        join(dir, 'pool.yaml'),
      );
      const bundle = await testBundle('pool', ['digicert-global-root-g2']);
      const pool = await runHil({
        inventory: pooled,
        suites: [
          suite(
            'p',
            ['x', 'y', 'z'].map((id) => ({ id, bundle, run: async () => {} })),
          ),
        ],
        outDir: join(dir, 'out-pool'),
        progress: false,
      });
      expect(pool.results.map((r) => [r.id, r.status, r.board])).toEqual([
        ['p/x', 'passed', 'native-2'],
        ['p/y', 'passed', 'native-2'],
        ['p/z', 'passed', 'native-2'],
      ]);
      expect(pool.exitCode).toBe(0);
    } finally {
      holder.kill('SIGTERM');
    }
  });

  it('exits 2 with file, line and field for a malformed inventory; lists the committed suites as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-main-'));
    writeFileSync(
      join(dir, 'rig.yaml'),
      'version: 1\nboards:\n  - id: x\n    serial: { path: /dev/ttyUSB0 }\n    flasher: { type: esptol }\n',
    );
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) =>
      ({ write: (s: string) => into.push(s) }) as unknown as NodeJS.WritableStream;
    const code = await main(
      ['run', '--inventory', join(dir, 'rig.yaml'), '--suite', 'x.ts'],
      sink(out),
      sink(err),
    );
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/rig\.yaml:5:\d+: boards\[0\]\.flasher/);
    const listed = await main(
      [
        'list',
        '--json',
        '--inventory',
        join(REPO, 'hil/rigs/sim.yaml'),
        '--suite',
        join(REPO, 'hil/suites/conformance.ts'),
        '--shard',
        '1/2',
      ],
      sink(out),
      sink(err),
    );
    expect(listed).toBe(0);
    const cases = JSON.parse(out.join('')) as { id: string }[];
    const all = await listHil({
      inventory: join(REPO, 'hil/rigs/sim.yaml'),
      suites: [join(REPO, 'hil/suites/conformance.ts')],
    });
    expect(cases.map((c) => c.id)).toEqual(all.filter((_, i) => i % 2 === 0).map((c) => c.id));
    expect(cases[0]?.id).toBe(all[0]?.id);
    expect(cases.length).toBe(Math.ceil(all.length / 2));
  });
});
