import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeTables, withTables } from './testing/readme-tables.js';

const path = new URL('../README.md', import.meta.url);

/** Biome aligns Markdown table columns; compare tables cell by cell, not by padding. */
const unpadded = (md: string) =>
  md
    .split('\n')
    .map((line) =>
      line.startsWith('|') ? line.replace(/\s*\|\s*/g, '|').replace(/\|-+(?=\|)/g, '|---') : line,
    )
    .join('\n');

describe('README tables', () => {
  it('are the ones the data generates (npm run readme-tables rewrites them, then biome format aligns them)', () => {
    const readme = readFileSync(path, 'utf8');
    const want = withTables(readme, readmeTables());
    if (process.env.HUBTRUST_WRITE_README === '1') writeFileSync(path, want);
    else expect(unpadded(readme)).toBe(unpadded(want));
  });
});
