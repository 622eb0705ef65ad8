// x509-limbo conformance: every one of the 9,780 testcases through verifyChain (the shipped
// verify.wasm), compared with the expectation and with exceptions.json. Fails on a new failure
// AND on an unexpected pass (a listed exception that now matches must be removed). Prints the
// comparison table next to the reference verifiers.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatTable,
  type LimboOutcome,
  type LimboTestcase,
  loadExceptions,
  loadLimbo,
  referenceRows,
  summarize,
} from '../test/limbo.js';
import { runLimboCase } from '../test/limbo-harness.js';
import { initSync } from './wasm.js';

const cases = loadLimbo();
const exceptions = loadExceptions();
const unsupported = new Set(Object.keys(exceptions.unsupportedFeatures));
const skipped = (tc: LimboTestcase) => (tc.features ?? []).some((f) => unsupported.has(f));

describe('x509-limbo', () => {
  const outcomes = new Map<string, LimboOutcome>();
  const codes = new Map<string, string>();
  let elapsedMs = 0;

  beforeAll(() => {
    initSync();
    const t0 = performance.now();
    for (const tc of cases) {
      if (skipped(tc)) {
        outcomes.set(tc.id, 'SKIPPED');
        continue;
      }
      const { outcome, result } = runLimboCase(tc);
      outcomes.set(tc.id, outcome);
      if (!result.ok) codes.set(tc.id, result.error.code);
    }
    elapsedMs = performance.now() - t0;
  });

  it('has a well-formed exceptions file: known ids, a reason each, no skipped case listed', () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const [id, ex] of Object.entries(exceptions.cases)) {
      const tc = byId.get(id);
      expect(tc, `${id} is not an x509-limbo case`).toBeDefined();
      if (!tc) continue;
      expect(ex.result, `${id}: an exception must differ from the expectation`).not.toBe(tc.expected_result);
      expect(ex.reason.length, `${id}: reason`).toBeGreaterThan(40);
      expect(skipped(tc), `${id} is skipped by feature, it needs no exception`).toBe(false);
    }
    for (const [feature, reason] of Object.entries(exceptions.unsupportedFeatures)) {
      expect(
        cases.some((c) => c.features?.includes(feature)),
        `feature ${feature} is used`,
      ).toBe(true);
      expect(reason.length).toBeGreaterThan(40);
    }
  });

  it('matches every expectation except the listed exceptions (no new failure, no unexpected pass)', () => {
    const problems: string[] = [];
    for (const tc of cases) {
      const got = outcomes.get(tc.id);
      if (got === 'SKIPPED') continue;
      const ex = exceptions.cases[tc.id];
      const want = ex ? ex.result : tc.expected_result;
      if (got !== want) {
        problems.push(
          ex
            ? `${tc.id}: now ${got} (expected by x509-limbo) — remove it from exceptions.json`
            : `${tc.id}: got ${got}${codes.has(tc.id) ? ` (${codes.get(tc.id)})` : ''}, expected ${tc.expected_result}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('meets the target: at least 9,730 passes, and only declared wrong acceptances', () => {
    const outcome = (id: string) => outcomes.get(id);
    const all = summarize('hubtrust', cases, outcome);
    const nonBetter = summarize(
      'hubtrust',
      cases.filter((c) => !c.id.startsWith('bettertls::')),
      outcome,
    );
    const declaredAccepts = Object.values(exceptions.cases).filter((e) => e.result === 'SUCCESS').length;
    const table = formatTable([{ all, nonBetterTls: nonBetter }, ...referenceRows(cases)]);
    console.log(`\nx509-limbo, ${cases.length} cases in ${(elapsedMs / 1000).toFixed(1)} s:\n${table}\n`);
    expect(all.pass).toBeGreaterThanOrEqual(9730);
    expect(all.wronglyAccepted).toBe(declaredAccepts);
    expect(all.pass + all.wronglyAccepted + all.wronglyRejected + all.skipped).toBe(9780);
  });
});
