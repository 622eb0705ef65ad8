// Slow-DoS: path building over a cross-signed mesh must end within the budget, and the time it
// takes must not explode as the mesh grows (compared as ratios measured in one process, like
// noble's slow-dos tests; never absolute times).
import { performance } from 'node:perf_hooks';
import { type Issued, identity, intermediate, key, leaf, root, T } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

/**
 * A mesh of `n` intermediates: n/5 CA identities, each cross-signed by the next five, so every
 * certificate has five candidate issuers and paths branch five ways at every step.
 */
function mesh(n: number, trustedIdentity?: number) {
  const ids = Math.max(2, Math.floor(n / 5));
  const names = Array.from({ length: ids }, (_, i) => `Mesh CA ${n}-${i}`);
  const keys = names.map((name) => key(undefined, name));
  const certs: Issued[] = [];
  for (let i = 0; i < ids; i++) {
    for (let k = 1; k <= 5 && certs.length < n; k++) {
      const by = (i + k) % ids;
      certs.push(intermediate(identity(names[by] ?? '', keys[by] ?? key()), { cn: names[i], key: keys[i] }));
    }
  }
  const anchor =
    trustedIdentity === undefined
      ? root({ cn: `Unrelated root ${n}` })
      : root({ cn: names[trustedIdentity], key: keys[trustedIdentity] });
  const ee = leaf(identity(names[0] ?? '', keys[0] ?? key()));
  return { leaf: ee.der, intermediates: certs.map((c) => c.der), roots: [anchor.der], time: T };
}

function timeOf(f: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[1] ?? 0;
}

beforeAll(() => initSync());

describe('cross-signed mesh', () => {
  it('of 50 intermediates with no path ends within the budget', () => {
    const r = verifyChain(mesh(50));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(['BUDGET_EXCEEDED', 'UNKNOWN_ISSUER']).toContain(r.error.code);
    expect(r.work?.buildCalls).toBeLessThanOrEqual(200_000);
    expect(r.work?.signatureChecks).toBe(0);
  });

  it('of 50 intermediates finds the path to a trusted mesh member', () => {
    const r = verifyChain(mesh(50, 7));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.work.signatureChecks).toBeLessThanOrEqual(100);
  });

  it('costs the same per path-building step whatever the mesh size (no super-linear step cost)', () => {
    const sizes = [30, 40, 50, 75];
    const perStep = sizes.map((n) => {
      const m = mesh(n);
      const r = verifyChain(m);
      const steps = Math.max(1, r.work?.buildCalls ?? 1);
      return {
        n,
        steps,
        ms: timeOf(() => verifyChain(m)),
        perStepUs: (timeOf(() => verifyChain(m)) * 1000) / steps,
      };
    });
    console.log(
      `mesh: ${perStep.map((p) => `${p.n} -> ${p.steps} steps, ${p.ms.toFixed(1)} ms`).join('; ')}`,
    );
    const small = perStep[0];
    const large = perStep[perStep.length - 1];
    // A bigger mesh may take more steps (bounded by the budget), but each step costs about the
    // same: only the candidate lists grow, linearly.
    expect((large?.perStepUs ?? 0) / Math.max(small?.perStepUs ?? 1, 0.01)).toBeLessThan(10);
    for (const p of perStep) expect(p.steps).toBeLessThanOrEqual(200_000);
  });

  it('with 100 same-subject intermediates (Go TestPathologicalChains) ends within the budget', () => {
    const certs = Array.from({ length: 100 }, (_, i) =>
      intermediate(identity('Patho CA', key(undefined, `patho-${(i + 1) % 100}`)), {
        cn: 'Patho CA',
        key: key(undefined, `patho-${i}`),
      }),
    );
    const r = verifyChain({
      leaf: leaf(identity('Patho CA', key(undefined, 'patho-0'))).der,
      intermediates: certs.map((c) => c.der),
      roots: [root({ cn: 'Elsewhere' }).der],
      time: T,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['BUDGET_EXCEEDED', 'UNKNOWN_ISSUER']).toContain(r.error.code);
  });
});
