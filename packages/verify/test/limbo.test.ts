import { describe, expect, it } from 'vitest';
import { formatTable, loadLimbo, referenceRows, summarize } from './limbo.js';

describe('x509-limbo data and table', () => {
  it('loads all 9,780 testcases with their expectations', () => {
    const cases = loadLimbo();
    expect(cases).toHaveLength(9780);
    expect(cases.filter((c) => c.expected_result === 'SUCCESS')).toHaveLength(928);
    expect(new Set(cases.map((c) => c.id)).size).toBe(9780);
  });

  it('reproduces the reference table of the vendored README from the per-case results', () => {
    const rows = referenceRows(loadLimbo());
    const byName = Object.fromEntries(rows.map((r) => [r.all.harness, r]));
    const brief = (h: string) => {
      const r = byName[h];
      if (!r) throw new Error(`no row for ${h}`);
      const { all: a, nonBetterTls: n } = r;
      return [
        a.total,
        a.pass,
        a.wronglyAccepted,
        a.wronglyRejected,
        a.skipped,
        n.pass,
        n.wronglyAccepted,
        n.wronglyRejected,
        n.skipped,
      ];
    };
    expect(brief('pyca-cryptography-48.0.0')).toEqual([9780, 9719, 14, 0, 47, 147, 14, 0, 47]);
    expect(brief('gocryptox509-go1.23.5')).toEqual([9780, 9700, 51, 5, 24, 128, 51, 5, 24]);
    expect(brief('openssl-3.0.22')).toEqual([9780, 9534, 118, 118, 10, 145, 47, 6, 10]);
    expect(brief('gnutls-certtool-3.7.9')).toEqual([9780, 8813, 58, 885, 24, 106, 58, 20, 24]);
    expect(formatTable(rows)).toContain(
      '| gocryptox509-go1.23.5 | 9780 | 9700 | 51 | 5 | 24 | 128 / 51 / 5 / 24 |',
    );
  });

  it('counts a missing outcome as skipped and classifies each kind of miss', () => {
    const cases = loadLimbo().slice(0, 4);
    const flipped = (id: string) => {
      const c = cases.find((x) => x.id === id);
      if (!c || id === cases[0]?.id) return undefined;
      return c.expected_result === 'SUCCESS' ? 'FAILURE' : 'SUCCESS';
    };
    const row = summarize('flip', cases, flipped);
    expect(row.total).toBe(4);
    expect(row.skipped).toBe(1);
    expect(row.pass).toBe(0);
    expect(row.wronglyAccepted + row.wronglyRejected).toBe(3);
  });
});
