import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestPki } from '@hubtrust/hub-sim';
import { describe, expect, it } from 'vitest';
import { runCli, schemaErrors, spawnCli, tempDir } from '../testing/cli.js';
import { REPO, simRig as simRigIn } from '../testing/fixtures.js';
import { hilArgv } from './hil.js';

const CONFORMANCE = join(REPO, 'hil/suites/conformance.ts');
const dir = tempDir();
const simRig = (name: string) => simRigIn(dir, name);

/** A JavaScript suite (no TypeScript loader needed) whose one case waits or fails on the board. */
async function jsSuite(file: string, body: string): Promise<string> {
  const { firmwareBundle } = await import('@hubtrust/hil');
  const pki = await loadTestPki();
  const bundle = firmwareBundle('g2', [pki.certificatePem('digicert-global-root-g2')]);
  writeFileSync(
    file,
    `export default { name: 'cli-test', cases: () => [{ id: 'case', bundle: ${JSON.stringify(bundle)}, run: async (board) => { ${body} } }] };\n`,
  );
  return file;
}

describe('hil list', () => {
  it('lists the conformance matrix; --json matches its schema; --shard splits it', async () => {
    const { rig } = simRig('list');
    const r = await runCli(['hil', 'list', '--rig', rig, '--suite', CONFORMANCE, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('hil-list', json)).toEqual([]);
    expect(json.cases.length).toBeGreaterThanOrEqual(50);
    expect(json.cases.map((c: { id: string }) => c.id)).toContain('conformance/azure/baltimore-only/current');
    const half = JSON.parse(
      (
        await runCli([
          'hil',
          'run',
          '--list',
          '--json',
          '--rig',
          rig,
          '--suite',
          CONFORMANCE,
          '--shard',
          '1/2',
        ])
      ).stdout,
    );
    expect(schemaErrors('hil-list', half)).toEqual([]);
    expect(half.shard).toBe('1/2');
    expect(half.cases.length).toBe(Math.ceil(json.cases.length / 2));
    const text = await runCli(['hil', 'list', '--rig', rig, '--suite', CONFORMANCE, '--filter', 'aws/']);
    expect(text.stdout).toMatch(/^conformance\/aws\/aws\/\S+ {2}\[native-mbedtls-1\] {2}bundle aws$/m);
  });
});

describe('hil run on the simulated rig', () => {
  it('two conformance cases pass on the native board: exit 0, reports, progress on stderr, --json and --html', async () => {
    const { rig, pty, locks } = simRig('run');
    const out = join(dir, 'out');
    const html = join(dir, 'hil.html');
    const r = await runCli([
      'hil',
      'run',
      '--rig',
      rig,
      '--suite',
      CONFORMANCE,
      '--filter',
      'azure/azure-rsa/current',
      '--filter',
      'azure/baltimore-only/current',
      '--out',
      out,
      '--json',
      '--html',
      html,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('hil-run', json)).toEqual([]);
    // In the order the board ran them (hil groups a board's cases by bundle).
    expect(json.results.map((x: { id: string; status: string }) => [x.id, x.status]).sort()).toEqual([
      ['conformance/azure/azure-rsa/current', 'passed'],
      ['conformance/azure/baltimore-only/current', 'passed'],
    ]);
    // The board with only Baltimore refuses today's Azure chain, as the prediction and the hub say.
    const baltimore = json.results.find((x: { id: string }) => x.id.includes('baltimore-only')).facts
      .observers;
    expect(baltimore.board.cause).toBe('unknown_ca');
    expect(baltimore.prediction.cause).toBe('unknown_ca');
    expect(json.reports).toEqual({ junit: join(out, 'junit.xml'), json: join(out, 'report.json'), html });
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('conformance/azure/baltimore-only/current');
    expect(r.stderr).toMatch(/^ok {3}native-mbedtls-1 conformance\/azure\/azure-rsa\/current/m);
    expect(existsSync(pty)).toBe(false); // the board was shut down
    expect(existsSync(join(locks, 'native-mbedtls-1.lock'))).toBe(false);
  });

  it('a failing case: exit 1, named on stdout', async () => {
    const { rig } = simRig('fail');
    const suite = await jsSuite(join(dir, 'failing.mjs'), "throw new Error('the board never said hello');");
    const r = await runCli(['hil', 'run', '--rig', rig, '--suite', suite, '--out', join(dir, 'out-fail')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED cli-test/case on native-mbedtls-1: Error: the board never said hello');
    expect(r.stdout).toContain('✗ 1 failed');
  });

  it('Ctrl-C mid-case: exit 130, the board and its pty gone, the lock released', {
    timeout: 60_000,
  }, async () => {
    const { rig, pty, locks } = simRig('sigint');
    const suite = await jsSuite(
      join(dir, 'waiting.mjs'),
      "process.stderr.write('case running\\n'); await board.console.expect('never printed', { timeout: 60000 });",
    );
    const child = spawnCli(['hil', 'run', '--rig', rig, '--suite', suite, '--out', join(dir, 'out-sigint')]);
    await child.waitFor(/case running/, 45_000);
    expect(existsSync(pty)).toBe(true);
    child.signal('SIGINT');
    const r = await child.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('hubtrust hil run: interrupted');
    expect(existsSync(pty)).toBe(false);
    expect(existsSync(join(locks, 'native-mbedtls-1.lock'))).toBe(false);
    // No socat (nor board) of this run is left: socat is named with the pty path on its command line.
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(pty));
    expect(left).toEqual([]);
  });
});

describe('hil: bad input, exit 2 with a message', () => {
  it('no --rig, a malformed inventory, a bad shard, a missing suite', async () => {
    const { rig } = simRig('bad');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'version: 1\nboards:\n  - id: x\n    serial: {}\n    flasher: { type: teleport }\n',
    );
    const cases: [string[], RegExp][] = [
      [['hil', 'run', '--suite', CONFORMANCE], /run needs --rig and at least one --suite/],
      [
        ['hil', 'list', '--rig', broken, '--suite', CONFORMANCE],
        /invalid rig inventory:\n {2}.*broken\.yaml:4:\d+: boards\[0\]\.serial: .*\n {2}.*broken\.yaml:5:\d+: boards\[0\]\.flasher/,
      ],
      [['hil', 'list', '--rig', rig, '--suite', CONFORMANCE, '--shard', '3/2'], /i\/N/],
      [['hil', 'list', '--rig', rig, '--suite', join(dir, 'none.ts')], /cannot load suite .*none\.ts/],
      [
        ['hil', 'run', '--rig', rig, '--suite', CONFORMANCE, '--retries', 'many'],
        /--retries must be a non-negative number/,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });
});

describe('the option schema', () => {
  it('the generated copy is @hubtrust/hil HIL_ARGS (run scripts/gen-hil-args.mjs when it changes)', () => {
    const script = fileURLToPath(new URL('../../scripts/gen-hil-args.mjs', import.meta.url));
    // Throws (exit 1, naming the file) when the copy differs.
    execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });
  });

  it('every option reaches the runner, --rig as --inventory, paths resolved', () => {
    expect(
      hilArgv(
        'run',
        {
          rig: 'r.yaml',
          suite: ['a.ts', 'b.ts'],
          board: ['b1'],
          tag: ['esp32'],
          shard: '1/2',
          filter: ['x'],
          quarantine: 'q.json',
          out: 'o',
          junit: 'j.xml',
          report: 'r.json',
          retries: '2',
          lockWait: '5',
          firmware: 'fw.bin',
          list: true,
          html: 'h.html',
        },
        '/w',
      ),
    ).toEqual([
      'run',
      ...['--inventory', '/w/r.yaml', '--suite', '/w/a.ts', '--suite', '/w/b.ts', '--board', 'b1'],
      ...['--tag', 'esp32', '--shard', '1/2', '--filter', 'x', '--quarantine', '/w/q.json'],
      ...['--out', '/w/o', '--junit', '/w/j.xml', '--report', '/w/r.json', '--retries', '2'],
      ...['--lock-wait', '5', '--firmware', '/w/fw.bin'],
    ]);
  });
});
