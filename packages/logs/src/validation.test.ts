import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  confusion,
  examplesMarkdown,
  loadCases,
  loadExamples,
  SETS,
  withTable,
} from '../scripts/confusion.mjs';
import { explainLog } from './classifier.js';
import { renderExplanation } from './render.js';

describe('validation on real device logs', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('gets at least 24 of the 26 labelled development logs right', () => {
    const cases = loadCases(SETS['device-logs']);
    expect(cases.length).toBe(26);
    const r = confusion(explainLog, cases);
    expect(r.correct, r.markdown).toBeGreaterThanOrEqual(24);
  });

  it('shows the README confusion tables and worked examples the current classifier produces', () => {
    let expected = withTable(
      readme,
      'examples',
      examplesMarkdown(explainLog, renderExplanation, loadExamples()),
    );
    for (const [name, dir] of Object.entries(SETS))
      expected = withTable(expected, name, confusion(explainLog, loadCases(dir)).markdown);
    // Biome formats Markdown tables (pads the cells); compare tables cell by cell.
    const cells = (md: string) =>
      md
        .split('\n')
        .map((l) => (l.startsWith('|') ? l.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim() : l))
        .join('\n');
    expect(cells(readme), 'README.md is stale: run `npm run confusion` in packages/logs').toBe(
      cells(expected),
    );
  });

  it('never answers outside the vocabulary and always gives evidence for a cause', () => {
    for (const dir of Object.values(SETS)) {
      for (const c of loadCases(dir)) {
        const e = explainLog(c.bytes);
        if (e.cause !== 'other' || e.detail !== 'no_tls_evidence')
          expect(e.evidence.length, c.file).toBeGreaterThan(0);
        for (const ev of e.evidence) expect(ev.line).toBeGreaterThan(0);
      }
    }
  });
});
