// The whole simulated nightly, as CI runs it: hil/rigs/sim.yaml (two native boards in one pool)
// with the committed suites (conformance matrix + network faults) through runHil. It takes
// ~7-20 s here, well inside the 4-minute budget, so the per-commit test runs all of it instead of
// a sample.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readExceptions } from './conformance/exceptions.js';
import type { Observations } from './conformance/matrix.js';
import { listHil, runHil } from './runner/run.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('simulated nightly (hil/rigs/sim.yaml)', () => {
  it('passes every case with the observers agreeing outside the exceptions file', {
    timeout: 240_000,
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'hil-nightly-'));
    const report = await runHil({
      inventory: join(REPO, 'hil/rigs/sim.yaml'),
      suites: [join(REPO, 'hil/suites/conformance.ts'), join(REPO, 'hil/suites/network-faults.ts')],
      quarantine: join(REPO, 'hil/quarantine.json'),
      outDir: out,
      lockWaitMs: 120_000,
      progress: false,
    });
    const failed = report.results
      .filter((r) => r.status !== 'passed')
      .map((r) => `${r.id}: ${r.status} ${r.message}`);
    expect(failed).toEqual([]);
    expect(report.exitCode).toBe(0);
    // The rig's two native boards form a pool: each case ran once, and both boards took cases.
    expect(new Set(report.results.map((r) => r.id)).size).toBe(report.results.length);
    expect(new Set(report.results.map((r) => r.board))).toEqual(
      new Set(['native-mbedtls-1', 'native-mbedtls-2']),
    );
    const matrix = report.results.filter((r) => r.suite === 'conformance');
    // Every case the suite lists ran: each real bundle × the scenarios of its cloud, plus the
    // small-buffer variants of the record-size scenarios.
    const listed = await listHil({
      inventory: join(REPO, 'hil/rigs/sim.yaml'),
      suites: [join(REPO, 'hil/suites/conformance.ts')],
    });
    expect(matrix.map((r) => r.id).sort()).toEqual(listed.map((c) => c.id).sort());
    for (const bundle of [
      'baltimore-only',
      'azure-rsa',
      'azure-china',
      'azure-all',
      'aws',
      'aws-legacy-root',
    ])
      expect(matrix.some((r) => r.id.includes(`/${bundle}/`))).toBe(true);
    const small = matrix.find((r) => r.id === 'conformance/azure/azure-rsa/in-4k/max-size-records');
    expect((small?.facts.observers as Observations | undefined)?.board).toMatchObject({
      cause: 'other',
      detail: 'record_too_large',
    });
    // Exactly the committed exceptions are excused (a stale one fails its case, see matrix.ts).
    const excused = matrix
      .filter((r) => (r.facts.observers as Observations).excused.length > 0)
      .map((r) => r.id);
    expect(excused.sort()).toEqual(
      readExceptions(join(REPO, 'hil/conformance-exceptions.json'))
        .map((e) => `conformance/${e.case}`)
        .sort(),
    );
    execFileSync('xmllint', [
      '--noout',
      '--schema',
      fileURLToPath(new URL('../test-data/junit/junit-10.xsd', import.meta.url)),
      join(out, 'junit.xml'),
    ]);
    // The matrix, for the record (vitest prints it with the test output).
    console.log(
      matrix
        .map((r) => {
          const o = r.facts.observers as Observations;
          return `${r.id.padEnd(58)} board=${o.board.cause.padEnd(26)} prediction=${o.prediction.cause.padEnd(26)} hub=${o.hub.summary}`;
        })
        .join('\n'),
      `\nnightly: ${report.results.length} cases in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
  });
});
